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
            String next = expandOnce(current, known);
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }

    /**
     * One round of {@link #expand}: each reference {@link #REF} finds, scanning left to right without overlap, is
     * replaced by its value when {@code known} has one; null when none has (the text stays as written). Written out
     * rather than with the pattern: every image of every job comes through here, and most have no known variable.
     */
    private static String expandOnce(String s, Map<String, String> known) {
        StringBuilder b = null;
        int copied = 0;
        int n = s.length();
        int i = s.indexOf('$');
        while (i >= 0) {
            int nameStart;
            int nameEnd;
            int end;
            if (i + 1 < n && s.charAt(i + 1) == '{') {
                // ${NAME}: anything up to the first '}'; with no '}' it is no reference ('{' starts no name)
                nameEnd = s.indexOf('}', i + 2);
                nameStart = i + 2;
                end = nameEnd + 1;
            } else if (i + 1 < n && nameStart(s.charAt(i + 1))) {
                nameStart = i + 1;
                nameEnd = i + 2;
                while (nameEnd < n && namePart(s.charAt(nameEnd))) {
                    nameEnd++;
                }
                end = nameEnd;
            } else {
                nameEnd = -1;
                nameStart = -1;
                end = -1;
            }
            if (nameEnd < 0) {
                i = s.indexOf('$', i + 1);
                continue;
            }
            String value = known.isEmpty() ? null : known.get(s.substring(nameStart, nameEnd));
            if (value != null) {
                if (b == null) {
                    b = new StringBuilder(n + value.length());
                }
                b.append(s, copied, i).append(value);
                copied = end;
            }
            i = s.indexOf('$', end);
        }
        return b == null ? null : b.append(s, copied, n).toString();
    }

    private static boolean nameStart(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || c >= '0' && c <= '9';
    }

    /**
     * The names of the variables {@code text} still refers to, in order of appearance; an input interpolation
     * left as written counts as {@code inputs.name}.
     */
    public static List<String> referenced(String text) {
        List<String> out = new ArrayList<>();
        if (text.indexOf('$') < 0) {
            return out; // both patterns start with '$'
        }
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
