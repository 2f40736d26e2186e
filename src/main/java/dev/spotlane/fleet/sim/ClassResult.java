package dev.spotlane.fleet.sim;

import java.util.Objects;

/**
 * One class at one {@code idle_time}.
 *
 * @param className    the instance class
 * @param instanceType the EC2 instance type the rules' fleet gives it, or null
 * @param price        its price, or null when none is known
 * @param settings     its autoscaler settings
 * @param run          what the simulation found
 */
public record ClassResult(String className, String instanceType, Prices.Price price, AutoscalerSettings settings,
                          ClassRun run) {
    public ClassResult {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(run, "run");
    }

    /** Billed instance-hours in the trace. */
    public double vmHours() {
        return run.billedMs() / 3_600_000d;
    }

    /** The cost over the trace in USD, or null without a price (0 when the class used no instance). */
    public Double cost() {
        if (run.billedMs() == 0) {
            return 0d;
        }
        return price == null ? null : vmHours() * price.perHour();
    }
}
