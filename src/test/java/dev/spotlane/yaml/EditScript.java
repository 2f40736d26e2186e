package dev.spotlane.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The little language of {@code golden/edit/<case>/ops.txt} (documented in {@code golden/README.md}): one
 * {@link YamlEditor} operation per line, run against the parsed {@code input.yml}. Running a script gives the edit
 * plan, the intended effect of each operation on the old tree (as {@link YamlTestSupport#plain} overrides), and
 * the spans of the input each operation may change.
 */
final class EditScript {

    enum Kind {
        REPLACE("replace", true), ADD_ENTRY("add-entry", false), SET_ITEMS("set-items", true),
        APPEND("append", false), LONG_FORM("long-form", false), TOP_LEVEL("top-level", false);

        final String word;
        /** Running the operation a second time on its own result changes nothing. */
        final boolean idempotent;

        Kind(String word, boolean idempotent) {
            this.word = word;
            this.idempotent = idempotent;
        }

        static Kind of(String word, int line) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("ops.txt:" + line + ": unknown operation \"" + word + "\"");
        }
    }

    /**
     * One operation.
     *
     * @param path    where it applies ({@code top-level}: null)
     * @param key     the key to add ({@code add-entry}, {@code top-level}), else null
     * @param value   the new value: the string for {@code replace}, the value to add, or the items
     * @param entries the extra entries of {@code long-form} or the mapping of {@code top-level}
     */
    record Op(int line, Kind kind, String path, String key, YamlValue value, Map<String, YamlValue> entries) {
    }

    /** What a script does to one file. */
    record Run(EditPlan plan, Map<YamlNode, UnaryOperator<Object>> overrides, List<Span> touched, List<Kind> kinds) {
        boolean idempotent() {
            return kinds.stream().allMatch(k -> k.idempotent);
        }
    }

    private EditScript() {
    }

    // --- parsing ---------------------------------------------------------------------------------------------

    static List<Op> parse(String script) {
        List<Op> ops = new ArrayList<>();
        int n = 0;
        for (String raw : script.split("\r?\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Reader r = new Reader(line, n);
            Kind kind = Kind.of(r.word(), n);
            ops.add(switch (kind) {
                case REPLACE -> {
                    String path = r.word();
                    yield new Op(n, kind, path, null, YamlValue.string(r.restAsString()), null);
                }
                case ADD_ENTRY -> {
                    String path = r.word();
                    Map<String, YamlValue> one = r.entries();
                    if (one.size() != 1) {
                        throw r.error("add-entry takes one key=value");
                    }
                    Map.Entry<String, YamlValue> e = one.entrySet().iterator().next();
                    yield new Op(n, kind, path, e.getKey(), e.getValue(), null);
                }
                case SET_ITEMS, APPEND -> new Op(n, kind, r.word(), null, r.items(), null);
                case LONG_FORM -> new Op(n, kind, r.word(), null, null, r.entries());
                case TOP_LEVEL -> {
                    String key = r.word();
                    yield new Op(n, kind, null, key, YamlValue.map(r.entries()), null);
                }
            });
        }
        return ops;
    }

    /** Reads one line: words separated by blanks, then values in the grammar of the README. */
    private static final class Reader {
        private final String s;
        private final int line;
        private int i;

        Reader(String s, int line) {
            this.s = s;
            this.line = line;
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("ops.txt:" + line + ":" + (i + 1) + ": " + message + " in \"" + s
                    + "\"");
        }

        private void blanks() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        /** A blank-separated word, or a quoted string. */
        String word() {
            blanks();
            if (i < s.length() && s.charAt(i) == '"') {
                return quoted();
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw error("missing argument");
            }
            return s.substring(start, i);
        }

        /** The rest of the line as one string: quoted, or taken as written (trimmed). */
        String restAsString() {
            blanks();
            if (i < s.length() && s.charAt(i) == '"') {
                String q = quoted();
                end();
                return q;
            }
            String rest = s.substring(i).strip();
            i = s.length();
            return rest;
        }

        /** {@code a,b,[c]} or {@code [a,b]}: a list of values. */
        YamlValue items() {
            blanks();
            YamlValue v;
            if (i < s.length() && s.charAt(i) == '[') {
                v = value();
            } else {
                List<YamlValue> list = new ArrayList<>();
                while (i < s.length()) {
                    list.add(value());
                    blanks();
                    if (i < s.length() && !eat(',')) {
                        throw error("expected ','");
                    }
                }
                v = new YamlValue.Seq(list);
            }
            end();
            return v;
        }

        /** {@code k=v, k2=v2}: entries separated by commas, to the end of the line. */
        Map<String, YamlValue> entries() {
            Map<String, YamlValue> map = new LinkedHashMap<>();
            blanks();
            while (i < s.length()) {
                String k = string();
                blanks();
                if (!eat('=')) {
                    throw error("expected '=' after key \"" + k + "\"");
                }
                map.put(k, value());
                blanks();
                if (i < s.length() && !eat(',')) {
                    throw error("expected ','");
                }
                blanks();
            }
            return map;
        }

        private void end() {
            blanks();
            if (i < s.length()) {
                throw error("unexpected text");
            }
        }

        private boolean eat(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        YamlValue value() {
            blanks();
            if (eat('[')) {
                List<YamlValue> list = new ArrayList<>();
                blanks();
                if (!eat(']')) {
                    do {
                        list.add(value());
                        blanks();
                    } while (eat(','));
                    if (!eat(']')) {
                        throw error("expected ']'");
                    }
                }
                return new YamlValue.Seq(list);
            }
            if (eat('{')) {
                Map<String, YamlValue> map = new LinkedHashMap<>();
                blanks();
                if (!eat('}')) {
                    do {
                        String k = string();
                        blanks();
                        if (!eat('=')) {
                            throw error("expected '='");
                        }
                        map.put(k, value());
                        blanks();
                    } while (eat(','));
                    if (!eat('}')) {
                        throw error("expected '}'");
                    }
                }
                return YamlValue.map(map);
            }
            return YamlValue.string(string());
        }

        /** A quoted string, or bare text up to one of {@code , [ ] { } =} (trimmed; may hold blanks). */
        String string() {
            blanks();
            if (i < s.length() && s.charAt(i) == '"') {
                return quoted();
            }
            int start = i;
            while (i < s.length() && ",[]{}=".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String v = s.substring(start, i).strip();
            if (v.isEmpty()) {
                throw error("expected a value");
            }
            return v;
        }

        /** {@code "..."} with the escapes {@code \" \\ \n \r \t \\uXXXX}. */
        private String quoted() {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            if (!eat('"')) {
                throw error("unclosed quote");
            }
            return b.toString();
        }
    }

    // --- running ---------------------------------------------------------------------------------------------

    static Run run(List<Op> ops, YamlFile file) {
        YamlEditor editor = new YamlEditor(file);
        EditPlan plan = EditPlan.EMPTY;
        Map<YamlNode, UnaryOperator<Object>> overrides = YamlTestSupport.overrides();
        List<Span> touched = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        YamlDocument doc = YamlTestSupport.configDocument(file);
        for (Op op : ops) {
            kinds.add(op.kind());
            switch (op.kind()) {
                case REPLACE -> {
                    YamlScalar s = as(YamlScalar.class, op, file);
                    String value = ((YamlValue.Str) op.value()).value();
                    plan = plan.plus(editor.replaceScalar(s, value));
                    override(overrides, s, v -> value);
                    touched.add(s.valueSpan());
                }
                case ADD_ENTRY -> {
                    YamlMapping m = as(YamlMapping.class, op, file);
                    plan = plan.plus(editor.addEntry(m, op.key(), op.value()));
                    override(overrides, m, v -> put(v, op.key(), YamlTestSupport.plain(op.value())));
                    if (m.flow()) {
                        touched.add(m.valueSpan());
                    }
                }
                case SET_ITEMS -> {
                    YamlSequence q = as(YamlSequence.class, op, file);
                    plan = plan.plus(editor.setItems(q, ((YamlValue.Seq) op.value()).items()));
                    override(overrides, q, v -> YamlTestSupport.plain(op.value()));
                    touched.add(q.span());
                    if (((YamlValue.Seq) op.value()).items().isEmpty() && !q.flow()
                            && file.parentOf(q) instanceof YamlMapping pm) {
                        // an emptied block sequence may become "key: []" on its key's line
                        pm.entries().stream().filter(x -> x.value() == q).findFirst()
                                .ifPresent(e -> touched.add(e.key().span()));
                    }
                }
                case APPEND -> {
                    YamlSequence q = as(YamlSequence.class, op, file);
                    plan = plan.plus(editor.appendItems(q, ((YamlValue.Seq) op.value()).items()));
                    override(overrides, q, v -> {
                        List<Object> list = new ArrayList<>((List<?>) v);
                        list.addAll((List<?>) YamlTestSupport.plain(op.value()));
                        return list;
                    });
                    if (q.flow()) {
                        touched.add(q.valueSpan());
                    }
                }
                case LONG_FORM -> {
                    YamlScalar s = as(YamlScalar.class, op, file);
                    plan = plan.plus(editor.toLongForm(s, op.entries()));
                    override(overrides, s, v -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", v);
                        op.entries().forEach((k, x) -> m.put(k, YamlTestSupport.plain(x)));
                        return m;
                    });
                    YamlNode parent = file.parentOf(s);
                    if (parent instanceof YamlMapping pm && !file.inFlow(s)) {
                        YamlEntry e = pm.entries().stream().filter(x -> x.value() == s).findFirst().orElseThrow();
                        touched.add(new Span(e.key().span().start(), s.span().end()));
                    } else {
                        touched.add(s.span());
                    }
                }
                case TOP_LEVEL -> {
                    plan = plan.plus(editor.addTopLevelEntry(doc, op.key(), op.value()));
                    override(overrides, doc.root(), v -> put(v, op.key(), YamlTestSupport.plain(op.value())));
                    if (doc.root() instanceof YamlMapping m && m.flow()) {
                        touched.add(m.valueSpan());
                    }
                }
            }
        }
        return new Run(plan, overrides, touched, kinds);
    }

    private static void override(Map<YamlNode, UnaryOperator<Object>> overrides, YamlNode node,
            UnaryOperator<Object> f) {
        overrides.merge(node, f, (a, b) -> v -> b.apply(a.apply(v)));
    }

    private static Object put(Object map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) map).forEach((k, v) -> copy.put((String) k, v));
        copy.put(key, value);
        return copy;
    }

    private static <T extends YamlNode> T as(Class<T> type, Op op, YamlFile file) {
        YamlNode n = resolve(file, op.path(), op.line());
        if (!type.isInstance(n)) {
            throw new IllegalArgumentException("ops.txt:" + op.line() + ": " + op.path() + " is a "
                    + n.getClass().getSimpleName() + " at " + file.position(n) + ", not a " + type.getSimpleName());
        }
        return type.cast(n);
    }

    /**
     * The node at a path of the config document: {@code /} is the root; each segment is a key of a mapping (looked
     * up merge-aware, {@code ~1} for {@code /}, {@code ~0} for {@code ~}) or an index into a sequence. Aliases are
     * followed.
     */
    static YamlNode resolve(YamlFile file, String path, int line) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("ops.txt:" + line + ": a path starts with '/': " + path);
        }
        YamlNode n = YamlTestSupport.configDocument(file).root();
        if (path.equals("/")) {
            return n;
        }
        for (String raw : path.substring(1).split("/", -1)) {
            String seg = raw.replace("~1", "/").replace("~0", "~");
            YamlNode at = n == null ? null : n.resolved();
            if (at instanceof YamlMapping m) {
                n = m.get(seg);
            } else if (at instanceof YamlSequence q && seg.matches("\\d{1,9}")
                    && Integer.parseInt(seg) < q.items().size()) {
                n = q.items().get(Integer.parseInt(seg));
            } else {
                n = null;
            }
            if (n == null) {
                throw new IllegalArgumentException("ops.txt:" + line + ": nothing at \"" + seg + "\" of " + path);
            }
        }
        return n.resolved();
    }
}
