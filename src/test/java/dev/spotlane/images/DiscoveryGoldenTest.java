package dev.spotlane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spotlane.Golden;
import dev.spotlane.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden discovery cases: {@code golden/images/discovery/<case>/input/} is a small repository (its
 * {@code .gitlab-ci.yml} and the files it includes); {@code expected.json} is what
 * {@code spotlane images input --root input --format json} prints, with paths relative to {@code input/} and one
 * image a line (the only change made to the output: a line break before each image and before the closing
 * bracket). An optional {@code args} file adds arguments, one a line (e.g. {@code --var} pairs). Anything printed on
 * stderr is compared with {@code expected.err}; without that file stderr must be empty. Regenerate with
 * {@code -Dgolden.update=true} and review every diff by hand.
 */
class DiscoveryGoldenTest {
    static final Path CASES = Path.of("src/test/resources/golden/images/discovery");

    @TestFactory
    Stream<DynamicTest> discovery() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(CASES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no cases under " + CASES);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path dir) throws IOException {
        Path input = dir.resolve("input");
        List<String> args = new ArrayList<>(List.of("images", input.toString(), "--root", input.toString(),
                "--format", "json"));
        Path extra = dir.resolve("args");
        if (Files.exists(extra)) {
            Files.readAllLines(extra, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(args::add);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        String prefix = input.toString().replace('\\', '/') + "/";
        String stderr = err.toString().replace(prefix, "");
        assertEquals(0, code, stderr);
        Golden.assertMatches(dir.resolve("expected.json"), onePerLine(out.toString().replace(prefix, "")));
        Path expectedErr = dir.resolve("expected.err");
        if (!stderr.isEmpty() || Files.exists(expectedErr)) {
            Golden.assertMatches(expectedErr, stderr);
        }
    }

    /** {@code {"images":[{..},{..}]}} as {@code {"images":[}, one image a line, {@code ]}}: still the same JSON. */
    static String onePerLine(String json) {
        return json.replace("[{\"ref\"", "[\n{\"ref\"").replace("},{\"ref\"", "},\n{\"ref\"")
                .replace("]}]}", "]}\n]}");
    }
}
