package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Spotlane;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.transform.FixResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotlane fix} (the library calls a Renovate hook makes) on a copy of {@code golden/lint/fix-then-lint/},
 * then lint again: the fixable findings (routing-drift, pull-policy-mismatch) are gone, the others stay.
 */
class FixThenLintTest {
    static final Path CASE = LintGoldenTest.DIR.resolve("fix-then-lint");
    static final Set<String> FIXABLE = Set.of("routing-drift", "pull-policy-mismatch");

    @Test
    void fixMakesEveryFixableFindingDisappear(@TempDir Path dir) throws Exception {
        Path repo = copy(CASE, dir.resolve("repo"));
        Policy policy = PolicyLoader.bundled();
        List<Finding> before = LintRun.lint(repo, ".gitlab-ci.yml", policy);
        List<Finding> fixable = before.stream().filter(f -> FIXABLE.contains(f.checkId())).toList();
        assertTrue(fixable.size() >= 8, "the case needs fixing: " + before);
        assertTrue(fixable.stream().allMatch(Finding::fixable), "each carries its fix: " + fixable);
        assertTrue(before.stream().filter(Finding::fixable).allMatch(f -> FIXABLE.contains(f.checkId())), before
                .toString());
        assertTrue(before.stream().anyMatch(f -> f.location().path().endsWith("ci/test.yml")
                && f.checkId().equals("routing-drift")), "a job in an included file moves too: " + before);

        FixResult result = Spotlane.fix(repo, policy);
        assertEquals(2, result.changes().size(), "both files change");
        Spotlane.write(result);

        List<Finding> after = LintRun.lint(repo, ".gitlab-ci.yml", policy);
        assertEquals(List.of(), after.stream().filter(f -> FIXABLE.contains(f.checkId())).toList());
        assertEquals(withoutPlace(before.stream().filter(f -> !FIXABLE.contains(f.checkId())).toList()),
                withoutPlace(after), "the other findings stay (they may move down a line)");
        assertFalse(after.isEmpty(), "dynamic-image and unpinned-service-image are not fixable");
        assertFalse(Spotlane.fix(repo, policy).changed(), "a second fix changes nothing");
    }

    private static List<String> withoutPlace(List<Finding> findings) {
        return findings.stream().map(f -> f.checkId() + " " + f.severity() + " " + f.message()).sorted().toList();
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
