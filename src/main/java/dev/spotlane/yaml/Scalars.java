package dev.spotlane.yaml;

import java.util.regex.Pattern;

/** Writes string scalars so that GitLab's YAML reader (YAML 1.1 rules) reads back the same string. */
public final class Scalars {
    /**
     * Plain words YAML 1.1 or 1.2 reads as null, booleans, numbers, dates or special floats; in any letter case, as
     * Ruby Psych matches them ({@code tRUE}, {@code oN}, {@code NuLL} and {@code .iNf} are not strings to GitLab).
     */
    private static final Pattern AMBIGUOUS = Pattern.compile(
            "~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
                    + "|[-+]?(\\.[0-9].*|[0-9].*)|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|<<|=",
            Pattern.CASE_INSENSITIVE);

    private Scalars() {
    }

    /** True when {@code value} may be written as a plain scalar and still read back as this string. */
    public static boolean plainSafe(String value, boolean inFlow) {
        if (value.isEmpty() || AMBIGUOUS.matcher(value).matches()) {
            return false;
        }
        char first = value.charAt(0);
        if ("?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0 || first == '-' && (value.length() == 1
                || value.charAt(1) == ' ' || value.startsWith("---"))) {
            return false;
        }
        if (Character.isWhitespace(first) || Character.isWhitespace(value.charAt(value.length() - 1))
                || value.endsWith(":")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\uFEFF' || c == 0x85 || c == '\u2028' || c == '\u2029') {
                return false;
            }
            if (inFlow && ",[]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return !value.contains(": ") && !value.contains(" #") && !(inFlow && value.contains(":"));
    }

    /** {@code value} as a single-quoted scalar, or null when it holds characters that need escapes. */
    public static String singleQuoted(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                return null;
            }
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code value} as a double-quoted scalar with escapes. */
    public static String doubleQuoted(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * {@code value} written in {@code preferred} style where that style can hold it, else the nearest style that
     * can: plain, then single-quoted, then double-quoted. Block styles are written as plain or quoted.
     */
    public static String render(String value, ScalarStyle preferred, boolean inFlow) {
        if (preferred == ScalarStyle.DOUBLE_QUOTED) {
            return doubleQuoted(value);
        }
        if (preferred != ScalarStyle.SINGLE_QUOTED && plainSafe(value, inFlow)) {
            return value;
        }
        String single = singleQuoted(value);
        return single != null ? single : doubleQuoted(value);
    }
}
