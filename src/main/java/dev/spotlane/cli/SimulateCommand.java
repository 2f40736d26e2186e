package dev.spotlane.cli;

import dev.spotlane.fleet.sim.JobTrace;
import dev.spotlane.fleet.sim.JobTraceReader;
import dev.spotlane.fleet.sim.Prices;
import dev.spotlane.fleet.sim.Simulation;
import dev.spotlane.fleet.sim.SimulationArgs;
import dev.spotlane.fleet.sim.SimulationInputException;
import dev.spotlane.fleet.sim.SimulationJson;
import dev.spotlane.fleet.sim.SimulationOptions;
import dev.spotlane.fleet.sim.SimulationReport;
import dev.spotlane.fleet.sim.SimulationSvg;
import dev.spotlane.fleet.sim.SimulationText;
import dev.spotlane.fleet.sim.SimulationLimits;
import dev.spotlane.fleet.sim.SyntheticTrace;
import dev.spotlane.fleet.sim.Workload;
import dev.spotlane.policy.Policy;
import dev.spotlane.transform.HistoryRouter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotlane simulate}: what the spot fleet would cost on a job history, and which idle_time to choose. */
@Command(name = "simulate", sortOptions = false,
        description = {"Replay a job history through a simulation of the docker-autoscaler fleet: each job routed"
                + " by the rules, instances started on demand with a cold start, kept for idle_time, interrupted"
                + " at a spot rate.",
                "Per idle_time: VM-hours and cost a month per class, the whole monthly bill (manager, public IPv4"
                        + " or NAT gateway, EBS, S3 cache, egress), cold starts, added queue time p50/p95, idle"
                        + " overhead; and the idle_time with the cheapest bill whose p95 added wait stays within"
                        + " --max-p95-wait.",
                "Default prices are the design document's assumed spot prices: verify them with"
                        + " aws ec2 describe-spot-price-history and pass --prices."})
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


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

    @Mixin
    RulesOptions rulesOptions;

    @Option(names = "--idle-time", paramLabel = "LIST", defaultValue = "5m,10m,20m,40m",
            description = "The idle_time values to compare (default: ${DEFAULT-VALUE}, and the rules' own).")
    String idleTimes;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Prices in USD: the JSON 'aws ec2 describe-spot-price-history' prints (the mean per"
                    + " instance type over its zones and the period), or one 'KEY: PRICE' a line: an instance type"
                    + " or class (spot, per hour), on_demand.TYPE (the manager), or a unit price of the bill"
                    + " (public_ipv4_hour, ebs_gb_month, egress_gb, ...; docs/simulate.md).")
    Path prices;

    @Option(names = "--local", paramLabel = "none|N", defaultValue = "none",
            description = "A local runner with N slots that can run routed jobs too: it and the cloud race for each"
                    + " one, as GitLab's runners do (default: ${DEFAULT-VALUE}: every routed job goes to the cloud).")
    String local;

    @Option(names = "--local-first",
            description = "With --local: the local runner takes every routed job it has a free slot for, before the"
                    + " cloud sees it (the old model) instead of racing it.")
    boolean localFirst;

    @Option(names = "--check-interval", paramLabel = "DURATION", defaultValue = "3s",
            description = "How often each runner asks GitLab for a job (check_interval; default: ${DEFAULT-VALUE},"
                    + " GitLab Runner's): the delay of the race.")
    String checkInterval;

    @Option(names = "--local-vcpus", paramLabel = "N",
            description = "The local runner's vCPUs: jobs that stay count N CPU-hours per job-hour, as in 'spotlane"
                    + " usage --local-vcpus' (default: they count none).")
    Double localVcpus;

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
        Policy policy = rulesOptions.loadHere();
        List<String> classes = List.copyOf(policy.routing().classes().keySet());
        SimulationOptions options = valid(() -> new SimulationArgs(idleTimes, spec.commandLine().getParseResult()
                .hasMatchedOption("--idle-time"), coldStart, interruptions, seed, maxP95Wait, capacity, maxInstances,
                idleCount, maxUseCount, localFirst, checkInterval).options(classes, policy.fleet()));
        try {
            // each idle slot is simulated minute by minute: --idle-count 100000 ran for minutes
            SimulationLimits.checkIdleCount("--idle-count", options.defaults().idleCount());
            for (java.util.Map.Entry<String, dev.spotlane.fleet.sim.AutoscalerSettings> c
                    : new java.util.TreeMap<>(options.perClass()).entrySet()) {
                SimulationLimits.checkIdleCount("class \"" + c.getKey() + "\"", c.getValue().idleCount());
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: " + e.getMessage() + " (--idle-count, or the rules' fleet.policies)");
        }
        int localSlots = valid(() -> SimulationArgs.localSlots(local));
        Double vcpus = valid(() -> SimulationArgs.vcpus("--local-vcpus", localVcpus));
        long periodMs = period == null ? 0 : valid(() -> SimulationArgs.positive("--period", period));
        Prices priceList = prices == null ? Prices.assumed() : read(prices, Prices::read);
        JobTrace trace = input.synthetic ? SyntheticTrace.design(seed) : read(input.jobs, JobTraceReader::read);
        if (!input.synthetic) {
            trace = new JobTrace(PipelineFiles.display(input.jobs), trace.jobs(), trace.unfinished());
        }
        Workload workload = Workload.of(trace, classes, HistoryRouter.of(policy), localSlots, periodMs);
        if (workload.read() == workload.skipped()) {
            throw new UserError(trace.source() + ": " + (workload.read() == 0 ? "no jobs"
                    : "no job has started_at and a duration (or finished_at)") + "; nothing to simulate");
        }
        SimulationReport report = Simulation.run(workload, policy.fleet(), policy.source(), priceList, options,
                vcpus);
        err.println(RulesOptions.describe(policy));
        if (workload.routed() == 0) {
            err.println("spotlane: no job goes to the cloud under " + policy.source() + "; compute costs are zero");
        }
        if (svg != null) {
            outputs.writeAndSay(svg, SimulationSvg.render(report), err);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? SimulationJson.render(report) : SimulationText.render(report));
        out.flush();
        return ExitCode.OK;
    }

    /** A value the library checks; a bad one is one line. */
    private interface Checked<T> {
        T get() throws SimulationInputException;
    }

    private static <T> T valid(Checked<T> value) {
        try {
            return value.get();
        } catch (SimulationInputException e) {
            throw new UserError(e.getMessage());
        }
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
}
