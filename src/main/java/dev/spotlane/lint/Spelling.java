package dev.spotlane.lint;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?": the known word nearest to a misspelt one, by edit distance, ignoring case. */
public final class Spelling {
    private Spelling() {
    }

    /**
     * The candidate nearest to {@code word}, at most {@code maxDistance} edits away (ties: the alphabetically first);
     * null when none is that close.
     */
    public static String nearest(String word, Collection<String> candidates, int maxDistance) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String lower = c.toLowerCase(Locale.ROOT);
            if (Math.abs(lower.length() - w.length()) > maxDistance) {
                continue; // at least that many insertions or deletions: never near enough (a job name vs a keyword)
            }
            int d = distance(w, lower);
            if (d <= maxDistance && (d < bestDistance || d == bestDistance && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
