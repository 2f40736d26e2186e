package dev.spotlane.fleet.sim;

import java.util.List;

/**
 * Every class at one {@code idle_time}, and their totals. Hours and costs are for the trace's period; the report
 * scales them to a month.
 *
 * @param idleTime   the idle_time (ms)
 * @param classes    one result per class, in the rules' order
 * @param total      all classes together (their waits pooled)
 * @param ranLocally routed jobs a local runner took first
 */
public record IdleTimeResult(long idleTime, List<ClassResult> classes, ClassRun total, int ranLocally) {
    public IdleTimeResult {
        classes = List.copyOf(classes);
    }

    /** Total cost over the trace in USD, or null when a class that used instances has no price. */
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

    /** Billed instance-hours of all classes in the trace. */
    public double vmHours() {
        return total.billedMs() / 3_600_000d;
    }
}
