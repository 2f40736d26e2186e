package dev.spotlane.cli;

import dev.spotlane.fleet.sim.AutoscalerSettings;
import dev.spotlane.fleet.sim.ClassResult;
import dev.spotlane.fleet.sim.ClassRun;
import dev.spotlane.fleet.sim.Durations;
import dev.spotlane.fleet.sim.IdleTimeResult;
import dev.spotlane.fleet.sim.JobTrace;
import dev.spotlane.fleet.sim.JobTraceReader;
import dev.spotlane.fleet.sim.Prices;
import dev.spotlane.fleet.sim.Simulation;
import dev.spotlane.fleet.sim.SimulationInputException;
import dev.spotlane.fleet.sim.SimulationOptions;
import dev.spotlane.fleet.sim.SimulationReport;
import dev.spotlane.fleet.sim.SimulationSvg;
import dev.spotlane.fleet.sim.SimulationText;
import dev.spotlane.fleet.sim.SimulationLimits;
import dev.spotlane.fleet.sim.SyntheticTrace;
import dev.spotlane.fleet.sim.Workload;
import dev.spotlane.policy.Policy;
import dev.spotlane.report.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotlane simulate}: what the spot fleet would cost on a job history, and which idle_time to choose. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay a job history through a simulation of the docker-autoscaler fleet: each job routed"
                + " by the rules, instances started on demand with a cold start, kept for idle_time, interrupted"
                + " at a spot rate.",
                "Per idle_time: VM-hours and cost a month per class, cold starts, added queue time p50/p95, idle"
                        + " overhead; and the cheapest idle_time whose p95 added wait stays within --max-p95-wait.",
                "Default prices are the design document's assumed spot prices: verify them with"
                        + " aws ec2 describe-spot-price-history and pass --prices."})
