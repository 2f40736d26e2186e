package dev.spotlane.fleet.sim;

import java.util.List;
import java.util.Objects;

/**
 * A job history: the finished jobs of some period, as {@code spotlane usage} writes them.
 *
 * @param source the file it came from (or {@code synthetic})
 * @param jobs   the jobs, in the order read
 */
public record JobTrace(String source, List<TraceJob> jobs) {
    public JobTrace {
        Objects.requireNonNull(source, "source");
        jobs = List.copyOf(jobs);
    }
}
