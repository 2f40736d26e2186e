package dev.spotlane.cli;

import dev.spotlane.cli.ImagesCommandTest.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.spotlane.Golden;
import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.FakeGitLab;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code spotlane cutover} against a fake GitLab (WireMock on 127.0.0.1, a random port): the requests it makes,
 * what it writes and what it prints. Retries do not sleep: the backoff records its waits instead.
 */
class CutoverCommandTest {
    private static final Path APP = Path.of("src/test/resources/golden/cutover/app");
    private static final Path EXPECTED = Path.of("src/test/resources/golden/cutover/expected");
    private static final String BRANCH = "spotlane/cutover";

    private FakeGitLab gitlab;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        gitlab = new FakeGitLab();
        CutoverCommand.environment = name -> name.equals("GITLAB_TOKEN") ? FakeGitLab.TOKEN : null;
        CutoverCommand.backoff = () -> new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(5), sleeps::add);
    }

    @AfterEach
    void stop() {
        gitlab.close();
        CutoverCommand.environment = System::getenv;
        CutoverCommand.backoff = Backoff::standard;
    }

    private Run cutover(String... args) {
        List<String> all = new ArrayList<>(List.of("cutover", "--gitlab-url", gitlab.url()));
        all.addAll(List.of(args));
        return ImagesCommandTest.runKeeping(FakeGitLab.TOKEN, all);
    }

    private static Map<String, String> app() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(APP)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(APP.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }

    /** Requests made so far, as {@code METHOD decoded/path}, in order. */
    private List<String> requests() {
        List<ServeEvent> events = new ArrayList<>(gitlab.server().getAllServeEvents());
        Collections.reverse(events); // the journal lists the newest first
        List<String> out = new ArrayList<>();
        for (ServeEvent e : events) {
            String url = e.getRequest().getUrl();
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            List<String> seg = new ArrayList<>();
            for (String s : path.substring("/api/v4/".length()).split("/", -1)) {
                seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
            out.add(e.getRequest().getMethod().getName() + " " + String.join(" ", seg)
                    + (q < 0 ? "" : "?" + URLDecoder.decode(url.substring(q + 1), StandardCharsets.UTF_8)));
        }
        return out;
    }

    private List<String> writes() {
        return requests().stream().filter(r -> !r.startsWith("GET ") && !r.startsWith("HEAD ")).toList();
    }

    @Test
    void firstRunOpensOneMergeRequestWithTheFixedFilesAndAReviewerFriendlyDescription() throws IOException {
        gitlab.project("grp/app", app());
        String main = gitlab.branch("grp/app", "main");

        Run r = cutover("--group", "grp");

        assertEquals(0, r.code(), r.err());
        assertEquals(1, gitlab.mergeRequests("grp/app").size());
        FakeGitLab.FMergeRequest mr = gitlab.mergeRequests("grp/app").get(0);
        assertEquals(BRANCH, mr.source);
        assertEquals("main", mr.target);
        assertEquals("Route CI jobs to the ARM spot runners", mr.title);
        Golden.assertMatches(EXPECTED.resolve("description.md"), mr.description);
        // one commit, by the bot, on its own branch; the default branch untouched
        assertEquals(main, gitlab.branch("grp/app", "main"));
        List<FakeGitLab.FCommit> mine = gitlab.commitsOnly("grp/app", BRANCH);
        assertEquals(1, mine.size());
        assertEquals(FakeGitLab.BOT_EMAIL, mine.get(0).authorEmail());
        Golden.assertMatches(EXPECTED.resolve("commit-message.txt"), mine.get(0).message());
        Golden.assertMatches(EXPECTED.resolve("files/.gitlab-ci.yml"), gitlab.file("grp/app", BRANCH,
                ".gitlab-ci.yml"));
        Golden.assertMatches(EXPECTED.resolve("files/ci/test.yml"), gitlab.file("grp/app", BRANCH, "ci/test.yml"));
        // the summary: project, result, request count, merge request link
        assertTrue(r.out().matches("(?s)PROJECT +RESULT +REQUESTS +MERGE REQUEST / DETAIL\n"
                + "grp/app +opened +\\d+ +http://127\\.0\\.0\\.1:\\d+/grp/app/-/merge_requests/1\n.*"), r.out());
        assertTrue(r.err().contains("[1/1] grp/app"), r.err());
        // the requests of a typical project, in order: the golden documents the count per project
        Golden.assertMatches(EXPECTED.resolve("requests-first-run.txt"), String.join("\n", requests()) + "\n");
    }

    @Test
    void aGroupWithADocumentationProjectExitsZeroAndSaysWhyItWasSkipped() throws IOException {
        gitlab.project("grp/app", app());
        gitlab.project("grp/handbook", Map.of("README.md", "# handbook\n"));

        Run r = cutover("--group", "grp");

        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("skipped (no CI configuration)"), r.out());
        assertTrue(r.out().contains("no .gitlab-ci.yml on \"main\""), r.out());
        assertFalse(r.out().contains("failed"), r.out());
    }

    @Test
    void secondRunWritesNothing() throws IOException {
        gitlab.project("grp/app", app());
        assertEquals(0, cutover("--group", "grp").code());
        gitlab.server().resetRequests();

        Run r = cutover("--group", "grp");

        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), writes());
        assertTrue(r.out().contains("up to date"), r.out());
        assertEquals(1, gitlab.mergeRequests("grp/app").size());
        Golden.assertMatches(EXPECTED.resolve("requests-second-run.txt"), String.join("\n", requests()) + "\n");
    }

    @Test
    void anUpstreamChangeMakesOneNewCommitOnTheBotBranchAndNoNewMergeRequest() throws IOException {
        Map<String, String> files = app();
        gitlab.project("grp/app", files);
        assertEquals(0, cutover("--group", "grp").code());
        String firstBotCommit = gitlab.branch("grp/app", BRANCH);
        String upstream = gitlab.push("grp/app", "main", Map.of(".gitlab-ci.yml", files.get(".gitlab-ci.yml")
                + "\npackage:\n  stage: deploy\n  tags: [local]\n  script: make package\n"), "Bob", "bob@example.com");
        gitlab.server().resetRequests();

        Run r = cutover("--group", "grp");

        assertEquals(0, r.code(), r.err());
        List<String> writes = writes();
        assertEquals(1, writes.stream().filter(w -> w.startsWith("POST projects grp/app repository commits")).count(),
                writes.toString());
        assertEquals(0, writes.stream().filter(w -> w.startsWith("POST projects grp/app merge_requests")).count(),
                writes.toString());
        assertEquals(1, gitlab.mergeRequests("grp/app").size());
        // the branch now holds exactly one commit on top of the new default-branch commit
        List<FakeGitLab.FCommit> mine = gitlab.commitsOnly("grp/app", BRANCH);
        assertEquals(1, mine.size());
        assertEquals(upstream, mine.get(0).parent());
        assertNotEquals(firstBotCommit, mine.get(0).sha());
        assertTrue(gitlab.file("grp/app", BRANCH, ".gitlab-ci.yml").contains("package:\n  stage: deploy\n"
                + "  tags: [cloud, t4g]\n"), gitlab.file("grp/app", BRANCH, ".gitlab-ci.yml"));
        assertTrue(r.out().contains("updated"), r.out());
    }

    @Test
    void aServerErrorOnOneProjectDoesNotStopTheOthers() throws IOException {
        gitlab.project("grp/a", app());
        gitlab.project("grp/b", app());
        gitlab.project("grp/c", app());
        gitlab.fault("GET", "projects/grp/b/repository/files/.*", 500, 100);

        Run r = cutover("--group", "grp");

        assertEquals(1, r.code(), r.err());
        assertEquals(1, gitlab.mergeRequests("grp/a").size());
        assertEquals(0, gitlab.mergeRequests("grp/b").size());
        assertEquals(1, gitlab.mergeRequests("grp/c").size());
        assertTrue(r.out().matches("(?s).*\ngrp/b +failed +5 +read \".gitlab-ci.yml\" of grp/b at \"main\": HTTP 500"
                + " \\(500 scripted fault\\) after 5 tries\n.*"), r.out());
        assertTrue(r.err().contains("[2/3] grp/b"), r.err());
        // four waits for the five tries: 1, 2, 4, 8 seconds
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8)), sleeps);
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheTimeGitLabAsks() throws IOException {
        gitlab.project("grp/app", app());
        gitlab.fault("GET", "projects/grp/app/repository/files/.gitlab-ci.yml", 429, 1,
                "{\"message\":\"429 Too Many Requests\"}", Map.of("Retry-After", "7"));

        Run r = cutover("--group", "grp");

        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
        assertEquals(1, gitlab.mergeRequests("grp/app").size());
        assertEquals(2, requests().stream().filter(q -> q.startsWith(
                "GET projects grp/app repository files .gitlab-ci.yml")).count());
    }

    @Test
    void retriesStopWithinTheRunsWaitingBudget() throws IOException {
        gitlab.project("grp/a", app());
        gitlab.project("grp/b", app());
        gitlab.fault("GET", "projects/grp/./repository/files/.*", 503, 1000, "{\"message\":\"down\"}",
                Map.of("Retry-After", "30"));
        CutoverCommand.backoff = () -> new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(100), sleeps::add);

        Run r = cutover("--group", "grp");

        assertEquals(1, r.code());
        // 30 + 30 + 30 fit in 100 seconds; the fourth wait would not, and the second project gets no waits at all
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30)), sleeps);
        assertTrue(r.out().contains("grp/b"), r.out());
    }

    @Test
    void groupProjectsArePagedThroughAndArchivedOnesLeftOut() throws IOException {
        for (String p : List.of("grp/a", "grp/b", "grp/sub/c", "grp/sub/deeper/d", "grp/e")) {
            gitlab.project(p, app());
        }
        gitlab.project("grp/old", app()).archived = true;
        gitlab.project("other/x", app());
        gitlab.groupPageSize = 2;
        gitlab.totals = false;

        Run r = cutover("--group", "grp", "--dry-run");

        assertEquals(0, r.code(), r.err());
        List<String> listing = requests().stream().filter(q -> q.startsWith("GET groups grp projects")).toList();
        assertEquals(3, listing.size(), listing.toString());
        assertTrue(listing.get(0).contains("include_subgroups=true") && listing.get(0).contains("archived=false"),
                listing.get(0));
        for (String p : List.of("grp/a", "grp/b", "grp/e", "grp/sub/c", "grp/sub/deeper/d")) {
            assertTrue(r.out().contains("\n" + p + " "), p + " missing:\n" + r.out());
        }
        assertFalse(r.out().contains("grp/old"), r.out());
        assertFalse(r.out().contains("other/x"), r.out());
        assertTrue(r.err().contains("[5/5] grp/sub/deeper/d"), r.err());
    }

    @Test
    void theTokenNeverAppearsEvenWhenGitLabEchoesIt() throws IOException {
        gitlab.project("grp/app", app());
        gitlab.project("grp/echo", app());
        gitlab.fault("GET", "projects/grp/echo/repository/files/.*", 403, 1,
                "{\"message\":\"403 Forbidden: token " + FakeGitLab.TOKEN + " lacks read_repository\"}", Map.of());

        Run r = cutover("--group", "grp", "--format", "json");

        // cutover() asserts the token is on neither stream; here: the message is still useful
        assertEquals(1, r.code());
        assertTrue(r.out().contains("403 Forbidden: token [masked] lacks read_repository"), r.out());
        for (FakeGitLab.FMergeRequest mr : gitlab.mergeRequests("grp/app")) {
            assertFalse(mr.description.contains(FakeGitLab.TOKEN));
        }
    }

    @Test
    void aWrongTokenFailsEveryProjectWithoutPrintingIt() throws IOException {
        gitlab.project("grp/app", app());
        CutoverCommand.environment = name -> name.equals("MY_TOKEN") ? "glpat-wrong-" + FakeGitLab.TOKEN : null;

        Run r = cutover("--project", "grp/app", "--token-env", "MY_TOKEN");

        assertEquals(1, r.code());
        assertTrue(r.out().contains("HTTP 401"), r.out());
        assertFalse(r.out().contains("glpat-wrong"), r.out());
    }

    @Test
    void aMissingTokenIsAUsageError() {
        CutoverCommand.environment = name -> null;
        Run r = cutover("--project", "grp/app");
        assertEquals(2, r.code());
        assertEquals("spotlane: environment variable GITLAB_TOKEN is not set or empty (--token-env names the"
                + " variable holding the GitLab token)", r.err().strip());
        assertEquals(List.of(), requests());
    }

    @Test
    void dryRunPrintsTheDiffAndWritesNothing() throws IOException {
        gitlab.project("grp/app", app());

        Run r = cutover("--project", "grp/app", "--dry-run");

        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), writes());
        assertTrue(r.out().startsWith("# grp/app\n--- a/.gitlab-ci.yml\n+++ b/.gitlab-ci.yml\n"), r.out());
        assertTrue(r.out().contains("+    pull_policy: always\n"), r.out());
        assertTrue(r.out().contains("\ngrp/app  would change"), r.out());
        assertEquals(0, gitlab.mergeRequests("grp/app").size());
    }

    @Test
    void shardKeepsEveryNthProjectOfTheSortedList() throws IOException {
        for (String p : List.of("grp/d", "grp/a", "grp/c", "grp/b")) {
            gitlab.project(p, app());
        }

        Run r = cutover("--group", "grp", "--shard", "1/2", "--dry-run", "--format", "json");

        assertEquals(0, r.code(), r.err());
        // sorted: a b c d; index 1 and 3
        assertTrue(r.out().contains("\"project\":\"grp/b\""), r.out());
        assertTrue(r.out().contains("\"project\":\"grp/d\""), r.out());
        assertFalse(r.out().contains("\"project\":\"grp/a\""), r.out());
        assertFalse(r.out().contains("\"project\":\"grp/c\""), r.out());
        assertTrue(r.out().contains("\"shard\":\"1/2\""), r.out());
    }

    @Test
    void aShardIndexFromCiNodeIndexUnmappedIsAUsageError() {
        Run r = cutover("--group", "grp", "--shard", "2/2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("$((CI_NODE_INDEX - 1))/$CI_NODE_TOTAL"), r.err());
    }

    @Test
    void maxMrsCapsTheMergeRequestsOpenedInOneRun() throws IOException {
        for (String p : List.of("grp/a", "grp/b", "grp/c")) {
            gitlab.project(p, app());
        }

        Run r = cutover("--group", "grp", "--max-mrs", "1");

        assertEquals(0, r.code(), r.err());
        assertEquals(1, gitlab.mergeRequests("grp/a").size());
        assertEquals(0, gitlab.mergeRequests("grp/b").size());
        assertEquals(0, gitlab.mergeRequests("grp/c").size());
        assertEquals(1, writes().stream().filter(w -> w.startsWith("POST") && w.contains("commits")).count());
        assertTrue(r.out().matches("(?s).*\ngrp/b +skipped \\(--max-mrs\\) .*"), r.out());
    }

    @Test
    void commitsBySomeoneElseOnTheBotBranchAreNeverOverwritten() throws IOException {
        Map<String, String> files = app();
        gitlab.project("grp/app", files);
        assertEquals(0, cutover("--project", "grp/app").code());
        String human = gitlab.push("grp/app", BRANCH, Map.of("README.md", "notes\n"), "Carol", "carol@example.com");
        gitlab.push("grp/app", "main", Map.of(".gitlab-ci.yml", files.get(".gitlab-ci.yml") + "\n# upstream\n"),
                "Bob", "bob@example.com");
        gitlab.server().resetRequests();

        Run r = cutover("--project", "grp/app");

        assertEquals(1, r.code());
        assertEquals(human, gitlab.branch("grp/app", BRANCH));
        assertEquals(List.of(), writes());
        assertTrue(r.out().contains("by \"Carol\", not the bot"), r.out());
    }

    @Test
    void aFileChangedBetweenReadAndCommitFailsTheCommitAndWritesNothing() throws IOException {
        Map<String, String> files = app();
        gitlab.project("grp/app", files);
        boolean[] pushed = {false};
        gitlab.before = request -> {
            if (request.equals("POST projects/grp/app/repository/commits") && !pushed[0]) {
                pushed[0] = true;
                gitlab.push("grp/app", "main", Map.of("ci/test.yml", files.get("ci/test.yml") + "\n# concurrent\n"),
                        "Dave", "dave@example.com");
            }
        };

        Run r = cutover("--project", "grp/app");

        assertEquals(1, r.code());
        assertEquals(null, gitlab.branch("grp/app", BRANCH));
        assertEquals(0, gitlab.mergeRequests("grp/app").size());
        assertTrue(r.out().contains("a file changed on \"main\" after it was read"), r.out());
    }

    @Test
    void aConflictWhenOpeningTheMergeRequestUpdatesTheOneThatExists() throws IOException {
        gitlab.project("grp/app", app());
        gitlab.before = request -> {
            if (request.equals("POST projects/grp/app/merge_requests") && gitlab.mergeRequests("grp/app").isEmpty()) {
                gitlab.openMergeRequest("grp/app", BRANCH, "opened by a parallel run");
            }
        };

        Run r = cutover("--project", "grp/app");

        assertEquals(0, r.code(), r.err());
        assertEquals(1, gitlab.mergeRequests("grp/app").size());
        assertTrue(gitlab.mergeRequests("grp/app").get(0).description.contains("### Jobs moved (4)"));
        assertTrue(r.out().contains("updated"), r.out());
    }

    @Test
    void aClosedMergeRequestIsNotOpenedAgainWhileItsBranchIsThere() throws IOException {
        gitlab.project("grp/app", app());
        assertEquals(0, cutover("--project", "grp/app").code());
        gitlab.mergeRequests("grp/app").get(0).state = "closed";
        gitlab.server().resetRequests();

        Run r = cutover("--project", "grp/app");

        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), writes());
        assertTrue(r.out().contains("was closed without merging"), r.out());
    }

    @Test
    void eachProjectsProblemIsReportedAndTheRunGoesOn() throws IOException {
        gitlab.project("grp/fine", app());
        gitlab.project("grp/no-ci", Map.of("README.md", "hello\n"));
        gitlab.project("grp/bad-yaml", Map.of(".gitlab-ci.yml", "build:\n  script: [a\n  tags: x\n"));
        gitlab.project("grp/rejected", Map.of(".gitlab-ci.yml", "build:\n  extends: .missing\n  script: make\n"));
        gitlab.project("grp/forbidden", app());
        gitlab.fault("GET", "projects/grp/forbidden/repository/files/.*", 403, 1);

        Run r = cutover("--group", "grp", "--project", "grp/missing");

        assertEquals(1, r.code());
        Golden.assertMatches(EXPECTED.resolve("failures.txt"), r.out().replaceAll("127\\.0\\.0\\.1:\\d+", "HOST"));
    }

    @Test
    void compliantProjectsWriteNothing() throws IOException {
        gitlab.project("grp/app", app());
        assertEquals(0, cutover("--project", "grp/app").code());
        // merge the bot's change: the default branch now follows the policy
        String merged = gitlab.branch("grp/app", BRANCH);
        Map<String, String> files = new TreeMap<>(gitlab.commitAt(merged).files());
        gitlab.push("grp/app", "main", files, "Erin", "erin@example.com");
        gitlab.server().resetRequests();

        Run r = cutover("--project", "grp/app", "--rules", "rules/spotlane.yml");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("grp/app  compliant"), r.out());
        assertEquals(List.of(), writes());
    }

    @Test
    void requestsPerProjectForATypicalProject() throws IOException {
        gitlab.project("grp/app", app());
        String rules = "rules/spotlane.yml";

        Run first = cutover("--group", "grp", "--rules", rules);
        Run second = cutover("--group", "grp", "--rules", rules);
        Map<String, String> merged = new TreeMap<>(gitlab.commitAt(gitlab.branch("grp/app", BRANCH)).files());
        gitlab.push("grp/app", "main", merged, "Erin", "erin@example.com");
        gitlab.mergeRequests("grp/app").get(0).state = "merged";
        Run compliant = cutover("--group", "grp", "--rules", rules);

        // main file, include, merge request list, commit, merge request
        assertTrue(first.out().matches("(?s).*\ngrp/app +opened +5 .*"), first.out());
        // main file, include, merge request list, compare, the two changed files at the branch head
        assertTrue(second.out().matches("(?s).*\ngrp/app +up to date +6 .*"), second.out());
        // main file, include
        assertTrue(compliant.out().matches("(?s).*\ngrp/app +compliant +2 .*"), compliant.out());
    }

    @Test
    void theComponentsShardsTakeEveryProjectExactlyOnce() throws IOException {
        String template = Files.readString(Path.of("templates/cutover.yml"));
        assertTrue(template.contains("parallel: $[[ inputs.shards ]]"), "the component runs parallel: shards");
        assertTrue(template.contains("shard_index=$(( ${CI_NODE_INDEX:-1} - 1 ))"), "CI_NODE_INDEX is 1-based");
        assertTrue(template.contains("--shard \"$shard_index/$shard_total\""), "the job passes the mapped index");
        List<String> all = List.of("grp/a", "grp/b", "grp/c", "grp/d", "grp/e", "grp/sub/f", "grp/sub/g");
        for (String p : all) {
            gitlab.project(p, Map.of(".gitlab-ci.yml", "build:\n  script: make\n"));
        }
        List<String> seen = new ArrayList<>();
        int total = 3;
        for (int node = 1; node <= total; node++) {
            // what the job computes from CI_NODE_INDEX=node, CI_NODE_TOTAL=total
            Run r = cutover("--group", "grp", "--dry-run", "--shard", (node - 1) + "/" + total, "--format", "json");
            assertEquals(0, r.code(), r.err());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"project\":\"([^\"]+)\"").matcher(r.out());
            while (m.find()) {
                seen.add(m.group(1));
            }
        }
        Collections.sort(seen);
        assertEquals(all, seen);
    }
}
