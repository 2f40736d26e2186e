package dev.spotlane.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs ({@code diff -u} with {@code a/} and {@code b/} prefixes) that {@code git apply} and {@code patch}
 * accept: CRLF lines keep their {@code \r}, and a last line without a line break gets
 * {@code \ No newline at end of file}.
 */
public final class UnifiedDiff {
    private static final String NO_NEWLINE = "\\ No newline at end of file";
    /** Marks, inside the diff, a last line that has no line break (so it differs from the same text with one). */
    private static final char UNTERMINATED = '\u0000';
    /**
     * Up to this many lines (old and new together) the diff is Myers' over the whole file, minimal; above it, Myers'
     * between anchors ({@link AnchoredDiff}), whose cost grows with the file, not with the file times its changes.
     */
    static final int EXACT_LIMIT = 4000;

    private UnifiedDiff() {
    }

    /** The diff of one file, empty when the texts are equal. */
    public static String of(String name, String oldText, String newText) {
        if (oldText.equals(newText)) {
            return "";
        }
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        Patch<String> patch = a.size() + b.size() <= EXACT_LIMIT ? DiffUtils.diff(a, b) : AnchoredDiff.diff(a, b);
        String path = name.startsWith("/") ? name.substring(1) : name;
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, 3);
        StringBuilder s = new StringBuilder();
        for (String l : out) {
            if (!l.isEmpty() && l.charAt(l.length() - 1) == UNTERMINATED) {
                s.append(l, 0, l.length() - 1).append('\n').append(NO_NEWLINE).append('\n');
            } else {
                s.append(l).append('\n');
            }
        }
        return s.toString();
    }

    /** Lines without their {@code \n} (a {@code \r} stays); an unterminated last line carries the marker. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                out.add(text.substring(start) + UNTERMINATED);
                break;
            }
            out.add(text.substring(start, nl));
            start = nl + 1;
        }
        return out;
    }
}
