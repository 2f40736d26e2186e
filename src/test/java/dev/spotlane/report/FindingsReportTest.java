package dev.spotlane.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.lint.Check;
import dev.spotlane.lint.Checks;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Fix;
import dev.spotlane.lint.Lint;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.EditPlan;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Span;
import dev.spotlane.yaml.TextEdit;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four shapes of a findings report, each compared with a golden file under {@code golden/report/} and all fed
 * from one shared list of fixed findings (see the README there), plus GitLab Code Quality's and SARIF 2.1.0's rules
 * checked field by field.
 */
class FindingsReportTest {
    static final Path DIR = Path.of("src/test/resources/golden/report");
    /** The repository root the paths below are relative to, for Code Quality and SARIF. */
    static final Path ROOT = Path.of("project");
    static final String MAIN = "project/.gitlab-ci.yml";
    static final String MAIN_TEXT = """
            stages: [test]

            lint:
              image: golangci/golangci-lint
              tags: [local]
              script: [golangci-lint run]

            test:
              image: golang:1.26  # spotlane: ignore[implicit-latest]
              services:
                - postgres:18
              tags: [cloud, gpu]
              script: [go test ./...]
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The shared input: every severity, a fix on one, a file with no text (no snippet), characters to escape. */
    static List<Finding> findings() {
        int tagsValue = MAIN_TEXT.indexOf("[local]");
        Fix fix = new Fix(MAIN, EditPlan.of(new TextEdit(new Span(tagsValue, tagsValue + "[local]".length()),
                "[cloud]")));
        List<Finding> out = new ArrayList<>(List.of(
                new Finding("routing-drift", Severity.WARNING, "job \"lint\" has tags [\"local\"], the policy routes"
                        + " it to \"t4g\" with tags [\"cloud\"] (route \"short-jobs\"); run spotlane fix",
                        new Location(MAIN, 3, 1), fix),
                new Finding("implicit-latest", Severity.WARNING, "image \"golangci/golangci-lint\" has no tag (so"
                        + " \"latest\") (used by \"lint\"); pin a version tag", new Location(MAIN, 4, 10), null),
                new Finding("unused-suppression", Severity.INFO, "suppression of \"implicit-latest\" matches no"
                        + " finding on line 9; remove it", new Location(MAIN, 9, 23), null),
                new Finding("unpinned-service-image", Severity.WARNING, "service image \"postgres:18\" is not pinned"
                        + " by digest (used by \"test\"); write it as \"postgres:18@sha256:...\"",
                        new Location(MAIN, 11, 7), null),
                new Finding("unsatisfiable-tags", Severity.ERROR, "job \"test\" has tags [\"cloud\", \"gpu\"] that"
                        + " no runner has: local runners have [\"local\"], cloud runners \"cloud\" plus one class's"
                        + " tags; the job would wait forever", new Location(MAIN, 12, 9), null),
                new Finding("yaml-syntax", Severity.ERROR, "found character '\\t(TAB)' that cannot start any token"
                        + " (while scanning for the next token)", new Location("project/ci/broken.yml", 2, 1), null),
                new Finding("dynamic-image", Severity.INFO, "image \"$CI_REGISTRY_IMAGE/builder:2.4\" still needs"
                        + " \"CI_REGISTRY_IMAGE\" when the job runs (used by \"build\"); it cannot be classified or"
                        + " baked (pass --var"
                        + " NAME=VALUE, or add it to the AMI allowlist)", new Location("project/ci/build.yml", 5, 10),
                        null)));
        out.sort(null);
        return out;
    }

    /** The rules the findings name, in registry order (fixed, so the golden does not move when checks are added). */
    static List<Check> rules() {
        Set<String> used = new HashSet<>();
        findings().forEach(f -> used.add(f.checkId()));
        return Checks.ALL.stream().filter(c -> used.contains(c.id())).toList();
    }

    private static String text(String path) {
        return path.equals(MAIN) ? MAIN_TEXT : null;
    }

    @Test
    void text() throws IOException {
        Golden.assertMatches(DIR.resolve("expected.txt"), FindingsReport.text(findings(),
                FindingsReportTest::text, false));
    }

    @Test
    void textInColour() throws IOException {
        String out = FindingsReport.text(findings(), FindingsReportTest::text, true);
        Golden.assertMatches(DIR.resolve("expected-color.txt"), out);
        assertEquals(FindingsReport.text(findings(), FindingsReportTest::text, false),
                out.replaceAll("\u001b\\[[0-9;]*m", ""), "colour adds escapes and nothing else");
    }

    @Test
    void json() throws IOException {
        String out = FindingsReport.json(findings());
        Golden.assertMatches(DIR.resolve("expected.json"), out);
        JsonNode all = JSON.readTree(out);
        assertEquals(findings().size(), all.size());
        for (JsonNode f : all) {
            for (String field : List.of("rule", "severity", "message", "path", "line", "column", "fixable")) {
                assertTrue(f.has(field), field + " missing in " + f);
            }
        }
        int fixable = 0;
        for (JsonNode f : all) {
            fixable += f.get("fixable").asBoolean() ? 1 : 0;
        }
        assertEquals(1, fixable, "the one finding with a fix is fixable");
    }

    @Test
    void codeQuality() throws IOException {
        String out = FindingsReport.codeQuality(findings(), ROOT);
        Golden.assertMatches(DIR.resolve("expected.codequality.json"), out);
        assertCodeQuality(out, findings().size());
    }

    @Test
    void sarif() throws IOException {
        String out = FindingsReport.sarif(findings(), rules(), "0.0.0-test", ROOT);
        Golden.assertMatches(DIR.resolve("expected.sarif"), out);
        assertSarif(out, findings().size());
    }

    /** GitLab Code Quality (facts C1): one array; the fields GitLab reads, with the values it accepts. */
    static void assertCodeQuality(String out, int count) throws IOException {
        assertFalse(out.startsWith("\uFEFF"), "no byte order mark");
        JsonNode all = JSON.readTree(out);
        assertTrue(all.isArray(), "one JSON array");
        assertEquals(count, all.size());
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode f : all) {
            assertTrue(f.get("description").isString() && !f.get("description").asString().isEmpty(), f.toString());
            assertTrue(f.get("check_name").asString().matches("[a-z0-9]+(-[a-z0-9]+)*"), f.toString());
            assertTrue(Set.of("info", "minor", "major", "critical", "blocker").contains(f.get("severity").asString()),
                    f.toString());
            String path = f.get("location").get("path").asString();
            assertFalse(path.startsWith("/") || path.startsWith("./") || path.startsWith("project/"),
                    "location.path relative to the repository root: " + path);
            assertTrue(f.get("location").get("lines").get("begin").isInt(), f.toString());
            assertTrue(f.get("location").get("lines").get("begin").asInt() >= 1, f.toString());
            assertTrue(fingerprints.add(f.get("fingerprint").asString()), "fingerprints are unique: " + f);
        }
    }

    /** What SARIF 2.1.0 requires (version, runs, tool.driver.name, result messages), and what we promise beyond. */
    static void assertSarif(String out, int count) throws IOException {
        JsonNode log = JSON.readTree(out);
        assertEquals("2.1.0", log.get("version").asString());
        assertEquals(1, log.get("runs").size());
        JsonNode run = log.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertEquals("spotlane", driver.get("name").asString());
        Set<String> ruleIds = new HashSet<>();
        for (JsonNode rule : driver.get("rules")) {
            ruleIds.add(rule.get("id").asString());
            assertFalse(rule.get("shortDescription").get("text").asString().isEmpty(), rule.toString());
            assertTrue(rule.get("helpUri").asString().endsWith("docs/rules/" + rule.get("id").asString() + ".md"),
                    rule.toString());
        }
        assertEquals("unicodeCodePoints", run.get("columnKind").asString(), "spotlane counts code points");
        assertEquals(count, run.get("results").size());
        for (JsonNode r : run.get("results")) {
            assertFalse(r.get("message").get("text").asString().isEmpty(), r.toString());
            assertTrue(Set.of("none", "note", "warning", "error").contains(r.get("level").asString()), r.toString());
            String id = r.get("ruleId").asString();
            assertTrue(ruleIds.contains(id), "rule " + id + " is described in tool.driver.rules");
            JsonNode physical = r.get("locations").get(0).get("physicalLocation");
            String uri = physical.get("artifactLocation").get("uri").asString();
            assertFalse(URI.create(uri).isAbsolute() || uri.startsWith("/"), "uri relative to the root: " + uri);
            assertTrue(physical.get("region").get("startLine").asInt() >= 1, r.toString());
            assertTrue(physical.get("region").get("startColumn").asInt() >= 1, r.toString());
        }
    }

    @Test
    void codeQualitySeverities() {
        assertEquals("critical", FindingsReport.codeQualitySeverity(Severity.ERROR));
        assertEquals("major", FindingsReport.codeQualitySeverity(Severity.WARNING));
        assertEquals("info", FindingsReport.codeQualitySeverity(Severity.INFO));
    }

    /**
     * The same pipeline with three lines added on top: every finding moves, none changes, so GitLab's merge request
     * widget must see the same fingerprints (nothing fixed, nothing new). Messages that mention a line (an unused
     * suppression, a YAML error's context) must not break this.
     */
    @Test
    void fingerprintsSurviveCodeMoving(@TempDir Path dir) throws IOException {
        String pipeline = """
                lint:
                  image: node  # spotlane: ignore[unpinned-service-image]
                  tags: [local]
                  services: [postgres:18, postgres:18]
                  script: [npm run lint]

