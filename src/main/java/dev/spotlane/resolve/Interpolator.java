package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's {@code $[[ inputs.name | fn | fn ]]} interpolation with known input values. A scalar that is exactly one
 * block takes the input's type (an array input becomes a list); blocks inside longer text are replaced by text.
 * Functions: {@code expand_vars} (left as is: variables are expanded by GitLab at run time),
 * {@code truncate(offset,length)}, {@code posix_escape}.
 */
final class Interpolator {
    private static final Pattern BLOCK = Pattern.compile("\\$\\[\\[\\s*(.*?)\\s*]]");
    private static final Pattern TRUNCATE = Pattern.compile("truncate\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    /** The value of a declared input nobody gave: its block stays as written (a component linted on its own). */
    static final Object UNSET = new Object();

    private final Map<String, Object> values;
    private final Consumer<Diagnostic> report;

    /**
     * @param values input name → String, Number, Boolean or List of those
     * @param report where problems go (unknown input, bad function)
     */
    Interpolator(Map<String, Object> values, Consumer<Diagnostic> report) {
        this.values = values;
        this.report = report;
    }

    RNode scalar(String text, boolean plain, Origin origin) {
        if (text.indexOf("$[[") < 0) {
            return new RScalar(text, plain, origin);
        }
        Matcher m = BLOCK.matcher(text);
        if (m.matches()) {
            Object v = evaluate(m.group(1), origin);
            if (v == UNSET) {
                return new RScalar(text, false, origin);
            }
            if (v instanceof List<?> list) {
                List<RNode> items = new ArrayList<>();
                for (Object o : list) {
                    items.add(new RScalar(String.valueOf(o), !(o instanceof String), origin));
                }
                return new RList(items, origin);
            }
            return new RScalar(v == null ? "" : String.valueOf(v), !(v instanceof String) && plain, origin);
        }
        return new RScalar(string(text, origin), false, origin);
    }

    String string(String text, Origin origin) {
        if (text.indexOf("$[[") < 0) {
            return text;
        }
        Matcher m = BLOCK.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Object v = evaluate(m.group(1), origin);
            String replacement = v == UNSET ? m.group() : v == null ? "" : String.valueOf(v);
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return b.toString();
    }

    private Object evaluate(String expression, Origin origin) {
        String[] parts = expression.split("\\|");
        String head = parts[0].trim();
        if (!head.startsWith("inputs.")) {
            report.accept(new Diagnostic(origin.location(), "include-inputs", true,
                    "unknown interpolation key \"" + head + "\""));
            return null;
        }
        String name = head.substring("inputs.".length());
        if (!values.containsKey(name)) {
            report.accept(new Diagnostic(origin.location(), "include-inputs", true,
                    "unknown interpolation key \"" + name + "\": the spec defines no such input"));
            return null;
        }
        Object v = values.get(name);
        if (v == UNSET) {
            return UNSET;
        }
        for (int i = 1; i < parts.length; i++) {
            String fn = parts[i].trim();
            Matcher t = TRUNCATE.matcher(fn);
            if (fn.equals("expand_vars")) {
                continue;
            } else if (t.matches()) {
                String s = String.valueOf(v);
                int from = Math.min(s.length(), Integer.parseInt(t.group(1)));
                int len = Integer.parseInt(t.group(2));
                v = s.substring(from, Math.min(s.length(), from + len));
            } else if (fn.equals("posix_escape")) {
                v = String.valueOf(v).replaceAll("([^A-Za-z0-9_./,:=@%+-])", "\\\\$1");
            } else {
                report.accept(new Diagnostic(origin.location(), "include-inputs", true,
                        "unknown interpolation function \"" + fn + "\""));
            }
        }
        return v;
    }
}
