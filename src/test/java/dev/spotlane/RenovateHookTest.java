package dev.spotlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.lint.Finding;
import dev.spotlane.policy.Policy;
import dev.spotlane.transform.FixResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays Renovate's part for the post-upgrade hook ({@code docs/renovate.md}): take a repository that follows the
 * policy, make the text edit Renovate's gitlabci manager would make, run the hook through the library
 * ({@link Spotlane#fix} then {@link Spotlane#write}, what {@code spotlane fix} does), and check that the pull_policy
 * follows the image's new class and nothing else changes.
 *
 * <p>Input: {@code golden/renovate/repo}. Expected output per case: {@code golden/renovate/<case>/expected/<file>};
 * a missing file means "Renovate's edit stands as it is".
 */
class RenovateHookTest {
    private static final Path REPO = Path.of("src/test/resources/golden/renovate/repo");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/renovate");
    private static final String DIGEST_A = "1".repeat(64);

    private static Path copy(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(REPO)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(REPO.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        return dir;
    }

    private static Map<String, String> texts(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Renovate's edit: one reference replaced in place, nothing else touched. */
    private static void renovate(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(1, text.split(java.util.regex.Pattern.quote(from), -1).length - 1,
                "\"" + from + "\" should occur once in " + file);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The hook: what {@code postUpgradeTasks.commands: ["spotlane fix"]} runs, through the library. */
    private static FixResult hook(Path repo) throws Exception {
        Policy policy = Spotlane.policy(repo, null);
        FixResult result = Spotlane.fix(repo, policy);
        Spotlane.write(result);
        return result;
    }

    private static void check(String name, Path repo, String file, String from, String to) throws Exception {
        renovate(repo.resolve(file), from, to);
        Map<String, String> renovated = texts(repo);

        hook(repo);

        Map<String, String> after = texts(repo);
        assertEquals(renovated.keySet(), after.keySet());
        for (String f : after.keySet()) {
            Path expected = GOLDEN.resolve(name).resolve("expected").resolve(f);
            if (Golden.updating() && !after.get(f).equals(renovated.get(f))) {
                Golden.assertMatches(expected, after.get(f));
            }
            String want = Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8)
                    : renovated.get(f);
            assertEquals(want, after.get(f), f);
            // whatever the hook changed is a pull_policy line and nothing else
            List<String> a = renovated.get(f).lines().toList();
            List<String> b = after.get(f).lines().toList();
            assertEquals(a.size(), b.size(), f);
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    assertTrue(a.get(i).strip().startsWith("pull_policy:") && b.get(i).strip().startsWith(
                            "pull_policy:"), f + ":" + (i + 1) + ": " + a.get(i) + " -> " + b.get(i));
                }
            }
        }
        // the hook is idempotent: Renovate may run it again on the same branch
        assertFalse(hook(repo).changed());
        // and the repository lints clean of pull-policy findings afterwards
        List<Finding> findings = new ArrayList<>(Spotlane.lint(repo, Spotlane.policy(repo, null)));
        findings.removeIf(x -> !x.checkId().startsWith("pull-policy"));
        assertEquals(List.of(), findings);
    }

    @Test
    void theFixtureFollowsThePolicyBeforeRenovateTouchesIt(@TempDir Path dir) throws Exception {
        Path repo = copy(dir);
        assertFalse(hook(repo).changed());
        assertEquals(texts(REPO), texts(repo));
    }

    @Test
    void pinningAServiceByDigestMakesItsPullPolicyIfNotPresent(@TempDir Path dir) throws Exception {
        // pinDigests: postgres:18 -> postgres:18@sha256:<digest>; pinned images are cached on the AMI
        check("pin-digest", copy(dir), ".gitlab-ci.yml", "- name: postgres:18\n",
                "- name: postgres:18@sha256:" + "2".repeat(64) + "\n");
    }

    @Test
    void aDigestBumpKeepsThePinnedPolicyAndChangesNothingElse(@TempDir Path dir) throws Exception {
        check("digest-bump", copy(dir), ".gitlab-ci.yml", "golang:1.24@sha256:" + DIGEST_A,
                "golang:1.24@sha256:" + "3".repeat(64));
    }

    @Test
    void aTagBumpOfAnUnpinnedToolImageKeepsAlways(@TempDir Path dir) throws Exception {
        // in an included file, one of the fileFilters (.gitlab/ci/**)
        check("tag-bump", copy(dir), ".gitlab/ci/lint.yml", "golangci/golangci-lint:v2.1.0",
                "golangci/golangci-lint:v2.2.0");
    }

    @Test
    void aPinnedImageThatLosesItsDigestGoesBackToAlways(@TempDir Path dir) throws Exception {
        // a hand edit (or replacing a digest-pinned image with a floating tag): the class follows the text
        check("unpin", copy(dir), ".gitlab-ci.yml", "golang:1.24@sha256:" + DIGEST_A, "golang:1.25");
    }
}
