package dev.spotlane.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.report.PreviewReport;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Multi-file golden cases: {@code src/test/resources/golden/resolve/<case>/input/} is a small repository
 * ({@code .gitlab-ci.yml} and the files it includes); {@code expected.yml} is the preview
 * ({@link PreviewReport#yaml}) and {@code expected.diagnostics} one {@link Diagnostic} per line, with paths relative
 * to the input folder. A missing expected file means "empty". Cases named {@code bad-*} must produce at least one
 * error; all others none (notes are fine). Folders under {@code <case>/projects/} are other
 * projects, named with {@code __} for {@code /} ({@code grp__proj} is {@code grp/proj}), for {@code include:project}
 * and components.
 *
 * <p>Regenerate with {@code mvn -o test -Dtest=ResolveGoldenTest -Dgolden.update=true} and review every changed file
 * against GitLab's semantics before committing.
 */
class ResolveGoldenTest {
    static final Path ROOT = Path.of("src/test/resources/golden/resolve");

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(ROOT)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() > 0, "no golden cases under " + ROOT);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path dir) throws IOException {
        Path input = dir.resolve("input");
        assertTrue(Files.isRegularFile(input.resolve(".gitlab-ci.yml")), dir + " has no input/.gitlab-ci.yml");
        Result r = resolve(input, projects(dir));
        compare(dir.resolve("expected.yml"), r.yaml());
        compare(dir.resolve("expected.diagnostics"), r.diagnostics());
        boolean bad = dir.getFileName().toString().startsWith("bad-");
        assertEquals(bad, r.pipeline() != null && r.pipeline().hasErrors(), bad
                ? dir + ": a bad-* case must produce at least one error"
                : dir + ": only bad-* cases may produce errors, got:\n" + r.diagnostics());
    }

    /** Folders under {@code projects/}, {@code grp__sub__proj} standing for {@code grp/sub/proj}. */
    private static Map<String, Path> projects(Path dir) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        Path projects = dir.resolve("projects");
        if (Files.isDirectory(projects)) {
            try (Stream<Path> s = Files.list(projects)) {
                s.filter(Files::isDirectory).sorted()
                        .forEach(p -> out.put(p.getFileName().toString().replace("__", "/"), p));
            }
        }
        return out;
    }

    record Result(String yaml, String diagnostics, ResolvedPipeline pipeline) {
    }

    /** Resolves {@code input/.gitlab-ci.yml}; paths in diagnostics are made relative to {@code input}. */
    static Result resolve(Path input, Map<String, Path> projects) throws IOException {
        Source main = Source.read(input.resolve(".gitlab-ci.yml"), ".gitlab-ci.yml");
        ParseResult parsed = new YamlParser().parse(main);
        if (!parsed.ok()) {
            return new Result("", parsed.error() + "\n", null);
        }
        ResolvedPipeline p = new Resolver().resolve(parsed.file(),
                new CheckoutIncludeSource(input, "", projects), ".gitlab-ci.yml");
        String prefix = relative(input) + "/";
        String diagnostics = p.diagnostics().stream().map(d -> d.toString().replace(prefix, "") + "\n")
                .collect(Collectors.joining());
        return new Result(PreviewReport.yaml(p), diagnostics, p);
    }

    /** How {@link CheckoutIncludeSource} names a folder: relative to the working directory. */
    private static String relative(Path dir) {
        return Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    /** {@link Golden#assertMatches}, where a missing file stands for empty output. */
    private static void compare(Path expected, String actual) throws IOException {
        if (actual.isEmpty() && (Golden.updating() || !Files.exists(expected))) {
            Files.deleteIfExists(expected);
            return;
        }
        if (!Golden.updating() && !Files.exists(expected)) {
            assertEquals("", actual, "expected no output (" + expected + " is absent), got this");
        }
        Golden.assertMatches(expected, actual);
    }
}
