package dev.spotlane.fleet.sim;

import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.InstanceType;
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
 * @param fleet          the rules' fleet (instance types: the vCPUs of CPU-hours)
 * @param localVcpus     the local runner's vCPUs for the CPU-hours of jobs that stay, or null
 */
public record SimulationReport(Workload workload, SimulationOptions options, Prices prices,
                               List<IdleTimeResult> results, Recommendation recommendation, Fleet fleet,
                               Double localVcpus) {
    /** Days in the month costs are scaled to. */
    public static final int MONTH_DAYS = 30;

    public SimulationReport {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(prices, "prices");
        results = List.copyOf(results);
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(fleet, "fleet");
    }

    /**
     * The history's CPU-hours, as {@code usage} counts them: job-hours of the jobs routed to each class times the
     * vCPUs of its instance type (1 when it has none), plus those of jobs that stay times the local runner's vCPUs
     * when given.
     */
    public double cpuHours() {
        double ms = 0;
        for (String c : workload.classes()) {
            InstanceType t = fleet.instanceTypeOf(c);
            ms += workload.routedMs(c) * (t == null ? 1 : t.vcpu());
        }
        ms += localVcpus == null ? 0 : workload.stayMs() * localVcpus;
        return ms / 3.6e6;
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
