package dev.spotlane.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bot and its include source against the fake GitLab, without the command line. */
class CutoverBotTest {
    private FakeGitLab gitlab;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() {
        gitlab = new FakeGitLab();
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    private GitLabClient client() {
        return GitLabClient.connect(gitlab.url(), new Secret(FakeGitLab.TOKEN), new Backoff(3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofMinutes(1), sleeps::add));
    }

    private CutoverBot.Run run(CutoverBot.Options options, List<String> groups, List<String> projects) {
        try (GitLabClient client = client()) {
            CutoverBot bot = new CutoverBot(client, options, null);
            return bot.run(bot.select(groups, projects, Shard.ALL), new CutoverBot.Listener() {
                @Override
                public void starting(int index, int total, String project) {
                }

                @Override
                public void finished(int index, int total, ProjectResult result) {
                }
            });
        }
    }

    private static CutoverBot.Options options(boolean dryRun) {
        return new CutoverBot.Options("spotlane/cutover", dryRun, false, List.of(), -1);
    }

    private List<String> urls() {
        List<String> out = new ArrayList<>();
        for (ServeEvent e : gitlab.server().getAllServeEvents()) {
            out.add(e.getRequest().getMethod() + " " + e.getRequest().getUrl());
        }
        java.util.Collections.reverse(out); // the journal lists the newest first
        return out;
    }

    @Test
    void noFileIsFetchedTwiceInARunEvenWhenManyProjectsIncludeIt() {
        String including = """
                include:
                  - project: grp/templates
                    file: /templates/go.yml
                  - local: ci/*.yml
                  - local: extra.yml
                    rules:
                      - exists: [extra.yml]
                build:
                  extends: .go
                  script: go build ./...
                """;
        gitlab.project("grp/templates", Map.of("templates/go.yml", ".go:\n  image: golang:1.22\n  tags: [local]\n"));
        for (String p : List.of("grp/a", "grp/b")) {
            gitlab.project(p, Map.of(".gitlab-ci.yml", including,
                    "ci/test.yml", "test:\n  extends: .go\n  script: go test ./...\n",
                    "ci/vet.yml", "vet:\n  extends: .go\n  script: go vet ./...\n",
                    "extra.yml", "extra:\n  extends: .go\n  script: make extra\n"));
        }

        CutoverBot.Run run = run(options(true), List.of(), List.of("grp/a", "grp/b"));

        assertFalse(run.failed(), run.results().toString());
        assertEquals(ProjectResult.Outcome.WOULD_CHANGE, run.results().get(0).outcome());
        List<String> urls = urls();
        Set<String> seen = new HashSet<>();
        for (String u : urls) {
            assertTrue(seen.add(u), "fetched twice: " + u + " in " + urls);
        }
        // the shared template: one project lookup (its default branch) and one file read for both projects
        assertEquals(1, urls.stream().filter(u -> u.contains("/projects/grp%2Ftemplates/repository/files/")).count(),
                urls.toString());
        assertEquals(1, urls.stream().filter(u -> u.endsWith("/projects/grp%2Ftemplates")).count(), urls.toString());
        // one tree listing per project for the wildcard; the rules:exists check reuses it
        assertEquals(2, urls.stream().filter(u -> u.contains("/repository/tree")).count(), urls.toString());
        // the request counts add up
        assertEquals(urls.size(), run.totalRequests());
        assertEquals(urls.size(), run.results().stream().mapToInt(ProjectResult::requests).sum());
        // the diff names the project's own files by their path
        assertTrue(run.results().get(0).diff().contains("--- a/.gitlab-ci.yml"), run.results().get(0).diff());
    }

    @Test
    void everyFileOfAProjectIsReadAtTheCommitItsMainFileWasReadAt() {
        gitlab.project("grp/a", Map.of(".gitlab-ci.yml", "include: ci/test.yml\nbuild:\n  tags: [local]\n"
                + "  script: make\n", "ci/test.yml", "test:\n  tags: [local]\n  script: make test\n"));
        String sha = gitlab.branch("grp/a", "main");

        run(options(true), List.of(), List.of("grp/a"));

        List<String> reads = urls().stream().filter(u -> u.contains("/repository/files/")).toList();
        assertEquals("GET /api/v4/projects/grp%2Fa/repository/files/%2Egitlab%2Dci%2Eyml?ref=main", reads.get(0));
        for (String r : reads.subList(1, reads.size())) {
            assertTrue(r.endsWith("?ref=" + sha), r);
        }
    }

    @Test
    void aBotBranchThatIsTheDefaultBranchIsRefused() {
        gitlab.project("grp/a", Map.of(".gitlab-ci.yml", "build:\n  tags: [local]\n  script: make\n"));
        String before = gitlab.branch("grp/a", "main");

        CutoverBot.Run run = run(new CutoverBot.Options("main", false, false, List.of(), -1), List.of(),
                List.of("grp/a"));

        assertTrue(run.failed());
        assertEquals("the bot branch \"main\" is the default branch: refusing to write to it",
                run.results().get(0).detail());
        assertEquals(before, gitlab.branch("grp/a", "main"));
    }

    @Test
    void theProjectsOwnCiConfigurationFileIsTheOneFixed() {
        gitlab.project("grp/custom", Map.of("ci/pipeline.yml", "build:\n  tags: [local]\n  script: make\n"))
                .ciConfigPath = "ci/pipeline.yml";
        gitlab.project("grp/elsewhere", Map.of("README.md", "x\n")).ciConfigPath = "ci.yml@grp/central";
        gitlab.project("grp/no-jobs", Map.of("README.md", "x\n")).jobsEnabled = false;

        CutoverBot.Run run = run(options(false), List.of("grp"), List.of());

        assertFalse(run.failed(), run.results().toString());
        assertEquals(ProjectResult.Outcome.OPENED, run.results().get(0).outcome(), run.results().toString());
        assertEquals("build:\n  tags: [cloud, t4g]\n  script: make\n", gitlab.file("grp/custom", "spotlane/cutover",
                "ci/pipeline.yml"));
        assertEquals(ProjectResult.Outcome.SKIPPED, run.results().get(1).outcome());
        assertTrue(run.results().get(1).detail().contains("lives outside the project"), run.results().get(1).detail());
        assertEquals("CI/CD is disabled", run.results().get(2).detail());
    }

    @Test
    void aProjectsSpotlaneYmlThatExtendsCentralRulesIsFollowedAndTheDescriptionNamesThem() {
        gitlab.project("grp/ci-policy", Map.of("spotlane.yml", "version: 1\nrouting:\n  policy: overflow\n"
                + "  cloud_tag: cloud\n  local_tags: [local]\n  classes:\n    t4g: { tags: [t4g], default: true }\n"
                + "    c7g: { tags: [c7g] }\n  routes:\n    - { name: all, match: { jobs: ['*'] }, class: t4g }\n"));
        gitlab.project("grp/app", Map.of(".gitlab-ci.yml", "build:\n  tags: [local]\n  script: make\n"
                + "deploy:\n  tags: [local]\n  script: make deploy\n",
                ".spotlane.yml", "extends: { project: grp/ci-policy, file: spotlane.yml, ref: main }\n"
                        + "routing:\n  routes:\n    - { name: deploy-big, match: { jobs: [deploy] }, class: c7g }\n"));

        CutoverBot.Run run = run(options(false), List.of(), List.of("grp/app"));

        assertFalse(run.failed(), run.results().toString());
        // overflow: the default class takes untagged jobs; the project's own route sends deploy to c7g
        assertEquals("build:\n  tags: []\n  script: make\ndeploy:\n  tags: [cloud, c7g]\n"
                + "  script: make deploy\n", gitlab.file("grp/app", "spotlane/cutover", ".gitlab-ci.yml"));
        String description = gitlab.mergeRequests("grp/app").get(0).description;
        assertTrue(description.contains("`.spotlane.yml (merged with grp/ci-policy:spotlane.yml@main)`"),
                description);
    }

    @Test
    void centralRulesTheBotCannotReadFailTheProjectRatherThanOpenAnotherPolicy() {
        gitlab.project("grp/app", Map.of(".gitlab-ci.yml", "build:\n  tags: [local]\n  script: make\n",
                ".spotlane.yml", "extends: { project: grp/nowhere, file: spotlane.yml, ref: main }\n"));

        CutoverBot.Run run = run(options(false), List.of(), List.of("grp/app"));

        assertTrue(run.failed(), run.results().toString());
        assertEquals(ProjectResult.Outcome.FAILED, run.results().get(0).outcome());
        assertTrue(run.results().get(0).detail().startsWith("the central rules \"grp/nowhere:spotlane.yml@main\""
                + " could not be read"), run.results().get(0).detail());
        assertTrue(gitlab.mergeRequests("grp/app").isEmpty());
    }

    @Test
    void aProjectWithoutACiConfigurationFileIsSkippedNotFailed() {
        gitlab.project("grp/app", Map.of(".gitlab-ci.yml", "build:\n  tags: [local]\n  script: make\n"));
        gitlab.project("grp/docs", Map.of("README.md", "x\n"));
        gitlab.project("grp/lib", Map.of("pom.xml", "<project/>\n")).ciConfigPath = "ci/pipeline.yml";

        CutoverBot.Run run = run(options(false), List.of("grp"), List.of());

        assertFalse(run.failed(), run.results().toString());
        assertEquals(ProjectResult.Outcome.OPENED, run.results().get(0).outcome(), run.results().toString());
        assertEquals(ProjectResult.Outcome.NO_CI, run.results().get(1).outcome(), run.results().toString());
        assertEquals("skipped (no CI configuration)", run.results().get(1).outcome().label());
        assertEquals("no .gitlab-ci.yml on \"main\"", run.results().get(1).detail());
        assertEquals(ProjectResult.Outcome.NO_CI, run.results().get(2).outcome(), run.results().toString());
        assertEquals("no ci/pipeline.yml on \"main\"", run.results().get(2).detail());
    }

    @Test
    void aRealFailureNextToAProjectWithoutCiConfigurationStillFailsTheRun() {
        gitlab.project("grp/docs", Map.of("README.md", "x\n"));
        gitlab.project("grp/broken", Map.of(".gitlab-ci.yml", "build: [\n"));

        CutoverBot.Run run = run(options(true), List.of("grp"), List.of());

        assertTrue(run.failed(), run.results().toString());
        assertEquals(ProjectResult.Outcome.FAILED, run.results().get(0).outcome(), run.results().toString());
        assertEquals(ProjectResult.Outcome.NO_CI, run.results().get(1).outcome(), run.results().toString());
    }

    @Test
    void draftAndLabelsReachTheMergeRequest() {
        gitlab.project("grp/a", Map.of(".gitlab-ci.yml", "build:\n  tags: [local]\n  script: make\n"));

        run(new CutoverBot.Options("spotlane/cutover", false, true, List.of("ci", "cutover"), -1), List.of(),
                List.of("grp/a"));

        FakeGitLab.FMergeRequest mr = gitlab.mergeRequests("grp/a").get(0);
        assertEquals("Draft: Route CI jobs to the ARM spot runners", mr.title);
        assertEquals("ci,cutover", mr.labels);
    }

    @Test
    void writesAreNotRepeatedAfterAnInternalServerError() {
        gitlab.project("grp/a", Map.of(".gitlab-ci.yml", "build:\n  tags: [local]\n  script: make\n"));
        gitlab.fault("POST", "projects/grp/a/repository/commits", 500, 1);

        CutoverBot.Run run = run(options(false), List.of(), List.of("grp/a"));

        assertTrue(run.failed());
        assertEquals(1, urls().stream().filter(u -> u.startsWith("POST")).count());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void backoffDoublesUpToItsCeilingAndHonoursRetryAfter() {
        Backoff b = new Backoff(6, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1), d -> { });
        assertEquals(Duration.ofSeconds(1), b.delay(1, null));
        assertEquals(Duration.ofSeconds(2), b.delay(2, null));
        assertEquals(Duration.ofSeconds(4), b.delay(3, null));
        assertEquals(Duration.ofSeconds(5), b.delay(4, null));
        assertEquals(Duration.ofSeconds(3), b.delay(1, Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(5), b.delay(1, Duration.ofSeconds(60)));
    }

    @Test
    void shardsSplitTheSortedListWithoutOverlap() {
        List<String> all = List.of("a", "b", "c", "d", "e");
        assertEquals(List.of("a", "c", "e"), Shard.parse("0/2").select(all));
        assertEquals(List.of("b", "d"), Shard.parse("1/2").select(all));
        assertEquals(all, Shard.ALL.select(all));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/3"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("1/0"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("x/2"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("2"));
    }

    @Test
    void theSecretIsMaskedInTextAndInItsOwnToString() {
        Secret s = new Secret("glpat-abc");
        assertEquals("[masked]", s.toString());
        assertEquals("denied for [masked] at [masked]", s.scrub("denied for glpat-abc at glpat-abc"));
        assertThrows(IllegalArgumentException.class, () -> new Secret(" "));
    }

    @Test
    void markdownCellsSurviveBackticksAndPipes() {
        assertEquals("`a\\|b`", MergeRequestText.code("a|b"));
        assertEquals("``x`y``", MergeRequestText.code("x`y"));
        assertEquals("`` `x ``", MergeRequestText.code("`x"));
    }
}
