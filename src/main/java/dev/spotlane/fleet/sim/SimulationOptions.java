package dev.spotlane.fleet.sim;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to simulate.
 *
 * @param idleTimes            the {@code idle_time} values to compare (ms), in the order to show them
 * @param coldStartMin         shortest cold start (ms)
 * @param coldStartMax         longest cold start (ms); each launch draws uniformly from the range
 * @param interruptionsPerHour spot interruptions per instance-hour (0 for none)
 * @param seed                 seeds the cold starts and interruptions; the same seed gives the same numbers
 * @param maxP95Wait           the bound on the p95 added wait the recommendation respects (ms)
 * @param defaults             autoscaler settings of every class not in {@code perClass}
 * @param perClass             autoscaler settings by class name
 * @param rulesIdleTime        the {@code idle_time} the rules configure (ms), marked in the output; -1 for none
 * @param localFirst           true: a local runner takes every routed job it has a free slot for at once (the old
 *                             model, {@code --local-first}); false: local and cloud runners race for each job
 * @param checkInterval        the runners' {@code check_interval} (ms): how often each asks GitLab for a job
 */
public record SimulationOptions(List<Long> idleTimes, long coldStartMin, long coldStartMax,
                                double interruptionsPerHour, long seed, long maxP95Wait,
                                AutoscalerSettings defaults, Map<String, AutoscalerSettings> perClass,
                                long rulesIdleTime, boolean localFirst, long checkInterval) {
    /** GitLab Runner's default {@code check_interval}: 3 seconds. */
    public static final long CHECK_INTERVAL = 3_000;

    /** The idle times compared unless told otherwise. */
    public static final List<Long> IDLE_TIMES = List.of(300_000L, 600_000L, 1_200_000L, 2_400_000L);

    public SimulationOptions {
        idleTimes = List.copyOf(idleTimes);
        Objects.requireNonNull(defaults, "defaults");
        perClass = Map.copyOf(perClass);
        if (idleTimes.isEmpty()) {
            throw new IllegalArgumentException("at least one idle_time is needed");
        }
        if (coldStartMin < 0 || coldStartMax < coldStartMin) {
            throw new IllegalArgumentException("the cold start range must be 0 <= min <= max");
        }
        if (!(interruptionsPerHour >= 0) || Double.isInfinite(interruptionsPerHour)) {
            throw new IllegalArgumentException("the interruption rate must be a number >= 0");
        }
        if (checkInterval < 0) {
            throw new IllegalArgumentException("check_interval must not be negative");
        }
    }

    /** Options where the runners race for jobs every {@value #CHECK_INTERVAL} ms. */
    public SimulationOptions(List<Long> idleTimes, long coldStartMin, long coldStartMax, double interruptionsPerHour,
                             long seed, long maxP95Wait, AutoscalerSettings defaults,
                             Map<String, AutoscalerSettings> perClass, long rulesIdleTime) {
        this(idleTimes, coldStartMin, coldStartMax, interruptionsPerHour, seed, maxP95Wait, defaults, perClass,
                rulesIdleTime, false, CHECK_INTERVAL);
    }

    /** The design document's figures: 45-90 s cold starts, no interruptions, seed 1, p95 bound 90 s. */
    public static SimulationOptions design() {
        return new SimulationOptions(IDLE_TIMES, 45_000, 90_000, 0, 1, 90_000, AutoscalerSettings.DESIGN, Map.of(),
                -1, false, CHECK_INTERVAL);
    }

    /** The settings of a class. */
    public AutoscalerSettings settings(String className) {
        return perClass.getOrDefault(className, defaults);
    }

    public SimulationOptions withIdleTimes(List<Long> v) {
        return new SimulationOptions(v, coldStartMin, coldStartMax, interruptionsPerHour, seed, maxP95Wait, defaults,
                perClass, rulesIdleTime, localFirst, checkInterval);
    }

    public SimulationOptions withColdStart(long min, long max) {
        return new SimulationOptions(idleTimes, min, max, interruptionsPerHour, seed, maxP95Wait, defaults,
                perClass, rulesIdleTime, localFirst, checkInterval);
    }

    public SimulationOptions withInterruptions(double perHour) {
        return new SimulationOptions(idleTimes, coldStartMin, coldStartMax, perHour, seed, maxP95Wait, defaults,
                perClass, rulesIdleTime, localFirst, checkInterval);
    }

    public SimulationOptions withSeed(long v) {
        return new SimulationOptions(idleTimes, coldStartMin, coldStartMax, interruptionsPerHour, v, maxP95Wait,
                defaults, perClass, rulesIdleTime, localFirst, checkInterval);
    }

    public SimulationOptions withMaxP95Wait(long v) {
        return new SimulationOptions(idleTimes, coldStartMin, coldStartMax, interruptionsPerHour, seed, v, defaults,
                perClass, rulesIdleTime, localFirst, checkInterval);
    }

    public SimulationOptions withRulesIdleTime(long v) {
        return new SimulationOptions(idleTimes, coldStartMin, coldStartMax, interruptionsPerHour, seed, maxP95Wait,
                defaults, perClass, v, localFirst, checkInterval);
    }

    /** The local runner model: local first, or the race, with the runners' check_interval (ms). */
    public SimulationOptions withLocalModel(boolean first, long interval) {
        return new SimulationOptions(idleTimes, coldStartMin, coldStartMax, interruptionsPerHour, seed, maxP95Wait,
                defaults, perClass, rulesIdleTime, first, interval);
    }

    public SimulationOptions withSettings(AutoscalerSettings all, Map<String, AutoscalerSettings> byClass) {
        return new SimulationOptions(idleTimes, coldStartMin, coldStartMax, interruptionsPerHour, seed, maxP95Wait,
                all, byClass, rulesIdleTime, localFirst, checkInterval);
    }
}
