package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real-world file of the corpus ({@code -Dspotlane.corpus}, default {@code ../shared/corpus}; skipped when
 * absent) parses, prints back byte for byte, and survives a sample of edits: each short {@code image} and
 * {@code services} string of a top-level job becomes the long form with {@code pull_policy: always}, and every
 * top-level job gets a {@code spotlane_probe: x} key. The result must parse and read as the old tree with exactly
 * those changes, with every other line kept.
 */
class YamlCorpusTest {
    /** Top-level keys that are not jobs (as in GitLab's CI schema). */
    private static final Set<String> GLOBAL_KEYWORDS = Set.of("default", "include", "stages", "variables",
            "workflow", "spec", "image", "services", "cache", "before_script", "after_script", "types");
    private static final String PROBE = "spotlane_probe";

    @TestFactory
    Stream<DynamicTest> corpusFiles() throws Exception {
        List<Path> files = Corpus.yamlFiles();
        assertTrue(!files.isEmpty(), "the corpus at " + Corpus.dir() + " has no YAML files");
        return files.stream().map(f -> DynamicTest.dynamicTest(Corpus.name(f), () -> check(f)));
    }

    private static void check(Path path) throws Exception {
        String name = Corpus.name(path);
        byte[] bytes = Files.readAllBytes(path);
        Source source = Source.read(path, name);
        assertArrayEquals(bytes, source.text().getBytes(StandardCharsets.UTF_8), name + ": text is not lossless");
        ParseResult parsed = new YamlParser().parse(source);
        assertTrue(parsed.ok(), () -> "GitLab accepts this file, spotlane must too: " + parsed.error());
        YamlFile file = parsed.file();
        String text = file.text();
        assertArrayEquals(bytes, EditPlan.EMPTY.apply(text).getBytes(StandardCharsets.UTF_8),
                name + ": an empty plan changed the bytes");
        assertEquals(YamlTestSupport.plainDocuments(file, YamlTestSupport.overrides()),
                YamlTestSupport.plainValues(file), name + ": PlainValues disagrees with the independent reading");

        YamlDocument doc = YamlTestSupport.configDocument(file);
        if (doc == null || !(doc.root() instanceof YamlMapping root)) {
            return;
        }
        YamlEditor editor = new YamlEditor(file);
        EditPlan plan = EditPlan.EMPTY;
        Map<YamlNode, UnaryOperator<Object>> overrides = YamlTestSupport.overrides();
        List<Span> touched = new ArrayList<>();
        Map<String, YamlValue> pullPolicy = Map.of("pull_policy", YamlValue.string("always"));
        int jobs = 0;
        for (YamlEntry e : root.entries()) {
            String key = e.keyText();
            if (key == null || e.isMergeKey() || GLOBAL_KEYWORDS.contains(key)
                    || !(e.value() instanceof YamlMapping job)) {
                continue;
            }
            jobs++;
            for (YamlEntry j : job.entries()) {
                if ("image".equals(j.keyText()) && shortString(j.value())) {
                    plan = plan.plus(longForm(file, editor, (YamlScalar) j.value(), pullPolicy, overrides, touched));
                } else if ("services".equals(j.keyText()) && j.value() instanceof YamlSequence services
                        && !services.isReference()) {
                    for (YamlNode item : services.items()) {
                        if (shortString(item)) {
                            plan = plan.plus(longForm(file, editor, (YamlScalar) item, pullPolicy, overrides,
                                    touched));
                        }
                    }
                }
            }
            plan = plan.plus(editor.addEntry(job, PROBE, YamlValue.string("x")));
            overrides.merge(job, v -> withProbe(v), (a, b) -> x -> b.apply(a.apply(x)));
            if (job.flow()) {
                touched.add(job.valueSpan());
            }
        }
        if (jobs == 0) {
            return;
        }
        String out = plan.apply(text);
        ParseResult again = new YamlParser().parse(name, out);
        assertTrue(again.ok(), () -> name + ": the edited file does not parse: " + again.error() + "\n" + out);
        assertEquals(YamlTestSupport.plainDocuments(file, overrides), YamlTestSupport.plainValues(again.file()),
                name + ": the edited file does not read as the old one with long-form images and the probe key");
        YamlTestSupport.assertUntouchedLinesKept(text, out, YamlTestSupport.linesOf(text, touched), name);
    }

    /** A string written right here (not an alias, not anchored, not a block scalar, not null). */
    private static boolean shortString(YamlNode n) {
        return n instanceof YamlScalar s && s.anchor() == null && !s.style().isBlock() && !s.isNull();
    }

    private static EditPlan longForm(YamlFile file, YamlEditor editor, YamlScalar s, Map<String, YamlValue> extra,
            Map<YamlNode, UnaryOperator<Object>> overrides, List<Span> touched) {
        overrides.put(s, v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v instanceof PlainValues.Tagged t ? t.value() : v);
            m.put("pull_policy", "always");
            return m;
        });
        if (file.parentOf(s) instanceof YamlMapping m && !file.inFlow(s)) {
            YamlEntry e = m.entries().stream().filter(x -> x.value() == s).findFirst().orElseThrow();
            touched.add(new Span(e.key().span().start(), s.span().end()));
        } else {
            touched.add(s.span());
        }
        return editor.toLongForm(s, extra);
    }

    private static Object withProbe(Object job) {
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) (job instanceof PlainValues.Tagged t ? t.value() : job)).forEach((k, v) -> copy.put((String) k,
                v));
        copy.put(PROBE, "x");
        return copy;
    }
}
