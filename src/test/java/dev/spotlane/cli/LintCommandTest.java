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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code spotlane lint} in process: exit codes, --fail-on, formats, --output and --report files. */
class LintCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Only warnings and infos (routing drift, pull policies, an unpinned service, a dynamic image). */
    static final String DEMO = "examples/demo";

    /** One error (tags no runner has), one warning (implicit latest), no other finding. */
    static final String ONE_ERROR = """
            test:
              image:
                name: alpine
                pull_policy: always
              tags: [cloud, gpu]
              script: [make test]
            """;

    static final String CLEAN = """
            test:
              image:
                name: alpine:3.20
                pull_policy: always
              tags: [cloud, t4g]
              retry: {max: 2, when: [runner_system_failure]}
              script: [make test]
            """;

    private static Run run(String... args) {
        return ImagesCommandTest.run(args);
    }

    private static Path pipeline(Path dir, String text) throws IOException {
        Path f = dir.resolve(".gitlab-ci.yml");
        Files.writeString(f, text);
        return f;
    }

    /**
     * A pipeline with the repository's own copy of the bundled rules: with the bundled rules themselves,
     * unsatisfiable-tags is only a warning ("run spotlane init").
     */
    private static Path withOwnRules(Path dir, String text) throws IOException {
        Files.writeString(dir.resolve(".spotlane.yml"), Files.readString(Path.of("rules/spotlane.yml")));
        return pipeline(dir, text);
    }

    @Test
    void warningsDoNotFailByDefault() {
        Run r = run("lint", DEMO);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("examples/demo/.gitlab-ci.yml:17:1: warning: job \"lint\" has tags"), r.out());
        assertTrue(r.out().contains("[routing-drift]\n  lint:\n  ^~~~~\n"), "source line and marker: " + r.out());
        assertEquals("spotlane lint: 0 errors, 13 warnings, 8 infos in 1 file; rules: bundled rules/spotlane.yml"
                + " (run spotlane init to describe your runners)\n", r.err(), "one summary line on stderr");
    }

    @Test
    void failOnSetsTheThreshold(@TempDir Path dir) throws IOException {
        assertEquals(1, run("lint", DEMO, "--fail-on", "warning").code());
        assertEquals(1, run("lint", DEMO, "--fail-on", "info").code());
        assertEquals(0, run("lint", DEMO, "--fail-on", "error").code());
        assertEquals(0, run("lint", DEMO, "--fail-on", "never").code());
        Path f = withOwnRules(dir, ONE_ERROR);
        assertEquals(1, run("lint", f.toString()).code());
        assertEquals(0, run("lint", f.toString(), "--fail-on", "never").code());
        Path clean = pipeline(Files.createDirectory(dir.resolve("clean")), CLEAN);
        Run r = run("lint", clean.toString(), "--fail-on", "info");
        assertEquals(0, r.code(), r.out());
        assertEquals("", r.out());
    }

    @Test
    void rulesFileLevelsDecideTheExitCode(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, Files.readString(Path.of("rules/spotlane.yml"))
                + "\nlint:\n  checks:\n    routing-drift: error\n");
        Run r = run("lint", DEMO, "--rules", rules.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains(": error: job \"lint\" has tags"), r.out());
        Files.writeString(rules, Files.readString(Path.of("rules/spotlane.yml"))
                + "\nlint:\n  checks:\n    routing-drift: off\n    pull-policy-mismatch: off\n");
        assertFalse(run("lint", DEMO, "--rules", rules.toString()).out().contains("[routing-drift]"));
    }

    @Test
    void aBadRulesFileIsExitTwo(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, "version: 1\nrouting:\n  policy: sometimes\n");
        Run r = run("lint", DEMO, "--rules", rules.toString());
        assertEquals(2, r.code(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().contains("rules.yml:"), r.err());
        Run missing = run("lint", DEMO, "--rules", dir.resolve("none.yml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.yml: no such file or directory"), missing.err());
        Files.writeString(rules, "version: 1\nrouting: [unclosed\n");
        assertEquals(2, run("lint", DEMO, "--rules", rules.toString()).code());
    }

    @Test
    void aRepositoryRulesFileIsUsed(@TempDir Path dir) throws IOException {
        Path f = pipeline(dir, ONE_ERROR);
        Files.writeString(dir.resolve(".spotlane.yml"), Files.readString(Path.of("rules/spotlane.yml"))
                + "\nlint:\n  checks:\n    unsatisfiable-tags: warning\n");
        assertEquals(0, run("lint", f.toString()).code());
    }

    @Test
    void invalidYamlIsAFindingNotACrash(@TempDir Path dir) throws IOException {
        Path f = pipeline(dir, "test:\n  script: [make test\n  tags: [cloud]\n");
        Run r = run("lint", dir.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("spotlane lint: 1 error, 0 warnings, 0 infos in 1 file; rules: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches(".*\\.gitlab-ci\\.yml:3:7: error: expected ',' or ']'.* \\[yaml-syntax]"), first);
        Run json = run("lint", f.toString(), "--format", "json");
        assertEquals(1, json.code());
        assertEquals("yaml-syntax", JSON.readTree(json.out()).get(0).get("rule").asString());
        Run cq = run("lint", f.toString(), "--format", "codequality");
        assertEquals(".gitlab-ci.yml", JSON.readTree(cq.out()).get(0).get("location").get("path").asString());
    }

    @Test
    void formats() throws IOException {
        Run json = run("lint", DEMO, "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode findings = JSON.readTree(json.out());
        int count = findings.size();
        assertTrue(count >= 10, json.out());
        JsonNode drift = null;
        for (JsonNode f : findings) {
            if (drift == null && "routing-drift".equals(f.get("rule").asString())) {
                drift = f;
            }
        }
        assertTrue(drift != null && drift.get("fixable").asBoolean(), json.out());

        Run cq = run("lint", DEMO, "--format", "codequality");
        JsonNode issues = JSON.readTree(cq.out());
        assertEquals(count, issues.size());
        assertEquals("examples/demo/.gitlab-ci.yml", issues.get(0).get("location").get("path").asString(),
                "relative to the repository root (this checkout)");

        Run sarif = run("lint", DEMO, "--format", "sarif");
        JsonNode log = JSON.readTree(sarif.out());
        assertEquals("2.1.0", log.get("version").asString());
        assertEquals(count, log.get("runs").get(0).get("results").size());
        assertTrue(log.get("runs").get(0).get("tool").get("driver").get("version").asString().matches("\\d.*"));

        assertEquals(2, run("lint", DEMO, "--format", "xml").code());
    }

    @Test
    void outputWritesTheReportToAFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report.json");
        Run r = run("lint", DEMO, "--format", "json", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(run("lint", DEMO, "--format", "json").out(), Files.readString(out));
        Path text = dir.resolve("lint.txt");
        run("lint", DEMO, "--output", text.toString());
        assertFalse(Files.readString(text).contains("\u001b["), "no colour in a file");
    }

    @Test
    void reportWritesMoreFormatsInTheSameRun(@TempDir Path dir) throws IOException {
        Path cq = dir.resolve("gl-code-quality-report.json");
        Path sarif = dir.resolve("spotlane.sarif");
        Run r = run("lint", DEMO, "--report", "codequality=" + cq, "--report", "sarif=" + sarif, "--fail-on",
                "warning");
        assertEquals(1, r.code(), "--fail-on still decides: " + r.err());
        assertTrue(r.out().contains("[routing-drift]"), "text still goes to the log: " + r.out());
        assertEquals(run("lint", DEMO, "--format", "codequality").out(), Files.readString(cq));
        assertEquals(run("lint", DEMO, "--format", "sarif").out(), Files.readString(sarif));
    }

    @Test
    void anErrorFindingWritesTheReportsAndFails(@TempDir Path dir) throws IOException {
        Path f = withOwnRules(dir, ONE_ERROR);
        Path cq = dir.resolve("gl-code-quality-report.json");
        Run r = run("lint", f.toString(), "--report", "codequality=" + cq);
        assertEquals(1, r.code());
        JsonNode issues = JSON.readTree(Files.readString(cq));
        // the job with another runner's tag is left behind (info), has an untagged image, and waits forever
        assertEquals(3, issues.size(), issues.toString());
        assertEquals("job-left-behind", issues.get(0).get("check_name").asString());
        assertEquals("critical", issues.get(2).get("severity").asString());
        assertEquals("unsatisfiable-tags", issues.get(2).get("check_name").asString());
    }

    @Test
    void variablesGivenOnTheCommandLineExpandImages() {
        assertTrue(run("lint", DEMO).out().contains("[dynamic-image]"));
        assertFalse(run("lint", DEMO, "--var", "CI_REGISTRY_IMAGE=registry.example.com/demo").out()
                .contains("[dynamic-image]"));
    }

    @Test
    void aSyntaxErrorShowsItsSourceLine(@TempDir Path dir) throws IOException {
        pipeline(dir, "test:\n  script: [make test\n  tags: [cloud]\n");
        Run r = run("lint", dir.toString());
        assertTrue(r.out().contains("[yaml-syntax]\n    tags: [cloud]\n        ^\n"), r.out());
    }

    @Test
    void anUnwritableReportIsBadUsage(@TempDir Path dir) {
        Run r = run("lint", DEMO, "--report", "codequality=" + dir.resolve("no/such/dir/cq.json"));
        assertEquals(2, r.code(), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertEquals(2, run("lint", DEMO, "--output", dir.toString()).code(), "--output naming a directory");
    }

    @Test
    void aConfigurationGitLabRejectsFailsTheLint(@TempDir Path dir) throws IOException {
        pipeline(dir, "image: node:20\ndefault:\n  image: node:22\n  tags: [local]\njob:\n  script: [echo job]\n");
        Run r = run("lint", dir.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains(".gitlab-ci.yml:1:8: error: image is defined in top-level and `default:` entry"),
                r.out());
    }

    @Test
    void anUnknownCheckInTheRulesIsBadInputWithAHint(@TempDir Path dir) throws IOException {
        pipeline(dir, "job:\n  script: [make]\n");
        String rules = Files.readString(Path.of("rules/spotlane.yml")) + "\nlint:\n  checks:\n    implict-latest: off\n";
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, rules);
        Run r = run("lint", dir.toString(), "--rules", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().endsWith("lint.checks names no known check \"implict-latest\"; did you mean"
                + " \"implicit-latest\"?"), r.err());
    }

    @Test
    void missingPipelineIsExitTwo() {
        Run r = run("lint", "does/not/exist.yml");
        assertEquals(2, r.code());
        assertEquals("does/not/exist.yml: no such file or directory", r.err().strip());
    }
}
