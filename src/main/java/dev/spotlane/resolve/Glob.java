package dev.spotlane.resolve;

import dev.spotlane.model.Wildcard;

/**
 * GitLab's wildcards for {@code include:local}: {@code *} matches within one directory, {@code **} matches across
 * directories, so {@code configs/*.yml} is that directory only, {@code configs/**.yml} that directory and all below
 * it, and {@code configs/**}{@code /*.yml} the directories below it only.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean isGlob(String path) {
        return path.indexOf('*') >= 0;
    }

    /**
     * The matcher for a wildcard path: linear in the path (no regular expression, so no backtracking on a hostile
     * {@code *a*a*a…*b.yml}).
     */
    public static Wildcard compile(String glob) {
        return Wildcard.path(glob);
    }
}