final class SimulateCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** Where the jobs come from. */
    static final class Input {
        @Option(names = "--jobs", paramLabel = "FILE", required = true,
                description = "The job history: jobs.json as 'spotlane usage' writes it, or a CSV file with the same"
                        + " columns.")
        Path jobs;

        @Option(names = "--synthetic", required = true,
                description = "Use a synthetic history shaped like the design document's (163 pipelines, 1682 jobs,"
                        + " 29 job-hours in 14 days).")
        boolean synthetic;
    }

    @Option(names = "--rules", paramLabel = "FILE",
            description = "The rules file (default: ./.spotlane.yml, else the bundled rules).")
    Path rules;

    @Option(names = "--idle-time", paramLabel = "LIST", defaultValue = "5m,10m,20m,40m",
            description = "The idle_time values to compare (default: ${DEFAULT-VALUE}, and the rules' own).")
    String idleTimes;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Spot prices in USD per hour, one 'INSTANCE_TYPE: PRICE' (or 'CLASS: PRICE') a line.")
    Path prices;

    @Option(names = "--local", paramLabel = "none|N", defaultValue = "none",
            description = "A local runner with N slots takes jobs first; the cloud gets what it cannot take at once"
                    + " (default: ${DEFAULT-VALUE}: every routed job goes to the cloud).")
    String local;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seeds cold starts, interruptions and --synthetic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cold-start", paramLabel = "MIN-MAX", defaultValue = "45s-90s",
            description = "Cold start range, drawn uniformly per instance (default: ${DEFAULT-VALUE}).")
    String coldStart;

    @Option(names = "--interruptions", paramLabel = "RATE", defaultValue = "0",
            description = "Spot interruptions per instance-hour, e.g. 0.05 (default: ${DEFAULT-VALUE}).")
    String interruptions;

    @Option(names = "--max-p95-wait", paramLabel = "DURATION", defaultValue = "90s",
            description = "Bound on the p95 added wait for the recommendation (default: ${DEFAULT-VALUE}).")
    String maxP95Wait;

    @Option(names = "--period", paramLabel = "DURATION",
            description = "The period the history covers, e.g. 14d (default: whole days from its first to its last"
                    + " job).")
    String period;

    @Option(names = "--capacity-per-instance", paramLabel = "N|CLASS=N,...",
            description = "Jobs per instance, for every class or per class (default: the rules' fleet.runners, else"
                    + " 1).")
    String capacity;

    @Option(names = "--max-instances", paramLabel = "N|CLASS=N,...",
            description = "Instance cap, 0 for none, for every class or per class (default: the rules', else 10).")
    String maxInstances;

    @Option(names = "--idle-count", paramLabel = "N|CLASS=N,...",
            description = "Idle job slots kept warm, for every class or per class (default: the rules' catch-all"
                    + " fleet.policies entry, else 0).")
    String idleCount;

    @Option(names = "--max-use-count", paramLabel = "N|CLASS=N,...",
            description = "Jobs per instance before it is replaced, 0 for no limit (default: the rules', else 0).")
    String maxUseCount;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--svg", paramLabel = "FILE",
            description = "Also write a chart of cost and p95 wait against idle_time to FILE.")
    Path svg;

    @Mixin
    OutputOptions outputs;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Policy policy = RulesFiles.load(rules, Path.of("."));
        List<String> classes = List.copyOf(policy.routing().classes().keySet());
        SimulationOptions options = options(classes, policy);
        try {
            // each idle slot is simulated minute by minute: --idle-count 100000 ran for minutes
            SimulationLimits.checkIdleCount("--idle-count", options.defaults().idleCount());
            for (Map.Entry<String, AutoscalerSettings> c : new java.util.TreeMap<>(options.perClass()).entrySet()) {
                SimulationLimits.checkIdleCount("class \"" + c.getKey() + "\"", c.getValue().idleCount());
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: " + e.getMessage() + " (--idle-count, or the rules' fleet.policies)");
        }
        int localSlots = localSlots();
        long periodMs = period == null ? 0 : positive("--period", period);
        Prices priceList = prices == null ? Prices.assumed() : read(prices, Prices::read);
        JobTrace trace = input.synthetic ? SyntheticTrace.design(seed) : read(input.jobs, JobTraceReader::read);
        if (!input.synthetic) {
            trace = new JobTrace(PipelineFiles.display(input.jobs), trace.jobs());
        }
        Workload workload = Workload.of(trace, policy.routing(), localSlots, periodMs);
        if (workload.read() == workload.skipped()) {
            throw new UserError(trace.source() + ": " + (workload.read() == 0 ? "no jobs"
                    : "no job has started_at and a duration (or finished_at)") + "; nothing to simulate");
        }
        SimulationReport report = Simulation.run(workload, policy.fleet(), priceList, options);
        if (workload.routed() == 0) {
            err.println("spotlane: no job goes to the cloud under " + policy.source() + "; every cost is zero");
        }
        if (svg != null) {
            outputs.write(svg, SimulationSvg.render(report), null, err);
            err.println("wrote " + PipelineFiles.display(svg));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? json(report) : SimulationText.render(report));
        out.flush();
        return ExitCode.OK;
    }

    /** Reads an input file; a missing or bad one is one line. */
    private interface Reader<T> {
        T read(Path path) throws IOException, SimulationInputException;
    }

    private static <T> T read(Path path, Reader<T> reader) {
        try {
            if (Files.isDirectory(path)) {
                throw new UserError(PipelineFiles.display(path) + ": is a directory; expected a file");
            }
            return reader.read(path);
        } catch (NoSuchFileException e) {
            throw new UserError(PipelineFiles.display(path) + ": no such file or directory");
        } catch (AccessDeniedException e) {
            throw new UserError(PipelineFiles.display(path) + ": permission denied");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserError(PipelineFiles.display(path) + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError(PipelineFiles.display(path) + ": " + e.getMessage());
        } catch (SimulationInputException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The options, starting from the rules' fleet section: its runners and its catch-all policy. */
    private SimulationOptions options(List<String> classes, Policy policy) {
        List<Long> idle = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (String part : idleTimes.split(",", -1)) {
            long ms = duration("--idle-time", part);
            if (!seen.add(ms)) {
                throw new UserError("spotlane: --idle-time: " + Durations.format(ms) + " is given twice");
            }
            idle.add(ms);
        }
        long rulesIdle = AutoscalerSettings.idleTimeOf(policy.fleet());
        if (rulesIdle >= 0 && !seen.contains(rulesIdle)
                && !spec.commandLine().getParseResult().hasMatchedOption("--idle-time")) {
            idle.add(rulesIdle);
            idle.sort(null);
        }
        String[] range = coldStart.split("-", -1);
        if (range.length > 2) {
            throw new UserError("spotlane: --cold-start: \"" + coldStart + "\" is not a range; expected e.g. 45s-90s");
        }
        long min = duration("--cold-start", range[0]);
        long max = range.length == 2 ? duration("--cold-start", range[1]) : min;
        if (max < min) {
            throw new UserError("spotlane: --cold-start: the range \"" + coldStart + "\" ends before it starts");
        }
        double rate;
        try {
            rate = Double.parseDouble(interruptions.strip());
        } catch (NumberFormatException e) {
            rate = Double.NaN;
        }
        if (!(rate >= 0) || rate > 60) {
            throw new UserError("spotlane: --interruptions: \"" + interruptions + "\" is not a rate; expected"
                    + " interruptions per instance-hour between 0 and 60, e.g. 0.05");
        }
        AutoscalerSettings all = AutoscalerSettings.DESIGN;
        Map<String, AutoscalerSettings> byClass = new HashMap<>();
        for (String cls : classes) {
            byClass.put(cls, AutoscalerSettings.of(policy.fleet(), cls));
        }
        all = apply("--capacity-per-instance", capacity, 1, classes, all, byClass,
                AutoscalerSettings::withCapacityPerInstance);
        all = apply("--max-instances", maxInstances, 0, classes, all, byClass, AutoscalerSettings::withMaxInstances);
        all = apply("--idle-count", idleCount, 0, classes, all, byClass, AutoscalerSettings::withIdleCount);
        all = apply("--max-use-count", maxUseCount, 0, classes, all, byClass, AutoscalerSettings::withMaxUseCount);
        return new SimulationOptions(idle, min, max, rate, seed, duration("--max-p95-wait", maxP95Wait), all, byClass,
                rulesIdle);
    }

    /**
     * Applies {@code N} (every class) or {@code CLASS=N,...} (those classes) to the settings; returns the settings
     * of every class not named.
     */
    private static AutoscalerSettings apply(String option, String value, int least, List<String> classes,
                                            AutoscalerSettings all, Map<String, AutoscalerSettings> byClass,
                                            BiFunction<AutoscalerSettings, Integer, AutoscalerSettings> with) {
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
                throw new UserError("spotlane: " + option + ": " + (eq < 0 ? "\"" + part.strip() + "\" is not"
                        + " CLASS=N" : "unknown class \"" + cls + "\"") + "; expected N or CLASS=N,... with a"
                        + " class of " + String.join(", ", classes));
            }
            given.put(cls, count(option, part.substring(eq + 1).strip(), least));
        }
        given.forEach((cls, n) -> byClass.put(cls, with.apply(byClass.getOrDefault(cls, all), n)));
        return all;
    }

    private static int count(String option, String v, int least) {
        try {
            int n = Integer.parseInt(v);
            if (n >= least && n <= 100_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("spotlane: " + option + ": \"" + v + "\" is not a whole number from " + least
                + " to 100000");
    }

    private int localSlots() {
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
        throw new UserError("spotlane: --local: \"" + local + "\" is neither none nor a number of slots (1 to"
                + " 10000)");
    }

    private static long duration(String option, String text) {
        try {
            return Durations.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: " + option + ": " + e.getMessage());
        }
    }

    private static long positive(String option, String text) {
        long ms = duration(option, text);
        if (ms <= 0) {
            throw new UserError("spotlane: " + option + ": must be longer than 0s");
        }
        return ms;
    }

    // ------------------------------------------------------------------ JSON

    /** The report as JSON: hours and costs per month and for the trace, times in seconds. */
    static String json(SimulationReport report) {
        Workload w = report.workload();
        SimulationOptions o = report.options();
        double month = report.monthFactor();
        Json j = new Json().beginObject();
        j.name("trace").beginObject()
                .field("source", w.source())
                .field("jobs", w.read())
                .field("start", w.usable() > 0 ? Instant.ofEpochMilli(w.startEpochMs()).toString() : null)
                .name("period_days").raw(num(w.periodDays(), 3))
                .field("period_from_trace", w.periodFromTrace())
                .field("month_days", SimulationReport.MONTH_DAYS)
                .name("month_factor").raw(num(month, 6))
                .name("job_hours").raw(num(w.jobMs() / 3.6e6, 3))
                .field("pipelines", w.pipelines())
                .field("jobs_waiting_for_a_stage", w.dependentJobs())
                .name("skipped").beginObject()
                .field("no_started_at", w.skippedNoStart())
                .field("no_duration", w.skippedNoDuration())
                .field("no_name", w.skippedNoName())
                .endObject()
                .endObject();
        j.name("routing").beginObject();
        j.name("routed").beginObject();
        for (String c : w.classes()) {
            j.field(c, w.routed(c));
        }
        j.endObject();
        j.name("stay_local").beginObject()
                .field("no_route", w.noRoute())
                .field("foreign_tags", w.foreignTags())
                .endObject();
        j.field("local_runner_slots", w.localSlots());
        j.endObject();
        j.name("assumptions").beginObject()
                .name("cold_start_seconds").beginArray().raw(num(o.coldStartMin() / 1000d, 3))
                .raw(num(o.coldStartMax() / 1000d, 3)).endArray()
                .name("interruptions_per_instance_hour").raw(num(o.interruptionsPerHour(), 6))
                .field("seed", o.seed())
                .name("max_p95_wait_seconds").raw(num(o.maxP95Wait() / 1000d, 3))
                .field("rules_idle_time", o.rulesIdleTime() < 0 ? null : Durations.format(o.rulesIdleTime()))
                .field("prices_source", report.prices().source() == null ? "assumed" : report.prices().source())
                .field("prices_note", report.usesAssumedPrices() ? Prices.VERIFY : null)
                .endObject();
        j.name("results").beginArray();
        for (IdleTimeResult r : report.results()) {
            j.beginObject()
                    .field("idle_time", Durations.format(r.idleTime()))
                    .name("idle_time_seconds").raw(num(r.idleTime() / 1000d, 3))
                    .field("in_rules", r.idleTime() == o.rulesIdleTime())
                    .field("ran_on_local_runner", r.ranLocally());
            j.name("classes").beginArray();
            for (ClassResult c : r.classes()) {
                j.beginObject().field("class", c.className()).field("instance_type", c.instanceType());
                if (c.price() == null) {
                    j.field("price_per_hour", null);
                } else {
                    j.name("price_per_hour").raw(num(c.price().perHour(), 6))
                            .field("price_assumed", c.price().assumed());
                }
                AutoscalerSettings s = c.settings();
                j.name("autoscaler").beginObject()
                        .field("capacity_per_instance", s.capacityPerInstance())
                        .field("max_instances", s.maxInstances())
                        .field("idle_count", s.idleCount())
                        .field("max_use_count", s.maxUseCount())
                        .endObject();
                run(j, c.run(), c.cost(), month);
                j.endObject();
            }
            j.endArray();
            j.name("total").beginObject();
            run(j, r.total(), r.cost(), month);
            j.endObject();
            j.endObject();
        }
        j.endArray();
        IdleTimeResult best = report.recommended();
        j.name("recommendation").beginObject()
                .field("idle_time", Durations.format(report.recommendation().idleTime()))
                .name("idle_time_seconds").raw(num(report.recommendation().idleTime() / 1000d, 3))
                .field("within_bound", report.recommendation().withinBound())
                .field("compared_by", report.recommendation().byCost() ? "cost" : "vm_hours")
                .name("wait_p95_seconds").raw(num(best.total().waitPercentile(95) / 1000d, 3))
                .name("vm_hours_per_month").raw(num(best.vmHours() * month, 3));
        if (best.cost() == null) {
            j.field("cost_per_month", null);
        } else {
            j.name("cost_per_month").raw(num(best.cost() * month, 4));
        }
        j.endObject();
        return j.endObject() + "\n";
    }

    private static void run(Json j, ClassRun r, Double cost, double month) {
        double vmHours = r.billedMs() / 3.6e6;
        j.field("jobs", r.jobs())
                .name("job_hours").raw(num(r.jobMs() / 3.6e6, 3))
                .name("vm_hours").raw(num(vmHours, 3))
                .name("vm_hours_per_month").raw(num(vmHours * month, 3))
                .name("busy_hours").raw(num(r.busyMs() / 3.6e6, 3))
                .name("boot_hours").raw(num(r.bootMs() / 3.6e6, 3));
        if (cost == null) {
            j.field("cost", null).field("cost_per_month", null);
        } else {
            j.name("cost").raw(num(cost, 4)).name("cost_per_month").raw(num(cost * month, 4));
        }
        j.field("cold_starts", r.coldStarts())
                .field("delayed_jobs", r.delayedJobs())
                .name("wait_p50_seconds").raw(num(r.waitPercentile(50) / 1000d, 3))
                .name("wait_p95_seconds").raw(num(r.waitPercentile(95) / 1000d, 3))
                .name("wait_max_seconds").raw(num(r.waitPercentile(100) / 1000d, 3));
        if (r.busyMs() == 0) {
            j.field("idle_overhead_ratio", null);
        } else {
            j.name("idle_overhead_ratio").raw(num(r.idleRatio(), 4));
        }
        j.field("peak_instances", r.peakInstances())
                .field("interruptions", r.interruptions())
                .field("retried_jobs", r.retries())
                .name("lost_hours").raw(num(r.lostMs() / 3.6e6, 3));
    }

    private static String num(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s.equals("-0") ? "0" : s;
    }
}
