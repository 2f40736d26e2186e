package dev.spotlane.yaml;

import java.util.Iterator;
import java.util.Map;

/** Writes new {@link YamlValue}s as YAML text in block or flow style. */
final class Render {
    /** A list of strings shorter than this is written in flow style ({@code [a, b]}). */
    private static final int FLOW_LIST_LIMIT = 72;

    private Render() {
    }

    static String key(String key, boolean inFlow) {
        return Scalars.render(key, ScalarStyle.PLAIN, inFlow);
    }

    /** A value in flow style, on one line. */
    static String flow(YamlValue value) {
        if (value instanceof YamlValue.Str s) {
            return Scalars.render(s.value(), ScalarStyle.PLAIN, true);
        }
        if (value instanceof YamlValue.Int i) {
            return Long.toString(i.value());
        }
        StringBuilder b = new StringBuilder();
        if (value instanceof YamlValue.Seq seq) {
            b.append('[');
            for (YamlValue item : seq.items()) {
                b.append(b.length() > 1 ? ", " : "").append(flow(item));
            }
            return b.append(']').toString();
        }
        b.append('{');
        for (Map.Entry<String, YamlValue> e : ((YamlValue.Mapping) value).entries().entrySet()) {
            b.append(b.length() > 1 ? ", " : "").append(key(e.getKey(), true)).append(": ").append(flow(e.getValue()));
        }
        return b.append('}').toString();
    }

    /** {@code key: value} as complete block lines at {@code indent}, each ending with {@code nl}. */
    static String entry(String key, YamlValue value, int indent, int unit, String nl) {
        String head = " ".repeat(indent) + key(key, false) + ":";
        if (value instanceof YamlValue.Str s) {
            return head + " " + Scalars.render(s.value(), ScalarStyle.PLAIN, false) + nl;
        }
        if (value instanceof YamlValue.Int i) {
            return head + " " + i.value() + nl;
        }
        if (value instanceof YamlValue.Seq seq) {
            String flow = flow(seq);
            if (seq.items().isEmpty() || seq.items().stream().allMatch(i -> i instanceof YamlValue.Str)
                    && indent + head.length() + flow.length() < FLOW_LIST_LIMIT) {
                return head + " " + flow + nl;
            }
            StringBuilder b = new StringBuilder(head).append(nl);
            for (YamlValue item : seq.items()) {
                b.append(item(item, indent + unit, unit, nl));
            }
            return b.toString();
        }
        Map<String, YamlValue> entries = ((YamlValue.Mapping) value).entries();
        if (entries.isEmpty()) {
            return head + " {}" + nl;
        }
        StringBuilder b = new StringBuilder(head).append(nl);
        entries.forEach((k, v) -> b.append(entry(k, v, indent + unit, unit, nl)));
        return b.toString();
    }

    /** {@code - value} as complete block lines with the dash at {@code indent}. */
    static String item(YamlValue value, int indent, int unit, String nl) {
        String pad = " ".repeat(indent);
        if (value instanceof YamlValue.Mapping m && !m.entries().isEmpty()) {
            StringBuilder b = new StringBuilder();
            Iterator<Map.Entry<String, YamlValue>> it = m.entries().entrySet().iterator();
            Map.Entry<String, YamlValue> first = it.next();
            b.append(pad).append("- ").append(entry(first.getKey(), first.getValue(), indent + 2, unit, nl)
                    .substring(indent + 2));
            while (it.hasNext()) {
                Map.Entry<String, YamlValue> e = it.next();
                b.append(entry(e.getKey(), e.getValue(), indent + 2, unit, nl));
            }
            return b.toString();
        }
        if (value instanceof YamlValue.Str s) {
            return pad + "- " + Scalars.render(s.value(), ScalarStyle.PLAIN, false) + nl;
        }
        return pad + "- " + flow(value) + nl;
    }
}
