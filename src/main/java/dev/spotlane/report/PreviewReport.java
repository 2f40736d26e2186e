package dev.spotlane.report;

import dev.spotlane.resolve.Diagnostic;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RRef;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.yaml.ScalarStyle;
import dev.spotlane.yaml.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prints a resolved pipeline: {@code stages}, {@code variables} and {@code workflow} as merged, then every job
 * that can run, fully resolved (hidden jobs, {@code include} and {@code default} are applied and left out).
 */
public final class PreviewReport {
    private static final List<String> KEPT_GLOBALS = List.of("stages", "variables", "workflow");
    private static final Pattern YAML11_TRUE = Pattern.compile("y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON");
    private static final Pattern YAML11_FALSE = Pattern.compile("n|N|no|No|NO|false|False|FALSE|off|Off|OFF");
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9]+([eE][-+]?[0-9]+)?");

    private PreviewReport() {
    }

    /** The top-level mapping printed: kept globals, then the jobs. */
    static Map<String, RNode> top(ResolvedPipeline p) {
        Map<String, RNode> top = new LinkedHashMap<>();
        for (String k : KEPT_GLOBALS) {
            if (p.config().has(k)) {
                top.put(k, p.config().get(k));
            }
        }
        for (ResolvedJob job : p.jobs().values()) {
            top.put(job.name(), job.body());
        }
        return top;
    }

    public static String yaml(ResolvedPipeline p) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, RNode> e : top(p).entrySet()) {
            entry(b, e.getKey(), e.getValue(), 0);
        }
        return b.toString();
    }

    private static void entry(StringBuilder b, String key, RNode value, int indent) {
        b.append(" ".repeat(indent)).append(Scalars.render(key, ScalarStyle.PLAIN, false)).append(':');
        value(b, value, indent);
    }

    private static void value(StringBuilder b, RNode value, int indent) {
        if (value instanceof RMap m) {
            if (m.entries().isEmpty()) {
                b.append(" {}\n");
                return;
            }
            b.append('\n');
            m.entries().forEach((k, v) -> entry(b, k, v, indent + 2));
        } else if (value instanceof RList l) {
            if (l.items().isEmpty()) {
                b.append(" []\n");
                return;
            }
            b.append('\n');
            for (RNode item : l.items()) {
                b.append(" ".repeat(indent)).append("-");
                if (item instanceof RMap m && !m.entries().isEmpty()) {
                    boolean first = true;
                    for (Map.Entry<String, RNode> e : m.entries().entrySet()) {
                        if (first) {
                            b.append(' ').append(Scalars.render(e.getKey(), ScalarStyle.PLAIN, false)).append(':');
                            value(b, e.getValue(), indent + 2);
                            first = false;
                        } else {
                            entry(b, e.getKey(), e.getValue(), indent + 2);
                        }
                    }
                } else {
                    value(b, item, indent + 2);
                }
            }
        } else if (value instanceof RRef r) {
            b.append(' ').append(r.display()).append('\n');
        } else {
            b.append(' ').append(scalar((RScalar) value, indent)).append('\n');
        }
    }

    private static String scalar(RScalar s, int indent) {
        if (s.value() == null) {
            return "null";
        }
        String v = s.value();
        if (s.plain() && (Scalars.plainSafe(v, false) || typed(v) != null)) {
            return v;
        }
        if (v.indexOf('\n') >= 0 && v.chars().noneMatch(c -> c < 0x20 && c != '\n') && !v.startsWith(" ")
                && !v.contains(" \n") && !v.endsWith(" ")) {
            String chomp = v.endsWith("\n") ? (v.endsWith("\n\n") ? "+" : "") : "-";
            String body = v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
            String pad = " ".repeat(indent + 2);
            StringBuilder b = new StringBuilder("|").append(chomp);
            for (String line : body.split("\n", -1)) {
                b.append('\n').append(line.isEmpty() ? "" : pad + line);
            }
            return b.toString();
        }
        return Scalars.render(v, ScalarStyle.PLAIN, false);
    }

    /** A plain scalar's YAML 1.1 type as GitLab reads it: Boolean, Long, Double, or null for a string. */
    static Object typed(String v) {
        if (YAML11_TRUE.matcher(v).matches()) {
            return Boolean.TRUE;
        }
        if (YAML11_FALSE.matcher(v).matches()) {
            return Boolean.FALSE;
        }
        if (INT.matcher(v).matches()) {
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (FLOAT.matcher(v).matches()) {
            return Double.parseDouble(v.replace("_", ""));
        }
        return null;
    }

    /** {@code {"config":{...},"unresolved":[...],"diagnostics":[...]}}. */
    public static String json(ResolvedPipeline p) {
        Json j = new Json().beginObject().name("config").beginObject();
        for (Map.Entry<String, RNode> e : top(p).entrySet()) {
            j.name(e.getKey());
            json(j, e.getValue());
        }
        j.endObject().name("unresolved").beginArray();
        for (Diagnostic d : p.diagnostics()) {
            if (d.kind().equals("include-unresolved")) {
                j.beginObject().field("path", d.location().path()).field("line", d.location().line())
                        .field("column", d.location().column()).field("message", d.message()).endObject();
            }
        }
        j.endArray().name("diagnostics").beginArray();
        for (Diagnostic d : p.diagnostics()) {
            if (!d.kind().equals("include-unresolved")) {
                j.beginObject().field("path", d.location().path()).field("line", d.location().line())
                        .field("column", d.location().column()).field("id", d.id())
                        .field("severity", d.error() ? "error" : "info").field("message", d.message()).endObject();
            }
        }
        return j.endArray().endObject().toString() + "\n";
    }

    private static void json(Json j, RNode n) {
        if (n instanceof RMap m) {
            j.beginObject();
            m.entries().forEach((k, v) -> {
                j.name(k);
                json(j, v);
            });
            j.endObject();
        } else if (n instanceof RList l) {
            j.beginArray();
            l.items().forEach(i -> json(j, i));
            j.endArray();
        } else if (n instanceof RRef r) {
            j.value(r.display());
        } else {
            RScalar s = (RScalar) n;
            Object t = s.plain() && s.value() != null ? typed(s.value()) : null;
            if (s.value() == null) {
                j.value((String) null);
            } else if (t instanceof Boolean bool) {
                j.value(bool);
            } else if (t instanceof Long l) {
                j.value(l);
            } else if (t instanceof Double d) {
                j.raw(d.isInfinite() || d.isNaN() ? "null" : String.valueOf(d));
            } else {
                j.value(s.value());
            }
        }
    }
}