                test:
                  # spotlane: ignore[implicit-latest]
                  image: alpine:3.20
                  tags: [local, cloud]
                  script: [make test]
                """;
        List<String> before = fingerprints(dir, pipeline);
        List<String> after = fingerprints(dir, "# moved down\n\n# by three lines\n" + pipeline);
        assertTrue(before.size() >= 6, before.toString());
        assertEquals(before, after);
        assertNotEquals(before, fingerprints(dir, pipeline.replace("node", "ruby")), "a changed finding is new");
        String broken = "test:\n  script: [make test\n  tags: [cloud]\n";
        assertEquals(fingerprints(dir, broken), fingerprints(dir, "\n\n\n" + broken), "a YAML error moved down");
    }

    private static List<String> fingerprints(Path dir, String text) throws IOException {
        Path file = dir.resolve(".gitlab-ci.yml");
        Files.writeString(file, text);
        YamlParser parser = new YamlParser();
        ParseResult parsed = parser.parse(file.toString(), text);
        List<Finding> findings;
        if (parsed.ok()) {
            CheckoutIncludeSource source = new CheckoutIncludeSource(dir);
            findings = Lint.run(new Resolver().resolve(parsed.file(), source, ".gitlab-ci.yml"),
                    PolicyLoader.bundled(), source, ".gitlab-ci.yml", Map.of());
        } else {
            findings = Lint.syntaxError(parsed.error(), PolicyLoader.bundled());
        }
        String out = FindingsReport.codeQuality(findings, dir);
        assertCodeQuality(out, findings.size());
        List<String> prints = new ArrayList<>();
        JSON.readTree(out).forEach(f -> prints.add(f.get("check_name").asString() + " "
                + f.get("fingerprint").asString()));
        prints.sort(null);
        return prints;
    }
}
