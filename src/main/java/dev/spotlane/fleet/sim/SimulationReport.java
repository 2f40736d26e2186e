package dev.spotlane.fleet.sim;

import java.util.List;
import java.util.Objects;

/**
 * A simulation's inputs and results.
 *
 * <p>Hours and costs in the results cover the trace's period; {@link #monthFactor()} scales them to a month of
 * {@value #MONTH_DAYS} days, as the design document does (29 CPU-hours in 14 days "projects to ~62 a month").
 *
 * @param workload       the routed trace
 * @param options        how it was simulated
 * @param prices         the prices used
 * @param results        one per idle_time, in the order asked
 * @param recommendation the recommended idle_time
 */
public record SimulationReport(Workload workload, SimulationOptions options, Prices prices,
                               List<IdleTimeResult> results, Recommendation recommendation) {
    /** Days in the month costs are scaled to. */
    public static final int MONTH_DAYS = 30;

    public SimulationReport {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(prices, "prices");
        results = List.copyOf(results);
        Objects.requireNonNull(recommendation, "recommendation");
    }

    /** Month / trace period. */
    public double monthFactor() {
        return MONTH_DAYS / workload.periodDays();
    }

    /** The result for the recommended idle_time. */
    public IdleTimeResult recommended() {
        return results.stream().filter(r -> r.idleTime() == recommendation.idleTime()).findFirst().orElseThrow();
    }

    /** True when some price used is the design document's assumption. */
    public boolean usesAssumedPrices() {
        return results.stream().flatMap(r -> r.classes().stream())
                .anyMatch(c -> c.price() != null && c.price().assumed());
    }
}
