package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Run plain = run(false);
        Run timed = run(true);
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

    private record Run(int code, String out, String err) {
    }

    private Run run(boolean timing) throws Exception {
        Path out = tmp.resolve(timing + ".out");
        Path err = tmp.resolve(timing + ".err");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lint", "examples/demo")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("SPOTLANE_TIMING");
        if (timing) {
            pb.environment().put("SPOTLANE_TIMING", "1");
        }
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ended");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
