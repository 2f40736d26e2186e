package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.model.Pipeline;
import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * spotlane lints its own CI/CD components ({@code templates/*.yml}) and example pipelines ({@code examples/*}) with
 * its own rules and AMI allowlist. A component is linted the way a project uses it: a pipeline that includes it as
 * {@code component: <host>/tools/spotlane/<name>@<version>}, this checkout standing in for the component project.
 */
class SelfLintTest {
    static final Path REPO = Path.of("").toAbsolutePath();
    static final String PROJECT = "tools/spotlane";
    static final String IMAGE = "registry.example.com/tools/spotlane:0.1.0";

    static List<Path> templates() throws IOException {
        try (Stream<Path> s = Files.list(REPO.resolve("templates"))) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void thereIsALintComponent() throws IOException {
        assertTrue(templates().contains(REPO.resolve("templates/lint.yml")), templates().toString());
        assertTrue(Files.isRegularFile(REPO.resolve("templates/README.md")), "GitLab needs a README");
    }

    @TestFactory
    Stream<DynamicTest> componentsGiveNoWarning(@TempDir Path dir) throws IOException {
        return templates().stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> {
            String name = t.getFileName().toString().replaceFirst("\\.yml$", "");
            YamlMapping spec = spec(t);
            String consumer = "include:\n  - component: $CI_SERVER_FQDN/" + PROJECT + "/" + name + "@1.0.0\n"
                    + "    inputs:\n" + requiredInputs(spec);
            List<Finding> findings = lintConsumer(dir.resolve(name), consumer);
            assertEquals(List.of(), findings.stream().filter(f -> f.severity().atLeast(Severity.WARNING))
                    .map(Finding::toString).toList(), name + " used as a component");
        }));
    }

    @Test
    void theLintComponentDeclaresItsInputs() throws IOException {
        YamlMapping inputs = (YamlMapping) spec(REPO.resolve("templates/lint.yml")).get("inputs").resolved();
        assertEquals(List.of("stage", "rules", "rules_project", "rules_file", "rules_ref", "image", "fail_on",
                "codequality_report", "tags"),
                inputs.entries().stream().map(e -> e.key().scalarValue()).toList());
        assertEquals("test", scalar(inputs, "stage", "default"));
        assertEquals("", scalar(inputs, "rules", "default"));
        assertEquals("", scalar(inputs, "rules_project", "default"));
        assertEquals("spotlane.yml", scalar(inputs, "rules_file", "default"));
        assertEquals("", scalar(inputs, "rules_ref", "default"));
        assertEquals("error", scalar(inputs, "fail_on", "default"));
        assertEquals("gl-code-quality-report.json", scalar(inputs, "codequality_report", "default"));
        assertFalse(((YamlMapping) inputs.get("image").resolved()).entry("default").isPresent(),
                "the image that holds spotlane is the user's to give");
    }

    @Test
    void theLintComponentRunsSpotlaneOnceInMergeRequestsAndOnTheDefaultBranch(@TempDir Path dir)
            throws IOException {
        String consumer = """
                include:
                  - component: $CI_SERVER_FQDN/tools/spotlane/lint@1.0.0
                    inputs:
                      image: registry.example.com/tools/spotlane:0.1.0
                      stage: verify
                      rules: ci/spotlane.yml
                      fail_on: warning
                      codequality_report: spotlane-cq.json
                stages: [verify]
                """;
        ResolvedPipeline p = resolveConsumer(dir, consumer);
        assertEquals(List.of(), p.diagnostics().stream().map(Object::toString).toList());
        ResolvedJob job = p.job("spotlane-lint").orElseThrow();
        assertEquals("verify", plain(job.get("stage")));
        assertEquals(Map.of("name", IMAGE, "entrypoint", List.of("")), plain(job.get("image")));
        assertEquals(List.of(), job.tags(), "the job runs before the cloud fleet exists");
        assertEquals("ci/spotlane.yml", job.variables().get("SPOTLANE_RULES"));
        assertEquals("warning", job.variables().get("SPOTLANE_FAIL_ON"));
        List<?> script = (List<?>) plain(job.get("script"));
        assertEquals(1, script.stream().filter(l -> l.toString().contains("spotlane ")).count(),
                "spotlane runs once: " + script);
        assertTrue(script.get(script.size() - 1).toString().startsWith("spotlane lint . \"$@\" --fail-on"),
                script.toString());
        assertTrue(script.toString().contains("--report \"codequality=spotlane-cq.json\""), script.toString());
        assertEquals(Map.of("when", "always", "reports", Map.of("codequality", "spotlane-cq.json")),
                plain(job.get("artifacts")));
        assertEquals(List.of(Map.of("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\""),
                Map.of("if", "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when", "never"),
                Map.of("if", "$CI_COMMIT_BRANCH")), plain(job.get("rules")));
    }

    /**
     * The lint component as a project gets it with only its required input: the resolved job, printed as YAML and
     * compared with {@code golden/self/lint-component.resolved.yml}, so a change of a default is reviewed as a diff.
     */
    @Test
    void theLintComponentsResolvedFormForItsDefaultInputs(@TempDir Path dir) throws Exception {
        String consumer = "include:\n  - component: $CI_SERVER_FQDN/" + PROJECT + "/lint@1.0.0\n    inputs:\n"
                + requiredInputs(spec(REPO.resolve("templates/lint.yml")));
        ResolvedPipeline p = resolveConsumer(dir, consumer);
        assertEquals(List.of(), p.diagnostics().stream().map(Object::toString).toList());
        StringBuilder b = new StringBuilder("# templates/lint.yml included with its default inputs (image: ")
                .append(IMAGE).append("), as resolved by spotlane;\n# every scalar as its text, quoted\n");
        b.append("spotlane-lint:\n");
        yaml(b, plain(p.job("spotlane-lint").orElseThrow().body()), 1);
        Golden.assertMatches(LintGoldenTest.DIR.resolve("self/lint-component.resolved.yml"), b.toString());
        assertEquals(List.of(), lintConsumer(dir.resolve("lint"), consumer).stream()
                .filter(f -> f.severity().atLeast(Severity.WARNING)).map(Finding::toString).toList());
    }

    /**
     * The bake component as a project gets it with only its required input: its three jobs resolved and printed
     * ({@code golden/self/ami-bake-component.resolved.yml}), and not one finding of any severity.
     */
    @Test
    void theBakeComponentsResolvedFormForItsDefaultInputsHasNoFinding(@TempDir Path dir) throws Exception {
        String consumer = "include:\n  - component: $CI_SERVER_FQDN/" + PROJECT + "/ami-bake@1.0.0\n    inputs:\n"
                + requiredInputs(spec(REPO.resolve("templates/ami-bake.yml")));
        ResolvedPipeline p = resolveConsumer(dir, consumer);
        assertEquals(List.of(), p.diagnostics().stream().map(Object::toString).toList());
        StringBuilder b = new StringBuilder("# templates/ami-bake.yml included with its default inputs (image: ")
                .append(IMAGE).append("), as resolved by spotlane;\n# every scalar as its text, quoted\n");
        for (String job : List.of("spotlane-images", "ami-bake", "ami-images-proposal")) {
            b.append(job).append(":\n");
            yaml(b, plain(p.job(job).orElseThrow().body()), 1);
        }
        Golden.assertMatches(LintGoldenTest.DIR.resolve("self/ami-bake-component.resolved.yml"), b.toString());
        assertEquals(List.of(), lintConsumer(dir.resolve("ami-bake"), consumer).stream().map(Finding::toString)
                .toList());
    }

    /** Block YAML for plain maps, lists and strings; strings double-quoted as JSON would, so nothing is retyped. */
    private static void yaml(StringBuilder b, Object value, int depth) {
        String pad = "  ".repeat(depth);
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(pad).append(e.getKey()).append(':');
                if (e.getValue() instanceof Map<?, ?> c && !c.isEmpty()
                        || e.getValue() instanceof List<?> l && !l.isEmpty()) {
                    b.append('\n');
                    yaml(b, e.getValue(), depth + 1);
                } else {
                    b.append(' ').append(inline(e.getValue())).append('\n');
                }
            }
        } else if (value instanceof List<?> l) {
            for (Object item : l) {
                if (item instanceof Map<?, ?> c && !c.isEmpty()) {
                    StringBuilder inner = new StringBuilder();
                    yaml(inner, item, depth + 1);
                    b.append(pad).append("- ").append(inner.substring(pad.length() + 2));
                } else {
                    b.append(pad).append("- ").append(inline(item)).append('\n');
                }
            }
        }
    }

    private static String inline(Object v) {
        if (v instanceof Map<?, ?>) {
            return "{}";
        }
        if (v instanceof List<?>) {
            return "[]";
        }
        return "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Docker is not at hand in the test run: the Dockerfile is read, not built. */
    @Test
    void theDockerfileBuildsWithTheWrapperAndRunsOnAJre() throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve("Dockerfile"));
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        // built on 17 (the jar runs on 17+), run on a JDK 25 JRE for its AOT cache
        assertEquals(List.of("FROM eclipse-temurin:17-jdk AS build", "FROM eclipse-temurin:25-jre"), from);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN ./mvnw ") && l.contains(" package")), "wrapper");
        assertTrue(lines.contains("ENTRYPOINT [\"/opt/spotlane/bin/spotlane\"]"), "entrypoint: the launcher");
        assertTrue(String.join("\n", lines).contains("-XX:AOTCacheOutput=/opt/spotlane/target/spotlane.aot"),
                "an AOT cache recorded by the runtime JRE, where bin/spotlane looks for it");
        assertTrue(String.join("\n", lines).contains("dev.spotlane.cli.Training"), "from the training run");
        assertTrue(Files.isExecutable(REPO.resolve("bin/spotlane")), "bin/spotlane");
        assertTrue(String.join("\n", lines).contains("/usr/local/bin/spotlane"), "spotlane on the PATH");
        assertTrue(Files.readAllLines(REPO.resolve(".dockerignore")).contains("target/"), ".dockerignore");
    }

    @TestFactory
    Stream<DynamicTest> examples() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(REPO.resolve("examples"))) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve(".gitlab-ci.yml"))).sorted().toList();
        }
        assertTrue(dirs.stream().anyMatch(d -> d.endsWith("demo")), dirs.toString());
        // as 'spotlane lint examples/<name>' from this checkout: this repository's root, rules and AMI allowlist;
        // an example with rules of its own is its own repository ('spotlane lint --root examples/<name> ...')
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            Path example = REPO.relativize(d);
            boolean ownRoot = Files.isRegularFile(d.resolve(".spotlane.yml"));
            List<String> lines = new ArrayList<>();
            for (Finding f : ownRoot
                    ? LintRun.lint(example, ".gitlab-ci.yml", LintRun.policy(example))
                    : LintRun.lint(Path.of(""), example.resolve(".gitlab-ci.yml").toString(), LintRun.policy(REPO))) {
                lines.add(LintRun.lineWithSeverity(f, example));
            }
            Golden.assertMatches(LintGoldenTest.DIR.resolve("self/" + d.getFileName() + ".findings"),
                    LintRun.lines(lines));
        }));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static YamlMapping spec(Path template) throws IOException {
        ParseResult parsed = new YamlParser().parse(Source.read(template, template.getFileName().toString()));
        assertTrue(parsed.ok(), () -> template + ": " + parsed.error());
        Pipeline pipeline = Pipeline.of(parsed.file());
        assertTrue(pipeline.spec().isPresent(), template + " is a component: it starts with a spec: header");
        assertTrue(pipeline.config().isPresent(), template + " has a configuration after its header");
        return pipeline.spec().get();
    }

    /** A value for every input without a default, as a component user would give. */
    private static String requiredInputs(YamlMapping spec) {
        StringBuilder b = new StringBuilder();
        if (!(spec.get("inputs") != null && spec.get("inputs").resolved() instanceof YamlMapping inputs)) {
            return "      {}\n";
        }
        for (YamlEntry e : inputs.entries()) {
            YamlMapping def = e.value() != null && e.value().resolved() instanceof YamlMapping m ? m : null;
            if (def != null && def.entry("default").isPresent()) {
                continue;
            }
            String name = e.key().scalarValue();
            String type = def == null || def.get("type") == null ? "string" : def.get("type").scalarValue();
            String value = switch (type) {
                case "number" -> "1";
                case "boolean" -> "true";
                case "array" -> "[]";
                default -> name.contains("image") ? IMAGE : "value";
            };
            b.append("      ").append(name).append(": ").append(value).append('\n');
        }
        return b.length() == 0 ? "      {}\n" : b.toString();
    }

    private static String scalar(YamlMapping inputs, String input, String key) {
        return ((YamlMapping) inputs.get(input).resolved()).get(key).scalarValue();
    }

    private static ResolvedPipeline resolveConsumer(Path dir, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".gitlab-ci.yml"), text);
        ParseResult parsed = new YamlParser().parse(".gitlab-ci.yml", text);
        return new Resolver().resolve(parsed.orElseThrow(), source(dir), ".gitlab-ci.yml");
    }

    private static CheckoutIncludeSource source(Path dir) {
        return new CheckoutIncludeSource(dir, "", Map.of(PROJECT, REPO));
    }

    private static List<Finding> lintConsumer(Path dir, String text) throws Exception {
        ResolvedPipeline p = resolveConsumer(dir, text);
        Policy policy = LintRun.policy(REPO);
        return Lint.run(p, policy, source(dir), ".gitlab-ci.yml", Map.of());
    }

    /** A resolved value as strings, lists and maps. */
    private static Object plain(RNode n) {
        if (n instanceof RMap m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (n instanceof RList l) {
            return l.items().stream().map(SelfLintTest::plain).toList();
        }
        return n instanceof RScalar s ? s.value() : String.valueOf(n);
    }
}
