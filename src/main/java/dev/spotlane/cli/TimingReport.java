package dev.spotlane.cli;

import dev.spotlane.Timing;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Prints the {@code SPOTLANE_TIMING=1} breakdown on stderr: JVM start-up, each phase (wall and the CPU time of its
 * thread), the process's CPU time with the JIT compiler's and the collector's parts, classes loaded.
 */
final class TimingReport {
    private static long cpuAtMain = -1;

    private TimingReport() {
    }

    /** Records the time from the JVM's start to {@code main} (measured before the management classes load). */
    static void started() {
        long now = System.currentTimeMillis();
        Timing.restart();
        cpuAtMain = processCpu();
        Timing.add("jvm start to main", (now - ManagementFactory.getRuntimeMXBean().getStartTime()) * 1_000_000L,
                cpuAtMain);
        Timing.restart();
    }

    static void print(PrintWriter err) {
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        long wallMillis = System.currentTimeMillis() - startMillis;
        err.println("spotlane timing (ms; indented lines are parts of the phase above or run beside it; cpu: of the"
                + " phase's thread, for 'jvm start to main' of the process):");
        err.println(String.format(Locale.ROOT, "  %-42s %8s %8s", "", "wall", "cpu"));
        for (Timing.Phase p : Timing.phases()) {
            boolean part = p.name().startsWith("check ") || p.name().contains("background");
            err.println(String.format(Locale.ROOT, "  %s%-40s %8.1f %8s", part ? "  " : "", p.name(), p.nanos() / 1e6,
                    p.cpuNanos() < 0 ? "" : String.format(Locale.ROOT, "%.1f", p.cpuNanos() / 1e6)));
        }
        err.println(String.format(Locale.ROOT, "  %-42s %8d", "total since jvm start", wallMillis));
        long cpu = processCpu();
        if (cpu >= 0) {
            err.println(String.format(Locale.ROOT, "  %-42s %8s %8.1f", "process cpu time", "", cpu / 1e6));
        }
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

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
