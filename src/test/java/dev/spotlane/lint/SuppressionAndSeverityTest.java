package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Suppression comments ({@code golden/lint/suppression/}) and the rules file's {@code lint.checks} levels
 * ({@code golden/lint/severity/}, each case a folder with its {@code .spotlane.yml}). Unlike the per-check goldens,
 * these keep every finding of the case, with its severity: {@code path:line:col: severity: message [id]}.
 */
class SuppressionAndSeverityTest {
    static final Path DIR = LintGoldenTest.DIR;

    @TestFactory
    Stream<DynamicTest> suppressions() throws IOException {
        return cases(DIR.resolve("suppression"));
    }

    @TestFactory
    Stream<DynamicTest> severities() throws IOException {
        return cases(DIR.resolve("severity"));
    }

    private static Stream<DynamicTest> cases(Path dir) throws IOException {
        List<Path> cases = LintGoldenTest.list(dir);
        assertFalse(cases.isEmpty(), "no case in " + dir);
        return cases.stream().map(c -> {
            String name = c.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return DynamicTest.dynamicTest(name, () -> Golden.assertMatches(c.resolveSibling(name + ".findings"),
                    LintRun.lines(all(c).stream().map(f -> LintRun.lineWithSeverity(f, root(c))).toList())));
        });
    }

    private static Path root(Path c) {
        return Files.isDirectory(c) ? c : c.getParent();
    }

    static List<Finding> all(Path c) throws Exception {
        boolean folder = Files.isDirectory(c);
        Policy policy = folder ? LintRun.policy(c) : PolicyLoader.bundled();
        return LintRun.lint(root(c), folder ? ".gitlab-ci.yml" : c.getFileName().toString(), policy);
    }

    private static List<String> ids(Path c) throws Exception {
        return all(c).stream().map(Finding::checkId).toList();
    }

    // the goldens say it all; these say the point of each case in words

    @Test
    void aSuppressionAtTheEndOfTheLineHidesOnlyTheChecksItNames() throws Exception {
        List<String> ids = ids(DIR.resolve("suppression/end-of-line.yml"));
        assertFalse(ids.contains("implicit-latest"), ids.toString());
        assertTrue(ids.contains("pull-policy-mismatch"), ids.toString());
        assertFalse(ids.contains(Linter.UNUSED_SUPPRESSION), ids.toString());
    }

    @Test
    void anUnusedSuppressionIsAnInfoFindingAtTheComment() throws Exception {
        List<Finding> unused = all(DIR.resolve("suppression/unused.yml")).stream()
                .filter(f -> f.checkId().equals(Linter.UNUSED_SUPPRESSION)).toList();
        assertEquals(4, unused.size(), unused.toString());
        assertTrue(unused.stream().allMatch(f -> f.severity() == Severity.INFO), unused.toString());
    }

    @Test
    void offRemovesACheckAndLevelsReplaceTheDefault() throws Exception {
        List<Finding> all = all(DIR.resolve("severity/overrides"));
        assertTrue(all.stream().noneMatch(f -> f.checkId().equals("routing-drift")), all.toString());
        assertTrue(all.stream().filter(f -> f.checkId().equals("implicit-latest"))
                .allMatch(f -> f.severity() == Severity.ERROR), all.toString());
        assertTrue(all.stream().filter(f -> f.checkId().equals("unpinned-service-image"))
                .allMatch(f -> f.severity() == Severity.INFO), all.toString());
    }
}
