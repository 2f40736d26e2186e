package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Runs a command that talks to GitLab and asserts {@code secret} appears nowhere: neither in the command's own
     * streams nor on the real {@code System.out}/{@code System.err}, where an HTTP client could log (both captured
     * and reported as stderr).
     */
    static Run runKeeping(String secret, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream realErr = System.err;
        PrintStream realOut = System.out;
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        } finally {
            System.setErr(realErr);
            System.setOut(realOut);
        }
        String stdout = out.toString();
        String stderr = err + sysErr.toString(StandardCharsets.UTF_8) + sysOut.toString(StandardCharsets.UTF_8);
        assertFalse(stdout.contains(secret), "token on stdout:\n" + stdout);
        assertFalse(stderr.contains(secret), "token on stderr:\n" + stderr);
        return new Run(code, stdout, stderr);
    }

    @Test
    void listsTheDemoImagesAsText() throws IOException {
        Run r = run("images", "examples/demo");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches(Path.of("src/test/resources/golden/images/demo.txt"), r.out());
    }

    @Test
    void listsTheDemoImagesAsJson() throws IOException {
        Run r = run("images", "examples/demo/.gitlab-ci.yml", "--format", "json");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches(Path.of("src/test/resources/golden/images/demo.json"), r.out());
    }

    @Test
    void invalidYamlIsOneLineWithPositionAndExitTwo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(".gitlab-ci.yml");
        Files.writeString(f, "job:\n  script: [a\n  image: x\n");
        Run r = run("images", dir.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        String line = r.err().strip();
        assertTrue(line.matches(".*\\.gitlab-ci\\.yml:\\d+:\\d+: .+"), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void missingFileIsExitTwo() {
        Run r = run("images", "does/not/exist.yml");
        assertEquals(2, r.code());
        assertEquals("does/not/exist.yml: no such file or directory", r.err().strip());
    }

    @Test
    void directoryWithoutPipelineIsExitTwo(@TempDir Path dir) {
        Run r = run("images", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no .gitlab-ci.yml in this directory"), r.err());
    }

    @Test
    void badUsageIsExitTwo() {
        assertEquals(2, run("images", "--format", "xml").code());
        assertEquals(2, run("no-such-command").code());
        assertEquals(2, run().code());
    }

    @Test
    void writingToAMissingFolderOrADirectoryIsExitTwoWithOneLine(@TempDir Path dir) {
        Run missing = run("images", "examples/demo", "--format", "allowlist", "--write",
                dir.resolve("no/such/x.txt").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().strip().endsWith("x.txt: its folder does not exist"), missing.err());
        Run directory = run("images", "examples/demo", "--format", "allowlist", "--write", dir.toString());
        assertEquals(2, directory.code());
        assertTrue(directory.err().strip().endsWith(dir + ": is a directory; not written"), directory.err());
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("images"), help.out());
        Run version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("spotlane "), version.out());
    }
}
