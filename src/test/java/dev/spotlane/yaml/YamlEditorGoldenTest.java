package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Editor goldens: {@code golden/edit/<case>/input.yml} + {@code ops.txt} must give {@code expected.yml} (missing:
 * unchanged), and beyond the bytes: the result parses, reads as the old tree with exactly the intended change,
 * idempotent operations change nothing the second time, and every line the edit did not touch is kept.
 * {@code -Dgolden.update=true} rewrites the expected files.
 */
class YamlEditorGoldenTest {

    /** Traits seen per operation, checked at the end so every operation is tried on every kind of text. */
    private final Map<EditScript.Kind, Set<String>> seen = new EnumMap<>(EditScript.Kind.class);

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(YamlTestSupport.EDIT)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no cases under " + YamlTestSupport.EDIT.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : cases) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> runCase(dir)));
        }
        tests.add(DynamicTest.dynamicTest("every operation is covered", this::checkCoverage));
        return tests.stream();
    }

    private void runCase(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        Source input = Source.read(dir.resolve("input.yml"), name + "/input.yml");
        String text = input.text();
        YamlFile file = YamlTestSupport.parse(input);
        List<EditScript.Op> ops = EditScript.parse(Files.readString(dir.resolve("ops.txt"), StandardCharsets.UTF_8));
        assertFalse(ops.isEmpty(), name + "/ops.txt has no operations");
        EditScript.Run run = EditScript.run(ops, file);
        String out = run.plan().apply(text);
        assertEquals(out, new YamlEditor(file).apply(run.plan()), "YamlEditor.apply and EditPlan.apply disagree");
        record(file, text, ops);

        Path expectedFile = dir.resolve("expected.yml");
        if (Golden.updating()) {
            if (out.equals(text)) {
                Files.deleteIfExists(expectedFile);
            } else {
                Files.write(expectedFile, out.getBytes(StandardCharsets.UTF_8));
            }
        }
        String expected = Files.exists(expectedFile) ? Source.read(expectedFile).text() : text;
        assertEquals(YamlTestSupport.show(expected), YamlTestSupport.show(out), name + ": result differs from "
                + (Files.exists(expectedFile) ? "expected.yml" : "the input (no expected.yml: expect unchanged)")
                + "; rerun with -Dgolden.update=true and review the diff if the change is intended");

        // (a) the result parses
        YamlFile after = YamlTestSupport.parse(name + "/result", out);
        // (b) it reads as the old tree with the intended change, and nothing else
        assertEquals(YamlTestSupport.plainDocuments(file, run.overrides()), YamlTestSupport.plainValues(after),
                name + ": the edited tree is not the old tree with the intended change");
        // (c) idempotent operations change nothing when run again
        if (run.idempotent()) {
            String again = EditScript.run(ops, after).plan().apply(out);
            assertEquals(YamlTestSupport.show(out), YamlTestSupport.show(again),
                    name + ": running the operations again changed the text");
        }
        // (d) untouched lines stay byte for byte
        YamlTestSupport.assertUntouchedLinesKept(text, out, YamlTestSupport.linesOf(text, run.touched()), name);
    }

    /** Notes which traits of text this case exercised for each of its operations. */
    private void record(YamlFile file, String text, List<EditScript.Op> ops) {
        Set<String> traits = new TreeSet<>();
        if (text.contains("\r\n")) {
            traits.add("crlf");
        }
        if (text.startsWith("\uFEFF")) {
            traits.add("bom");
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            traits.add("no final break");
        }
        if (!file.comments().isEmpty()) {
            traits.add("comments");
        }
        if (text.contains("\n\n") || text.contains("\n\r\n")) {
            traits.add("blank lines");
        }
        traits.add("indent " + Indentation.unit(file));
        for (EditScript.Op op : ops) {
            Set<String> t = seen.computeIfAbsent(op.kind(), k -> new TreeSet<>());
            t.addAll(traits);
            if (op.path() != null) {
                YamlNode target = EditScript.resolve(file, op.path(), op.line());
                t.add(file.inFlow(target) || target instanceof YamlMapping m && m.flow()
                        || target instanceof YamlSequence q && q.flow() ? "flow" : "block");
                if (target instanceof YamlSequence q && !q.flow()) {
                    int dash = file.text().lastIndexOf('-', q.span().start() - 1);
                    t.add(file.lines().indentOf(dash) <= indentOfParentKey(file, q)
                            ? "flush sequence" : "indented sequence");
                }
            } else {
                YamlNode root = YamlTestSupport.configDocument(file).root();
                t.add(root instanceof YamlMapping m && m.flow() ? "flow" : "block");
            }
        }
    }

    private static int indentOfParentKey(YamlFile file, YamlSequence q) {
        if (file.parentOf(q) instanceof YamlMapping m) {
            for (YamlEntry e : m.entries()) {
                if (e.value() == q) {
                    return file.lines().indentOf(e.key().span().start());
                }
            }
        }
        return -1;
    }

    private void checkCoverage() {
        List<String> missing = new ArrayList<>();
        for (EditScript.Kind k : EditScript.Kind.values()) {
            Set<String> t = seen.getOrDefault(k, Set.of());
            List<String> want = new ArrayList<>(List.of("block", "flow", "crlf", "bom", "no final break", "comments",
                    "blank lines", "indent 2", "indent 4"));
            if (k == EditScript.Kind.SET_ITEMS || k == EditScript.Kind.APPEND) {
                want.addAll(List.of("flush sequence", "indented sequence"));
            }
            for (String w : want) {
                if (!t.contains(w)) {
                    missing.add(k.word + ": " + w);
                }
            }
        }
        assertTrue(missing.isEmpty(), "golden edit cases do not yet cover " + missing);
    }
}
