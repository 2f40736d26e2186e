package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.report.FindingsReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check has its page {@code docs/rules/<id>.md} (and so does {@code unused-suppression}), and each page's
 * example output is what spotlane prints for the example input: the first {@code yaml} block under
 * {@code ## Example} is linted as {@code .gitlab-ci.yml} with the bundled rules, and the first {@code text} block
 * after it must equal the text report of that check's findings. {@code -Dgolden.update=true} rewrites the text
 * block from the real output.
 */
class RulePagesTest {
    static final Path DOCS = Path.of("docs/rules");
    /** Fixed by {@code spotlane fix}. */
    static final Set<String> FIXABLE = Set.of("routing-drift", "pull-policy-mismatch");
    /**
     * Pages another change writes: config-schema.md comes with the config-schema check and its schema. Remove the
     * id from here when that page has landed.
     */
    static final Set<String> PAGE_PENDING = Set.of("config-schema");
    private static final Pattern EXAMPLE = Pattern.compile(
            "## Example\\R(?:(?!\\R## ).)*?```yaml\\R(.*?)```(?:(?!\\R## ).)*?```text\\R(.*?)```", Pattern.DOTALL);

    static List<String> ids() {
        List<String> ids = new ArrayList<>();
        Checks.ALL.forEach(c -> ids.add(c.id()));
        ids.add(Linter.UNUSED_SUPPRESSION);
        return ids;
    }

    @Test
    void everyCheckHasAPage() {
        List<String> missing = ids().stream().filter(id -> !Files.isRegularFile(DOCS.resolve(id + ".md")))
                .filter(id -> !PAGE_PENDING.contains(id)).toList();
        assertEquals(List.of(), missing, "checks without a page in " + DOCS);
    }

    @Test
    void everyPageIsAboutACheck() throws IOException {
        try (Stream<Path> s = Files.list(DOCS)) {
            List<String> orphans = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).filter(id -> !ids().contains(id))
                    .filter(id -> !id.equals("README")).toList();
            assertEquals(List.of(), orphans, "pages for no check");
        }
    }

    @TestFactory
    Stream<DynamicTest> pages(@TempDir Path dir) {
        return ids().stream().filter(id -> Files.isRegularFile(DOCS.resolve(id + ".md")))
                .map(id -> DynamicTest.dynamicTest(id, () -> page(id, dir.resolve(id))));
    }

    private static void page(String id, Path dir) throws Exception {
        Path file = DOCS.resolve(id + ".md");
        String page = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("# `" + id + "`\n"), id + ": starts with its id as the title");
        String severity = Checks.byId(id).map(c -> c.defaultSeverity().label()).orElse("info");
        assertTrue(page.contains("**Default severity:** " + severity), id + ": states its default severity");
        assertTrue(page.contains("**Fixed by `spotlane fix`:** " + (FIXABLE.contains(id) ? "yes" : "no")),
                id + ": says whether spotlane fix fixes it");
        for (String section : List.of("## What it flags", "## Why it matters", "## Example", "## How to fix",
                "## How to suppress")) {
            assertTrue(page.contains("\n" + section), id + ": has a section \"" + section + "\"");
        }
        Matcher m = EXAMPLE.matcher(page);
        assertTrue(m.find(), id + ": ## Example has a ```yaml input and a ```text output");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".gitlab-ci.yml"), m.group(1));
        List<Finding> mine = new ArrayList<>();
        for (Finding f : LintRun.lint(dir, ".gitlab-ci.yml", PolicyLoader.bundled())) {
            if (f.checkId().equals(id)) {
                mine.add(new Finding(f.checkId(), f.severity(), f.message(), new dev.spotlane.model.Location(
                        ".gitlab-ci.yml", f.location().line(), f.location().column()), f.fix()));
            }
        }
        assertTrue(!mine.isEmpty(), id + ": the example input gives no " + id + " finding");
        String actual = FindingsReport.text(mine, p -> p.equals(".gitlab-ci.yml") ? m.group(1) : null, false);
        if (Golden.updating()) {
            Files.writeString(file, page.substring(0, m.start(2)) + actual + page.substring(m.end(2)),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(actual, m.group(2), id + ": the example output in " + file + " is not what spotlane prints");
    }
}
