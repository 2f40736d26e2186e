package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.spotlane.Corpus;
import dev.spotlane.Spotlane;
import dev.spotlane.cli.ImagesCommandTest.Run;
import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.FakeGitLab;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Severity;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotlane init}: the file it writes validates against the rules schema and loads back to what it said; it
 * never replaces a file without {@code --force}; with {@code --gitlab-url} the project's runners decide (a fake
 * GitLab on 127.0.0.1); on every corpus root, {@code init} then {@code lint} leaves no {@code unsatisfiable-tags}
 * error. The corpus is copied to a temporary folder first: it is never written.
 */
class InitCommandTest {
    private static final String PIPELINE = """
            build:
              tags: [docker]
              script: [make]
            test:
              tags: [docker, linux]
              services: [postgres:18]
              script: [make test]
            win:
              tags: [windows]
              script: [build.cmd]
            mac:
              tags: [saas-macos-medium-m1]
              script: [xcodebuild]
            """;

    @AfterEach
    void reset() {
        InitCommand.environment = System::getenv;
        InitCommand.backoff = Backoff::standard;
    }

    @Test
    void writesACommentedRulesFileThatValidatesAndLoadsBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), PIPELINE);
        Run r = ImagesCommandTest.run("init", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("docker: local runner (a generic tag"), r.err());
        assertTrue(r.err().contains("windows: other runner (names an operating system (\"windows\")"), r.err());
        assertTrue(r.err().contains("saas-macos-medium-m1: other runner (a GitLab.com hosted runner tag"), r.err());
        assertTrue(r.err().contains("require_pinned_services: false (1 service image(s) are not pinned"), r.err());
        Path rules = dir.resolve(".spotlane.yml");
        String text = Files.readString(rules);
        assertTrue(text.startsWith("# spotlane rules for this repository, written by `spotlane init`"), text);
        assertTrue(text.contains("\n  local_tags: [docker, linux]\n"), text);
        assertTrue(text.contains("\n  other_runners:\n    # \"windows\" names an operating system"), text);
        assertSchemaValid(text);
        Policy policy = PolicyLoader.load(rules);
        assertEquals(List.of("docker", "linux"), policy.routing().localTags());
        assertEquals(List.of(List.of("windows"), List.of("saas-macos-medium-m1")), policy.routing().otherRunners());
        assertFalse(policy.images().requirePinnedServices());
        Policy bundled = PolicyLoader.bundled();
        assertEquals(bundled.routing().classes(), policy.routing().classes(), "classes as bundled");
        assertEquals(bundled.routing().routes().toString(), policy.routing().routes().toString(), "routes as bundled");
        assertEquals(bundled.fleet(), policy.fleet(), "fleet as bundled");
        List<Finding> findings = Spotlane.lint(dir, policy);
        assertTrue(findings.stream().noneMatch(f -> f.checkId().equals("unsatisfiable-tags")), findings.toString());
    }

    @Test
    void refusesToReplaceAFileWithoutForceAndNeverReplacesALink(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), PIPELINE);
        Path rules = dir.resolve(".spotlane.yml");
        Files.writeString(rules, "# mine\n");
        Run r = ImagesCommandTest.run("init", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().endsWith(".spotlane.yml: already exists; --force replaces it\n"), r.err());
        assertEquals("# mine\n", Files.readString(rules));
        Run forced = ImagesCommandTest.run("init", "--force", dir.toString());
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(rules).contains("local_tags: [docker, linux]"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(".gitlab-ci.yml", ".spotlane.yml"), s.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file left");
        }
        Path elsewhere = dir.resolve("elsewhere.yml");
        Files.writeString(elsewhere, "# not yours\n");
        Files.delete(rules);
        Files.createSymbolicLink(rules, elsewhere);
        Run link = ImagesCommandTest.run("init", "--force", dir.toString());
        assertEquals(2, link.code(), link.err());
        assertTrue(link.err().contains("exists and is not a regular file"), link.err());
        assertEquals("# not yours\n", Files.readString(elsewhere));
    }

    @Test
    void dryRunPrintsTheFileAndWritesNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), PIPELINE);
        byte[] before = Files.readAllBytes(dir.resolve(".gitlab-ci.yml"));
        Run r = ImagesCommandTest.run("init", "--dry-run", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("local_tags: [docker, linux]"), r.out());
        assertFalse(Files.exists(dir.resolve(".spotlane.yml")));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(".gitlab-ci.yml")));
    }

    @Test
    void theProjectsRunnersDecideWhenGitLabIsAsked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), PIPELINE + """
                train:
                  tags: [gpu]
                  script: [python train.py]
                """);
        try (FakeGitLab gitlab = new FakeGitLab()) {
            gitlab.project("group/app", Map.of(".gitlab-ci.yml", PIPELINE));
            gitlab.project("group/other", Map.of());
            gitlab.runner(1, "saas-linux-small-amd64", "instance_type", List.of("saas-linux-small-amd64"), false);
            gitlab.runner(4, "laptop", "project_type", List.of("docker"), false, "group/app");
            gitlab.runner(5, "workstation", "project_type", List.of("docker", "linux", "local"), false, "group/app");
            gitlab.runner(7, "win-box", "group_type", List.of("windows", "shell"), false, "group/app");
            gitlab.runner(8, "mac-mini", "group_type", List.of("saas-macos-medium-m1", "macos"), true, "group/app");
            gitlab.runner(9, "not ours", "project_type", List.of("docker", "linux", "more"), false, "group/other");
            InitCommand.environment = name -> name.equals("GITLAB_TOKEN") ? FakeGitLab.TOKEN : null;
            InitCommand.backoff = () -> new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofSeconds(1), d -> { });
            Run r = ImagesCommandTest.runKeeping(FakeGitLab.TOKEN, List.of("init", dir.toString(), "--gitlab-url",
                    gitlab.url(), "--project", "group/app"));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("spotlane init: 5 runner(s) available to group/app"), r.err());
            assertTrue(r.err().contains("the local runner is taken to be #5 \"workstation\" (project_type"), r.err());
            assertTrue(r.err().contains("no active runner of group/app has all of [saas-macos-medium-m1]"), r.err());
            assertTrue(r.err().contains("no active runner of group/app has all of [gpu]"), r.err());
            Policy policy = PolicyLoader.load(dir.resolve(".spotlane.yml"));
            assertEquals(List.of("docker", "linux", "local"), policy.routing().localTags());
            assertEquals(List.of(List.of("windows", "shell")), policy.routing().otherRunners());
            List<Finding> left = Spotlane.lint(dir, policy).stream()
                    .filter(f -> f.checkId().equals("unsatisfiable-tags")).toList();
            assertEquals(2, left.size(), "jobs no runner takes are still reported: " + left);
        }
    }

    @Test
    void gitLabOptionsGoTogether(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".gitlab-ci.yml"), PIPELINE);
        Run r = ImagesCommandTest.run("init", dir.toString(), "--project", "group/app");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--gitlab-url and --project go together"), r.err());
    }

    /**
     * On every corpus root: init (in a copy), then lint with the written file: no unsatisfiable-tags error. Prints
     * the findings per rule and severity before (bundled rules) and after.
     */
    @Test
    void initThenLintLeavesNoUnsatisfiableTagsOnTheCorpus(@TempDir Path tmp) throws Exception {
        List<Path> roots = Corpus.yamlFiles().stream()
                .filter(p -> p.getFileName().toString().equals(".gitlab-ci.yml"))
                .filter(p -> Corpus.dir().relativize(p).getNameCount() == 2)
                .map(Path::getParent).toList();
        assertTrue(roots.size() >= 40, "corpus roots: " + roots.size());
        Map<String, int[]> table = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path root : roots) {
            Path copy = tmp.resolve(root.getFileName().toString());
            copyTree(root, copy);
            Files.deleteIfExists(copy.resolve(".spotlane.yml"));
            Policy before = Spotlane.policy(copy, null);
            count(table, Spotlane.lint(copy, before), 0);
            Run r = ImagesCommandTest.run("init", copy.toString());
            if (r.code() != 0) {
                problems.add(root.getFileName() + ": init exit " + r.code() + ": " + r.err());
                continue;
            }
            String text = Files.readString(copy.resolve(".spotlane.yml"));
            assertSchemaValid(text);
            Policy after = Spotlane.policy(copy, null);
            assertEquals(copy.resolve(".spotlane.yml").toString(), after.source());
            List<Finding> findings = Spotlane.lint(copy, after);
            count(table, findings, 1);
            findings.stream().filter(f -> f.checkId().equals("unsatisfiable-tags") && f.severity() == Severity.ERROR)
                    .forEach(f -> problems.add(root.getFileName() + ": " + f));
        }
        StringBuilder b = new StringBuilder("init corpus: " + roots.size() + " roots; findings per rule (bundled ->"
                + " after init):");
        table.forEach((k, v) -> b.append("\n  ").append(k).append(": ").append(v[0]).append(" -> ").append(v[1]));
        System.out.println(b);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void count(Map<String, int[]> table, List<Finding> findings, int column) {
        for (Finding f : findings) {
            table.computeIfAbsent(f.checkId() + " " + f.severity().label(), k -> new int[2])[column]++;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Validates rules text against schemas/spotlane-rules.schema.json, independently of the policy loader. */
    static void assertSchemaValid(String text) throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("schemas/spotlane-rules.schema.json")), InputFormat.JSON);
        List<Error> errors = schema.validate(text, InputFormat.YAML);
        assertTrue(errors.isEmpty(), errors + "\n" + text);
    }
}
