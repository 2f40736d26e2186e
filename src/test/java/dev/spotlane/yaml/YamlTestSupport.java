package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Helpers shared by the yaml tests: fixtures, an independent reading of the tree, and a line-level diff check. */
final class YamlTestSupport {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Path ROUNDTRIP = GOLDEN.resolve("roundtrip");
    static final Path EDIT = GOLDEN.resolve("edit");

    private YamlTestSupport() {
    }

    /** The round-trip fixtures, sorted by name. */
    static List<Path> roundTripFixtures() throws IOException {
        try (Stream<Path> s = Files.list(ROUNDTRIP)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            assertTrue(files.size() >= 10, "expected the round-trip fixtures under " + ROUNDTRIP.toAbsolutePath());
            return files;
        }
    }

    static YamlFile parse(String name, String text) {
        ParseResult r = new YamlParser().parse(name, text);
        if (!r.ok()) {
            fail("expected " + name + " to parse, got " + r.error() + "\n--- text ---\n" + text);
        }
        return r.file();
    }

    static YamlFile parse(Source source) {
        return parse(source.name(), source.text());
    }

    /** The document GitLab reads the jobs from: the second one after a {@code spec:} header, else the first. */
    static YamlDocument configDocument(YamlFile file) {
        List<YamlDocument> docs = file.documents();
        if (docs.size() >= 2 && docs.get(0).root() instanceof YamlMapping m && m.get("spec") != null) {
            return docs.get(1);
        }
        return docs.isEmpty() ? null : docs.get(0);
    }

    // --- an independent reading of a tree, with Ruby Psych's merge rules -------------------------------------

    /**
     * The plain value of {@code node} as GitLab reads it, written here independently of {@link PlainValues} (Psych's
     * {@code revive_hash}: a merge key merges a mapping or an alias to one; a written sequence of mappings is merged
     * last to first; anything else stays a {@code "<<"} key). Where a node is in {@code overrides}, its value is
     * passed through the override first, everywhere the node is used, aliases included: this is how a test states
     * the intended effect of an edit on the old tree.
     */
    static Object plain(YamlNode node, Map<YamlNode, UnaryOperator<Object>> overrides) {
        if (node == null) {
            return null;
        }
        if (node instanceof YamlAlias a) {
            return plain(a.target(), overrides);
        }
        Object value;
        if (node instanceof YamlScalar s) {
            value = s.isNull() ? null : s.value();
        } else if (node instanceof YamlSequence seq) {
            List<Object> list = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                list.add(plain(item, overrides));
            }
            value = list;
        } else {
            YamlMapping m = (YamlMapping) node;
            Map<String, Object> map = new LinkedHashMap<>();
            for (YamlEntry e : m.entries()) {
                String key = e.key().scalarValue();
                if (key == null) {
                    continue;
                }
                Object v = plain(e.value(), overrides);
                boolean merge = e.key() instanceof YamlScalar k && k.value().equals("<<")
                        && !"tag:yaml.org,2002:str".equals(k.tag());
                if (merge && (e.value() instanceof YamlMapping || e.value() instanceof YamlAlias)
                        && v instanceof Map<?, ?> vm) {
                    putAll(map, vm);
                    continue;
                }
                if (merge && e.value() instanceof YamlSequence && v instanceof List<?> l
                        && l.stream().allMatch(i -> i instanceof Map)) {
                    Map<String, Object> h = new LinkedHashMap<>();
                    for (int i = l.size() - 1; i >= 0; i--) {
                        putAll(h, (Map<?, ?>) l.get(i));
                    }
                    putAll(map, h);
                    continue;
                }
                map.put(key, v);
            }
            value = map;
        }
        String tag = node.tag();
        if (tag != null && tag.startsWith("!") && !tag.startsWith("!!")) {
            value = new PlainValues.Tagged(tag, value);
        }
        UnaryOperator<Object> override = overrides.get(node);
        return override == null ? value : override.apply(value);
    }

    private static void putAll(Map<String, Object> into, Map<?, ?> from) {
        from.forEach((k, v) -> into.put((String) k, v));
    }

    /** Every document's plain value, with overrides applied. */
    static List<Object> plainDocuments(YamlFile file, Map<YamlNode, UnaryOperator<Object>> overrides) {
        return file.documents().stream().map(d -> plain(d.root(), overrides)).toList();
    }

    /** Every document's value through {@link PlainValues}, the reader under test. */
    static List<Object> plainValues(YamlFile file) {
        List<Object> out = new ArrayList<>();
        for (YamlDocument d : file.documents()) {
            out.add(PlainValues.of(d.root()));
        }
        return out;
    }

    static Map<YamlNode, UnaryOperator<Object>> overrides() {
        return new IdentityHashMap<>();
    }

    /** A {@link YamlValue} as a plain value. */
    static Object plain(YamlValue value) {
        if (value instanceof YamlValue.Str s) {
            return s.value();
        }
        if (value instanceof YamlValue.Seq seq) {
            List<Object> list = new ArrayList<>();
            seq.items().forEach(i -> list.add(plain(i)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((YamlValue.Mapping) value).entries().forEach((k, v) -> map.put(k, plain(v)));
        return map;
    }

    // --- lines -----------------------------------------------------------------------------------------------

    /** The lines of a text, each with its own line break ({@code \r\n}, {@code \n} or {@code \r}; none at the end). */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** The 0-based lines of {@code text} that the given spans of it cover; an empty span covers its own line. */
    static BitSet linesOf(String text, Collection<Span> spans) {
        LineIndex index = new LineIndex(text);
        BitSet touched = new BitSet();
        for (Span s : spans) {
            int first = index.lineOf(s.start());
            int last = s.isEmpty() ? first : index.lineOf(s.end() - 1);
            touched.set(first, last + 1);
        }
        return touched;
    }

    /**
     * Checks that every line of {@code before} outside {@code touched} appears byte for byte, in order, in
     * {@code after}. A last line without a line break may gain one (something was appended after it).
     */
    static void assertUntouchedLinesKept(String before, String after, BitSet touched, String what) {
        List<String> old = lines(before);
        List<String> now = lines(after);
        int j = 0;
        for (int i = 0; i < old.size(); i++) {
            if (touched.get(i)) {
                continue;
            }
            String line = old.get(i);
            boolean last = i == old.size() - 1 && !line.endsWith("\n") && !line.endsWith("\r");
            while (j < now.size() && !(now.get(j).equals(line) || last && stripBreak(now.get(j)).equals(line))) {
                j++;
            }
            if (j == now.size()) {
                fail(what + ": line " + (i + 1) + " " + show(line) + " was not touched by the edit but is missing"
                        + " or out of order in the result\n--- result ---\n" + after);
            }
            j++;
        }
    }

    static String stripBreak(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** A string with its line breaks and BOM made visible, for messages. */
    static String show(String s) {
        return "\"" + s.replace("\uFEFF", "<BOM>").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
