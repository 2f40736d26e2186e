package dev.spotlane.bench;

import dev.spotlane.fleet.sim.AutoscalerSettings;
import dev.spotlane.fleet.sim.IdleTimeResult;
import dev.spotlane.fleet.sim.JobTrace;
import dev.spotlane.fleet.sim.JobTraceReader;
import dev.spotlane.fleet.sim.Prices;
import dev.spotlane.fleet.sim.Simulation;
import dev.spotlane.fleet.sim.SimulationOptions;
import dev.spotlane.fleet.sim.SimulationReport;
import dev.spotlane.fleet.sim.SyntheticTrace;
import dev.spotlane.fleet.sim.TraceJob;
import dev.spotlane.fleet.sim.Workload;
import dev.spotlane.fleet.sim.Workloads;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * How long {@code spotlane simulate} takes on a million jobs; the target is under 5 s on a 2-core machine. Not a
 * test: run {@code java -cp <test classpath> dev.spotlane.bench.SimulatorBenchmark [PROJECTS] [ROUNDS]}.
 *
 * <p>The trace is {@link SyntheticTrace#projects}: PROJECTS (default 595) copies of the design document's two weeks,
 * each its own project with its own seed, over the same 14 days: 1,000,790 jobs for 595. It is written to a temporary
 * jobs.json once. Each round then, in a fresh state, reads the file, routes it with the bundled rules and simulates
 * the four default idle times with no instance cap (capacity_per_instance 1, interruptions 0.05 per instance-hour),
 * which is what the command does (the idle times run in parallel). Wall time and the process's CPU time (all
 * threads, garbage collection included) are printed for each step: the first round is a cold JVM (what a user
 * sees), the later ones are warm. On a busy machine the wall time is noisy; the CPU time much less so.
 */
public final class SimulatorBenchmark {
    private static final double TARGET_SECONDS = 5;

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int projects = args.length > 0 ? Integer.parseInt(args[0]) : 595;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        com.sun.management.OperatingSystemMXBean cpu =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Policy policy = PolicyLoader.bundled();

        JobTrace generated = SyntheticTrace.projects(1, projects);
        Path file = Files.createTempFile("spotlane-bench-jobs", ".json");
        try {
            write(generated, file);
            System.out.printf(Locale.ROOT, "simulator benchmark: %,d jobs (%d projects x the design's two weeks),"
                            + " %.0f MB of jobs.json; java %s, %d cpus%n", generated.jobs().size(), projects,
                    Files.size(file) / 1e6, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            generated = null;
            SimulationOptions options = SimulationOptions.design().withInterruptions(0.05)
                    .withSettings(new AutoscalerSettings(1, 0, 0, 0), Map.of());
            System.out.printf(Locale.ROOT, "%-6s %22s %22s %22s %22s%n", "round", "read jobs.json",
                    "route", "simulate 4 idle times", "total");
            double bestSimulate = Double.MAX_VALUE;
            double firstTotal = 0;
            for (int r = 1; r <= rounds; r++) {
                long w0 = System.nanoTime();
                long c0 = cpu.getProcessCpuTime();
                JobTrace trace = JobTraceReader.read(file);
                long w1 = System.nanoTime();
                long c1 = cpu.getProcessCpuTime();
                Workload workload = Workloads.of(trace, policy, 0, 0);
                long w2 = System.nanoTime();
                long c2 = cpu.getProcessCpuTime();
                SimulationReport report = Simulation.run(workload, policy.fleet(), Prices.assumed(), options);
                long w3 = System.nanoTime();
                long c3 = cpu.getProcessCpuTime();
                System.out.printf(Locale.ROOT, "%-6s %22s %22s %22s %22s%n", r == 1 ? "1 cold" : String.valueOf(r),
                        pair(w1 - w0, c1 - c0), pair(w2 - w1, c2 - c1), pair(w3 - w2, c3 - c2), pair(w3 - w0, c3 - c0));
                bestSimulate = Math.min(bestSimulate, (w3 - w1) / 1e9);
                if (r == 1) {
                    firstTotal = (w3 - w0) / 1e9;
                    IdleTimeResult twenty = report.results().get(2);
                    System.out.printf(Locale.ROOT, "       (at 20m: %,.0f VM-hours a month, %,d cold starts, peak %d"
                                    + " instances, %d interruptions)%n", twenty.vmHours() * report.monthFactor(),
                            twenty.total().coldStarts(), twenty.total().peakInstances(),
                            twenty.total().interruptions());
                }
            }
            System.out.println("wall s (cpu s); route + simulate, best round: " + String.format(Locale.ROOT, "%.2f s",
                    bestSimulate));
            System.out.println("target: read + route + simulate under " + TARGET_SECONDS + " s on the cold round: "
                    + (firstTotal < TARGET_SECONDS ? "met" : "not met") + String.format(Locale.ROOT, " (%.2f s)",
                    firstTotal));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String pair(long wallNanos, long cpuNanos) {
        return String.format(Locale.ROOT, "%.2f (%.2f)", wallNanos / 1e9, cpuNanos / 1e9);
    }

    /** jobs.json as {@code spotlane usage} writes it. */
    private static void write(JobTrace trace, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write('[');
            boolean first = true;
            for (TraceJob j : trace.jobs()) {
                out.write(first ? "\n" : ",\n");
                first = false;
                out.write("{\"project\":\"" + j.project() + "\",\"name\":\"" + j.name() + "\",\"stage\":\""
                        + j.stage() + "\",\"tags\":[],\"runner\":\"" + j.runner() + "\",\"created_at\":\""
                        + Instant.ofEpochMilli(j.createdAt()) + "\",\"started_at\":\""
                        + Instant.ofEpochMilli(j.startedAt()) + "\",\"finished_at\":\""
                        + Instant.ofEpochMilli(j.finishedAt()) + "\",\"duration\":" + j.duration() / 1000d
                        + ",\"queued_duration\":" + j.queued() / 1000d + "}");
            }
            out.write("\n]\n");
        }
    }
}
