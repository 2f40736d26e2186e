package dev.spotlane.fleet.sim;

import dev.spotlane.policy.Fleet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The options of {@code spotlane simulate} as the user wrote them, turned into {@link SimulationOptions}: each bad
 * value is one {@link SimulationInputException} naming the option ({@code spotlane: --idle-time: ...}). The command
 * line only collects the text.
 *
 * @param idleTimes       {@code --idle-time}: a comma-separated list of durations
 * @param idleTimesGiven  whether the user gave {@code --idle-time} (else the rules' idle_time joins the list)
 * @param coldStart       {@code --cold-start}: {@code MIN-MAX} or one duration
 * @param interruptions   {@code --interruptions}: per instance-hour
 * @param seed            {@code --seed}
 * @param maxP95Wait      {@code --max-p95-wait}
 * @param capacity        {@code --capacity-per-instance}: {@code N} or {@code CLASS=N,...}, or null
 * @param maxInstances    {@code --max-instances}, likewise
 * @param idleCount       {@code --idle-count}, likewise
 * @param maxUseCount     {@code --max-use-count}, likewise
 * @param localFirst      {@code --local-first}
 * @param checkInterval   {@code --check-interval}: a duration
 */
public record SimulationArgs(String idleTimes, boolean idleTimesGiven, String coldStart, String interruptions,
                             long seed, String maxP95Wait, String capacity, String maxInstances, String idleCount,
                             String maxUseCount, boolean localFirst, String checkInterval) {

    /** The options, starting from the rules' fleet section: its runners and its catch-all policy. */
    public SimulationOptions options(List<String> classes, Fleet fleet) throws SimulationInputException {
        List<Long> idle = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (String part : idleTimes.split(",", -1)) {
            long ms = duration("--idle-time", part);
            if (!seen.add(ms)) {
                throw new SimulationInputException("spotlane: --idle-time: " + Durations.format(ms)
                        + " is given twice");
            }
            idle.add(ms);
        }
        long rulesIdle = AutoscalerSettings.idleTimeOf(fleet);
        if (rulesIdle >= 0 && !seen.contains(rulesIdle) && !idleTimesGiven) {
            idle.add(rulesIdle);
            idle.sort(null);
        }
        String[] range = coldStart.split("-", -1);
        if (range.length > 2) {
            throw new SimulationInputException("spotlane: --cold-start: \"" + coldStart + "\" is not a range;"
                    + " expected e.g. 45s-90s");
        }
        long min = duration("--cold-start", range[0]);
        long max = range.length == 2 ? duration("--cold-start", range[1]) : min;
        if (max < min) {
            throw new SimulationInputException("spotlane: --cold-start: the range \"" + coldStart
                    + "\" ends before it starts");
        }
        double rate;
        try {
            rate = Double.parseDouble(interruptions.strip());
        } catch (NumberFormatException e) {
            rate = Double.NaN;
        }
        if (!(rate >= 0) || rate > 60) {
            throw new SimulationInputException("spotlane: --interruptions: \"" + interruptions + "\" is not a rate;"
                    + " expected interruptions per instance-hour between 0 and 60, e.g. 0.05");
        }
        AutoscalerSettings all = AutoscalerSettings.DESIGN;
        Map<String, AutoscalerSettings> byClass = new HashMap<>();
        for (String cls : classes) {
            byClass.put(cls, AutoscalerSettings.of(fleet, cls));
        }
        all = apply("--capacity-per-instance", capacity, 1, classes, all, byClass,
                AutoscalerSettings::withCapacityPerInstance);
        all = apply("--max-instances", maxInstances, 0, classes, all, byClass, AutoscalerSettings::withMaxInstances);
        all = apply("--idle-count", idleCount, 0, classes, all, byClass, AutoscalerSettings::withIdleCount);
        all = apply("--max-use-count", maxUseCount, 0, classes, all, byClass, AutoscalerSettings::withMaxUseCount);
        long interval = duration("--check-interval", checkInterval);
        if (interval > 3_600_000) {
            throw new SimulationInputException("spotlane: --check-interval: at most 1h");
        }
        return new SimulationOptions(idle, min, max, rate, seed, duration("--max-p95-wait", maxP95Wait), all,
                byClass, rulesIdle, localFirst, interval);
    }

    /**
     * Applies {@code N} (every class) or {@code CLASS=N,...} (those classes) to the settings; returns the settings
     * of every class not named.
     */
    private static AutoscalerSettings apply(String option, String value, int least, List<String> classes,
                                            AutoscalerSettings all, Map<String, AutoscalerSettings> byClass,
                                            BiFunction<AutoscalerSettings, Integer, AutoscalerSettings> with)
            throws SimulationInputException {
        if (value == null) {
            return all;
        }
        String v = value.strip();
        if (!v.contains("=")) {
            int n = count(option, v, least);
            byClass.replaceAll((k, s) -> with.apply(s, n));
            return with.apply(all, n);
        }
        Map<String, Integer> given = new LinkedHashMap<>();
        for (String part : v.split(",", -1)) {
            int eq = part.indexOf('=');
            String cls = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            if (eq < 0 || !classes.contains(cls)) {
                throw new SimulationInputException("spotlane: " + option + ": " + (eq < 0 ? "\"" + part.strip()
                        + "\" is not CLASS=N" : "unknown class \"" + cls + "\"") + "; expected N or CLASS=N,... with"
                        + " a class of " + String.join(", ", classes));
            }
            given.put(cls, count(option, part.substring(eq + 1).strip(), least));
        }
        for (Map.Entry<String, Integer> e : given.entrySet()) {
            byClass.put(e.getKey(), with.apply(byClass.getOrDefault(e.getKey(), all), e.getValue()));
        }
        return all;
    }

    private static int count(String option, String v, int least) throws SimulationInputException {
        try {
            int n = Integer.parseInt(v);
            if (n >= least && n <= 100_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SimulationInputException("spotlane: " + option + ": \"" + v + "\" is not a whole number from "
                + least + " to 100000");
    }

    /** {@code --local}: {@code none} (or 0) or a number of slots. */
    public static int localSlots(String local) throws SimulationInputException {
        String v = local.strip().toLowerCase(Locale.ROOT);
        if (v.equals("none") || v.equals("0")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SimulationInputException("spotlane: --local: \"" + local + "\" is neither none nor a number of"
                + " slots (1 to 10000)");
    }

    /** {@code --local-vcpus}: null, or a number of vCPUs from 0.1 to 1024. */
    public static Double vcpus(String option, Double v) throws SimulationInputException {
        if (v != null && !(v >= 0.1 && v <= 1024)) {
            throw new SimulationInputException("spotlane: " + option + ": " + v + " is not a number of vCPUs from"
                    + " 0.1 to 1024");
        }
        return v;
    }

    /** A duration option. */
    public static long duration(String option, String text) throws SimulationInputException {
        try {
            return Durations.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new SimulationInputException("spotlane: " + option + ": " + e.getMessage());
        }
    }

    /** A duration option that must be longer than zero. */
    public static long positive(String option, String text) throws SimulationInputException {
        long ms = duration(option, text);
        if (ms <= 0) {
            throw new SimulationInputException("spotlane: " + option + ": must be longer than 0s");
        }
        return ms;
    }
}
