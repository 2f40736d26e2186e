package dev.spotlane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.Spotlane;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.Lint;
import dev.spotlane.lint.Severity;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goldens of {@code image-not-in-allowlist} under {@code golden/lint/image-not-in-allowlist/}: {@code err/<case>.yml}
 * with {@code err/<case>.findings} (one {@link Finding#toString()} a line, sorted), and {@code ok/<case>.yml} that
 * must be silent. Each folder's {@code .spotlane.yml} names the allowlist ({@code ../images.txt}); only this check's
 * findings are compared. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class ImageNotInAllowlistGoldenTest {
    static final String ID = "image-not-in-allowlist";
    static final Path DIR = Path.of("src/test/resources/golden/lint", ID);

    static List<Path> cases(String kind) throws Exception {
        try (Stream<Path> s = Files.list(DIR.resolve(kind))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** This check's findings for a case, with paths relative to the case's folder. */
    static List<String> findings(Path file) throws Exception {
        Path dir = file.getParent();
        // the cases share ../images.txt: the repository is the check's folder, which holds both (issue 15: a
        // repository's rules file may name only files inside the repository)
        Policy policy = PolicyLoader.load(dir.resolve(".spotlane.yml"), dir.getParent());
        Allowlist allowlist = Lint.allowlist(policy, dir.getParent());
        assertNotNull(allowlist, "the rules in " + dir + " name no existing allowlist");
        String name = file.getFileName().toString();
        ParseResult parsed = new YamlParser().parse(Source.read(file, name));
        assertTrue(parsed.ok(), () -> String.valueOf(parsed.error()));
        CheckoutIncludeSource source = new CheckoutIncludeSource(dir);
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), source, name);
        assertEquals(List.of(), pipeline.errors());
        String prefix = dir.toString().replace('\\', '/') + "/";
        return Lint.run(pipeline, policy, source, name, Map.of(), allowlist).stream()
                .filter(f -> f.checkId().equals(ID))
                .map(f -> f.toString().replace(prefix, "")).toList();
    }

    @TestFactory
    Stream<DynamicTest> err() throws Exception {
        List<Path> cases = cases("err");
        assertFalse(cases.isEmpty());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            List<String> found = findings(c);
            assertFalse(found.isEmpty(), "an err case must have findings");
            Path golden = c.resolveSibling(c.getFileName().toString().replaceFirst("\\.yml$", ".findings"));
            Golden.assertMatches(golden, found.stream().map(f -> f + "\n").collect(Collectors.joining()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> ok() throws Exception {
        List<Path> cases = cases("ok");
        assertFalse(cases.isEmpty());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
                () -> assertEquals(List.of(), findings(c))));
    }

    @Test
    void everyFindingsFileHasItsCase() throws Exception {
        try (Stream<Path> s = Files.list(DIR.resolve("err"))) {
            s.filter(p -> p.toString().endsWith(".findings")).forEach(p -> assertTrue(
                    Files.exists(p.resolveSibling(p.getFileName().toString().replaceFirst("\\.findings$", ".yml"))),
                    p + " has no case"));
        }
    }

    private static List<Finding> lint(Path repo, String rules, String pipeline) throws Exception {
        Files.writeString(repo.resolve(".spotlane.yml"), rules, StandardCharsets.UTF_8);
        Files.writeString(repo.resolve(".gitlab-ci.yml"), pipeline, StandardCharsets.UTF_8);
        Policy policy = Spotlane.policy(repo, null);
        ParseResult parsed = new YamlParser().parse(Source.read(repo.resolve(".gitlab-ci.yml"), ".gitlab-ci.yml"));
        CheckoutIncludeSource source = new CheckoutIncludeSource(repo);
        ResolvedPipeline p = new Resolver().resolve(parsed.file(), source, ".gitlab-ci.yml");
        return Lint.run(p, policy, source, ".gitlab-ci.yml", Map.of(), Lint.allowlist(policy, repo)).stream()
                .filter(f -> f.checkId().equals(ID)).toList();
    }

    /** The goldens' rules file, for cases written here. */
    private static String rules(String allowlist) throws IOException {
        return Files.readString(DIR.resolve("err/.spotlane.yml"), StandardCharsets.UTF_8)
                .replace("[../images.txt]", allowlist);
    }

    @Test
    void warningByDefaultErrorWhenTheRulesSaySo(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("allow.txt"), "alpine:3.20\n");
        String rules = rules("[allow.txt]");
        String pipeline = "job:\n  image: golang:1.26\n  script: [go test]\n";
        List<Finding> warned = lint(repo, rules, pipeline);
        assertEquals(1, warned.size(), warned.toString());
        assertEquals(Severity.WARNING, warned.get(0).severity());
        assertEquals(".gitlab-ci.yml:2:10: image \"docker.io/library/golang:1.26\" is not in the AMI allowlist (used"
                + " by \"job\"); add it to the allowlist and rebake (spotlane images --format allowlist)"
                + " [image-not-in-allowlist]", warned.get(0).toString());
        List<Finding> errors = lint(repo, rules + "lint:\n  checks:\n    image-not-in-allowlist: error\n", pipeline);
        assertEquals(Severity.ERROR, errors.get(0).severity());
        assertEquals(List.of(), lint(repo, rules + "lint:\n  checks:\n    image-not-in-allowlist: off\n", pipeline));
    }

    @Test
    void silentWithoutAnAllowlistFile(@TempDir Path repo) throws Exception {
        String rules = rules("[ci/ami/images.txt]");
        assertNull(Lint.allowlist(PolicyLoader.load(new Source("r.yml", rules), repo), repo));
        assertEquals(List.of(), lint(repo, rules, "job:\n  image: golang:1.26\n  script: [go test]\n"));
    }

    @Test
    void severalAllowlistFilesAreMerged(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("one.txt"), "golang:1.26\n");
        Files.writeString(repo.resolve("two.txt"), "redis:8\n");
        String rules = rules("[one.txt, two.txt, missing.txt]");
        assertEquals(List.of(), lint(repo, rules, "job:\n  image: golang:1.26\n  services: [redis:8]\n"
                + "  script: [go test]\n"));
    }
}
