package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.cli.ImagesCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spotlane fix} run in-process: exit codes, what goes to stdout and stderr, and what is written. */
class FixCommandTest {
    private static final String NEEDS_CHANGES = """
            # a pipeline on the local runner
            build:
              image: golang:1.26
              tags: [local]
              script: [make]

            mutation-test:
              tags:
                - local
              script: [make mutation]
            """;
    private static final String COMPLIANT = """
            build:
              image:
                name: golang:1.26
                pull_policy: always
              tags: [cloud, t4g]
              script: [make]

            mutation-test:
              tags:
                - cloud
                - c7g
              script: [make mutation]
            """;

    private static Run run(String... args) {
        return ImagesCommandTest.run(args);
    }

    private static Path pipeline(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve(".gitlab-ci.yml"), text);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void checkExitsOneAndPrintsAUnifiedDiffWhenChangesAreNeeded(@TempDir Path dir) throws IOException {
        Path file = pipeline(dir, NEEDS_CHANGES);
        Run r = run("fix", "--check", dir.toString());
        assertEquals(1, r.code(), r.err());
        String name = file.toString().substring(1);
        assertTrue(r.out().startsWith("--- a/" + name + "\n+++ b/" + name + "\n@@ -1,"), r.out());
        List<String> lines = r.out().lines().toList();
        for (String line : List.of("-  image: golang:1.26", "+  image:", "+    name: golang:1.26",
                "+    pull_policy: always", "-  tags: [local]", "+  tags: [cloud, t4g]", "-    - local", "+    - cloud",
                "+    - c7g", "   script: [make mutation]", " # a pipeline on the local runner")) {
            assertTrue(lines.contains(line), () -> "no line \"" + line + "\" in\n" + r.out());
        }
        assertTrue(r.err().startsWith("policy: explicit, rules: bundled rules/spotlane.yml\n"), r.err());
        assertTrue(r.err().contains("jobs moved to c7g: 1\n"), r.err());
        assertTrue(r.err().endsWith("files changed: 1\n"), r.err());
        assertEquals(NEEDS_CHANGES, Files.readString(file), "--check changes nothing");
    }

    @Test
    void addRetryGivesSpotJobsARetryOnlyWhenAsked(@TempDir Path dir) throws IOException {
        pipeline(dir, COMPLIANT);
        Run plain = run("fix", "--check", dir.toString());
        assertEquals(0, plain.code(), plain.err());
        Run r = run("fix", "--check", "--add-retry", dir.toString());
        assertEquals(1, r.code(), r.err());
        for (String line : List.of("+  retry:", "+    max: 2", "+    when: [runner_system_failure]")) {
            assertTrue(r.out().lines().toList().contains(line), () -> "no line \"" + line + "\" in\n" + r.out());
        }
        assertTrue(r.err().contains("jobs given a retry on runner_system_failure: 2\n"), r.err());
        Run write = run("fix", "--add-retry", dir.toString());
        assertEquals(0, write.code(), write.err());
        Run again = run("fix", "--check", "--add-retry", dir.toString());
        assertEquals(0, again.code(), "a second --add-retry has nothing to do: " + again.out());
        Run lint = run("lint", dir.toString());
        assertTrue(!lint.out().contains("[spot-retry]"), lint.out());
    }

    @Test
    void checkExitsZeroWithNoOutputOnACompliantPipeline(@TempDir Path dir) throws IOException {
        Path file = pipeline(dir, COMPLIANT);
        Run r = run("fix", "--check", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("jobs already routed: 2\n"), r.err());
        assertTrue(r.err().endsWith("no changes\n"), r.err());
        assertEquals(COMPLIANT, Files.readString(file));
    }

