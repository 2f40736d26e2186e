package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.cli.ImagesCommandTest.Run;
import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.FakeGitLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's exit-code table is true: every command is run into every exit code its row documents (and the test
 * fails when a row documents a code no case here produces, or a case produces a code the row does not document).
 */
class ExitCodesTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|$",
            Pattern.MULTILINE);
    private static final String CLEAN = "build:\n  image: { name: golang:1.26, pull_policy: always }\n"
            + "  tags: [cloud, t4g]\n  script: [make]\n";
    private static final String MOVES = "build:\n  image: { name: golang:1.26, pull_policy: always }\n"
            + "  tags: [local]\n  script: [make]\n";
    private static final String REJECTED = "build:\n  extends: .nowhere\n  script: [make]\n";

    @TempDir
    Path tmp;
    private FakeGitLab gitlab;

    @BeforeEach
    void start() {
        gitlab = new FakeGitLab();
        gitlab.project("grp/app", Map.of(".gitlab-ci.yml", MOVES));
        Supplier<Backoff> quick = () -> new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1),
                d -> { });
        CutoverCommand.environment = name -> name.equals("GITLAB_TOKEN") ? FakeGitLab.TOKEN : null;
        UsageCommand.environment = CutoverCommand.environment;
        InitCommand.environment = CutoverCommand.environment;
        ProposeCommand.environment = CutoverCommand.environment;
        ProposeCommand.backoff = quick;
        CutoverCommand.backoff = quick;
        UsageCommand.backoff = quick;
        InitCommand.backoff = quick;
    }

    @AfterEach
    void stop() {
        gitlab.close();
        CutoverCommand.environment = System::getenv;
        UsageCommand.environment = System::getenv;
        InitCommand.environment = System::getenv;
        ProposeCommand.environment = System::getenv;
        ProposeCommand.backoff = Backoff::standard;
        CutoverCommand.backoff = Backoff::standard;
        UsageCommand.backoff = Backoff::standard;
        InitCommand.backoff = Backoff::standard;
    }

    private Path repo(String name, String pipeline) {
        try {
            Path dir = Files.createDirectories(tmp.resolve(name));
            Files.writeString(dir.resolve(".gitlab-ci.yml"), pipeline);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Run run(String... args) {
        return ImagesCommandTest.runKeeping(FakeGitLab.TOKEN, List.of(args));
    }

    /** One case per documented (command, code). */
    private Map<String, Supplier<Run>> cases() {
        Map<String, Supplier<Run>> c = new LinkedHashMap<>();
        String missing = tmp.resolve("missing").toString();
        c.put("images 0", () -> run("images", repo("images", CLEAN).toString()));
        c.put("images 2", () -> run("images", missing));
        c.put("preview 0", () -> run("preview", repo("preview", CLEAN).toString()));
        c.put("preview 2", () -> run("preview", repo("preview-bad", REJECTED).toString()));
        c.put("fix 0", () -> run("fix", repo("fix", MOVES).toString()));
        c.put("fix 1", () -> run("fix", "--check", repo("fix-check", MOVES).toString()));
        c.put("fix 2", () -> run("fix", repo("fix-bad", REJECTED).toString()));
        c.put("lint 0", () -> run("lint", repo("lint", CLEAN).toString()));
        c.put("lint 1", () -> run("lint", repo("lint-bad", REJECTED).toString()));
        c.put("lint 2", () -> run("lint", "--rules", missing, repo("lint-rules", CLEAN).toString()));
        c.put("init 0", () -> run("init", repo("init", MOVES).toString()));
        c.put("init 2", () -> {
            Path dir = repo("init-twice", MOVES);
            run("init", dir.toString());
            return run("init", dir.toString());
        });
        c.put("runner-config 0", () -> run("runner-config"));
        c.put("runner-config 2", () -> run("runner-config", "--rules", missing));
        c.put("iam-policy 0", () -> run("iam-policy", "--account", "123456789012"));
        c.put("iam-policy 2", () -> run("iam-policy", "--account", "12"));
        c.put("mirror-config 0", () -> run("mirror-config"));
        c.put("mirror-config 2", () -> run("mirror-config", "--rules", missing));
        c.put("simulate 0", () -> run("simulate", "--jobs", "src/test/resources/golden/sim/jobs.json",
                "--idle-time", "20m"));
        c.put("simulate 2", () -> run("simulate", "--jobs", missing));
        c.put("usage 0", () -> run("usage", "--input", "src/test/resources/golden/usage/trace.csv"));
        c.put("usage 1", () -> run("usage", "--gitlab-url", gitlab.url(), "--project", "grp/nothing-here",
                "--since", "14d"));
        c.put("usage 2", () -> run("usage"));
        c.put("cutover 0", () -> run("cutover", "--gitlab-url", gitlab.url(), "--project", "grp/app", "--dry-run"));
        c.put("cutover 1", () -> run("cutover", "--gitlab-url", gitlab.url(), "--project", "grp/nothing-here"));
        c.put("cutover 2", () -> run("cutover", "--gitlab-url", gitlab.url()));
        c.put("propose 0", () -> run("propose", "--gitlab-url", gitlab.url(), "--project", "grp/app", "--file",
                ".gitlab-ci.yml", "--from", repo("propose", CLEAN).resolve(".gitlab-ci.yml").toString(), "--branch",
                "spotlane/propose", "--title", "Route the build"));
        c.put("propose 1", () -> run("propose", "--gitlab-url", gitlab.url(), "--project", "grp/nothing-here",
                "--file", ".gitlab-ci.yml", "--from", repo("propose-1", CLEAN).resolve(".gitlab-ci.yml").toString(),
                "--branch", "spotlane/propose", "--title", "Route the build"));
        c.put("propose 2", () -> run("propose", "--gitlab-url", gitlab.url(), "--project", "grp/app", "--branch",
                "b", "--title", "t"));
        c.put("spotlane 0", () -> run("--version"));
        c.put("spotlane 2", () -> run("lnt"));
        return c;
    }

    @Test
    void everyCommandExitsWithEveryCodeTheReadmeDocuments() throws IOException {
        Map<String, Supplier<Run>> cases = cases();
        Matcher m = ROW.matcher(Files.readString(Path.of("README.md")));
        TreeSet<String> documented = new TreeSet<>();
        while (m.find()) {
            for (int code = 0; code <= 2; code++) {
                if (!m.group(code + 2).isBlank()) {
                    documented.add(m.group(1) + " " + code);
                }
            }
        }
        assertTrue(documented.size() > 20, "the README table was read: " + documented);
        assertEquals(documented, new TreeSet<>(cases.keySet()), "README exit codes against the cases here");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Supplier<Run>> e : cases.entrySet()) {
            int expected = Integer.parseInt(e.getKey().substring(e.getKey().length() - 1));
            Run r = e.getValue().get();
            if (r.code() != expected) {
                wrong.add(e.getKey() + ": exit " + r.code() + "\n" + r.err());
            }
            assertFalse(r.err().contains("internal error"), e.getKey() + ": " + r.err());
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** A bug (here: an injected exception where the GitLab client is made) is exit 3 and one line, not a trace. */
    @Test
    void anInternalErrorIsExitThreeAndOneLine() {
        InitCommand.backoff = () -> {
            throw new IllegalStateException("injected");
        };
        Run r = run("init", repo("bug", MOVES).toString(), "--gitlab-url", gitlab.url(), "--project", "grp/app");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("spotlane: internal error: java.lang.IllegalStateException: injected"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void unknownCommandsAndOptionsSayTheNearestOneInOneLine() {
        Run command = run("lnt");
        assertEquals("spotlane: unknown command \"lnt\"; did you mean \"lint\"? (see 'spotlane --help')\n",
                command.err());
        Run option = run("lint", "--formt", "json");
        assertEquals(2, option.code());
        assertEquals("spotlane lint: unknown option \"--formt\"; did you mean \"--format\"? (see 'spotlane lint"
                + " --help')\n", option.err());
        Run version = run("lint", "--version");
        assertEquals(2, version.code());
        assertTrue(version.err().contains("the version is printed by 'spotlane --version'"), version.err());
        Run top = run("-V");
        assertEquals(0, top.code());
        assertTrue(top.out().startsWith("spotlane "), top.out());
    }
}
