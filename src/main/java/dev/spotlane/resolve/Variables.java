package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Runner's variable expansion in image names: {@code $VAR} and {@code ${VAR}}, unknown ones left as written. */
public final class Variables {
    private static final Pattern REF = Pattern.compile("\\$(?:\\{([^}]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern INPUT = Pattern.compile("\\$\\[\\[\\s*(inputs\\.[A-Za-z0-9_-]+)[^]]*]]");
    private static final int MAX_ROUNDS = 10;

    private Variables() {
    }

    /** A variable's value: a scalar, or the {@code value:} of the long form; null when it has none. */
    static String valueOf(RNode v) {
        if (v instanceof RScalar s) {
            return s.value();
        }
        if (v instanceof RMap m && m.get("value") instanceof RScalar s) {
            return s.value();
        }
        return null;
    }

    /**
     * Expands known variables in {@code text}; values that refer to other variables are expanded too (bounded).
     * Unknown variables stay as written so the result says what it still needs.
     */
    public static String expand(String text, Map<String, String> known) {
        String current = text;
        for (int round = 0; round < MAX_ROUNDS && current.indexOf('$') >= 0; round++) {
            Matcher m = REF.matcher(current);
            StringBuilder b = new StringBuilder();
            boolean changed = false;
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                String value = known.get(name);
                if (value != null) {
                    changed = true;
                    m.appendReplacement(b, Matcher.quoteReplacement(value));
                } else {
                    m.appendReplacement(b, Matcher.quoteReplacement(m.group()));
                }
            }
            m.appendTail(b);
            current = b.toString();
            if (!changed) {
                break;
            }
        }
        return current;
    }

    /**
     * The names of the variables {@code text} still refers to, in order of appearance; an input interpolation
     * left as written counts as {@code inputs.name}.
     */
    public static List<String> referenced(String text) {
        List<String> out = new ArrayList<>();
        Matcher inputs = INPUT.matcher(text);
        while (inputs.find()) {
            if (!out.contains(inputs.group(1))) {
                out.add(inputs.group(1));
            }
        }
        Matcher m = REF.matcher(text);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
