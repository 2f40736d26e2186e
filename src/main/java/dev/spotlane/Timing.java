package dev.spotlane;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's time goes, for {@code SPOTLANE_TIMING=1} or {@code -Dspotlane.timing}: phases are marked as they end
 * and the command line prints them on stderr. Off by default, and then every call is one boolean test.
 */
public final class Timing {
    private static final boolean ENABLED = System.getenv("SPOTLANE_TIMING") != null
            && !System.getenv("SPOTLANE_TIMING").isEmpty() && !"0".equals(System.getenv("SPOTLANE_TIMING"))
            || Boolean.getBoolean("spotlane.timing");
    private static final List<Phase> PHASES = new ArrayList<>();
    private static long last = System.nanoTime();

    private Timing() {
    }

    /** One measured phase: its name and its wall time in nanoseconds. */
    public record Phase(String name, long nanos) {
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
                PHASES.add(new Phase(phase, now - last));
                last = now;
            }
        }
    }

    /** Adds a phase measured elsewhere (work on another thread, or a sum over many calls). */
    public static void add(String phase, long nanos) {
        if (ENABLED) {
            synchronized (PHASES) {
                PHASES.add(new Phase(phase, nanos));
            }
        }
    }

    /** Starts the next phase now, without naming the time since the previous mark. */
    public static void restart() {
        if (ENABLED) {
            synchronized (PHASES) {
                last = System.nanoTime();
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
