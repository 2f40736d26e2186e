package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's {@code $[[ inputs.name | fn | fn ]]} interpolation (GitLab's {@code Interpolation::Template} and
 * {@code Block}, {@code lib/gitlab/ci/config/interpolation/}):
 * <ul>
 *   <li>a scalar that is exactly one block takes the value with its type, however the scalar was quoted (a number,
 *       a boolean, an array becomes a list, its mappings mappings);</li>
 *   <li>blocks inside longer text are replaced by text: strings as they are, numbers and booleans as written, arrays
 *       as Ruby's {@code Array#to_s} prints them ({@code ["a", "b"]}, which for strings, numbers and booleans is
 *       JSON), mappings as JSON;</li>
 *   <li>{@code $[[ matrix.X ]]} is left as written for the matrix step ({@code Block::SKIP_INTERPOLATION_CONTEXTS});</li>
 *   <li>{@code $[[ component.name|sha|version|reference ]]} only for fields declared under {@code spec:component};</li>
 *   <li>the access path needs two parts and at most 1024 bytes; at most {@value #MAX_FUNCTIONS} functions per block,
 *       checked before the functions' names.</li>
 * </ul>
 * Functions: {@code expand_vars} (left as is: variables are expanded by GitLab at run time),
 * {@code truncate(offset,length)}, {@code posix_escape}.
 */
final class Interpolator {
    /** GitLab's {@code Template::BLOCK_PATTERN}: the data part needs at least two non-blank characters. */
    private static final Pattern BLOCK = Pattern.compile("\\$\\[\\[\\s*(\\S.*?\\S)\\s*]]");
    private static final Pattern TRUNCATE = Pattern.compile("truncate\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    /** {@code Block::MAX_FUNCTIONS}. */
    static final int MAX_FUNCTIONS = 3;
    /** {@code Access::MAX_ACCESS_OBJECTS} and {@code MAX_ACCESS_BYTESIZE}. */
    private static final int MAX_ACCESS_OBJECTS = 5;
    private static final int MAX_ACCESS_BYTES = 1024;

    /** The value of a declared input nobody gave: its block stays as written (a component linted on its own). */
    static final Object UNSET = new Object();
    /** A block evaluation that failed and was reported. */
    private static final Object FAILED = new Object();

    private final Map<String, Object> values;
    private final Map<String, Object> component;
    private final Consumer<Diagnostic> report;

    /**
     * @param values    input name → String, Number, Boolean, List or Map (from an array input), or {@link #UNSET}
     * @param component the {@code spec:component} fields declared → value or {@link #UNSET}; null when the file
     *                  declares none (then {@code $[[ component.x ]]} is an unknown key)
     * @param report    where problems go (unknown input, bad function)
     */
    Interpolator(Map<String, Object> values, Map<String, Object> component, Consumer<Diagnostic> report) {
        this.values = values;
        this.component = component;
        this.report = report;
    }

    Interpolator(Map<String, Object> values, Consumer<Diagnostic> report) {
        this(values, null, report);
    }

    RNode scalar(String text, boolean plain, Origin origin) {
        if (text.indexOf("$[[") < 0) {
            return new RScalar(text, plain, origin);
        }
        Matcher m = BLOCK.matcher(text);
        if (m.matches()) {
            Object v = evaluate(m.group(1), origin);
            if (v == UNSET) {
                return new RScalar(text, plain, origin);
            }
            if (v == FAILED) {
                return new RScalar("", false, origin);
            }
            // the node is exactly the block: the value keeps its type, quoted or not (Template#get_block_value!)
            return node(v, origin);
        }
        return new RScalar(string(text, origin), false, origin);
    }

    /** A value as a resolved node: lists and mappings stay structures, non-strings stay plain scalars. */
    private static RNode node(Object v, Origin origin) {
        if (v instanceof List<?> list) {
            List<RNode> items = new ArrayList<>(list.size());
            for (Object o : list) {
                items.add(node(o, origin));
            }
            return new RList(items, origin);
        }
        if (v instanceof Map<?, ?> map) {
            LinkedHashMap<String, RNode> entries = new LinkedHashMap<>();
            map.forEach((k, x) -> entries.put(String.valueOf(k), node(x, origin)));
            return RMap.owning(entries, origin);
        }
        return new RScalar(v == null ? null : String.valueOf(v), !(v instanceof String), origin);
    }

    String string(String text, Origin origin) {
        if (text.indexOf("$[[") < 0) {
            return text;
        }
        Matcher m = BLOCK.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Object v = evaluate(m.group(1), origin);
            String replacement = v == UNSET ? m.group() : v == FAILED ? "" : text(v);
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * A value inside longer text, as GitLab's {@code value.to_s}: nil is empty, arrays print as Ruby prints them
     * ({@code ["foo", "baz"]}); mappings (whose Ruby form depends on the Ruby version) as JSON.
     */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            StringBuilder b = new StringBuilder();
            render(v, b);
            return b.toString();
        }
        return String.valueOf(v);
    }

    private static void render(Object v, StringBuilder b) {
        if (v == null) {
            b.append("nil");
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                b.append(i > 0 ? ", " : "");
                render(list.get(i), b);
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "" : ", ");
                first = false;
                quote(String.valueOf(e.getKey()), b);
                b.append(": ");
                render(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof String s) {
            quote(s, b);
        } else {
            b.append(v);
        }
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** One block's data ({@code access | fn | fn}) in GitLab's order of checks ({@code Block#evaluate!}). */
    private Object evaluate(String data, Origin origin) {
        String[] parts = data.split("\\|", -1);
        String access = parts[0].trim();
        String[] path = access.split("\\.", MAX_ACCESS_OBJECTS);
        if (path[0].equals("matrix")) {
            // GitLab leaves matrix expressions for the matrix step (Block::SKIP_INTERPOLATION_CONTEXTS, MR 211422)
            return UNSET;
        }
        if (path.length <= 1) {
            return fail(origin, "invalid interpolation access pattern \"" + access + "\"");
        }
        if (access.getBytes(StandardCharsets.UTF_8).length > MAX_ACCESS_BYTES) {
            return fail(origin, "maximum interpolation expression size exceeded");
        }
        Object v = lookup(path, origin);
        if (v == FAILED) {
            return v;
        }
        if (parts.length - 1 > MAX_FUNCTIONS) {
            return fail(origin, "too many functions in interpolation block (" + (parts.length - 1) + ", at most "
                    + MAX_FUNCTIONS + ")");
        }
        if (v == UNSET) {
            return v;
        }
        for (int i = 1; i < parts.length; i++) {
            String fn = parts[i].trim();
            Matcher t = TRUNCATE.matcher(fn);
            if (fn.equals("expand_vars")) {
                continue;
            } else if (t.matches()) {
                String s = text(v);
                int from = (int) Math.min(s.length(), Long.parseLong(t.group(1).length() > 9 ? "999999999"
                        : t.group(1)));
                long len = Long.parseLong(t.group(2).length() > 9 ? "999999999" : t.group(2));
                v = s.substring(from, (int) Math.min(s.length(), from + len));
            } else if (fn.equals("posix_escape")) {
                v = text(v).replaceAll("([^A-Za-z0-9_./,:=@%+-])", "\\\\$1");
            } else {
                return fail(origin, "unknown interpolation function \"" + fn + "\"");
            }
        }
        return v;
    }

    private Object lookup(String[] path, Origin origin) {
        Object ctx;
        if (path[0].equals("inputs")) {
            ctx = values;
        } else if (path[0].equals("component") && component != null) {
            ctx = component;
        } else {
            return fail(origin, "unknown interpolation key \"" + path[0] + "\""
                    + (path[0].equals("component") ? ": the spec declares no `component` fields" : ""));
        }
        for (int i = 1; i < path.length; i++) {
            String key = path[i];
            if (!(ctx instanceof Map<?, ?> m) || !m.containsKey(key)) {
                String why = i > 1 ? "" : path[0].equals("inputs") ? ": the spec defines no such input"
                        : ": not declared under spec:component";
                return fail(origin, "unknown interpolation key \"" + key + "\"" + why);
            }
            ctx = m.get(key);
            if (ctx == UNSET) {
                return UNSET;
            }
        }
        return ctx;
    }

    private Object fail(Origin origin, String message) {
        report.accept(new Diagnostic(origin.location(), "include-inputs", true, message));
        return FAILED;
    }
}
