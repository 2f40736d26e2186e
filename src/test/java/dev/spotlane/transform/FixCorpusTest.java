package dev.spotlane.transform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Corpus;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.OverlayIncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.LineIndex;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.TextEdit;
import dev.spotlane.yaml.YamlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code spotlane fix} with the bundled rules over every root {@code .gitlab-ci.yml} of the corpus, planned in
 * memory (the corpus is read-only). For every configuration GitLab would accept: the plan is proven by
 * {@link Fixer} itself (it throws when re-resolving shows more than tag and pull_policy changes), every changed file
 * re-parses, planning again on the result changes nothing, and edits stay small. The last test prints the
 * distribution of lines touched per edit.
 */
class FixCorpusTest {
    /** The most lines one edit may touch: an override stanza (blank line, job key, tags) is three. */
    private static final int MAX_LINES_PER_EDIT = 4;
    private static final String MAIN = ".gitlab-ci.yml";

    private final List<Integer> linesPerEdit = Collections.synchronizedList(new ArrayList<>());
    private final List<String> planned = Collections.synchronizedList(new ArrayList<>());
    private final List<String> changed = Collections.synchronizedList(new ArrayList<>());

    @TestFactory
    Stream<DynamicTest> fixesEveryAcceptedCorpusPipeline() throws Exception {
        Path dir = Corpus.dir().toAbsolutePath().normalize();
        List<Path> roots = Corpus.yamlFiles().stream()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.getFileName().toString().equals(MAIN) && p.getParent().getParent().equals(dir))
                .toList();
        assertFalse(roots.isEmpty(), "no root " + MAIN + " in " + dir);
        Policy policy = PolicyLoader.bundled();
        Stream<DynamicTest> each = roots.stream().map(f -> DynamicTest.dynamicTest(Corpus.name(f),
                () -> fix(f.getParent(), policy)));
        return Stream.concat(each, Stream.of(DynamicTest.dynamicTest("lines touched per edit", this::distribution)));
    }

    private void fix(Path folder, Policy policy) throws Exception {
        IncludeSource source = new CheckoutIncludeSource(folder);
        YamlParser parser = new YamlParser();
        ParseResult parsed = parser.parse(source.read(MAIN));
        assertTrue(parsed.ok(), () -> "GitLab accepts this file, spotlane must parse it: " + parsed.error());
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), source, MAIN);
        Assumptions.assumeFalse(pipeline.hasErrors(), () -> "GitLab would reject it (" + pipeline.errors().get(0)
                + "): nothing to fix");

        // (c) Fixer re-resolves its own plan and throws when anything but tags and pull_policy changed
        FixResult result = assertDoesNotThrow(() -> Fixer.plan(pipeline, policy, source, MAIN));
        Map<String, String> texts = new LinkedHashMap<>();
        for (FileChange c : result.changes()) {
            // (a) every changed file re-parses
            ParseResult again = parser.parse(c.name(), c.newText());
            assertTrue(again.ok(), () -> c.name() + " no longer parses: " + again.error());
            texts.put(c.name(), c.newText());
            LineIndex lines = new LineIndex(c.oldText());
            for (TextEdit e : c.plan().edits()) {
                linesPerEdit.add(linesTouched(e, lines));
            }
        }
        planned.add(folder.getFileName().toString());
        result.changes().forEach(c -> changed.add(c.name()));
        if (!result.changed()) {
            return;
        }
        // (b) idempotence: fixing the fixed files (in memory, over the originals) changes nothing
        IncludeSource overlay = new OverlayIncludeSource(source, texts);
        ResolvedPipeline fixed = new Resolver().resolve(parser.parse(overlay.read(MAIN)).orElseThrow(), overlay, MAIN);
        assertFalse(fixed.hasErrors(), () -> "the fixed pipeline has errors: " + fixed.errors());
        assertEquals(pipeline.jobs().keySet(), fixed.jobs().keySet(), "jobs after the fix");
        FixResult second = assertDoesNotThrow(() -> Fixer.plan(fixed, policy, overlay, MAIN));
        assertTrue(second.changes().isEmpty(), () -> "not idempotent: a second fix changes "
                + second.changes().stream().map(c -> c.name() + ":\n" + c.newText()).toList());
        for (Decision d : result.decisions()) {
            assertEquals(d.to(), fixed.job(d.job()).orElseThrow().tags(), d.job() + ": tags after the fix");
        }
    }

    /**
     * The lines one edit touches: the larger of the original lines its span covers and the lines its replacement
     * writes (an insertion of whole lines covers none; an insertion inside a line touches that line).
     */
    static int linesTouched(TextEdit e, LineIndex lines) {
        int start = e.span().start();
        int end = e.span().end();
        int old = e.span().isEmpty() ? 0 : lines.lineOf(end - 1) - lines.lineOf(start) + 1;
        String r = e.replacement();
        int written = (int) r.chars().filter(ch -> ch == '\n').count()
                + (r.isEmpty() || r.endsWith("\n") ? 0 : 1);
        return Math.max(old, written);
    }

    private void distribution() {
        Assumptions.assumeFalse(planned.isEmpty(), "no corpus pipeline was fixed");
        List<Integer> sorted = new ArrayList<>(linesPerEdit);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println("fix corpus: " + planned.size() + " pipelines, no edits");
            return;
        }
        int max = sorted.get(sorted.size() - 1);
        System.out.println("fix corpus: " + planned.size() + " pipelines planned ("
                + changed.size() + " files changed), " + sorted.size()
                + " edits; lines touched per edit: median " + percentile(sorted, 50) + ", p90 "
                + percentile(sorted, 90) + ", max " + max);
        assertTrue(max <= MAX_LINES_PER_EDIT, "an edit touches " + max + " lines; at most " + MAX_LINES_PER_EDIT);
    }

    /** Nearest-rank percentile of a sorted list. */
    static int percentile(List<Integer> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
