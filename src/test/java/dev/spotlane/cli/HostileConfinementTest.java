package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, confinement and safe writes: a merge request's author controls every file of the repository, so
 * every path a repository file names must stay inside it, only regular files of bounded size are read, nothing
 * outside the repository is ever echoed, and no write replaces what is not a regular file. Each case asserts the
 * exit code and the message; the "outside" files live in a temporary folder beside the repository (never real
 * {@code /etc} files), and hold a secret that must appear in no output.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a FIFO read would block forever: fail instead of hanging the build
class HostileConfinementTest {
    private static final String SECRET = "GITLAB_TOKEN=glpat-s3cr3t-value";
    private static final String PIPELINE = "build:\n  image: golang:1.26\n  script: [make]\n";

    @TempDir
    Path tmp;
    Path repo;
    Path outside;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void repository() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("environ"), SECRET + "\nroot:x:0:0:root:/root:/bin/bash\n");
    }

    private String r(String rel) {
        return repo.resolve(rel).toString();
    }

    private void noSecret(Run run) {
        assertFalse(run.all().contains("glpat"), () -> "the outside file's content leaked:\n" + run.all());
        assertFalse(run.all().contains("root:x:0"), () -> "the outside file's content leaked:\n" + run.all());
    }

    // ------------------------------------------------------------------ reads stay in the repository

    @Test
    void mainFileLinkedOutsideIsRefusedNamingIt() throws IOException {
        Files.createSymbolicLink(repo.resolve(".gitlab-ci.yml"), outside.resolve("environ"));
        for (String command : List.of("lint", "preview", "images", "fix")) {
            Run run = run(command, repo.toString());
            assertEquals(ExitCode.USAGE, run.code(), command + ": " + run.all());
            assertTrue(run.err().contains(".gitlab-ci.yml: links outside the repository; not read"),
                    command + ": " + run.err());
            noSecret(run);
        }
    }

    @Test
    void allowlistOutsideTheRepositoryIsAPositionedError() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Files.writeString(repo.resolve(".spotlane.yml"), rules("[../outside/environ]"));
        Run run = run("lint", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains(".spotlane.yml:15:15: allowlist \"../outside/environ\" is outside the"
                + " repository; not read [rules-schema]"), run.err());
        noSecret(run);
    }

    @Test
    void allowlistLinkedOutsideIsRefused() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Files.createDirectories(repo.resolve("ci/ami"));
        Files.createSymbolicLink(repo.resolve("ci/ami/images.txt"), outside.resolve("environ"));
        Run run = run("lint", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains("ci/ami/images.txt: links outside the repository; not read"), run.err());
        noSecret(run);
    }

    @Test
    void rulesFileLinkedOutsideIsRefused() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Files.createSymbolicLink(repo.resolve(".spotlane.yml"), outside.resolve("environ"));
        Run run = run("lint", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains(".spotlane.yml: links outside the repository; not read"), run.err());
        noSecret(run);
        // --rules naming a path into the repository names the repository's file: the same rule
        run = run("lint", repo.toString(), "--rules", r(".spotlane.yml"));
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains(".spotlane.yml: links outside the repository; not read"), run.err());
        noSecret(run);
    }

    @Test
    void rulesGivenOnTheCommandLineMayBeAnywhere() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Path rules = outside.resolve("rules.yml");
        Files.writeString(rules, rules("[environ]"));
        Files.writeString(outside.resolve("environ"), "golang:1.26\n");
        Run run = run("lint", repo.toString(), "--rules", rules.toString(), "--fail-on", "never");
        assertEquals(ExitCode.OK, run.code(), run.all());
    }

    @Test
    void includeLinkedOutsideIsAPositionedError() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), "include:\n  - local: ci/x.yml\n" + PIPELINE);
        Files.createDirectories(repo.resolve("ci"));
        Files.createSymbolicLink(repo.resolve("ci/x.yml"), outside.resolve("environ"));
        Run run = run("preview", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains(".gitlab-ci.yml:2:5: \"ci/x.yml\" links outside the repository"), run.err());
        noSecret(run);
        run = run("lint", repo.toString());
        assertTrue(run.out().contains(".gitlab-ci.yml:2:5:") && run.out().contains("links outside the repository"),
                run.all());
        noSecret(run);
    }

    @Test
    void includeThroughALinkedFolderIsRefused() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), "include:\n  - local: ci/environ.yml\n" + PIPELINE);
        Files.writeString(outside.resolve("environ.yml"), "secret: " + SECRET + "\n");
        Files.createSymbolicLink(repo.resolve("ci"), outside);
        Run run = run("preview", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains("\"ci/environ.yml\" links outside the repository"), run.err());
        noSecret(run);
    }

    @Test
    void fifoIsNeverOpened() throws Exception {
        Path fifo = repo.resolve("ci.yml");
        assumeTrue(mkfifo(fifo), "mkfifo is not available: FIFO case skipped");
        Files.writeString(repo.resolve(".gitlab-ci.yml"), "include:\n  - local: ci.yml\n" + PIPELINE);
        Run run = run("preview", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains(".gitlab-ci.yml:2:5: \"ci.yml\" is a device, FIFO or socket, not a regular"
                + " file; not read"), run.err());
        // the main file as a FIFO
        Run main = run("lint", fifo.toString(), "--root", repo.toString());
        assertEquals(ExitCode.USAGE, main.code(), main.all());
        assertTrue(main.err().contains("is a device, FIFO or socket, not a regular file; not read"), main.err());
    }

    @Test
    void deviceLinkIsNeverRead() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero: device case skipped");
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Files.createSymbolicLink(repo.resolve(".spotlane.yml"), zero);
        Run run = run("lint", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains(".spotlane.yml: links outside the repository; not read"), run.err());
    }

    @Test
    void sparseFiftyMegabyteFileIsRefusedBeforeReading() throws IOException {
        Path big = repo.resolve("big.yml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        Files.writeString(repo.resolve(".gitlab-ci.yml"), "include:\n  - local: big.yml\n" + PIPELINE);
        Run run = run("preview", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        // the exact size comes from the check made before reading (a read cut at the limit could not know it)
        assertTrue(run.err().contains("\"big.yml\" is 52428800 bytes, over the limit of 8388608 bytes; not read"),
                run.err());
        Run main = run("lint", big.toString());
        assertEquals(ExitCode.USAGE, main.code(), main.all());
        assertTrue(main.err().contains("big.yml: is 52428800 bytes, over the limit of 8388608 bytes; not read"),
                main.err());
    }

    // ------------------------------------------------------------------ nothing raw reaches the terminal

    @Test
    void controlCharactersInNamesAreEscapedInTextOutput() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), """
                "\\e[31mred":
                  image: golang:1.26
                  script: [make]
                "two\\nlines\\u202Eevil":
                  image: golang:1.26
                  script: [make]
                """);
        Run run = run("lint", repo.toString(), "--fail-on", "never");
        assertEquals(ExitCode.OK, run.code(), run.all());
        assertFalse(run.all().contains("\u001b"), "a raw escape sequence reached the terminal:\n" + run.all());
        assertFalse(run.all().contains("\u202e"), "a raw bidirectional override reached the terminal");
        assertTrue(run.out().contains("job \"\\e[31mred\" has no tags"), run.out());
        assertTrue(run.out().contains("job \"two\\nlines\\u202Eevil\" has no tags"), run.out());
        // one line per finding: the name's line break did not split it
        assertEquals(0, run.out().lines().filter(l -> l.startsWith("lines")).count(), run.out());
        Run fix = run("fix", repo.toString(), "--diff");
        assertFalse(fix.all().contains("\u001b"), "a raw escape sequence reached the terminal:\n" + fix.all());
    }

    @Test
    void standardErrorNeverCarriesARawControlCharacter() {
        StringWriter sw = new StringWriter();
        try (PrintWriter w = new PrintWriter(new EscapingWriter(sw))) {
            w.print("include \"\u001b[31mx.yml\" not found\nnext\rline\u202E\r\n");
        }
        assertEquals("include \"\\e[31mx.yml\" not found\nnext\\rline\\u202E\r\n", sw.toString());
    }

    @Test
    void anAllowlistQuotesABoundedExcerpt() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Files.createDirectories(repo.resolve("ci/ami"));
        Files.writeString(repo.resolve("ci/ami/images.txt"), "x".repeat(5000) + "!\n");
        Run run = run("lint", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains("ci/ami/images.txt:1:1: "), run.err());
        assertTrue(run.err().length() < 400, () -> "not bounded: " + run.err().length() + " characters");
    }

    // ------------------------------------------------------------------ writes never replace what is not a file

    @Test
    void outputToDevNullWritesThroughAndKeepsTheDevice() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull), "no /dev/null: skipped");
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        for (String[] args : List.of(new String[] {"lint", r("."), "--output", "/dev/null", "--fail-on", "never"},
                new String[] {"lint", r("."), "--report", "codequality=/dev/null", "--fail-on", "never"},
                new String[] {"images", r("."), "--format", "allowlist", "--write", "/dev/null"},
                new String[] {"runner-config", "--output", "/dev/null"})) {
            Run run = run(args);
            assertEquals(ExitCode.OK, run.code(), String.join(" ", args) + ": " + run.all());
            assertFalse(Files.isRegularFile(devNull, LinkOption.NOFOLLOW_LINKS), "/dev/null was replaced");
            assertTrue(Files.isReadable(devNull) && Files.isWritable(devNull));
        }
    }

    @Test
    void outputToDevFullIsAnError() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full (Linux only): skipped");
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Run run = run("lint", r("."), "--output", "/dev/full", "--fail-on", "never");
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains("/dev/full: no space left on device"), run.err());
        assertFalse(Files.isRegularFile(Path.of("/dev/full"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void standardOutputToDevFullIsAnError() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full (Linux only): skipped");
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        CheckedStream full = new CheckedStream(new FileOutputStream("/dev/full"));
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter out = new PrintWriter(new OutputStreamWriter(full, StandardCharsets.UTF_8), true)) {
            code = Main.run(new String[] {"lint", r("."), "--fail-on", "never"}, out, new PrintWriter(err),
                    full::failure);
        }
        assertEquals(ExitCode.USAGE, code, err.toString());
        assertTrue(err.toString().contains("spotlane: cannot write to standard output: no space left on device;"
                + " the output is incomplete"), err.toString());
    }

    @Test
    void outputLinkInsideTheRepositoryToOutsideIsRefused() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Path victim = outside.resolve("victim.txt");
        Files.writeString(victim, "keep me\n");
        Files.createSymbolicLink(repo.resolve("gl-code-quality-report.json"), victim);
        Run run = run("lint", r("."), "--report", "codequality=" + r("gl-code-quality-report.json"));
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains("gl-code-quality-report.json: is a symbolic link to outside the repository;"
                + " not written"), run.err());
        assertEquals("keep me\n", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(repo.resolve("gl-code-quality-report.json")));
    }

    @Test
    void outputLinkInsideTheRepositoryToAFileInsideWritesTheTarget() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Files.writeString(repo.resolve("report.txt"), "old\n");
        Files.createSymbolicLink(repo.resolve("link.txt"), Path.of("report.txt"));
        Run run = run("lint", r("."), "--output", r("link.txt"), "--format", "json", "--fail-on", "never");
        assertEquals(ExitCode.OK, run.code(), run.all());
        assertTrue(Files.isSymbolicLink(repo.resolve("link.txt")), "the link was replaced");
        assertJson(Files.readString(repo.resolve("report.txt")));
    }

    @Test
    void outputLinkOutsideTheRepositoryIsTheUsersOwn() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Path target = outside.resolve("report.json");
        Files.writeString(target, "old\n");
        Path link = outside.resolve("link.json");
        Files.createSymbolicLink(link, target);
        Run run = run("lint", r("."), "--output", link.toString(), "--format", "json", "--fail-on", "never");
        assertEquals(ExitCode.OK, run.code(), run.all());
        assertTrue(Files.isSymbolicLink(link));
        assertJson(Files.readString(target));
    }

    @Test
    void readOnlyOutputIsRefusedUnlessForced() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Path ro = outside.resolve("ro.json");
        Files.writeString(ro, "old\n");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
        Run run = run("lint", r("."), "--output", ro.toString(), "--format", "json", "--fail-on", "never");
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains("ro.json: is read-only; not replaced (pass --force to replace it)"), run.err());
        assertEquals("old\n", Files.readString(ro));
        run = run("lint", r("."), "--output", ro.toString(), "--format", "json", "--fail-on", "never", "--force");
        assertEquals(ExitCode.OK, run.code(), run.all());
        assertJson(Files.readString(ro));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(ro)));
    }

    @Test
    void hardLinkedOutputIsWrittenInPlaceAndSaysSo() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Path a = outside.resolve("a.json");
        Files.writeString(a, "old\n");
        Path b = Files.createLink(outside.resolve("b.json"), a);
        Run run = run("lint", r("."), "--output", a.toString(), "--format", "json", "--fail-on", "never");
        assertEquals(ExitCode.OK, run.code(), run.all());
        assertJson(Files.readString(b), "the hard link was split");
        assertTrue(run.err().contains("a.json: written in place, not atomically: it has other hard links"),
                run.err());
    }

    @Test
    void outputKeepsModeAndCleansStaleTemporaryFiles() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Path out = outside.resolve("out.json");
        Files.writeString(out, "old\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        Path stale = Files.writeString(outside.resolve(".out.json.12345.spotlane.tmp"), "left by a killed run");
        Run run = run("lint", r("."), "--output", out.toString(), "--format", "json", "--fail-on", "never");
        assertEquals(ExitCode.OK, run.code(), run.all());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertFalse(Files.exists(stale), "a stale temporary file was left");
        assertEquals(List.of(), temporaryFiles(outside));
    }

    @Test
    void directoryOutputIsRefused() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Run run = run("lint", r("."), "--output", outside.toString(), "--fail-on", "never");
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains("outside: is a directory; not written"), run.err());
    }

    @Test
    void fixWritesTheTargetOfALinkInsideTheRepositoryAndKeepsTheMode() throws IOException {
        Files.createDirectories(repo.resolve("ci"));
        Files.writeString(repo.resolve("ci/jobs.yml"), "build:\n  image: golang:1.26\n  script: [make]\n");
        Files.setPosixFilePermissions(repo.resolve("ci/jobs.yml"), PosixFilePermissions.fromString("rw-rw----"));
        Files.createSymbolicLink(repo.resolve("jobs.yml"), Path.of("ci/jobs.yml"));
        Files.writeString(repo.resolve(".gitlab-ci.yml"), "include:\n  - local: jobs.yml\n");
        Run run = run("fix", repo.toString());
        assertEquals(ExitCode.FINDINGS, run.code(), run.all());
        assertTrue(Files.isSymbolicLink(repo.resolve("jobs.yml")), "the link was replaced by a file");
        assertTrue(Files.readString(repo.resolve("ci/jobs.yml")).contains("tags:"), run.all());
        assertEquals("rw-rw----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(repo.resolve("ci/jobs.yml"))));
        assertEquals(List.of(), temporaryFiles(repo));
    }

    @Test
    void fixKeepsTheOwnerAndGroup() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: cannot give a file another owner");
        Path file = repo.resolve(".gitlab-ci.yml");
        Files.writeString(file, PIPELINE);
        java.nio.file.attribute.UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
        java.nio.file.attribute.UserPrincipal nobody;
        try {
            nobody = users.lookupPrincipalByName("nobody");
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no user nobody");
            return;
        }
        Files.setOwner(file, nobody);
        Run run = run("fix", repo.toString());
        assertEquals(ExitCode.FINDINGS, run.code(), run.all());
        assertTrue(Files.readString(file).contains("tags:"));
        assertEquals(nobody, Files.getOwner(file), "a replace gave the file spotlane's owner");
    }

    @Test
    void fixRefusesAReadOnlyFileUnlessForced() throws IOException {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), PIPELINE);
        Files.setPosixFilePermissions(repo.resolve(".gitlab-ci.yml"), PosixFilePermissions.fromString("r--r--r--"));
        Run run = run("fix", repo.toString());
        assertEquals(ExitCode.USAGE, run.code(), run.all());
        assertTrue(run.err().contains(".gitlab-ci.yml: is read-only; not replaced (pass --force to replace it)"),
                run.err());
        assertTrue(run.err().contains("spotlane: 1 of 1 file(s) not written"), run.err());
        assertEquals(PIPELINE, Files.readString(repo.resolve(".gitlab-ci.yml")));
        run = run("fix", repo.toString(), "--force");
        assertEquals(ExitCode.FINDINGS, run.code(), run.all());
        assertTrue(Files.readString(repo.resolve(".gitlab-ci.yml")).contains("tags:"));
    }

    // ------------------------------------------------------------------ helpers

    /** The JSON report lint writes for {@link #PIPELINE}, which has two warnings. */
    static void assertJson(String written, String... message) {
        assertTrue(written.startsWith("[{\"rule\":\"routing-drift\"") && written.endsWith("]\n"),
                String.join("", message) + ": " + written);
    }

    static List<Path> temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".spotlane.tmp")).toList();
        }
    }

    static boolean mkfifo(Path at) {
        try {
            Process p = new ProcessBuilder("mkfifo", at.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A valid rules file whose images.allowlist (line 15, column 15) is {@code allowlist}. */
    static String rules(String allowlist) {
        return """
                version: 1
                routing:
                  policy: explicit
                  cloud_tag: cloud
                  local_tags: [local]
                  classes:
                    t4g: { tags: [t4g], default: true }
                    c7g: { tags: [c7g] }
                  routes:
                    - { name: all, match: { jobs: ["*"] }, class: t4g }
                images:
                  pull_policy: { pinned: if-not-present, unpinned: always }
                  require_pinned_services: true
                  # the AMI allowlist
                  allowlist: %s
                """.formatted(allowlist);
    }
}
