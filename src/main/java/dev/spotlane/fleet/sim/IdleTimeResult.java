package dev.spotlane.fleet.sim;

import java.util.List;

/**
 * Every class at one {@code idle_time}, and their totals. Hours and costs are for the trace's period; the report
 * scales them to a month, and the bill is a month's.
 *
 * @param idleTime           the idle_time (ms)
 * @param classes            one result per class, in the rules' order
 * @param total              all classes together (their waits pooled)
 * @param ranLocally         routed jobs a local runner took
 * @param cloudArtifactBytes artifact bytes of the jobs the cloud ran (0 when the history has no sizes)
 * @param bill               the monthly bill, every line; null until priced
 */
public record IdleTimeResult(long idleTime, List<ClassResult> classes, ClassRun total, int ranLocally,
                             long cloudArtifactBytes, Bill bill) {
    public IdleTimeResult {
        classes = List.copyOf(classes);
    }

    /** A result not priced yet. */
    public IdleTimeResult(long idleTime, List<ClassResult> classes, ClassRun total, int ranLocally) {
        this(idleTime, classes, total, ranLocally, 0, null);
    }

    /** The same result with its bill. */
    public IdleTimeResult withBill(Bill b) {
        return new IdleTimeResult(idleTime, classes, total, ranLocally, cloudArtifactBytes, b);
    }

    /** Total compute cost over the trace in USD, or null when a class that used instances has no price. */
    public Double cost() {
        double sum = 0;
        for (ClassResult c : classes) {
            Double cost = c.cost();
            if (cost == null) {
                return null;
            }
            sum += cost;
        }
        return sum;
    }

    /** The whole bill a month (compute and the rest), or null when a line has no price or there is no bill. */
    public Double totalPerMonth() {
        return bill == null ? null : bill.totalPerMonth();
    }

    /** Billed instance-hours of all classes in the trace. */
    public double vmHours() {
        return total.billedMs() / 3_600_000d;
    }
}
