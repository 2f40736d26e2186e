package dev.spotlane.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.DeleteDelta;
import com.github.difflib.patch.InsertDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A line diff for large files whose changes are many and scattered (a fix that retags thousands of jobs): Myers'
 * algorithm over a whole file costs its length times the number of changed lines, which grows as the square of the
 * pipeline. Here the lines that occur exactly once in each file are matched, the longest chain of them in the same
 * order on both sides becomes the anchors (patience diff), and Myers runs only between consecutive anchors. The
 * result is a valid diff of the two files (every anchor is an equal line, matched in order), not always the
 * smallest one.
 */
final class AnchoredDiff {
    private AnchoredDiff() {
    }

    static Patch<String> diff(List<String> a, List<String> b) {
        Patch<String> patch = new Patch<>();
        int[][] anchors = anchors(a, b);
        int ai = 0;
        int bi = 0;
        for (int[] anchor : anchors) {
            segment(a, b, ai, anchor[0], bi, anchor[1], patch);
            ai = anchor[0] + 1;
            bi = anchor[1] + 1;
        }
        segment(a, b, ai, a.size(), bi, b.size(), patch);
        return patch;
    }

    /** Myers between two anchors, its deltas moved to their place in the whole files. */
    private static void segment(List<String> a, List<String> b, int a0, int a1, int b0, int b1, Patch<String> out) {
        if (a0 == a1 && b0 == b1) {
            return;
        }
        for (AbstractDelta<String> d : DiffUtils.diff(a.subList(a0, a1), b.subList(b0, b1)).getDeltas()) {
            Chunk<String> source = new Chunk<>(a0 + d.getSource().getPosition(), d.getSource().getLines());
            Chunk<String> target = new Chunk<>(b0 + d.getTarget().getPosition(), d.getTarget().getLines());
            out.addDelta(switch (d.getType()) {
                case DELETE -> new DeleteDelta<>(source, target);
                case INSERT -> new InsertDelta<>(source, target);
                default -> new ChangeDelta<>(source, target);
            });
        }
    }

    /** Pairs (index in a, index in b) of lines unique on both sides, the longest chain increasing on both. */
    static int[][] anchors(List<String> a, List<String> b) {
        Map<String, int[]> seen = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            int[] e = seen.computeIfAbsent(a.get(i), k -> new int[] {0, -1, 0, -1});
            e[0]++;
            e[1] = i;
        }
        for (int j = 0; j < b.size(); j++) {
            int[] e = seen.get(b.get(j));
            if (e != null) {
                e[2]++;
                e[3] = j;
            }
        }
        // candidates in the order of a; their b positions; the longest increasing subsequence of those
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            int[] e = seen.get(a.get(i));
            if (e[0] == 1 && e[2] == 1) {
                pairs.add(new int[] {i, e[3]});
            }
        }
        int n = pairs.size();
        int[] tails = new int[n];
        int[] previous = new int[n];
        int length = 0;
        for (int k = 0; k < n; k++) {
            int bj = pairs.get(k)[1];
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (pairs.get(tails[mid])[1] < bj) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[k] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = k;
            length = Math.max(length, lo + 1);
        }
        int[][] chain = new int[length][];
        for (int k = length == 0 ? -1 : tails[length - 1], at = length - 1; k >= 0; k = previous[k], at--) {
            chain[at] = pairs.get(k);
        }
        return Arrays.copyOf(chain, length);
    }
}
