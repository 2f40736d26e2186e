package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.cli.ImagesCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "bounded resources": inputs a merge request author can write to exhaust the shared runner, generated
 * here, each answered by a positioned error that names the limit and the measured value, never a stack trace. The
 * bounds themselves are measured in this process (nodes, steps) by the package tests named {@code Hostile*}.
 */
class HostileBoundsTest {

    static Run run(String... args) {
        return ImagesCommandTest.run(args);
    }

    static Path pipeline(Path dir, String text) throws IOException {
        Path f = dir.resolve(".gitlab-ci.yml");
        Files.writeString(f, text);
        return f;
    }

    static void noStackTrace(Run r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("Error:") || r.err().contains("\tat "),
                "stack trace:\n" + r.err());
        assertFalse(r.out().contains("Exception") || r.out().contains("\tat "), "stack trace:\n" + r.out());
    }

    /** 1,000 anchors, each a list holding the previous one: 20 KB of text, 1,000 collections deep once expanded. */
    static String aliasChain(int n) {
        StringBuilder b = new StringBuilder(".a0: &a0 [x]\n");
        for (int i = 1; i < n; i++) {
            b.append(".a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append("]\n");
        }
        return b.append("job:\n  script: *a").append(n - 1).append('\n').toString();
    }

    /** Each mapping holds the previous one twice: 2^levels values from a few hundred bytes. */
    static String mappingChain(int levels) {
        StringBuilder b = new StringBuilder(".m0: &m0 {a: 1, b: 2}\n");
        for (int i = 1; i <= levels; i++) {
            b.append(".m").append(i).append(": &m").append(i).append(" {a: *m").append(i - 1).append(", b: *m")
                    .append(i - 1).append("}\n");
        }
        return b.append("job:\n  script: [x]\n  variables: *m").append(levels).append('\n').toString();
    }

    /** {@code levels} templates, each using the one below {@code uses} times with {@code !reference}. */
    static String referenceFanOut(int levels, int uses) {
        StringBuilder b = new StringBuilder(".l0:\n  s: [one, two, three, four]\n");
        for (int l = 1; l <= levels; l++) {
            b.append(".l").append(l).append(":\n  s:\n");
            for (int u = 0; u < uses; u++) {
                b.append("    - !reference [.l").append(l - 1).append(", s]\n");
            }
        }
        return b.append("job:\n  script:\n    - !reference [.l").append(levels).append(", s]\n").toString();
    }

    @Test
    void aliasChainIsTooDeepAtTheAlias(@TempDir Path dir) throws IOException {
        String text = aliasChain(1000);
        assertTrue(text.length() > 19_000, "about 20 KB: " + text.length());
        Path f = pipeline(dir, text);
        for (String cmd : new String[] {"lint", "fix", "preview", "images"}) {
            Run r = cmd.equals("fix") ? run(cmd, dir.toString(), "--check") : run(cmd, dir.toString());
            noStackTrace(r);
            String all = r.out() + r.err();
            assertTrue(all.contains("201 deep once expanded, more than the limit of 200"),
                    cmd + ": " + all);
            assertTrue(r.code() == 1 || r.code() == 2, cmd + " exit " + r.code() + ": " + all);
        }
        Run lint = run("lint", f.toString());
        assertTrue(lint.out().contains(".gitlab-ci.yml:200:15: error: alias \"a198\" nests collections 201 deep once expanded, more than the limit"
                + " of 200 [yaml-syntax]"), lint.out());
    }

    @Test
    void mappingChainStopsAtTheExpansionLimit(@TempDir Path dir) throws IOException {
        pipeline(dir, mappingChain(15));
        Run r = run("lint", dir.toString());
        noStackTrace(r);
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("expands the configuration to ") && r.out().contains(
                "values, more than the limit of 250000 (GitLab refuses it: the parsed YAML is too big) "
                        + "[config-invalid]"), r.out());
    }

    @Test
    void referenceFanOutStopsAtTheExpansionLimit(@TempDir Path dir) throws IOException {
        String text = referenceFanOut(5, 10);
        assertTrue(text.length() < 1_800, "about 1.7 KB: " + text.length());
        pipeline(dir, text);
        for (String cmd : new String[] {"lint", "preview"}) {
            Run r = run(cmd, dir.toString());
            noStackTrace(r);
            String all = r.out() + r.err();
            assertTrue(all.contains("more than the limit of 250000"), cmd + ": " + all);
            assertTrue(r.code() == 1 || r.code() == 2, cmd + " exit " + r.code());
        }
    }

    /**
     * Route globs and a route regex that backtrack exponentially under java.util.regex ({@code *a} x 30 against a
     * name of 40 a's, {@code /(.*a){25}!x/}) and an include wildcard {@code *a*a…*b.yml}: answered at once now (the
     * step bound itself is counted in {@code HostileWildcardTest}).
     */
    @Test
    void backtrackingRoutesAndIncludeWildcardsAnswer(@TempDir Path dir) throws IOException {
        String name = "a".repeat(40);
        Files.createDirectories(dir.resolve("ci"));
        Files.writeString(dir.resolve("ci/" + "a".repeat(60) + ".yml"), "other:\n  script: [x]\n");
        pipeline(dir, "include:\n  - local: \"ci/" + "*a".repeat(30) + "*b.yml\"\n" + name + ":\n  script: [x]\n");
        String rules = Files.readString(Path.of("rules/spotlane.yml")).replace(
                "- { name: heavy-tests, match: { jobs: [\"mutation-test*\", \"*integration-test*\"] }, class: c7g }",
                "- { name: hostile-glob, match: { jobs: [\"" + "*a".repeat(30) + "b\"] }, class: c7g }\n"
                        + "    - { name: hostile-regex, match: { jobs: [\"/(.*a){25}!x/\"] }, class: c7g }");
        assertTrue(rules.contains("hostile-regex"), "the routes were replaced");
        Path rulesFile = dir.resolve("rules.yml");
        Files.writeString(rulesFile, rules);
        Run r = run("lint", dir.toString(), "--rules", rulesFile.toString());
        noStackTrace(r);
        assertTrue(r.out().contains("job \"" + name + "\" has no tags, the policy routes it to \"t4g\""), r.out());
        assertFalse(r.out().contains("\"other\""), "the wildcard matches no file: " + r.out());
    }

    /** 15 x 20 = 300 combinations: GitLab refuses more than 200 (facts G6); images used to keep 200 silently. */
    @Test
    void matrixOfThreeHundredCombinationsIsAnError(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder("build:\n  image: alpine:3.20\n  script: [x]\n  parallel:\n    matrix:\n"
                + "      - A: [");
        for (int i = 0; i < 15; i++) {
            b.append(i == 0 ? "" : ", ").append("a").append(i);
        }
        b.append("]\n        B: [");
        for (int i = 0; i < 20; i++) {
            b.append(i == 0 ? "" : ", ").append("b").append(i);
        }
        pipeline(dir, b.append("]\n").toString());
        String message = "job \"build\": parallel:matrix config generates 300 jobs, more than GitLab's maximum of 200";
        Run lint = run("lint", dir.toString());
        noStackTrace(lint);
        assertEquals(1, lint.code(), lint.out());
        assertTrue(lint.out().contains(".gitlab-ci.yml:6:7: error: " + message + " [config-invalid]"), lint.out());
        for (String cmd : new String[] {"images", "preview"}) {
            Run r = run(cmd, dir.toString());
            noStackTrace(r);
            assertTrue(r.code() == 2 || (r.out() + r.err()).contains(message), cmd + " exit " + r.code() + ": "
                    + r.out() + r.err());
        }
    }

    /** 200 combinations are allowed. */
    @Test
    void matrixOfTwoHundredCombinationsIsFine(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder("build:\n  image: alpine:3.20\n  script: [x]\n  parallel:\n    matrix:\n"
                + "      - A: [");
        for (int i = 0; i < 200; i++) {
            b.append(i == 0 ? "" : ", ").append("a").append(i);
        }
        pipeline(dir, b.append("]\n").toString());
        Run lint = run("lint", dir.toString());
        assertFalse(lint.out().contains("parallel:matrix"), lint.out());
    }

    @Test
    void simulateCapsIdleCountAndTraceSpan(@TempDir Path dir) throws IOException {
        Run idle = run("simulate", "--synthetic", "--idle-count", "100000");
        noStackTrace(idle);
        assertEquals(2, idle.code(), idle.err());
        assertTrue(idle.err().contains("--idle-count: idle count 100000 is more than the limit of 1000"), idle.err());

        Path trace = dir.resolve("jobs.json");
        Files.writeString(trace, "[{\"name\": \"a\", \"started_at\": \"2025-01-01T00:00:00Z\", \"duration\": 60},\n"
                + " {\"name\": \"b\", \"started_at\": \"9999-01-01T00:00:00Z\", \"duration\": 60}]\n");
        Run span = run("simulate", "--jobs", trace.toString());
        noStackTrace(span);
        assertEquals(2, span.code(), span.err());
        assertTrue(span.err().contains("jobs.json: the jobs span 2912") && span.err().contains(
                " days, more than the limit of 400; simulate a shorter period"), span.err());
    }

    /** More jobs than the limit: refused at the job that crosses it, streamed (the file is never read whole). */
    @Test
    void simulateRefusesATraceOverTheJobLimit(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("jobs.json");
        try (java.io.Writer w = Files.newBufferedWriter(trace)) {
            w.write("[");
            for (int i = 0; i <= dev.spotlane.fleet.sim.SimulationLimits.MAX_JOBS; i++) {
                w.write(i == 0 ? "" : ",\n");
                w.write("{\"name\":\"j\",\"started_at\":\"2025-01-01T00:00:00Z\",\"duration\":1}");
            }
            w.write("]\n");
        }
        Run r = run("simulate", "--jobs", trace.toString());
        noStackTrace(r);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(":1500001:1: job 1500001: more than 1500000 jobs; simulate a shorter period"),
                r.err());
    }

    @Test
    void outOfMemoryIsOneLineAndExitThree() {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.resourceError(new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(err, true));
        assertEquals(3, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("spotlane: internal error: out of memory ("), err.toString());
    }
}
