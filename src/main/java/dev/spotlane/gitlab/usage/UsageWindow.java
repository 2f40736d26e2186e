package dev.spotlane.gitlab.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * The period of a job history: jobs created from {@code since} (included) to {@code until} (excluded). A job belongs
 * to the window by its {@code created_at} because GitLab lists a project's jobs newest-created first (by id), so the
 * listing can stop at the first job created before {@code since}.
 *
 * @param spec  what the user asked for ({@code 14d}, {@code 48h}, {@code 2025-05-01}); a resumed run must match it
 * @param since the start
 * @param until the end: when the first run of this window started, kept so a resumed run sees the same window
 */
public record UsageWindow(String spec, Instant since, Instant until) {
    public UsageWindow {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("the window starts at " + since + ", not before its end " + until);
        }
    }

    /** True for a time in the window. */
    public boolean contains(Instant t) {
        return !t.isBefore(since) && t.isBefore(until);
    }
}
