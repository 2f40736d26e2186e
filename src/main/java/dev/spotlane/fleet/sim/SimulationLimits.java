package dev.spotlane.fleet.sim;

import java.util.List;

/**
 * What {@code simulate} accepts, so that a job history or an option cannot hold a shared runner for minutes or
 * exhaust its memory: the simulation steps through every minute of the trace and every idle slot, and keeps every
 * job in memory. Each limit is far above a real fleet's figures (documented in docs/simulate.md).
 */
public final class SimulationLimits {
    /**
     * Jobs one trace may hold: about 250 MB of heap with the simulation (SimulatorBenchmark's million jobs fit);
     * 2,000,000 ran out of a 512 MB heap.
     */
    public static final int MAX_JOBS = 1_500_000;
    /** Largest CSV trace, read into memory whole (JSON is streamed). */
    public static final long MAX_CSV_BYTES = 256L * 1024 * 1024;
    /** Idle job slots per class: GitLab's own examples keep a handful warm; 1,000 is a large fleet. */
    public static final int MAX_IDLE_COUNT = 1_000;
    /** Time from the first job to the last, in days: a year and a bit. */
    public static final long MAX_SPAN_DAYS = 400;

    private static final long DAY_MS = 86_400_000L;

    private SimulationLimits() {
    }

    /** The message for a trace with one job too many, at {@code where} ({@code file:line}). */
    static String tooManyJobs(String where) {
        return where + ": more than " + MAX_JOBS + " jobs; simulate a shorter period (the limit bounds memory)";
    }

    /** @throws SimulationInputException when the jobs span more than {@link #MAX_SPAN_DAYS} days */
    static void checkSpan(String name, List<TraceJob> jobs) throws SimulationInputException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TraceJob j : jobs) {
            if (j.startedAt() == TraceJob.MISSING) {
                continue;
            }
            long run = j.runMillis();
            first = Math.min(first, j.startedAt());
            last = Math.max(last, run == TraceJob.MISSING || run < 0 ? j.startedAt()
                    : saturatingAdd(j.startedAt(), run));
        }
        if (first == Long.MAX_VALUE) {
            return;
        }
        long days = (last - first) / DAY_MS;
        if (last - first < 0 || days > MAX_SPAN_DAYS) {
            throw new SimulationInputException(name + ": the jobs span " + (last - first < 0 ? "more than"
                    : String.valueOf(days)) + " days, more than the limit of " + MAX_SPAN_DAYS
                    + "; simulate a shorter period");
        }
    }

    /** @throws IllegalArgumentException naming the option when {@code idleCount} is over the limit */
    public static void checkIdleCount(String what, int idleCount) {
        if (idleCount > MAX_IDLE_COUNT) {
            throw new IllegalArgumentException(what + ": idle count " + idleCount + " is more than the limit of "
                    + MAX_IDLE_COUNT);
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
