package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code hostile/} golden suite: inputs an attacker or a broken editor could hand spotlane, each with the exit
 * code and the messages every command must answer with (never a stack trace, never exit 3). The format is described
 * in {@code src/test/resources/golden/README.md}; every folder under {@code golden/hostile/} is a group
 * ({@code answers}, {@code confine}, {@code bounds}) and runs here.
 */
class HostileGoldenTest {
    static final Path ROOT = Path.of("src/test/resources/golden/hostile");
    /** Commands a case runs when its expected file does not exist yet. */
    static final List<String> DEFAULT_COMMANDS = List.of("lint {dir}", "preview {dir}", "fix {dir} --check");

    @TestFactory
    Stream<DynamicNode> cases() throws IOException {
        List<DynamicNode> groups = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT)) {
            for (Path group : s.filter(Files::isDirectory).sorted().toList()) {
                List<DynamicNode> tests = new ArrayList<>();
                for (Path input : inputs(group)) {
                    String name = caseName(input);
                    tests.add(DynamicTest.dynamicTest(name, () -> check(input)));
                }
                groups.add(DynamicContainer.dynamicContainer(group.getFileName().toString(), tests));
            }
        }
        return groups.stream();
    }

    /** The case inputs of a group: every file but {@code *.expected}, README and {@code <case>.files/} folders. */
    static List<Path> inputs(Path group) throws IOException {
        try (Stream<Path> s = Files.list(group)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().endsWith(".expected"))
                    .filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList();
        }
    }

    static String caseName(Path input) {
        String f = input.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /** Runs one case from its files and compares with (or, updating, writes) {@code <case>.expected}. */
    static void check(Path input) throws IOException {
        String name = caseName(input);
        Path expectedFile = input.resolveSibling(name + ".expected");
        Path dir = Files.createTempDirectory("hostile-" + name);
        try {
            String file = stage(input, dir);
            List<String> header = new ArrayList<>();
            List<String> commands = new ArrayList<>();
            if (Files.exists(expectedFile)) {
                for (String line : Files.readString(expectedFile, StandardCharsets.UTF_8).split("\n", -1)) {
                    if (line.startsWith("== ")) {
                        commands.add(line.substring(3));
                    } else if (commands.isEmpty()) {
                        header.add(line);
                    }
                }
                while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()) {
                    header.remove(header.size() - 1);
                }
            }
            if (commands.isEmpty()) {
                commands.addAll(DEFAULT_COMMANDS);
            }
            StringBuilder actual = new StringBuilder();
            header.forEach(h -> actual.append(h).append('\n'));
            for (String command : commands) {
                Result r = run(command, dir, file);
                assertTrue(r.code() >= 0 && r.code() <= 2, name + ": `" + command + "` exited " + r.code()
                        + " (only 0, 1, 2 are answers; 3 is a bug)\n" + r.err());
                assertFalse(r.err().contains("internal error") || r.out().contains("internal error")
                        || r.err().contains("Exception") || r.err().contains("\tat "), name + ": `" + command
                        + "` printed an internal error or a stack trace:\n" + r.err());
                actual.append("== ").append(command).append('\n').append("exit ").append(r.code()).append('\n');
                r.out().lines().forEach(l -> actual.append("out| ").append(l).append('\n'));
                r.err().lines().forEach(l -> actual.append("err| ").append(l).append('\n'));
            }
            if (Golden.updating()) {
                Files.writeString(expectedFile, actual.toString(), StandardCharsets.UTF_8);
                return;
            }
            assertTrue(Files.exists(expectedFile), expectedFile + " is missing; run with -Dgolden.update=true");
            assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual.toString(),
                    "output differs from " + expectedFile);
        } finally {
            delete(dir);
        }
    }

    /**
     * Copies a case into a fresh repository folder: a {@code .yml}/{@code .yaml} input becomes
     * {@code .gitlab-ci.yml}, any other input keeps its name; {@code <case>.files/} is copied beside it (symbolic
     * links as links). Returns the input's path in the folder.
     */
    static String stage(Path input, Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        String f = input.getFileName().toString();
        Path target = f.endsWith(".yml") || f.endsWith(".yaml") ? dir.resolve(".gitlab-ci.yml") : dir.resolve(f);
        Files.copy(input, target);
        Path extra = input.resolveSibling(caseName(input) + ".files");
        if (Files.isDirectory(extra)) {
            try (Stream<Path> s = Files.walk(extra)) {
                for (Path p : s.sorted().toList()) {
                    Path to = dir.resolve(extra.relativize(p).toString());
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return target.toString();
    }

    record Result(int code, String out, String err) {
    }

    /**
     * Runs {@code spotlane <command>} in process, {@code {dir}} and {@code {file}} replaced by the staged folder and
     * input; in the output both are written back as {@code {dir}} and {@code {file}}.
     */
    static Result run(String command, Path dir, String file) {
        String[] args = Arrays.stream(command.trim().split("\\s+")).map(a -> a.replace("{dir}", dir.toString())
                .replace("{file}", file)).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, normalize(out.toString(), dir, file), normalize(err.toString(), dir, file));
    }

    private static String normalize(String text, Path dir, String file) {
        return text.replace(file, "{file}").replace(dir.toString(), "{dir}");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
