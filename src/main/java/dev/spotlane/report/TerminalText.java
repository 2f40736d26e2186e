package dev.spotlane.report;

/**
 * Makes text from a repository safe to print on a terminal or in a CI log: the one place that escapes it. A job
 * named {@code "\e[31mred"} must not colour the terminal, a name holding a line break must not split a finding in
 * two, and bidirectional overrides must not reorder what the reader sees. Every control character (C0 but the tab,
 * DEL, C1), the line and paragraph separators and the bidirectional controls are written as escapes
 * ({@code \n}, {@code \r}, {@code \e}, {@code \u202E}...); a message longer than {@value #MAX_MESSAGE} code points is
 * cut with an ellipsis.
 */
public final class TerminalText {
    /** The longest message printed whole, in code points. */
    public static final int MAX_MESSAGE = 1000;

    private TerminalText() {
    }

    /** {@code s} with every control character escaped; null stays null. */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        // printable ASCII never needs an escape: most text is only that, and is returned as it is at once
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) < 0x7f) {
            plain++;
        }
        if (plain == s.length()) {
            return s;
        }
        StringBuilder b = null;
        for (int i = plain; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            String e = escapeOf(c);
            if (e != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (e != null) {
                    b.append(e);
                } else {
                    b.appendCodePoint(c);
                }
            }
            i += n;
        }
        return b == null ? s : b.toString();
    }

    /** A message for one line of output: escaped, and cut at {@link #MAX_MESSAGE} code points. */
    public static String line(String s) {
        String e = escape(s);
        if (e == null || e.length() <= MAX_MESSAGE || e.codePointCount(0, e.length()) <= MAX_MESSAGE) {
            return e;
        }
        return e.substring(0, e.offsetByCodePoints(0, MAX_MESSAGE)) + "… (cut at " + MAX_MESSAGE + " characters)";
    }

    /** The escape of one code point, or null when it prints as itself. */
    private static String escapeOf(int c) {
        switch (c) {
            case '\t':
                return null;
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case 0x1b:
                return "\\e";
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c;
        return control ? String.format("\\u%04X", c) : null;
    }
}
