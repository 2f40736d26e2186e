package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.model.RuleId;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.report.FindingsReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * example output is what spotlane prints for the example input. Under {@code ## Example}, the first {@code yaml}
 * block is linted as {@code .gitlab-ci.yml} with the bundled rules, a block whose info string names a file
 * ({@code text ci/ami/images.txt}) is written to that file first, and the first plain {@code text} block after the
 * pipeline must equal the text report of that check's findings. {@code -Dgolden.update=true} rewrites that block
 * from the real output.
 */
class RulePagesTest {
    static final Path DOCS = Path.of("docs/rules");
    /** Fixed by {@code spotlane fix}. */
    /** Checks `fix` cures; the last two when asked (--add-retry, images.mirror.rewrite: true). */
    static final Set<String> FIXABLE = Set.of("routing-drift", "pull-policy-mismatch", "spot-retry",
            "image-not-mirrored");
    /** Pages another change writes, not landed yet (none now: keep the hook for the next check). */
    static final Set<String> PAGE_PENDING = Set.of();
    /**
     * Pages written with their check by another change, in their own layout: they must exist, but their sections
     * and example are that change's to test (ImageNotInAllowlistGoldenTest for image-not-in-allowlist).
     */
    static final Set<String> OWN_LAYOUT = Set.of("config-schema", "image-not-in-allowlist");
    private static final Pattern FENCE = Pattern.compile("^```([^\\n`]*)\\n(.*?)^```$",
            Pattern.DOTALL | Pattern.MULTILINE);

    /** Every id of the one list ({@link RuleId}): lint checks and input errors alike have a page. */
    static List<String> ids() {
        return Arrays.stream(RuleId.values()).map(RuleId::id).toList();
    }

    /** The ids lint reports as checks: pages with an example that lint must reproduce. */
    static List<String> checkIds() {
        List<String> ids = new ArrayList<>();
        Checks.ALL.forEach(c -> ids.add(c.id()));
        ids.add(Linter.UNUSED_SUPPRESSION);
        return ids;
    }

    @Test
    void everyCheckIsInTheOneListOfIds() {
        List<String> listed = Arrays.stream(RuleId.values()).filter(r -> r.kind() == RuleId.Kind.CHECK)
                .map(RuleId::id).sorted().toList();
        assertEquals(listed, checkIds().stream().sorted().toList(),
                "Checks.ALL (plus unused-suppression) and RuleId's CHECK ids must be the same list");
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
        return checkIds().stream().filter(id -> Files.isRegularFile(DOCS.resolve(id + ".md")))
                .filter(id -> !OWN_LAYOUT.contains(id))
                .map(id -> DynamicTest.dynamicTest(id, () -> page(id, dir.resolve(id))));
    }

    private static void page(String id, Path dir) throws Exception {
        Path file = DOCS.resolve(id + ".md");
        String page = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("# `" + id + "`\n"), id + ": starts with its id as the title");
        // the summary as a sentence (a keyword such as "extends" keeps its case)
        Checks.byId(id).ifPresent(c -> assertTrue(page.contains("\n\n" + c.summary() + ".\n")
                || page.contains("\n\n" + Character.toUpperCase(c.summary().charAt(0)) + c.summary().substring(1)
                + ".\n"), id + ": the page opens with the check's summary"));
        String severity = Checks.byId(id).map(c -> c.defaultSeverity().label()).orElse("info");
        assertTrue(page.contains("**Default severity:** " + severity), id + ": states its default severity");
        assertTrue(page.contains("**Fixed by `spotlane fix`:** " + (FIXABLE.contains(id) ? "yes" : "no")),
                id + ": says whether spotlane fix fixes it");
        for (String section : List.of("## What it flags", "## Why it matters", "## Example", "## How to fix",
                "## How to suppress")) {
            assertTrue(page.contains("\n" + section), id + ": has a section \"" + section + "\"");
        }
        int from = page.indexOf("\n## Example\n");
        int to = page.indexOf("\n## ", from + 1);
        Files.createDirectories(dir);
        String pipeline = null;
        int outStart = -1;
        int outEnd = -1;
        Matcher m = FENCE.matcher(page).region(from, to < 0 ? page.length() : to);
        while (m.find()) {
            String[] info = m.group(1).strip().split("\\s+", 2);
            if (info.length == 2) {
                Path extra = dir.resolve(info[1]);
                Files.createDirectories(extra.getParent());
                Files.writeString(extra, m.group(2));
            } else if (info[0].equals("yaml") && pipeline == null) {
                pipeline = m.group(2);
            } else if (info[0].equals("text") && pipeline != null && outStart < 0) {
                outStart = m.start(2);
                outEnd = m.end(2);
            }
        }
        assertTrue(pipeline != null && outStart >= 0, id + ": ## Example has a ```yaml input and a ```text output");
        String input = pipeline;
        Files.writeString(dir.resolve(".gitlab-ci.yml"), input);
        List<Finding> mine = new ArrayList<>();
        for (Finding f : LintRun.lint(dir, ".gitlab-ci.yml", LintRun.policy(dir))) {
            if (f.checkId().equals(id)) {
                // a message may name another place in the case (a job left behind names what keeps it there)
                mine.add(new Finding(f.checkId(), f.severity(), f.message().replace(LintRun.display(dir) + "/", ""),
                        new dev.spotlane.model.Location(
                        ".gitlab-ci.yml", f.location().line(), f.location().column()), f.fix()));
            }
        }
        assertTrue(!mine.isEmpty(), id + ": the example input gives no " + id + " finding");
        String actual = FindingsReport.text(mine, p -> p.equals(".gitlab-ci.yml") ? input : null, false);
        if (Golden.updating()) {
            Files.writeString(file, page.substring(0, outStart) + actual + page.substring(outEnd),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(actual, page.substring(outStart, outEnd), id + ": the example output in " + file
                + " is not what spotlane prints");
    }
}
