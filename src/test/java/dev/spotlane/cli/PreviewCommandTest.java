package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.resolve.ResolveBadInputTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotlane preview} end to end through {@link Main#run}: the resolver's golden cases give the expected
 * output (stdout) and diagnostics (stderr); {@code bad-*} cases must exit 2 with one line per problem.
 */
class PreviewCommandTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/resolve");
    private static final String SUMMARY = "spotlane: %d error(s): GitLab would reject this configuration\n";

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code preview <case>/input --root <case>/input [--project grp/proj=DIR]...}, plus extra arguments. */
    private static Run preview(Path dir, String... extra) throws IOException {
        Path input = dir.resolve("input");
        List<String> args = new ArrayList<>(List.of("preview", input.toString(), "--root", input.toString()));
        Path projects = dir.resolve("projects");
        if (Files.isDirectory(projects)) {
            try (Stream<Path> s = Files.list(projects)) {
                s.sorted().forEach(p -> args.addAll(List.of("--project",
                        p.getFileName().toString().replace("__", "/") + "=" + p)));
            }
        }
        args.addAll(List.of(extra));
        Run r = run(args.toArray(String[]::new));
        String prefix = input + "/";
        return new Run(r.code(), r.out(), r.err().replace(prefix, ""));
    }

    private static String expected(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static Stream<Path> cases(boolean bad) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            all = s.filter(Files::isDirectory).sorted().toList();
        }
        return all.stream().filter(p -> p.getFileName().toString().startsWith("bad-") == bad);
    }

    /**
     * Lines in sorted order: diagnostics are sorted by path, and the main file's path here (under the case folder)
     * sorts differently from the golden's {@code .gitlab-ci.yml}.
     */
    private static List<String> sorted(String lines) {
        return lines.lines().sorted().toList();
    }

    private static void assertNoStackTrace(Run r) {
        assertFalse(r.err().contains("at dev.") || r.err().contains("Exception") || r.err().contains("internal error"),
                "stderr shows an internal error:\n" + r.err());
    }

    @TestFactory
    Stream<DynamicTest> goodCasesPrintTheGoldenPreview() throws IOException {
        return cases(false).map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Run r = preview(dir);
            assertNoStackTrace(r);
            assertEquals(0, r.code(), "exit code; stderr:\n" + r.err());
            assertEquals(expected(dir.resolve("expected.yml")), r.out(), "stdout differs from expected.yml");
            assertEquals(sorted(expected(dir.resolve("expected.diagnostics"))), sorted(r.err()),
                    "stderr differs from expected.diagnostics (notes are printed in yaml format)");
        }));
    }

    @TestFactory
    Stream<DynamicTest> badCasesExitTwoWithOneLinePerProblem() throws IOException {
        return cases(true).map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Run r = preview(dir);
            assertNoStackTrace(r);
            assertEquals(2, r.code(), "exit code; stderr:\n" + r.err());
            assertEquals("", r.out(), "nothing on stdout when GitLab would reject the configuration");
            String diagnostics = expected(dir.resolve("expected.diagnostics"));
            long errors = diagnostics.lines().filter(l -> !l.endsWith("[include-unresolved]")
                    && !l.endsWith("[include-conditional]") && !l.endsWith("[include-no-match]")).count();
            assertEquals(sorted(diagnostics), sorted(r.err().replace(SUMMARY.formatted(errors), "")),
                    "stderr: each diagnostic of expected.diagnostics on one line");
            assertTrue(r.err().endsWith(SUMMARY.formatted(errors)), "stderr ends with the summary:\n" + r.err());
        }));
    }

    @Test
    void jsonListsUnresolvedIncludesUnderTheirOwnKey() throws IOException {
        Run r = preview(GOLDEN.resolve("not-resolved"), "--format", "json");
        assertNoStackTrace(r);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "json format prints only errors on stderr");
        String json = r.out();
        assertTrue(json.startsWith("{\"config\":{\"job\":{") && json.endsWith("}\n"), json);
        int unresolved = json.indexOf("\"unresolved\":[");
        int diagnostics = json.indexOf("\"diagnostics\":[");
        int remote = json.indexOf("\"line\":3,\"column\":5,\"message\":\"remote include"
                + " \\\"https://example.com/ci/remote.yml\\\" was not fetched");
        assertTrue(unresolved > 0 && remote > unresolved && remote < diagnostics,
                "the remote include is listed under \"unresolved\":\n" + json);
        assertTrue(json.indexOf("\"id\":\"extends-unknown\",\"severity\":\"info\"") > diagnostics,
                "the unknown parent is a note under \"diagnostics\":\n" + json);
    }

    @Test
    void jsonForAGoodCaseHasTheResolvedJobs() throws IOException {
        Run r = preview(GOLDEN.resolve("default-after-extends"), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"job\":{\"tags\":[\"parent-tag\"],\"image\":{\"name\":\"parent-image:1\","
                + "\"pull_policy\":\"if-not-present\"}"), r.out());
        assertTrue(r.out().contains("\"unresolved\":[],\"diagnostics\":[]"), r.out());
    }

    @Test
    void jsonForABadCasePrintsOnlyErrors() throws IOException {
        Run r = preview(GOLDEN.resolve("bad-include-cycle"), "--format", "json");
        assertNoStackTrace(r);
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("ci/b.yml:2:5: include cycle: .gitlab-ci.yml -> ci/a.yml -> ci/b.yml -> ci/a.yml"
                + " [include-error]\n" + SUMMARY.formatted(1), r.err());
    }

    @Test
    void tooManyIncludesExitTwo(@TempDir Path dir) throws IOException {
        ResolveBadInputTest.manyIncludes(dir, 151);
        Run r = run("preview", dir.toString());
        assertNoStackTrace(r);
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(dir.resolve(".gitlab-ci.yml") + ":152:5: maximum of 150 nested includes are allowed"
                + " [include-error]\n" + SUMMARY.formatted(1), r.err());
    }

    @Test
    void pathEscapeThroughTheDefaultRootExitTwo(@TempDir Path dir) throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("sub"));
        Files.writeString(dir.resolve("outside.yml"), "outside:\n  script: [echo WRONG]\n");
        Files.writeString(repo.resolve("sub/.gitlab-ci.yml"), "include: ../outside.yml\njob:\n  script: [x]\n");
        Run r = run("preview", repo.resolve("sub").toString());
        assertNoStackTrace(r);
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(repo.resolve("sub/.gitlab-ci.yml") + ":1:10: \"../outside.yml\" is outside the repository"
                + " [include-error]\n" + SUMMARY.formatted(1), r.err());
    }

    @Test
    void invalidYamlInTheMainFileIsOneLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), "job:\n  script: [a\n  image: x\n");
        Run r = run("preview", dir.toString());
        assertNoStackTrace(r);
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith(dir.resolve(".gitlab-ci.yml") + ":3:8: "), r.err());
    }

    @Test
    void badUsageIsExitTwo() {
        assertEquals(2, run("preview", "--format", "xml").code());
        assertEquals(2, run("preview", "does/not/exist.yml").code());
        assertEquals(2, run("preview", "--project", "no-equals-sign").code());
    }
}
