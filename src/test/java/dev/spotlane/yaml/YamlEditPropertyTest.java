package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random edits of every round-trip fixture with a fixed seed: replace a scalar with an awkward string, add an entry
 * to a block or flow mapping, append to a sequence. After each edit the text must parse, read back as written with
 * exactly that change (compared on the tree as written: aliases, anchors, tags, duplicate and merge keys kept), and
 * keep every line the edit had no reason to touch.
 */
class YamlEditPropertyTest {
    private static final int EDITS_PER_FILE = 60;

    /** Pieces of the random strings: YAML indicators, quotes, blanks, words YAML 1.1 reads as non-strings. */
    private static final List<String> PIECES = List.of("a", "b", "Z", "x1", "0", "7", " ", " ", ":", ": ", "#", " #",
            "'", "\"", "-", "- ", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "?", "\\", "~",
            "🎉", "𝄞", "é", "日本", "\t", "\n", "true", "No", "oN", "null", "<<", "1.5", "0x1F", ".inf", "---");

    static Stream<Path> fixtures() throws IOException {
        return YamlTestSupport.roundTripFixtures().stream();
    }

    /** Where a node is in the tree as written: document, then entry or item indexes (values, not keys). */
    private record Found(List<Integer> path, YamlNode node) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void randomEditsKeepTheFileValidAndChangeOnlyWhatTheySay(Path fixture) throws IOException {
        String name = fixture.getFileName().toString();
        Random random = new Random(name.hashCode() * 31L + 7);
        String text = Source.read(fixture, name).text();
        List<String> log = new ArrayList<>();
        for (int step = 0; step < EDITS_PER_FILE; step++) {
            YamlFile file = YamlTestSupport.parse(name, text);
            List<Found> all = new ArrayList<>();
            for (int d = 0; d < file.documents().size(); d++) {
                collect(file.documents().get(d).root(), new ArrayList<>(List.of(d)), all);
            }
            int kind = random.nextInt(3);
            List<Found> candidates = all.stream().filter(f -> switch (kind) {
                case 0 -> f.node() instanceof YamlScalar;
                case 1 -> f.node() instanceof YamlMapping;
                default -> f.node() instanceof YamlSequence;
            }).toList();
            if (candidates.isEmpty()) {
                continue;
            }
            Found target = candidates.get(random.nextInt(candidates.size()));
            YamlEditor editor = new YamlEditor(file);
            Object before = written(file);
            EditPlan plan;
            List<Span> touched = new ArrayList<>();
            Object expected;
            String what;
            if (target.node() instanceof YamlScalar s) {
                String value = randomString(random);
                what = "replace " + target.path() + " with " + YamlTestSupport.show(value);
                plan = editor.replaceScalar(s, value);
                touched.add(s.valueSpan());
                expected = replaceAt(before, target.path(), w -> new WScalar(s.anchor(), s.tag(), value));
            } else if (target.node() instanceof YamlMapping m) {
                String key = randomString(random);
                YamlValue value = randomValue(random);
                what = "add " + YamlTestSupport.show(key) + ": " + value + " to " + target.path();
                plan = editor.addEntry(m, key, value);
                if (m.flow()) {
                    touched.add(m.valueSpan());
                }
                expected = replaceAt(before, target.path(), w -> {
                    WMap old = (WMap) w;
                    List<List<Object>> entries = new ArrayList<>(old.entries());
                    entries.add(List.of(new WScalar(null, null, key), written(value)));
                    return new WMap(old.anchor(), old.tag(), entries);
                });
            } else {
                YamlSequence q = (YamlSequence) target.node();
                List<YamlValue> items = new ArrayList<>();
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    items.add(random.nextInt(4) == 0 ? randomValue(random) : YamlValue.string(randomString(random)));
                }
                what = "append " + items + " to " + target.path();
                plan = editor.appendItems(q, items);
                if (q.flow()) {
                    touched.add(q.valueSpan());
                }
                expected = replaceAt(before, target.path(), w -> {
                    WSeq old = (WSeq) w;
                    List<Object> list = new ArrayList<>(old.items());
                    items.forEach(i -> list.add(written(i)));
                    return new WSeq(old.anchor(), old.tag(), list);
                });
            }
            log.add(what);
            String context = name + " step " + step + " (" + what + ")";
            String out = plan.apply(text);
            ParseResult r = new YamlParser().parse(name, out);
            if (!r.ok()) {
                fail(context + ": the result does not parse: " + r.error() + "\n--- before ---\n" + text
                        + "\n--- after ---\n" + out + "\n--- steps ---\n" + String.join("\n", log));
            }
            String old = text;
            assertEquals(expected, written(r.file()), () -> context
                    + ": the tree changed in other ways\n--- before ---\n" + old + "\n--- after ---\n" + out);
            if (target.node() instanceof YamlScalar) {
                YamlNode now = at(r.file(), target.path());
                String value = ((WScalar) written(now)).value();
                Object read = PlainValues.of(now);
                if (read instanceof PlainValues.Tagged t) {
                    read = t.value();
                }
                assertEquals(value, read, context + ": the new scalar does not read back as written");
            }
            BitSet lines = YamlTestSupport.linesOf(text, touched);
            YamlTestSupport.assertUntouchedLinesKept(text, out, lines, context);
            text = out;
        }
    }

    private static void collect(YamlNode node, List<Integer> path, List<Found> out) {
        if (node == null || node instanceof YamlAlias) {
            return;
        }
        out.add(new Found(List.copyOf(path), node));
        if (node instanceof YamlMapping m) {
            for (int i = 0; i < m.entries().size(); i++) {
                path.add(i);
                collect(m.entries().get(i).value(), path, out);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof YamlSequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                path.add(i);
                collect(q.items().get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static YamlNode at(YamlFile file, List<Integer> path) {
        YamlNode n = file.documents().get(path.get(0)).root();
        for (int i = 1; i < path.size(); i++) {
            n = n instanceof YamlMapping m ? m.entries().get(path.get(i)).value()
                    : ((YamlSequence) n).items().get(path.get(i));
        }
        return n;
    }

    private static String randomString(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            b.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return b.toString();
    }

    private static YamlValue randomValue(Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return YamlValue.string(randomString(random));
            case 1: {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(randomString(random));
                }
                return YamlValue.list(items);
            }
            default: {
                Map<String, YamlValue> m = new LinkedHashMap<>();
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    m.put(randomString(random), YamlValue.string(randomString(random)));
                }
                return YamlValue.map(m);
            }
        }
    }

    // --- the tree as written ---------------------------------------------------------------------------------

    private static String props(String anchor, String tag) {
        return (anchor == null ? "" : "&" + anchor + " ") + (tag == null ? "" : tag + " ");
    }

    private record WScalar(String anchor, String tag, String value) {
        @Override
        public String toString() {
            return props(anchor, tag) + YamlTestSupport.show(value);
        }
    }

    private record WAlias(String name) {
        @Override
        public String toString() {
            return "*" + name;
        }
    }

    private record WMap(String anchor, String tag, List<List<Object>> entries) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(props(anchor, tag)).append('{');
            entries.forEach(e -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ", ").append(e.get(0)).append(": ")
                    .append(e.get(1)));
            return b.append('}').toString();
        }
    }

    private record WSeq(String anchor, String tag, List<Object> items) {
        @Override
        public String toString() {
            return props(anchor, tag) + items;
        }
    }

    private static Object written(YamlFile file) {
        List<Object> docs = new ArrayList<>();
        file.documents().forEach(d -> docs.add(written(d.root())));
        return docs;
    }

    /** A node as written, without expanding aliases or merge keys; how a scalar is quoted is left out. */
    private static Object written(YamlNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof YamlAlias a) {
            return new WAlias(a.name());
        }
        if (node instanceof YamlScalar s) {
            return new WScalar(s.anchor(), s.tag(), s.value());
        }
        if (node instanceof YamlMapping m) {
            List<List<Object>> entries = new ArrayList<>();
            m.entries().forEach(e -> entries.add(Arrays.asList(written(e.key()), written(e.value()))));
            return new WMap(m.anchor(), m.tag(), entries);
        }
        YamlSequence q = (YamlSequence) node;
        List<Object> items = new ArrayList<>();
        q.items().forEach(i -> items.add(written(i)));
        return new WSeq(q.anchor(), q.tag(), items);
    }

    /** A new value as it should read once written (plain scalars with no anchor or tag). */
    private static Object written(YamlValue value) {
        if (value instanceof YamlValue.Str s) {
            return new WScalar(null, null, s.value());
        }
        if (value instanceof YamlValue.Seq seq) {
            List<Object> items = new ArrayList<>();
            seq.items().forEach(i -> items.add(written(i)));
            return new WSeq(null, null, items);
        }
        List<List<Object>> entries = new ArrayList<>();
        ((YamlValue.Mapping) value).entries().forEach((k, v) -> entries.add(List.of(new WScalar(null, null, k),
                written(v))));
        return new WMap(null, null, entries);
    }

    /** The documents {@code docs} with the node at {@code path} (document index first) passed through {@code f}. */
    private static Object replaceAt(Object docs, List<Integer> path, UnaryOperator<Object> f) {
        List<Object> out = new ArrayList<>((List<?>) docs);
        out.set(path.get(0), replaceAt(out.get(path.get(0)), path, 1, f));
        return out;
    }

    private static Object replaceAt(Object tree, List<Integer> path, int from, UnaryOperator<Object> f) {
        if (from == path.size()) {
            return f.apply(tree);
        }
        int i = path.get(from);
        if (tree instanceof WMap m) {
            List<List<Object>> entries = new ArrayList<>(m.entries());
            List<Object> e = entries.get(i);
            entries.set(i, Arrays.asList(e.get(0), replaceAt(e.get(1), path, from + 1, f)));
            return new WMap(m.anchor(), m.tag(), entries);
        }
        WSeq q = (WSeq) tree;
        List<Object> items = new ArrayList<>(q.items());
        items.set(i, replaceAt(items.get(i), path, from + 1, f));
        return new WSeq(q.anchor(), q.tag(), items);
    }
}
