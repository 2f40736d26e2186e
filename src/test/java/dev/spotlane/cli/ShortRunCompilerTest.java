package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's compiler directive, in a real JVM: a child started as {@code java -jar} starts it (the jar's
 * manifest opens {@code jdk.management/com.sun.management.internal}; here the same opening is a flag) takes the
 * directive and leaves nothing in the temporary folder; without the opening, or with
 * {@code -Dspotlane.jit=jvm} as the launcher passes, the JVM keeps its compilers and nothing is printed.
 */
class ShortRunCompilerTest {
    private static final String OPENS = "jdk.management/com.sun.management.internal";

    /** The child's temporary folder, which must be left empty. */
    @TempDir
    Path tmp;

    /** Where the child's output is kept, apart from its temporary folder. */
    @TempDir
    Path logs;

    @Test
    void aJvmStartedLikeTheJarTakesTheDirectiveAndKeepsNoFile() throws Exception {
        String out = probe(List.of("--add-opens", OPENS + "=ALL-UNNAMED"));
        assertTrue(out.startsWith("applied: true\n"), out);
        assertTrue(out.contains("Exclude:true"), "C2 excluded by a directive:\n" + out);
        assertTrue(out.contains("inline: -*.*"), "C1 inlining nothing:\n" + out);
        assertNoFileLeft();
    }

    @Test
    void theLaunchersPropertyLeavesTheCompilersAlone() throws Exception {
        String out = probe(List.of("--add-opens", OPENS + "=ALL-UNNAMED", "-Dspotlane.jit=jvm"));
        assertTrue(out.startsWith("applied: false\n"), out);
        assertFalse(out.contains("Exclude:true"), "no directive:\n" + out);
        assertNoFileLeft();
    }

    @Test
    void withoutTheOpeningTheJvmKeepsItsCompilersAndNothingIsPrinted() throws Exception {
        String out = probe(List.of());
        String[] lines = out.split("\n");
        assertEquals("applied: false", lines[0], out);
        assertTrue(lines.length == 2 && lines[1].startsWith("unreadable: "), "only the probe's own lines:\n" + out);
        assertNoFileLeft();
    }

    @Test
    void theJarsManifestOpensWhatTheDirectiveNeeds() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<Add-Opens>" + OPENS + "</Add-Opens>"), "pom.xml's shade manifest entries");
        String launcher = Files.readString(Path.of("bin/spotlane"));
        assertTrue(launcher.contains("-Dspotlane.jit=jvm -XX:TieredStopAtLevel=1"),
                "bin/spotlane chooses C1 itself and says so");
    }

    @Test
    void pathsTheCommandsArgumentParserReadsWhole() {
        assertTrue(ShortRunCompiler.plain("/tmp/spotlane-jit-12-34.json"));
        assertFalse(ShortRunCompiler.plain("/tmp/my dir/spotlane-jit.json"));
        assertFalse(ShortRunCompiler.plain("/tmp/\"x\".json"));
        assertFalse(ShortRunCompiler.plain("/tmp/caf\u00e9/x.json"));
        assertFalse(ShortRunCompiler.plain("/tmp/a\tb"));
    }

    /** The probe's standard output, then its standard error; it must exit 0. */
    private String probe(List<String> flags) throws Exception {
        List<String> jvm = new ArrayList<>(flags);
        jvm.add("-Djava.io.tmpdir=" + tmp);
        ChildJvm.Run run = ChildJvm.run(logs, jvm, ShortRunCompilerProbe.class, List.of(), env -> { },
                60);
        String out = run.out() + run.err();
        assertEquals(0, run.code(), out);
        return out;
    }

    private void assertNoFileLeft() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList(), "the temporary folder after the run");
        }
    }
}
