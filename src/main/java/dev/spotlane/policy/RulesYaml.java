package dev.spotlane.policy;

import dev.spotlane.model.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a merged rules document as block YAML, optionally with a trailing {@code # file:line} comment naming where
 * each value was written (once per line of the source: the values of a flow mapping written on one line share it) ({@code spotlane rules --effective}). Strings are written plain only when YAML
 * (1.1 and 1.2) reads them back as the same string, else double-quoted; reading the text back gives the same
 * document, which is what {@link RulesChain} validates, and {@link Rendered#pointer(int)} maps a line back to the
 * value written on it.
 */
public final class RulesYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]*");
    private static final Pattern WORDS = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null|nan|inf");

    /** The text and, for each line, the JSON pointer of the innermost value written on it. */
    public record Rendered(String text, List<String> pointers) {
        public Rendered {
            pointers = List.copyOf(pointers);
        }

        /** The pointer of the value on a 1-based line, or null past the end. */
        public String pointer(int line) {
            return line >= 1 && line <= pointers.size() ? pointers.get(line - 1) : null;
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final List<String> pointers = new ArrayList<>();
    private final Function<String, String> comment;

    private RulesYaml(Function<String, String> comment) {
        this.comment = comment;
    }

    /** The document without comments. */
    public static Rendered render(ObjectNode doc) {
        return render(doc, p -> null);
    }

    /** The document with, on each line, the comment {@code comment} gives for its pointer (null: none). */
    public static Rendered render(ObjectNode doc, Function<String, String> comment) {
        RulesYaml y = new RulesYaml(comment);
        if (doc.isEmpty()) {
            y.line("{}", "", "");
        } else {
            y.map(doc, "", "", "", null);
        }
        return new Rendered(y.out.toString(), y.pointers);
    }

    /** A comment naming the origin of each value: {@code file:line}, none for values merged from several files. */
    public static Function<String, String> origins(RulesMerge.Tracked t) {
        Map<String, Location> origins = t.origins();
        return p -> {
            if (t.merged().contains(p) || !origins.containsKey(p)) {
                return null;
            }
            String here = origins.get(p).path() + ":" + origins.get(p).line();
            // a value on the line its enclosing value was written on (a flow mapping or list) says it once
            String parent = p.isEmpty() ? null : p.substring(0, p.lastIndexOf('/'));
            Location up = parent == null || parent.isEmpty() || t.merged().contains(parent) ? null
                    : origins.get(parent);
            return up != null && (up.path() + ":" + up.line()).equals(here) ? null : here;
        };
    }

    /** A mapping; {@code item}: the list item it is, whose origin the first line (after {@code - }) names. */
    private void map(ObjectNode m, String ptr, String indent, String first, String item) {
        boolean head = true;
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            String p = ptr + "/" + RulesMerge.escape(e.getKey());
            String lead = head ? first : indent;
            entry(lead + scalar(e.getKey()) + ":", e.getValue(), p, indent, head && item != null ? item : p);
            head = false;
        }
    }

    private void entry(String prefix, JsonNode v, String p, String indent, String origin) {
        if (v instanceof ObjectNode o && !o.isEmpty()) {
            line(prefix, p, origin);
            map(o, p, indent + "  ", indent + "  ", null);
        } else if (v instanceof ArrayNode a && !a.isEmpty()) {
            line(prefix, p, origin);
            seq(a, p, indent + "  ");
        } else {
            line(prefix + " " + leaf(v), p, origin);
        }
    }

    private void seq(ArrayNode a, String ptr, String indent) {
        for (int i = 0; i < a.size(); i++) {
            String p = ptr + "/" + i;
            JsonNode v = a.get(i);
            if (v instanceof ObjectNode o && !o.isEmpty()) {
                map(o, p, indent + "  ", indent + "- ", p);
            } else if (v instanceof ArrayNode n && !n.isEmpty()) {
                line(indent + "-", p, p);
                seq(n, p, indent + "  ");
            } else {
                line(indent + "- " + leaf(v), p, p);
            }
        }
    }

    private void line(String text, String p, String origin) {
        String c = comment.apply(origin);
        out.append(text).append(c == null ? "" : "  # " + c).append('\n');
        pointers.add(p);
    }

    private static String leaf(JsonNode v) {
        if (v instanceof ObjectNode) {
            return "{}";
        }
        if (v instanceof ArrayNode) {
            return "[]";
        }
        if (v.isString()) {
            return scalar(v.asString());
        }
        return v.isNull() ? "null" : v.toString();
    }

    /** A string as YAML: plain when that reads back as the same string, else double-quoted (JSON escapes). */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !WORDS.matcher(s).matches()) {
            return s;
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(s).toString();
    }
}
