package dev.spotlane.fleet.sim;

import java.util.List;
import java.util.Objects;

/**
 * A job history: the finished jobs of some period, as {@code spotlane usage} writes them.
 *
 * @param source the file it came from (or {@code synthetic})
 * @param jobs   the jobs, in the order read
 * @param unfinished jobs of the file left out as not finished (a {@code status} other than success, failed,
 *                   canceled), as {@code usage} leaves them out
 */
public record JobTrace(String source, List<TraceJob> jobs, int unfinished) {
    public JobTrace {
        Objects.requireNonNull(source, "source");
        jobs = List.copyOf(jobs);
    }

    /** A trace of finished jobs. */
    public JobTrace(String source, List<TraceJob> jobs) {
        this(source, jobs, 0);
    }
}