    @Test
    void diffAndDryRunPrintTheDiffExitZeroAndWriteNothing(@TempDir Path dir) throws IOException {
        Path file = pipeline(dir, NEEDS_CHANGES);
        byte[] before = Files.readAllBytes(file);
        Run diff = run("fix", "--diff", dir.toString());
        assertEquals(0, diff.code(), diff.err());
        assertTrue(diff.out().contains("+  tags: [cloud, t4g]\n"), diff.out());
        Run dry = run("fix", "--dry-run", dir.toString());
        assertEquals(0, dry.code(), dry.err());
        assertEquals(diff.out(), dry.out());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(".gitlab-ci.yml"), listing(dir));
    }

    @Test
    void fixWritesAtomicallyKeepsPermissionsAndASecondRunHasNothingToDo(@TempDir Path dir) throws IOException {
        Path file = pipeline(dir, NEEDS_CHANGES);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Run first = run("fix", dir.toString());
        assertEquals(0, first.code(), "files written: exit 0, as ruff and black do\n" + first.err());
        assertEquals("", first.out());
        assertTrue(first.err().endsWith("files changed: 1\nwrote " + file + "\n"), first.err());
        assertEquals(List.of(".gitlab-ci.yml"), listing(dir), "no temporary file left beside it");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String fixed = Files.readString(file);
        assertTrue(fixed.contains("  tags: [cloud, t4g]\n") && fixed.contains("    - c7g\n"), fixed);

        Run second = run("fix", dir.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().endsWith("no changes\n"), second.err());
        assertEquals(fixed, Files.readString(file));
        assertEquals(0, run("fix", "--check", dir.toString()).code());
    }

    @Test
    void theRepositoryRulesFileIsUsedWithoutRules(@TempDir Path dir) throws IOException {
        pipeline(dir, NEEDS_CHANGES);
        Files.writeString(dir.resolve(".spotlane.yml"), """
                version: 1
                routing:
                  policy: overflow
                  local_tags: [local]
                  classes:
                    t4g: { tags: [], default: true }
                    c7g: { tags: [c7g] }
                  routes:
                    - { name: all, match: { jobs: ["*"] }, class: t4g }
                """);
        Run r = run("fix", "--diff", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("policy: overflow, rules: " + dir.resolve(".spotlane.yml") + "\n"), r.err());
        assertTrue(r.out().contains("+  tags: []\n"), r.out());
    }

    @Test
    void badRulesFileExitsTwoWithItsPosition(@TempDir Path dir) throws IOException {
        pipeline(dir, NEEDS_CHANGES);
        Path bad = Files.writeString(dir.resolve("bad.yml"), """
                version: 1
                routing:
                  policy: sometimes
                  classes:
                    t4g: { tags: [], default: true }
                  routes:
                    - { name: all, match: { jobs: ["*"] }, class: m7g }
                """);
        Run r = run("fix", "--check", dir.toString(), "--rules", bad.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(bad + ":3:11: routing.policy: does not have a value in the enumeration [\"explicit\","
                + " \"overflow\"] [rules-schema]\n", r.err());
        assertEquals(NEEDS_CHANGES, Files.readString(dir.resolve(".gitlab-ci.yml")));

        Files.writeString(bad, """
                version: 1
                routing:
                  policy: explicit
                  classes:
                    t4g: { tags: [], default: true }
                  routes:
                    - { name: all, match: { jobs: ["*"] }, class: m7g }
                """);
        Run unknown = run("fix", "--check", dir.toString(), "--rules", bad.toString());
        assertEquals(2, unknown.code(), unknown.err());
        assertEquals(bad + ":7:51: route \"all\" names unknown class \"m7g\"; expected one of t4g [rules-schema]\n",
                unknown.err());
    }

    @Test
    void missingRulesFileExitsTwo(@TempDir Path dir) throws IOException {
        pipeline(dir, NEEDS_CHANGES);
        Run r = run("fix", dir.toString(), "--rules", dir.resolve("none.yml").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(dir.resolve("none.yml") + ": no such file or directory\n", r.err());
    }

    @Test
    void invalidYamlInThePipelineExitsTwoWithOneLine(@TempDir Path dir) throws IOException {
        Path file = pipeline(dir, "build:\n  script: [make\n  tags: [local]\n");
        Run r = run("fix", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith(file + ":3:"), err);
        assertEquals("build:\n  script: [make\n  tags: [local]\n", Files.readString(file));
    }

    @Test
    void aConfigurationGitLabWouldRejectExitsTwo(@TempDir Path dir) throws IOException {
        Path file = pipeline(dir, "build:\n  extends: .missing\n  script: [make]\n");
        Run r = run("fix", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().endsWith("spotlane: 1 error(s): GitLab would reject this configuration; fix them first\n"),
                r.err());
        assertTrue(r.err().startsWith(file + ":2:"), r.err());
    }
}
