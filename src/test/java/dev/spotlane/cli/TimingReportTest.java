package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SPOTLANE_TIMING=1} (issue 14): the breakdown goes to stderr, phase by phase, and leaves the report and the
 * exit code as they are. Runs {@code lint examples/demo} in fresh JVMs, with and without it.
 */
class TimingReportTest {
    @TempDir
    Path tmp;

    @Test
    void theBreakdownNamesEveryPhaseOnStderrAndChangesNothingElse() throws Exception {
        ChildJvm.Run plain = run(false);
        ChildJvm.Run timed = run(true);
        assertEquals(plain.code(), timed.code(), "exit code");
        assertEquals(plain.out(), timed.out(), "the report");
        assertTrue(!plain.err().contains("spotlane timing"), plain.err());
        for (String phase : List.of("jvm start to main", "timing's own set-up", "command line set up", "rules",
                "parse main file", "schema compile (background thread)", "includes and resolve", "fix plan",
                "check config-schema", "checks", "report", "process cpu time", "classes loaded")) {
            assertTrue(timed.err().lines().anyMatch(l -> l.trim().startsWith(phase) && l.matches(".*\\d.*")),
                    phase + " in\n" + timed.err());
        }
    }

    private ChildJvm.Run run(boolean timing) throws Exception {
        return ChildJvm.run(tmp, List.of(), Main.class, List.of("lint", "examples/demo"), env -> {
            env.remove("SPOTLANE_TIMING");
            if (timing) {
                env.put("SPOTLANE_TIMING", "1");
            }
        });
    }
}
