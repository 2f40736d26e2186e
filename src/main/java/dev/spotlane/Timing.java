package dev.spotlane;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's time goes, for {@code SPOTLANE_TIMING=1} or {@code -Dspotlane.timing}: phases are marked as they end
 * and the command line prints them on stderr, with the CPU time the marking thread spent in each (wall time is noisy on
 * a shared machine; CPU time is not). Off by default, and then every call is one boolean test.
 */
public final class Timing {
    private static final boolean ENABLED = System.getenv("SPOTLANE_TIMING") != null
            && !System.getenv("SPOTLANE_TIMING").isEmpty() && !"0".equals(System.getenv("SPOTLANE_TIMING"))
            || Boolean.getBoolean("spotlane.timing");
    private static final List<Phase> PHASES = new ArrayList<>();
    private static long last = System.nanoTime();
    private static long lastCpu;

    private Timing() {
    }

    /** One measured phase: its name, its wall time and the CPU time of its thread in nanoseconds (-1: unknown). */
    public record Phase(String name, long nanos, long cpuNanos) {
    }

    /**
     * The CPU time of the calling thread in nanoseconds, or 0 when timing is off. The first call starts the JVM's
     * management classes, which takes a cold JVM tens of milliseconds: the command line measures the time to
     * {@code main} before that, and restarts the phase clock after it.
     */
    public static long cpu() {
        return ENABLED ? Threads.BEAN.getCurrentThreadCpuTime() : 0;
    }

    /** The thread management bean, started on first use. */
    private static final class Threads {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    }

    /** Whether timing is on for this process. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Ends the phase running since the previous mark (or since this class was loaded) and names it. */
    public static void mark(String phase) {
        if (ENABLED) {
            synchronized (PHASES) {
                long now = System.nanoTime();
                long nowCpu = cpu();
                PHASES.add(new Phase(phase, now - last, nowCpu - lastCpu));
                last = now;
                lastCpu = nowCpu;
            }
        }
    }

    /** Adds a phase measured elsewhere (work on another thread, or a sum over many calls). */
    public static void add(String phase, long nanos, long cpuNanos) {
        if (ENABLED) {
            synchronized (PHASES) {
                PHASES.add(new Phase(phase, nanos, cpuNanos));
            }
        }
    }

    /** Starts the next phase now, without naming the time since the previous mark. */
    public static void restart() {
        if (ENABLED) {
            synchronized (PHASES) {
                last = System.nanoTime();
                lastCpu = cpu();
            }
        }
    }

    /** The phases marked so far, in order. */
    public static List<Phase> phases() {
        synchronized (PHASES) {
            return List.copyOf(PHASES);
        }
    }
}
