package dev.spotlane.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.yaml.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.toml.TomlMapper;

class RunnerConfigTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/fleet");

    /** The bundled rules with a different routing mode and classes that each carry a tag. */
    static Policy policy(String mode, String t4gTags) throws Exception {
        String text = Files.readString(Path.of("rules/spotlane.yml"))
                .replace("policy: explicit", "policy: " + mode)
                .replace("t4g: { tags: [t4g], default: true }", "t4g: { tags: " + t4gTags + ", default: true }");
        return PolicyLoader.load(new Source("rules.yml", text), Path.of("."));
    }

    @Test
    void explicitConfigMatchesItsGoldenAndReadsBack() throws Exception {
        RunnerConfig c = RunnerConfig.generate(policy("explicit", "[t4g]"));
        Golden.assertMatches(GOLDEN.resolve("explicit.config.toml"), c.toml());
        JsonNode root = new TomlMapper().readTree(c.toml());
        assertEquals(14, root.path("concurrent").asInt());
        assertEquals(2, root.path("runners").size());
        JsonNode t4g = root.path("runners").get(0);
        assertEquals("docker-autoscaler", t4g.path("executor").asString());
        assertEquals("${SPOTLANE_RUNNER_TOKEN_T4G}", t4g.path("token").asString());
        assertEquals("spotlane-t4g", t4g.path("autoscaler").path("plugin_config").path("name").asString());
        assertEquals(0, t4g.path("autoscaler").path("policy").get(0).path("idle_count").asInt());
        assertEquals("20m", t4g.path("autoscaler").path("policy").get(0).path("idle_time").asString());
        assertEquals(List.of("always", "if-not-present"),
                strings(t4g.path("docker").path("allowed_pull_policies")));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        assertTrue(c.creations().stream().noneMatch(RunnerConfig.Creation::runUntagged));
    }

    @Test
    void overflowLetsOnlyTheDefaultClassRunUntagged() throws Exception {
        RunnerConfig c = RunnerConfig.generate(policy("overflow", "[t4g]"));
        Golden.assertMatches(GOLDEN.resolve("overflow.config.toml"), c.toml());
        assertTrue(c.byClass().get("t4g").runUntagged());
        assertTrue(!c.byClass().get("c7g").runUntagged());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void everyClassesJobsAreAcceptedByExactlyItsOwnRunner() throws Exception {
        for (String mode : List.of("explicit", "overflow")) {
            Policy p = policy(mode, "[t4g]");
            RunnerConfig c = RunnerConfig.generate(p);
            for (RunnerConfig.Creation cls : c.creations()) {
                boolean overflowDefault = mode.equals("overflow") && p.routing().classes().get(cls.className())
                        .isDefault();
                List<String> jobTags = overflowDefault ? List.of() : cls.tags();
                List<String> takers = new ArrayList<>();
                for (RunnerConfig.Creation runner : c.creations()) {
                    if (RunnerConfig.accepts(runner, jobTags)) {
                        takers.add(runner.className());
                    }
                }
                assertEquals(List.of(cls.className()), takers, mode + ": runners taking " + cls.className() + " jobs");
            }
        }
    }

    /**
     * The tags {@code spotlane fix} gives the jobs of every fix fixture (with the fixture's own rules, else the
     * bundled ones) are taken by exactly one runner of the config generated from the same rules.
     */
    @Test
    void everyJobFixRoutesOnTheFixturesIsTakenByExactlyOneRunner() throws Exception {
        int checked = 0;
        try (var cases = Files.list(Path.of("src/test/resources/golden/fix"))) {
            for (Path input : cases.map(c -> c.resolve("input")).filter(Files::isDirectory).sorted().toList()) {
                if (!Files.isRegularFile(input.resolve(".gitlab-ci.yml"))) {
                    continue;
                }
                Policy p = dev.spotlane.Spotlane.policy(input, null);
                RunnerConfig c = RunnerConfig.generate(p);
                dev.spotlane.transform.FixResult r;
                try {
                    r = dev.spotlane.Spotlane.fix(input, p);
                } catch (dev.spotlane.SpotlaneException e) {
                    continue;
                }
                for (dev.spotlane.transform.Decision d : r.decisions()) {
                    if (d.className() == null || d.outcome() == dev.spotlane.transform.Decision.Outcome.KEEP) {
                        continue;
                    }
                    List<String> takers = c.creations().stream().filter(run -> RunnerConfig.accepts(run, d.to()))
                            .map(RunnerConfig.Creation::className).toList();
                    if (takers.size() > 1) {
                        // rules whose classes overlap: runner-config must say so, naming this class
                        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("jobs routed to \""
                                + d.className() + "\"")), input + ": overlap not reported: " + c.warnings());
                        continue;
                    }
                    assertEquals(List.of(d.className()), takers, input + ": job \"" + d.job() + "\" " + d.to());
                    checked++;
                }
            }
        }
        assertTrue(checked > 20, "jobs checked: " + checked);
    }

    @Test
    void aDefaultClassWithoutItsOwnTagIsReported() throws Exception {
        RunnerConfig c = RunnerConfig.generate(policy("explicit", "[]"));
        assertEquals(List.of("jobs routed to \"t4g\" (tags [cloud]) are also accepted by the \"c7g\" runner (tags"
                + " [cloud, c7g]); give \"t4g\" a tag of its own in routing.classes to keep them apart"), c.warnings());
    }

    @Test
    void iamPolicyIsScopedToTheFleetGroups() throws Exception {
        String json = IamPolicy.json(policy("explicit", "[t4g]").fleet(), "123456789012");
        Golden.assertMatches(GOLDEN.resolve("iam-policy.json"), json);
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode scale = root.path("Statement").get(0);
        assertEquals(List.of("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/"
                + "spotlane-t4g", "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:"
                + "autoScalingGroupName/spotlane-c7g"), strings(scale.path("Resource")));
        JsonNode connect = root.path("Statement").get(2);
        assertEquals(List.of("spotlane-t4g", "spotlane-c7g"), strings(connect.path("Condition").path("StringEquals")
                .path("ec2:ResourceTag/aws:autoscaling:groupName")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
