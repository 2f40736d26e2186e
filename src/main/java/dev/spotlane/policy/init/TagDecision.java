package dev.spotlane.policy.init;

import java.util.List;

/**
 * Where {@code spotlane init} put one tag, and why.
 *
 * @param tag    the tag
 * @param side   whose runner carries it
 * @param reason one line, lowercase
 * @param jobs   the jobs using it, sorted
 */
public record TagDecision(String tag, Side side, String reason, List<String> jobs) {
    public TagDecision {
        jobs = List.copyOf(jobs);
    }

    /** Whose runner carries a tag. */
    public enum Side {
        /** The local runner: {@code routing.local_tags}. */
        LOCAL,
        /** A runner spotlane does not manage: {@code routing.other_runners}. */
        OTHER,
        /** spotlane's own cloud runners (the cloud tag or a class tag): nothing to declare. */
        CLOUD
    }
}
