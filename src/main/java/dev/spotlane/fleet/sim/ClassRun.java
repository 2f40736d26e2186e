package dev.spotlane.fleet.sim;

/**
 * What one class's autoscaler did over the trace, for one {@code idle_time}. Times are milliseconds of the trace
 * (not scaled to a month).
 *
 * @param jobs          jobs the class ran
 * @param jobMs         their run time (one attempt each)
 * @param vmMs          instance time, launch to termination
 * @param billedMs      instance time as billed (at least a minute per instance)
 * @param busyMs        instance time with at least one job running
 * @param bootMs        instance time spent booting (the cold starts)
 * @param coldStarts    instances launched
 * @param delayedJobs   jobs that waited at all
 * @param interruptions spot interruptions
 * @param retries       job attempts lost to interruptions and run again
 * @param lostMs        run time of those lost attempts
 * @param peakInstances most instances alive at once
 * @param sortedWaits   each job's added wait (all attempts), ascending
 */
public record ClassRun(int jobs, long jobMs, long vmMs, long billedMs, long busyMs, long bootMs, int coldStarts,
                       int delayedJobs, int interruptions, int retries, long lostMs, int peakInstances,
                       long[] sortedWaits) {

    /** The nearest-rank percentile of the added waits (0 without jobs). */
    public long waitPercentile(double p) {
        return percentile(sortedWaits, p);
    }

    /** Idle instance time (booting included) over busy instance time; 0 when nothing was busy. */
    public double idleRatio() {
        return busyMs == 0 ? 0 : (double) (vmMs - busyMs) / busyMs;
    }

    /** The nearest-rank percentile of an ascending array: the smallest value with p% of values at or below it. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassRun r && jobs == r.jobs && jobMs == r.jobMs && vmMs == r.vmMs
                && billedMs == r.billedMs && busyMs == r.busyMs && bootMs == r.bootMs && coldStarts == r.coldStarts
                && delayedJobs == r.delayedJobs && interruptions == r.interruptions && retries == r.retries
                && lostMs == r.lostMs && peakInstances == r.peakInstances
                && java.util.Arrays.equals(sortedWaits, r.sortedWaits);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(jobs, jobMs, vmMs, billedMs, busyMs, coldStarts)
                * 31 + java.util.Arrays.hashCode(sortedWaits);
    }

    @Override
    public String toString() {
        return "ClassRun[jobs=" + jobs + ", vmMs=" + vmMs + ", busyMs=" + busyMs + ", bootMs=" + bootMs
                + ", coldStarts=" + coldStarts + ", delayedJobs=" + delayedJobs + ", interruptions=" + interruptions
                + ", retries=" + retries + ", lostMs=" + lostMs + ", peak=" + peakInstances + "]";
    }
}
