package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.cli.ImagesCommandTest.Run;
import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.FakeGitLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The bake's commands on the command line: iam-policy --bake [--trust] and propose, with CI's variables. */
class BakeCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CI = Map.of("CI_SERVER_HOST", "gitlab.example.com",
            "CI_PROJECT_PATH", "platform/ci-images", "CI_DEFAULT_BRANCH", "trunk", "GITLAB_TOKEN", FakeGitLab.TOKEN);

    @TempDir
    Path tmp;
    private FakeGitLab gitlab;

    @BeforeEach
    void start() {
        gitlab = new FakeGitLab();
        BakeIamOptions.environment = CI::get;
        ProposeCommand.environment = name -> name.equals("CI_SERVER_URL") ? gitlab.url() : CI.get(name);
        ProposeCommand.backoff = () -> new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofSeconds(1), d -> { });
    }

    @AfterEach
    void stop() {
        gitlab.close();
        BakeIamOptions.environment = System::getenv;
        ProposeCommand.environment = System::getenv;
        ProposeCommand.backoff = Backoff::standard;
    }

    @Test
    void trustDefaultsToTheCiProjectItsHostAndItsDefaultBranch() throws Exception {
        Run r = ImagesCommandTest.run("iam-policy", "--bake", "--trust", "--account", "123456789012");
        assertEquals(0, r.code(), r.err());
        JsonNode eq = JSON.readTree(r.out()).path("Statement").get(0).path("Condition").path("StringEquals");
        assertEquals("project_path:platform/ci-images:ref_type:branch:ref:trunk",
                eq.path("gitlab.example.com:sub").asString());
        assertEquals("https://gitlab.example.com", eq.path("gitlab.example.com:aud").asString());
    }

    @Test
    void permissionsAreValidJsonAndMisusedOptionsAreRefused() throws Exception {
        Run r = ImagesCommandTest.run("iam-policy", "--bake", "--account", "123456789012");
        assertEquals(0, r.code(), r.err());
        assertTrue(JSON.readTree(r.out()).path("Statement").size() > 5, r.out());
        Run stray = ImagesCommandTest.run("iam-policy", "--trust");
        assertEquals(2, stray.code(), stray.err());
        assertTrue(stray.err().contains("go with --bake"), stray.err());
        BakeIamOptions.environment = name -> null;
        Run outside = ImagesCommandTest.run("iam-policy", "--bake", "--trust");
        assertEquals(2, outside.code());
        assertTrue(outside.err().contains("--gitlab-host is required outside GitLab CI"), outside.err());
        Run wild = ImagesCommandTest.run("iam-policy", "--bake", "--trust", "--gitlab-host", "gitlab.example.com",
                "--project", "platform/*");
        assertEquals(2, wild.code());
    }

    @Test
    void proposeTakesTheInstanceAndProjectFromCiAndNeverPrintsTheToken() throws Exception {
        gitlab.project("platform/ci-images", Map.of("ci/ami/images.txt", "docker.io/library/golang:1.25\n"));
        Path list = Files.writeString(tmp.resolve("images.txt"), "docker.io/library/golang:1.26\n");
        List<String> args = List.of("propose", "--file", "ci/ami/images.txt", "--from", list.toString(), "--branch",
                "spotlane/ami-images", "--title", "Refresh the AMI bake list");
        Run first = ImagesCommandTest.runKeeping(FakeGitLab.TOKEN, args);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("opened"), first.err());
        assertTrue(first.out().startsWith(gitlab.url() + "/platform/ci-images/-/merge_requests/1"), first.out());
        Run second = ImagesCommandTest.runKeeping(FakeGitLab.TOKEN, args);
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("up to date"), second.err());
        assertEquals(1, gitlab.mergeRequests("platform/ci-images").size());
        for (Run r : List.of(first, second)) {
            assertFalse((r.out() + r.err()).contains(FakeGitLab.TOKEN));
        }
        Run outside = ImagesCommandTest.runKeeping(FakeGitLab.TOKEN, List.of("propose", "--file", "../x", "--branch",
                "b", "--title", "t"));
        assertEquals(2, outside.code(), outside.err());
        assertTrue(outside.err().contains("inside the repository"), outside.err());
    }
}
