package dev.spotlane.lint.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.spotlane.Corpus;
import dev.spotlane.Golden;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Linter;
import dev.spotlane.model.Pipeline;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code config-schema}: golden cases under {@code golden/lint/config-schema} ({@code ok/} must be silent,
 * {@code err/<case>.yml} must give exactly {@code err/<case>.findings}; regenerate with
 * {@code -Dgolden.update=true}), the corpus, and the pieces (collapse, hints, paths).
 */
class ConfigSchemaTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/lint/config-schema");

    private static List<Finding> lint(Path folder, String mainName, String displayName) throws IOException {
        Source source = Source.read(folder.resolve(mainName), displayName);
        ParseResult parsed = new YamlParser().parse(source);
        assertTrue(parsed.ok(), () -> displayName + " is not valid YAML: " + parsed.error());
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), new CheckoutIncludeSource(folder),
                mainName);
        LintContext context = new LintContext(null, pipeline, PolicyLoader.bundled(), null, List.of());
        return new Linter(List.of(new ConfigSchema())).run(context);
    }

    private static List<Path> cases(String folder) throws IOException {
        try (Stream<Path> s = Files.list(GOLDEN.resolve(folder))) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> okCasesAreSilent() throws IOException {
        return cases("ok").stream().map(f -> DynamicTest.dynamicTest("ok/" + f.getFileName(), () -> {
            List<Finding> findings = lint(f.getParent(), f.getFileName().toString(), "ok/" + f.getFileName());
            assertEquals("", findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> errCasesMatchTheirFindings() throws IOException {
        return cases("err").stream().map(f -> DynamicTest.dynamicTest("err/" + f.getFileName(), () -> {
            List<Finding> findings = lint(f.getParent(), f.getFileName().toString(), "err/" + f.getFileName());
            String actual = findings.stream().map(x -> x + "\n").collect(Collectors.joining());
            String name = f.getFileName().toString();
            Golden.assertMatches(f.resolveSibling(name.substring(0, name.length() - 4) + ".findings"), actual);
            assertTrue(!findings.isEmpty(), "an err case must give findings");
        }));
    }

    @Test
    void everyFindingIsAnErrorOfThisCheck() throws IOException {
        for (Path f : cases("err")) {
            for (Finding finding : lint(f.getParent(), f.getFileName().toString(), f.getFileName().toString())) {
                assertEquals("config-schema", finding.checkId());
                assertEquals(dev.spotlane.lint.Severity.ERROR, finding.severity());
            }
        }
    }

    /**
     * Every root configuration of the corpus, with the files it includes, and every corpus file no root reaches (a
     * component template) on its own: no exception; the findings are printed for reading by eye.
     */
    @Test
    void corpus() throws IOException {
        List<Path> yaml = Corpus.yamlFiles();
        Set<String> reached = new HashSet<>();
        List<String> lines = new ArrayList<>();
        int total = 0;
        try (Stream<Path> s = Files.list(Corpus.dir())) {
            for (Path project : s.filter(Files::isDirectory).sorted().toList()) {
                if (!Files.isRegularFile(project.resolve(".gitlab-ci.yml"))) {
                    continue;
                }
                String name = project.getFileName().toString();
                Source source = Source.read(project.resolve(".gitlab-ci.yml"), ".gitlab-ci.yml");
                ParseResult parsed = new YamlParser().parse(source);
                if (!parsed.ok()) {
                    lines.add(name + ": not valid YAML, left to yaml-syntax");
                    continue;
                }
                ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), new CheckoutIncludeSource(project),
                        ".gitlab-ci.yml");
                // included files are named relative to the working folder, the main file as given above
                pipeline.files().forEach(f -> reached.add(Path.of(f.name()).toAbsolutePath().normalize().toString()));
                reached.add(project.resolve(".gitlab-ci.yml").toAbsolutePath().normalize().toString());
                List<Finding> findings = new ArrayList<>();
                new ConfigSchema().run(new LintContext(null, pipeline, PolicyLoader.bundled(), null, List.of()),
                        findings::add);
                findings.sort(null);
                total += findings.size();
                lines.add(name + ": " + findings.size() + " finding(s) in " + pipeline.files().size() + " file(s)");
                findings.forEach(f -> lines.add("    " + f));
            }
        }
        for (Path f : yaml) {
            String rel = Corpus.name(f);
            if (reached.contains(f.toAbsolutePath().normalize().toString())) {
                continue;
            }
            ParseResult parsed = new YamlParser().parse(Source.read(f, rel));
            if (!parsed.ok()) {
                continue;
            }
            List<Finding> findings = new ConfigSchema().check(parsed.file());
            total += findings.size();
            lines.add(rel + " (not included by its root): " + findings.size() + " finding(s)");
            findings.forEach(x -> lines.add("    " + x));
        }
        lines.add("config-schema over the corpus: " + total + " finding(s)");
        System.out.println(String.join("\n", lines));
    }

    /** The job keywords of GitLab's keyword reference (and the deprecated only/except), and what default: takes. */
    @Test
    void theSchemaKnowsEveryKeyword() {
        List<String> reference = List.of("after_script", "allow_failure", "artifacts", "before_script", "cache",
                "coverage", "dast_configuration", "dependencies", "environment", "extends", "hooks", "identity",
                "id_tokens", "image", "inherit", "interruptible", "manual_confirmation", "needs", "pages",
                "parallel", "release", "resource_group", "retry", "rules", "run", "script", "secrets", "services",
                "stage", "start_in", "tags", "timeout", "trigger", "variables", "when", "only", "except");
        List<String> job = ConfigSchema.keywords("/$defs/job");
        assertEquals(List.of(), reference.stream().filter(k -> !job.contains(k)).toList());
        List<String> defaults = ConfigSchema.keywords("/$defs/default");
        assertEquals(List.of(), Resolver.DEFAULT_KEYWORDS.stream().filter(k -> !defaults.contains(k)).sorted()
                .toList());
        assertEquals(Pipeline.GLOBAL_KEYWORDS, Set.copyOf(ConfigSchema.keywords("")),
                "the schema's top-level keywords are the ones the model does not read as jobs");
    }

    @Test
    void hintsAreWithinTwoEdits() {
        List<String> job = ConfigSchema.keywords("/$defs/job");
        assertEquals("script", ConfigSchema.nearest("scirpt", job));
        assertEquals("tags", ConfigSchema.nearest("tgas", job));
        assertEquals("stage", ConfigSchema.nearest("stages", job));
        assertEquals("image", ConfigSchema.nearest("Image", job));
        assertNull(ConfigSchema.nearest("deploy_to_production", job));
        assertNull(ConfigSchema.nearest("ab", List.of("if")), "a hint needs fewer edits than the word's length");
        assertEquals("stages", ConfigSchema.nearest("stage", ConfigSchema.keywords("")));
        assertEquals(2, dev.spotlane.lint.Spelling.distance("scirpt", "script"));
    }

    @Test
    void pathsQuoteKeysThatWouldReadAmbiguously() {
        assertEquals("build.image.pull_policy[1]", ConfigSchema.path(List.of("build", "image", "pull_policy", 1)));
        assertEquals("[\"build osx\"].tags", ConfigSchema.path(List.of("build osx", "tags")));
        assertEquals("test:unit.variables[\"a.b\"]", ConfigSchema.path(List.of("test:unit", "variables", "a.b")));
    }

    @Test
    void valuesAreQuotedOnOneLineAndCut() {
        assertEquals("\"cloud\"", ConfigSchema.quoted("cloud"));
        assertEquals("\"echo a...\"", ConfigSchema.quoted("echo a\necho b"));
        assertEquals("\"" + "x".repeat(60) + "...\"", ConfigSchema.quoted("x".repeat(70)));
    }

    /** A failed oneOf gives the validator's oneOf error plus every branch's: one issue per place remains. */
    @Test
    void collapsesOneOfToTheBranchThatFitsTheValue() {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema("""
                {"properties": {
                  "p": {"oneOf": [{"type": "integer", "maximum": 200}, {"type": "object", "required": ["matrix"]}]},
                  "q": {"anyOf": [{"enum": ["a", "b"]}, {"type": "array", "items": {"enum": ["a"]}}]}}}
                """, InputFormat.JSON);
        List<ConfigSchema.Issue> issues = schema.validate("{\"p\": 500, \"q\": [\"a\", \"z\"], \"r\": 1}",
                InputFormat.JSON).stream().map(ConfigSchema.Issue::of).toList();
        assertEquals(5, issues.size(), issues::toString);
        List<String> kept = ConfigSchema.collapse(new ArrayList<>(issues)).stream()
                .map(i -> i.keyword() + " " + i.location()).sorted().toList();
        assertEquals(List.of("enum /q/1", "maximum /p"), kept);
    }

    @Test
    void collapsesOneOfWithNoFittingTypeToOneTypeError() {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema("""
                {"properties": {"p": {"oneOf": [{"type": "integer"}, {"type": "object"}]}}}
                """, InputFormat.JSON);
        List<ConfigSchema.Issue> kept = ConfigSchema.collapse(new ArrayList<>(schema.validate("{\"p\": \"x\"}",
                InputFormat.JSON).stream().map(ConfigSchema.Issue::of).toList()));
        assertEquals(1, kept.size());
        assertEquals("type", kept.get(0).keyword());
        assertEquals("[\"integer\",\"object\"]", kept.get(0).schemaNode().toString());
    }

    @Test
    void preloadingInTheBackgroundLeavesTheCheckWorking() {
        ConfigSchema.preloadInBackground();
        YamlFile file = new YamlParser().parse(new Source("x.yml", "job:\n  script: make\n  tags: cloud\n"))
                .orElseThrow();
        assertEquals(List.of("x.yml:3:9: job.tags: expected a list, found a string \"cloud\"; write it as a list:"
                + " [\"cloud\"] [config-schema]"), new ConfigSchema().check(file).stream().map(Finding::toString)
                .toList());
    }

    @Test
    void aFileThatIsNotAMappingHasNothingToValidate() {
        YamlFile file = new YamlParser().parse(new Source("list.yml", "- a\n- b\n")).orElseThrow();
        assertEquals(List.of(), new ConfigSchema().check(file));
    }
}
