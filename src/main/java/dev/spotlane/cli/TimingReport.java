package dev.spotlane.cli;

import dev.spotlane.Timing;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints the {@code SPOTLANE_TIMING=1} breakdown on stderr: JVM start-up, each phase (wall and the CPU time of its
 * thread), the process's CPU time with the JIT compiler's and the collector's parts, classes loaded.
 */
final class TimingReport {
    private static long cpuAtMain = -1;

    private TimingReport() {
    }

    /**
     * Records the time from the JVM's start to {@code main}: the process's CPU time from the operating system (in
     * clock ticks, 10 ms on Linux), read before the management classes load; starting them costs a cold JVM tens of
     * milliseconds, which is the timing's own and is kept out of every phase (its own line, wall time).
     */
    static void started() {
        long nowMillis = System.currentTimeMillis();
        cpuAtMain = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        long start = System.nanoTime();
        Timing.restart(); // starts the management classes
        long wall = (nowMillis - ManagementFactory.getRuntimeMXBean().getStartTime()) * 1_000_000L;
        Timing.add("jvm start to main", wall, cpuAtMain);
        Timing.add("timing's own set-up (management classes)", System.nanoTime() - start, -1);
        Timing.restart();
    }

    static void print(PrintWriter err) {
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        long wallMillis = System.currentTimeMillis() - startMillis;
        err.println("spotlane timing (ms; indented lines are parts of the phase above or run beside it; cpu: of the"
                + " phase's thread, for 'jvm start to main' of the process):");
        err.println(String.format(Locale.ROOT, "  %-42s %8s %8s", "", "wall", "cpu"));
        for (Timing.Phase p : Timing.phases()) {
            boolean part = p.name().startsWith("check ") || p.name().contains("background")
                    || p.name().startsWith("timing's own");
            err.println(String.format(Locale.ROOT, "  %s%-40s %8.1f %8s", part ? "  " : "", p.name(), p.nanos() / 1e6,
                    p.cpuNanos() < 0 ? "" : String.format(Locale.ROOT, "%.1f", p.cpuNanos() / 1e6)));
        }
        err.println(String.format(Locale.ROOT, "  %-42s %8d", "total since jvm start", wallMillis));
        long cpu = processCpu();
        if (cpu >= 0) {
            err.println(String.format(Locale.ROOT, "  %-42s %8s %8.1f", "process cpu time", "", cpu / 1e6));
        }
        threads(err);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            err.println(String.format(Locale.ROOT, "    %-40s %8d", "jit compiling (wall, all threads)",
                    jit.getTotalCompilationTime()));
        }
        long gc = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime());
        }
        err.println(String.format(Locale.ROOT, "    %-40s %8d", "garbage collection (wall)", gc));
        err.println(String.format(Locale.ROOT, "  %-42s %8d", "classes loaded",
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()));
        err.flush();
    }

    /**
     * The CPU time of each of the process's threads with any (Linux: /proc/self/task), the JVM's own included:
     * JIT compiler threads, the VM thread (where the serial collector runs), the main thread. Nothing elsewhere.
     */
    private static void threads(PrintWriter err) {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return;
        }
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        long tick = 10; // USER_HZ is 100 on Linux
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path t : s.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+$", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
                    if (ms > 0) {
                        byName.merge(name, ms, Long::sum);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return;
        }
        byName.forEach((name, ms) -> err.println(String.format(Locale.ROOT, "    %-40s %8s %8d", "thread " + name,
                "", ms)));
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
