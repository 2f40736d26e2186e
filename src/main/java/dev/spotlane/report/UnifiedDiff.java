package dev.spotlane.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/** Unified diffs ({@code diff -u} with {@code a/} and {@code b/} prefixes) of planned changes. */
public final class UnifiedDiff {
    private UnifiedDiff() {
    }

    /** The diff of one file, empty when the texts are equal; line breaks inside lines are shown as they are. */
    public static String of(String name, String oldText, String newText) {
        if (oldText.equals(newText)) {
            return "";
        }
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        Patch<String> patch = DiffUtils.diff(a, b);
        String path = name.startsWith("/") ? name.substring(1) : name;
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, 3);
        StringBuilder s = new StringBuilder();
        out.forEach(l -> s.append(l).append('\n'));
        return s.toString();
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.replace("\r\n", "\n").split("\n", -1));
    }
}
