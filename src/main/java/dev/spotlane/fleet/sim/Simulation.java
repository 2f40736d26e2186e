package dev.spotlane.fleet.sim;

import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.InstanceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Runs the autoscaler simulation of every class of a routed trace at every {@code idle_time} and recommends one.
 *
 * <p>Every run of a class starts from the same seed, so the idle times are compared on the same draws of cold
 * starts and interruptions as far as their launches line up (common random numbers), and the same seed always gives
 * the same numbers.
 */
public final class Simulation {
    private Simulation() {
    }

    /**
     * Simulates.
     *
     * @param workload the routed trace
     * @param fleet    the rules' fleet (which instance type serves each class)
     * @param prices   spot prices
     * @param options  idle times, cold starts, interruptions, seed, autoscaler settings
     */
    public static SimulationReport run(Workload workload, Fleet fleet, Prices prices, SimulationOptions options) {
        return run(workload, fleet, "the rules", prices, options, null);
    }

    /**
     * Simulates and prices every idle_time's month.
     *
     * @param rulesSource the rules file's name, the source of figures taken from {@code fleet.costs}
     * @param localVcpus  the local runner's vCPUs (CPU-hours of jobs that stay), or null
     */
    public static SimulationReport run(Workload workload, Fleet fleet, String rulesSource, Prices prices,
                                       SimulationOptions options, Double localVcpus) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(options, "options");
        List<String> classes = workload.classes();
        List<AutoscalerSettings> settings = classes.stream().map(options::settings).toList();
        // the idle times are independent runs over the same read-only workload: use the machine's cores
        BillModel bills = BillModel.of(fleet, rulesSource, prices, SimulationReport.MONTH_DAYS
                / workload.periodDays(), workload.hasArtifactSizes());
        List<IdleTimeResult> results = options.idleTimes().parallelStream()
                .map(idleTime -> idleTime(workload, fleet, prices, options, settings, idleTime))
                .map(r -> r.withBill(bills.bill(r))).toList();
        return new SimulationReport(workload, options, prices, results, recommend(results, options.maxP95Wait()),
                fleet, localVcpus);
    }

    private static IdleTimeResult idleTime(Workload workload, Fleet fleet, Prices prices, SimulationOptions options,
                                           List<AutoscalerSettings> settings, long idleTime) {
        List<String> classes = workload.classes();
        List<AutoscalerSimulation.Sampler> colds = new ArrayList<>();
        List<AutoscalerSimulation.Sampler> lifes = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            colds.add(coldStarts(options, c));
            lifes.add(lifetimes(options, c));
        }
        AutoscalerSimulation.Outcome outcome = AutoscalerSimulation.run(workload, settings, idleTime, colds, lifes,
                localModel(options));
        List<ClassResult> classResults = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            String cls = classes.get(c);
            String type = instanceType(fleet, cls);
            classResults.add(new ClassResult(cls, type, prices.lookup(cls, type).orElse(null), settings.get(c),
                    outcome.runs().get(c)));
        }
        return new IdleTimeResult(idleTime, classResults, total(outcome.runs()), outcome.ranLocally(),
                outcome.cloudArtifactBytes(), null);
    }

    /** The instance type of the class's runner, else the first the fleet lists for the class, or null. */
    static String instanceType(Fleet fleet, String cls) {
        ClassRunner runner = fleet.runners().get(cls);
        if (runner != null && runner.instanceType() != null) {
            return runner.instanceType();
        }
        InstanceType t = fleet.instanceTypeOf(cls);
        return t == null ? null : t.name();
    }

    /** Local first, or the race with each side's requests drawn from the seed. */
    static AutoscalerSimulation.LocalModel localModel(SimulationOptions o) {
        return o.localFirst() ? AutoscalerSimulation.LocalModel.FIRST
                : new AutoscalerSimulation.LocalModel(false, o.checkInterval(), mix(o.seed(), -1));
    }

    private static AutoscalerSimulation.Sampler coldStarts(SimulationOptions o, int classIndex) {
        SplittableRandom rng = new SplittableRandom(mix(o.seed(), 2L * classIndex));
        long min = o.coldStartMin();
        long span = o.coldStartMax() - o.coldStartMin();
        return span == 0 ? () -> min : () -> min + rng.nextLong(span + 1);
    }

    private static AutoscalerSimulation.Sampler lifetimes(SimulationOptions o, int classIndex) {
        if (o.interruptionsPerHour() == 0) {
            return AutoscalerSimulation.NEVER;
        }
        SplittableRandom rng = new SplittableRandom(mix(o.seed(), 2L * classIndex + 1));
        double meanMs = 3_600_000d / o.interruptionsPerHour();
        return () -> {
            double ms = -Math.log(1 - rng.nextDouble()) * meanMs;
            return ms >= Long.MAX_VALUE / 2d ? Long.MAX_VALUE : Math.round(ms);
        };
    }

    /** A seed per stream (SplitMix64's finalizer over seed and stream). */
    private static long mix(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** All classes together: sums, and the waits pooled. */
    static ClassRun total(List<ClassRun> runs) {
        int jobs = 0;
        long jobMs = 0;
        long vm = 0;
        long billed = 0;
        long busy = 0;
        long boot = 0;
        int cold = 0;
        int delayed = 0;
        int interruptions = 0;
        int retries = 0;
        long lost = 0;
        int peak = 0;
        for (ClassRun r : runs) {
            jobs += r.jobs();
            jobMs += r.jobMs();
            vm += r.vmMs();
            billed += r.billedMs();
            busy += r.busyMs();
            boot += r.bootMs();
            cold += r.coldStarts();
            delayed += r.delayedJobs();
            interruptions += r.interruptions();
            retries += r.retries();
            lost += r.lostMs();
            peak += r.peakInstances();
        }
        long[] waits = new long[jobs];
        int at = 0;
        for (ClassRun r : runs) {
            System.arraycopy(r.sortedWaits(), 0, waits, at, r.sortedWaits().length);
            at += r.sortedWaits().length;
        }
        java.util.Arrays.sort(waits);
        return new ClassRun(jobs, jobMs, vm, billed, busy, boot, cold, delayed, interruptions, retries, lost, peak,
                waits);
    }

    /**
     * The idle_time with the cheapest whole monthly bill (compute and every other line) within the p95 bound, else
     * the one with the shortest p95 wait; by compute cost when unbilled, by VM-hours when a price is missing.
     */
    static Recommendation recommend(List<IdleTimeResult> results, long maxP95Wait) {
        boolean byCost = results.stream().allMatch(r -> r.bill() == null ? r.cost() != null
                : r.totalPerMonth() != null);
        IdleTimeResult best = null;
        for (IdleTimeResult r : results) {
            if (r.total().waitPercentile(95) <= maxP95Wait && (best == null || cheaper(r, best, byCost))) {
                best = r;
            }
        }
        if (best != null) {
            return new Recommendation(best.idleTime(), true, byCost);
        }
        for (IdleTimeResult r : results) {
            if (best == null || r.total().waitPercentile(95) < best.total().waitPercentile(95)
                    || r.total().waitPercentile(95) == best.total().waitPercentile(95) && cheaper(r, best, byCost)) {
                best = r;
            }
        }
        return new Recommendation(best.idleTime(), false, byCost);
    }

    /** Cheaper, then a shorter p95 wait, then a shorter idle_time. */
    private static boolean cheaper(IdleTimeResult a, IdleTimeResult b, boolean byCost) {
        int c = !byCost ? Double.compare(a.vmHours(), b.vmHours()) : a.bill() != null && b.bill() != null
                ? Double.compare(a.totalPerMonth(), b.totalPerMonth()) : Double.compare(a.cost(), b.cost());
        if (c != 0) {
            return c < 0;
        }
        int w = Long.compare(a.total().waitPercentile(95), b.total().waitPercentile(95));
        return w != 0 ? w < 0 : a.idleTime() < b.idleTime();
    }
}
