package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One golden folder per check, {@code golden/lint/<check-id>/}:
 * <ul>
 *   <li>{@code ok/<case>.yml} (or {@code ok/<case>/.gitlab-ci.yml}): no finding of that check;</li>
 *   <li>{@code err/<case>.yml} (or {@code err/<case>/.gitlab-ci.yml} with included files and an optional
 *   {@code .spotlane.yml}) with {@code err/<case>.findings}: one {@code Finding.toString()} line per finding of that
 *   check, sorted, paths relative to the case folder.</li>
 * </ul>
 * A single-file case is resolved with {@code err/} (or {@code ok/}) as the repository root and the bundled rules; a
 * folder case with the folder as the root and its own {@code .spotlane.yml} when it has one; either reads the AMI
 * allowlist the rules name when the root holds it.
 * {@code -Dgolden.update=true} rewrites the {@code .findings} files; review their diff by hand.
 */
class LintGoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden/lint");

    /** Checks whose golden cases live elsewhere. */
    static final List<String> ELSEWHERE = List.of(
            "config-schema", // ConfigSchemaTest, written with the schema
            "image-not-in-allowlist"); // ImageNotInAllowlistGoldenTest: its cases name an allowlist in .spotlane.yml

    @TestFactory
    Stream<DynamicNode> everyCheck() {
        return Checks.ALL.stream().filter(c -> !ELSEWHERE.contains(c.id()))
                .map(c -> DynamicContainer.dynamicContainer(c.id(), cases(c.id())));
    }

    private static Stream<DynamicNode> cases(String id) {
        Path dir = DIR.resolve(id);
        List<DynamicNode> out = new ArrayList<>();
        out.add(DynamicTest.dynamicTest("has ok and err cases", () -> {
            assertFalse(list(dir.resolve("ok")).isEmpty(), dir + "/ok has no case");
            assertFalse(list(dir.resolve("err")).isEmpty(), dir + "/err has no case");
        }));
        try {
            for (Path c : list(dir.resolve("ok"))) {
                out.add(DynamicTest.dynamicTest("ok/" + c.getFileName(), () -> {
                    List<String> found = run(id, c);
                    assertEquals(List.of(), found, "ok case " + c + " must give no " + id + " finding");
                }));
            }
            for (Path c : list(dir.resolve("err"))) {
                String name = c.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                out.add(DynamicTest.dynamicTest("err/" + name, () -> {
                    List<String> found = run(id, c);
                    if (!Golden.updating()) {
                        assertFalse(found.isEmpty(), "err case " + c + " gives no " + id + " finding");
                    }
                    Golden.assertMatches(c.resolveSibling(name + ".findings"), LintRun.lines(found));
                }));
            }
        } catch (IOException e) {
            out.add(DynamicTest.dynamicTest("cases readable", () -> {
                throw e;
            }));
        }
        return out.stream();
    }

    /** The findings of one check for a case (a .yml file, or a folder holding .gitlab-ci.yml). */
    static List<String> run(String id, Path c) throws Exception {
        boolean folder = Files.isDirectory(c);
        Path root = folder ? c : c.getParent();
        String main = folder ? ".gitlab-ci.yml" : c.getFileName().toString();
        assertTrue(Files.isRegularFile(root.resolve(main)), "no " + main + " in " + root);
        List<String> out = new ArrayList<>();
        Policy policy = folder ? LintRun.policy(root) : PolicyLoader.bundled();
        for (Finding f : LintRun.lint(root, main, policy)) {
            if (f.checkId().equals(id)) {
                out.add(LintRun.line(f, root));
            }
        }
        return out;
    }

    /** Case files and folders in a directory, sorted ({@code .findings} files are outputs). */
    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".yml")
                    || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
