package dev.spotlane.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A wildcard pattern matched in linear time: the pattern is compiled to a small automaton and the text is read once,
 * keeping the set of pattern positions still alive (at most three per token), so {@code *a*a*a…*b} costs
 * O(text × pattern), never the exponential backtracking a regular expression gives it. Patterns come from files a
 * merge request may change (routes, allowlists, include wildcards), so nothing user-written reaches
 * {@code java.util.regex}.
 *
 * <p>Two dialects: {@link #of(String)} for names ({@code *} any run of characters, {@code ?} any one) and
 * {@link #path(String)} for GitLab's {@code include:local} wildcards, where {@code *} and {@code ?} stay within one
 * directory, {@code **} crosses directories and {@code **}{@code /} stands for one or more whole directories.
 *
 * <p>Most patterns have only {@code *} (and, for paths, no {@code **}): those skip the automaton. A literal is
 * compared with {@code equals}; a star pattern checks its first literal run as a prefix, its last as a suffix and
 * finds the ones between leftmost-first with {@code indexOf} (taking the earliest place for each run leaves the
 * most room for the rest, so this is exact), in O(text × pattern) like the automaton and without allocating. A path
 * pattern is matched so per directory level: its {@code *} never crosses a {@code /}, so text and pattern must have
 * as many levels, and each level matches on its own.
 */
public final class Wildcard {
    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte STAR = 2;
    private static final byte STAR_STAR = 3;
    private static final byte DIRECTORIES = 4;

    private final String text;
    private final boolean paths;
    private final byte[] kinds;
    private final char[] chars;
    /**
     * For a pattern of literals and {@code *} only (no {@code **} in a path): per level (one for a name pattern, one
     * per {@code /}-separated part of a path pattern), the literal runs between its stars, so a level without a star
     * is one run, {@code a*} is {@code [a, ""]} and {@code *} is {@code ["", ""]}; null when the automaton is needed.
     */
    private final String[][] levels;

    private Wildcard(String text, boolean paths) {
        this.text = text;
        this.paths = paths;
        byte[] k = new byte[text.length()];
        char[] c = new char[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '*') {
                if (paths && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < text.length() && text.charAt(i + 1) == '/') {
                        i++;
                        k[n++] = DIRECTORIES;
                    } else {
                        k[n++] = STAR_STAR;
                    }
                } else if (n == 0 || k[n - 1] != STAR) {
                    k[n++] = STAR; // a run of stars is one star
                }
            } else if (ch == '?') {
                k[n++] = ONE;
            } else {
                k[n] = LITERAL;
                c[n++] = ch;
            }
        }
        this.kinds = Arrays.copyOf(k, n);
        this.chars = Arrays.copyOf(c, n);
        this.levels = levels(kinds, chars, paths);
    }

    /** The literal runs of each level, or null when a token other than a literal or {@code *} is present. */
    private static String[][] levels(byte[] kinds, char[] chars, boolean paths) {
        for (byte kind : kinds) {
            if (kind != LITERAL && kind != STAR) {
                return null;
            }
        }
        List<String[]> levels = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == STAR) {
                runs.add(run.toString());
                run.setLength(0);
            } else if (paths && chars[i] == '/') {
                runs.add(run.toString());
                run.setLength(0);
                levels.add(runs.toArray(new String[0]));
                runs.clear();
            } else {
                run.append(chars[i]);
            }
        }
        runs.add(run.toString());
        levels.add(runs.toArray(new String[0]));
        return levels.toArray(new String[0][]);
    }

    /** A name pattern: {@code *} matches any run of characters, {@code ?} any one character. */
    public static Wildcard of(String glob) {
        return new Wildcard(Objects.requireNonNull(glob, "glob"), false);
    }

    /** A path pattern as GitLab's {@code include:local} reads it (see the class comment). */
    public static Wildcard path(String glob) {
        return new Wildcard(Objects.requireNonNull(glob, "glob"), true);
    }

    /** True when {@code s} has a wildcard character at all. */
    public static boolean isWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    /** Tokens in the compiled pattern (a run of stars is one). */
    int size() {
        return kinds.length;
    }

    /** True when {@link #matches(String)} skips the automaton (literals and {@code *} only). */
    boolean direct() {
        return levels != null;
    }

    /** True for a pattern that matches everything ({@code *}). */
    public boolean matchesAll() {
        return kinds.length == 1 && kinds[0] == STAR && !paths;
    }

    /** Whether the whole of {@code s} matches. */
    public boolean matches(String s) {
        if (levels == null) {
            return matches(s, new long[1]);
        }
        if (!paths) {
            return matchesLevel(s, 0, s.length(), levels[0]);
        }
        int from = 0;
        for (int level = 0; level < levels.length; level++) {
            int slash = s.indexOf('/', from);
            boolean last = level == levels.length - 1;
            if (last != (slash < 0)) {
                return false; // more or fewer directory levels than the pattern
            }
            int to = last ? s.length() : slash;
            if (!matchesLevel(s, from, to, levels[level])) {
                return false;
            }
            from = to + 1;
        }
        return true;
    }

    /**
     * Whether {@code s[from, to)} matches one level of literal runs separated by stars: the first run is a prefix,
     * the last a suffix, and the ones between are found in order, each at its leftmost place after the one before.
     */
    private static boolean matchesLevel(String s, int from, int to, String[] runs) {
        String first = runs[0];
        if (runs.length == 1) {
            return to - from == first.length() && s.startsWith(first, from);
        }
        String last = runs[runs.length - 1];
        int end = to - last.length();
        if (end - from < first.length() || !s.startsWith(first, from) || !s.startsWith(last, end)) {
            return false;
        }
        int at = from + first.length();
        for (int i = 1; i < runs.length - 1; i++) {
            int found = s.indexOf(runs[i], at);
            if (found < 0 || found + runs[i].length() > end) {
                return false;
            }
            at = found + runs[i].length();
        }
        return true;
    }

    /**
     * {@link #matches(String)} by the automaton alone (whatever the pattern), adding the steps taken to
     * {@code steps[0]} (at most text × tokens). States: {@code 3*i} waits at token {@code i}; for a
     * {@code **}{@code /} token, {@code 3*i+1} is inside a directory name and {@code 3*i+2} just after its slash.
     */
    boolean matches(String s, long[] steps) {
        int n = kinds.length;
        boolean[] now = new boolean[3 * n + 3];
        boolean[] next = new boolean[3 * n + 3];
        now[0] = true;
        close(now);
        for (int p = 0; p < s.length(); p++) {
            char c = s.charAt(p);
            boolean any = false;
            Arrays.fill(next, false);
            steps[0] += n;
            for (int i = 0; i < n; i++) {
                byte kind = kinds[i];
                boolean slash = c == '/';
                if (now[3 * i]) {
                    switch (kind) {
                        case LITERAL -> next[3 * (i + 1)] |= chars[i] == c;
                        case ONE -> next[3 * (i + 1)] |= !(paths && slash);
                        case STAR -> next[3 * i] |= !(paths && slash);
                        case STAR_STAR -> next[3 * i] = true;
                        default -> next[3 * i + 1] |= !slash;
                    }
                }
                if (kind == DIRECTORIES) {
                    if (now[3 * i + 1]) {
                        next[slash ? 3 * i + 2 : 3 * i + 1] = true;
                    }
                    if (now[3 * i + 2] && !slash) {
                        next[3 * i + 1] = true;
                    }
                }
            }
            close(next);
            for (boolean b : next) {
                any |= b;
            }
            if (!any) {
                return false;
            }
            boolean[] t = now;
            now = next;
            next = t;
        }
        return now[3 * n];
    }

    /** Adds what is reachable without reading: past a star (zero characters), past completed directories. */
    private void close(boolean[] states) {
        for (int i = 0; i < kinds.length; i++) {
            boolean skip = (kinds[i] == STAR || kinds[i] == STAR_STAR) && states[3 * i]
                    || kinds[i] == DIRECTORIES && states[3 * i + 2];
            if (skip) {
                states[3 * (i + 1)] = true;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Wildcard w && w.text.equals(text) && w.paths == paths;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + (paths ? 1 : 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
