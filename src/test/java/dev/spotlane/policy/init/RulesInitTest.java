package dev.spotlane.policy.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.yaml.Source;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code spotlane init} places tags, and that whatever a tag holds, the file loads back to the same tags. */
class RulesInitTest {

    @Test
    void tagsNamingAPlatformBelongToOtherRunners() {
        for (String t : List.of("windows", "win32", "Windows-2022", "saas-linux-small-amd64", "gitlab-org-docker",
                "macos_14", "freebsd-12", "arm64", "x86_64", "shell", "powershell", "gpu", "cuda-12", "vs2017",
                "msys2", "s390x", "k8s")) {
            assertTrue(TagHeuristic.otherRunnerReason(t) != null, t);
        }
        for (String t : List.of("docker", "linux", "local", "my-runner", "build", "not-intended-for-forks",
                "docker-executor", "ci", "team-a")) {
            assertNull(TagHeuristic.otherRunnerReason(t), t);
        }
    }

    @Test
    void aMixedSetGoesWholeToAnotherRunnerAndSubsetsAreDropped() {
        InitPlan plan = RulesInit.plan(List.of(
                new TagUse(List.of("docker"), List.of("build")),
                new TagUse(List.of("docker", "windows"), List.of("win-build")),
                new TagUse(List.of("windows"), List.of("win-test")),
                new TagUse(List.of("cloud", "c7g"), List.of("mutation-test"))), null, 0, null);
        assertEquals(List.of("docker"), plan.localTags());
        assertEquals(List.of(List.of("docker", "windows")), plan.otherRunners().stream().map(InitPlan.OtherRunner::tags)
                .toList());
        assertEquals(TagDecision.Side.LOCAL, side(plan, "docker"));
        assertEquals(TagDecision.Side.OTHER, side(plan, "windows"));
        assertEquals(TagDecision.Side.CLOUD, side(plan, "c7g"));
        assertTrue(plan.requirePinnedServices());
    }

    @Test
    void oddTagsAreQuotedAndLoadBackAsWritten() throws Exception {
        List<String> odd = List.of("yes", "1.0", "a,b", "say \"hi\"", "über", "#x", "- y", "null", "on");
        InitPlan plan = RulesInit.plan(List.of(new TagUse(odd, List.of("odd"))), null, 3, null);
        Policy policy = PolicyLoader.load(new Source(".spotlane.yml", plan.text()), Path.of("."));
        assertEquals(odd, policy.routing().localTags());
        assertEquals(false, policy.images().requirePinnedServices());
        assertTrue(plan.text().contains("3 service image(s) are not pinned"), plan.text());
    }

    @Test
    void noTagsAtAllLeavesTheLocalRunnerWithoutTags() throws Exception {
        InitPlan plan = RulesInit.plan(List.of(), null, 0, null);
        assertEquals(List.of(), plan.localTags());
        assertTrue(plan.text().contains("\n  local_tags: []\n"), plan.text());
        assertTrue(plan.text().contains("\n  other_runners: []"), plan.text());
        assertTrue(plan.text().contains("\n  require_pinned_services: true\n  allowlist:"), "the bundled comment of a"
                + " replaced key goes with it:\n" + plan.text());
    }

    private static TagDecision.Side side(InitPlan plan, String tag) {
        return plan.decisions().stream().filter(d -> d.tag().equals(tag)).findFirst().orElseThrow().side();
    }
}
