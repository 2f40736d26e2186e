package dev.spotlane.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code spotlane propose} against the fake GitLab (WireMock on 127.0.0.1): the first run creates the branch and the
 * merge request, a rerun with the same content writes nothing, a rerun with new content updates the same merge
 * request, a file the default branch already holds writes nothing, and someone else's commit stops the bot.
 */
class FileProposalTest {
    private static final String PROJECT = "platform/spotlane";
    private static final String BRANCH = "spotlane/ami-images";
    private static final String PATH = "ci/ami/images.txt";
    private FakeGitLab gitlab;

    @BeforeEach
    void start() {
        gitlab = new FakeGitLab();
        gitlab.project(PROJECT, Map.of(".gitlab-ci.yml", "build:\n  script: make\n", PATH,
                "docker.io/library/golang:1.25\n"));
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    private FileProposal.Result propose(String text) throws GitLabException {
        try (GitLabClient client = GitLabClient.connect(gitlab.url(), new Secret(FakeGitLab.TOKEN),
                new Backoff(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), d -> { }))) {
            return new FileProposal(client).propose(new FileProposal.Request(PROJECT, PATH, text, BRANCH,
                    "Refresh the AMI bake list", "The weekly bake found these images.", List.of("ami")));
        }
    }

    private List<String> writes() {
        List<String> out = new ArrayList<>();
        for (ServeEvent e : gitlab.server().getAllServeEvents()) {
            String m = e.getRequest().getMethod().getName();
            if (!m.equals("GET")) {
                out.add(m + " " + e.getRequest().getUrl());
            }
        }
        return out;
    }

    @Test
    void firstRunOpensSecondRunWritesNothingThirdRunUpdatesTheSameMergeRequest() throws Exception {
        FileProposal.Result first = propose("docker.io/library/golang:1.26\n");
        assertEquals(FileProposal.Outcome.OPENED, first.outcome(), first.detail());
        assertEquals(1, gitlab.mergeRequests(PROJECT).size());
        FakeGitLab.FMergeRequest mr = gitlab.mergeRequests(PROJECT).get(0);
        assertEquals(BRANCH, mr.source);
        assertEquals("Refresh the AMI bake list", mr.title);
        assertTrue(mr.description.endsWith(FileProposal.MARKER), mr.description);
        assertEquals("docker.io/library/golang:1.26\n", gitlab.file(PROJECT, BRANCH, PATH));
        assertEquals("docker.io/library/golang:1.25\n", gitlab.file(PROJECT, "main", PATH), "main is untouched");
        assertEquals(1, gitlab.commitsOnly(PROJECT, BRANCH).size());

        int before = writes().size();
        FileProposal.Result second = propose("docker.io/library/golang:1.26\n");
        assertEquals(FileProposal.Outcome.UP_TO_DATE, second.outcome(), second.detail());
        assertEquals(before, writes().size(), "a rerun with the same content writes nothing");

        FileProposal.Result third = propose("docker.io/library/golang:1.26\ndocker.io/library/redis:8\n");
        assertEquals(FileProposal.Outcome.UPDATED, third.outcome(), third.detail());
        assertEquals(1, gitlab.mergeRequests(PROJECT).size(), "one merge request, updated in place");
        assertEquals(first.url(), third.url());
        assertEquals("docker.io/library/golang:1.26\ndocker.io/library/redis:8\n",
                gitlab.file(PROJECT, BRANCH, PATH));
        assertEquals(1, gitlab.commitsOnly(PROJECT, BRANCH).size(), "the branch is rebuilt: one commit on main");
    }

    @Test
    void aFileTheDefaultBranchAlreadyHoldsWritesNothing() throws Exception {
        FileProposal.Result r = propose("docker.io/library/golang:1.25\n");
        assertEquals(FileProposal.Outcome.UNCHANGED, r.outcome());
        assertEquals(List.of(), writes());
        assertEquals(0, gitlab.mergeRequests(PROJECT).size());
    }

    @Test
    void aNewFileIsCreated() throws Exception {
        gitlab.push(PROJECT, "main", java.util.Collections.singletonMap(PATH, null), "Alice", "alice@example.com");
        FileProposal.Result r = propose("docker.io/library/golang:1.26\n");
        assertEquals(FileProposal.Outcome.OPENED, r.outcome(), r.detail());
        assertEquals("docker.io/library/golang:1.26\n", gitlab.file(PROJECT, BRANCH, PATH));
    }

    @Test
    void someoneElsesCommitOnTheBranchIsNeverOverwritten() throws Exception {
        propose("docker.io/library/golang:1.26\n");
        gitlab.push(PROJECT, BRANCH, Map.of(PATH, "docker.io/library/golang:1.26\n# keep\n"), "Bob",
                "bob@example.com");
        FileProposal.Result r = propose("docker.io/library/golang:1.27\n");
        assertEquals(FileProposal.Outcome.REFUSED, r.outcome());
        assertTrue(r.detail().contains("Bob"), r.detail());
        assertEquals("docker.io/library/golang:1.26\n# keep\n", gitlab.file(PROJECT, BRANCH, PATH));
    }

    @Test
    void theDefaultBranchIsNeverTheBotBranch() {
        try (GitLabClient client = GitLabClient.connect(gitlab.url(), new Secret(FakeGitLab.TOKEN),
                Backoff.standard())) {
            GitLabException e = org.junit.jupiter.api.Assertions.assertThrows(GitLabException.class,
                    () -> new FileProposal(client).propose(new FileProposal.Request(PROJECT, PATH, "x\n", "main",
                            "t", "", List.of())));
            assertTrue(e.getMessage().contains("default branch"), e.getMessage());
        }
        assertFalse(writes().stream().anyMatch(w -> w.startsWith("POST")));
    }
}
