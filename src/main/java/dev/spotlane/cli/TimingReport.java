package dev.spotlane.cli;

import dev.spotlane.Timing;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** Prints the {@code SPOTLANE_TIMING=1} breakdown on stderr: JVM start-up, each phase, CPU time, classes loaded. */
final class TimingReport {
    private TimingReport() {
    }

    /** Records the time from the JVM's start to {@code main} (measured before the management classes load). */
    static void started() {
        long now = System.currentTimeMillis();
        Timing.restart();
        Timing.add("jvm start to main", (now - ManagementFactory.getRuntimeMXBean().getStartTime()) * 1_000_000L);
        Timing.restart();
    }

    static void print(PrintWriter err) {
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        long wallMillis = System.currentTimeMillis() - startMillis;
        err.println("spotlane timing (ms, wall; indented lines are parts of the phase above or run beside it):");
        for (Timing.Phase p : Timing.phases()) {
            boolean part = p.name().startsWith("check ") || p.name().contains("background");
            err.println(String.format(Locale.ROOT, "  %s%-40s %8.1f", part ? "  " : "", p.name(), p.nanos() / 1e6));
        }
        err.println(String.format(Locale.ROOT, "  %-40s %8d", "total since jvm start", wallMillis));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            err.println(String.format(Locale.ROOT, "  %-40s %8.1f", "process cpu time", os.getProcessCpuTime() / 1e6));
        }
        err.println(String.format(Locale.ROOT, "  %-40s %8d", "classes loaded",
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()));
        err.flush();
    }
}
