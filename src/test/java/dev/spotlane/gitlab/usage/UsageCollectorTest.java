package dev.spotlane.gitlab.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.FakeGitLab;
import dev.spotlane.gitlab.GitLabClient;
import dev.spotlane.gitlab.GitLabException;
import dev.spotlane.gitlab.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job listing against the fake GitLab (WireMock on 127.0.0.1): pagination by X-Next-Page, the stop at the
 * window's start, jobs with missing fields, unfinished jobs, retries, groups with subgroups, request counts.
 */
class UsageCollectorTest {
    static final Instant NOW = Instant.parse("2025-05-15T12:00:00Z");
    static final UsageWindow WINDOW = new UsageWindow("14d", NOW.minus(Duration.ofDays(14)), NOW);

    private FakeGitLab gitlab;
    private GitLabClient client;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        gitlab = new FakeGitLab();
        client = GitLabClient.connect(gitlab.url(), new Secret(FakeGitLab.TOKEN), new Backoff(3, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(5), sleeps::add));
    }

    @AfterEach
    void stop() {
        client.close();
        gitlab.close();
    }

    /** A job as GitLab's API answers it; {@code started} seconds after creation, null for never. */
    static Map<String, Object> job(long id, long pipeline, String name, String stage, String status, Instant created,
                                   Integer started, Double duration, String runner, List<String> tags) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", id);
        j.put("name", name);
        j.put("stage", stage);
        j.put("status", status);
        j.put("ref", "main");
        j.put("created_at", created.toString());
        j.put("started_at", started == null ? null : created.plusSeconds(started).toString());
        j.put("finished_at", status.equals("running") || status.equals("pending") ? null
                : created.plusSeconds((started == null ? 0 : started) + (duration == null ? 0 : Math.round(duration)))
                        .toString());
        j.put("duration", duration);
        j.put("queued_duration", started == null ? null : (double) started);
        j.put("tag_list", tags);
        j.put("pipeline", Map.of("id", pipeline, "project_id", 1, "status", "success"));
        if (runner != null) {
            j.put("runner", Map.of("id", 7, "description", runner, "active", true, "is_shared", false));
        } else {
            j.put("runner", null);
        }
        j.put("web_url", "https://gitlab.example.com/jobs/" + id);
        return j;
    }

    /** Job requests so far, as {@code decoded/path?decoded query}, oldest first. */
    private List<String> requests() {
        List<ServeEvent> events = new ArrayList<>(gitlab.server().getAllServeEvents());
        Collections.reverse(events);
        List<String> out = new ArrayList<>();
        for (ServeEvent e : events) {
            String url = e.getRequest().getUrl();
            int q = url.indexOf('?');
            List<String> seg = new ArrayList<>();
            for (String s : (q < 0 ? url : url.substring(0, q)).substring("/api/v4/".length()).split("/", -1)) {
                seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
            out.add(String.join(" ", seg) + (q < 0 ? "" : "?" + URLDecoder.decode(url.substring(q + 1),
                    StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void pagesUntilTheWindowStartsAndNoFurther() throws Exception {
        gitlab.project("g/app", Map.of());
        gitlab.jobPageSize = 2;
        // ids 1..8, one a day back from the newest: 1..3 are older than the window
        for (int i = 1; i <= 8; i++) {
            gitlab.job("g/app", job(i, 100 + i, "lint", "test", "success", NOW.minus(Duration.ofDays(18 - 2L * i)),
                    3, 30.5, "spot", List.of("t4g")));
        }
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(UsageCollector.ProjectRef.named("g/app"),
                WINDOW, null);
        // created 16d ago (id 1) ... 2d ago (id 8): 14d is the cut, id 2 (14d ago) is in, as since is inclusive
        assertEquals(List.of("102", "103", "104", "105", "106", "107", "108"), r.jobs().stream()
                .map(UsageJob::pipelineId).toList(), "oldest first");
        // pages [8,7] [6,5] [4,3] [2,1]: the last page holds the first job before the window; nothing after it
        assertEquals(4, r.pages());
        assertEquals(4, r.requests());
        List<String> reqs = requests();
        assertEquals(4, reqs.size(), reqs.toString());
        assertTrue(reqs.get(0).startsWith("projects g/app jobs?"), reqs.get(0));
        for (String scope : List.of("scope[]=success", "scope[]=failed", "scope[]=canceled")) {
            assertTrue(reqs.get(0).contains(scope), reqs.get(0));
        }
        assertTrue(reqs.get(3).contains("page=4"), reqs.get(3));
        assertEquals(0, r.unfinished());
    }

    @Test
    void readsTheArtifactSizesTheJobsApiLists() throws Exception {
        // GET /projects/:id/jobs lists each job's artifacts (archive, metadata, job log) with their size in bytes
        // (GitLab doc api/jobs.md, "List project jobs"); expired or erased artifacts are not listed
        gitlab.project("g/app", Map.of());
        Instant t = NOW.minus(Duration.ofDays(1));
        Map<String, Object> withArtifacts = job(1, 50, "build", "build", "success", t, 3, 60.0, "spot", List.of());
        withArtifacts.put("artifacts", List.of(
                Map.of("file_type", "archive", "size", 1_000_000, "filename", "artifacts.zip", "file_format", "zip"),
                Map.of("file_type", "metadata", "size", 2_000, "filename", "metadata.gz", "file_format", "gzip"),
                Map.of("file_type", "trace", "size", 30_000, "filename", "job.log")));
        gitlab.job("g/app", withArtifacts);
        gitlab.job("g/app", job(2, 50, "lint", "test", "success", t, 3, 10.0, "spot", List.of()));
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(UsageCollector.ProjectRef.named("g/app"),
                WINDOW, null);
        assertEquals(1_032_000L, r.jobs().get(0).artifactsSize());
        assertNull(r.jobs().get(1).artifactsSize());
        String json = JobsFiles.json(r.jobs());
        assertTrue(json.contains("\"artifacts_size\":1032000"), json);
    }

    @Test
    void keepsJobsWithMissingFieldsAndLeavesUnfinishedOnesOut() throws Exception {
        gitlab.project("g/app", Map.of());
        Instant t = NOW.minus(Duration.ofDays(1));
        // canceled before a runner took it: no started_at, no runner, null duration
        gitlab.job("g/app", job(1, 50, "deploy", "deploy", "canceled", t, null, null, null, List.of()));
        // a runner-less failure with a duration, stage missing from the payload
        Map<String, Object> noStage = job(2, 50, "lint", null, "failed", t, 5, 12.25, null, List.of("local"));
        noStage.remove("stage");
        noStage.remove("pipeline");
        gitlab.job("g/app", noStage);
        gitlab.job("g/app", job(3, 51, "build", "build", "running", t, 4, null, "spot", List.of("t4g", "cloud")));
        gitlab.job("g/app", job(4, 51, "test", "test", "success", t, 4, 61.5, "spot", List.of("t4g", "cloud")));
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(UsageCollector.ProjectRef.named("/g/app/"),
                WINDOW, null);
        assertEquals(List.of("deploy", "lint", "test"), r.jobs().stream().map(UsageJob::name).toList(),
                "the running job is not listed: GitLab answers only the finished scopes");
        UsageJob canceled = r.jobs().get(0);
        assertEquals("g/app", canceled.project());
        assertEquals("50", canceled.pipelineId());
        assertNull(canceled.startedAt());
        assertNull(canceled.runner());
        assertNull(canceled.duration());
        assertNull(canceled.queuedDuration());
        assertNull(canceled.runSeconds());
        assertEquals(t, canceled.createdAt());
        assertEquals(List.of(), canceled.tags());
        UsageJob lint = r.jobs().get(1);
        assertNull(lint.stage());
        assertEquals("test", lint.stageOrDefault());
        assertNull(lint.pipelineId());
        assertEquals(12.25, lint.duration());
        UsageJob test = r.jobs().get(2);
        assertEquals("spot", test.runner());
        assertEquals(List.of("t4g", "cloud"), test.tags());
        assertEquals(61.5, test.duration());
        assertEquals(4.0, test.queuedDuration());
        assertEquals(t.plusSeconds(4), test.startedAt());
        assertEquals(1, r.requests());
    }

    @Test
    void leavesOutUnfinishedJobsWhenTheServerIgnoresTheScopes() throws Exception {
        gitlab.project("g/app", Map.of());
        Instant t = NOW.minus(Duration.ofHours(2));
        gitlab.job("g/app", job(1, 9, "build", "build", "success", t, 1, 10.0, "spot", List.of()));
        gitlab.job("g/app", job(2, 9, "test", "test", "running", t, 1, null, "spot", List.of()));
        gitlab.job("g/app", job(3, 9, "deploy", "deploy", "manual", t, null, null, null, List.of()));
        // a GitLab that answers every job whatever the scope: the statuses are checked here too
        gitlab.jobScopes = false;
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(UsageCollector.ProjectRef.named("g/app"),
                WINDOW, null);
        assertEquals(List.of("build"), r.jobs().stream().map(UsageJob::name).toList());
        assertEquals(2, r.unfinished());
    }

    @Test
    void retriesA429ThenReadsThePage() throws Exception {
        gitlab.project("g/app", Map.of());
        gitlab.job("g/app", job(1, 9, "build", "build", "success", NOW.minus(Duration.ofHours(3)), 1, 10.0, "spot",
                List.of()));
        gitlab.fault("GET", "projects/g/app/jobs", 429, 1, "{\"message\":\"429 Too Many Requests\"}",
                Map.of("Retry-After", "7"));
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(UsageCollector.ProjectRef.named("g/app"),
                WINDOW, null);
        assertEquals(1, r.jobs().size());
        assertEquals(2, r.requests(), "the 429 and the retry");
        assertEquals(List.of(Duration.ofSeconds(7)), sleeps, "waits as Retry-After asks");
    }

    @Test
    void retriesA502OnALaterPage() throws Exception {
        gitlab.project("g/app", Map.of());
        gitlab.jobPageSize = 1;
        for (int i = 1; i <= 3; i++) {
            gitlab.job("g/app", job(i, 9, "job" + i, "test", "success", NOW.minus(Duration.ofHours(10 - i)), 1,
                    10.0, "spot", List.of()));
        }
        int[] seen = {0};
        gitlab.before = r -> {
            if (r.startsWith("GET projects/g/app/jobs") && ++seen[0] == 2) {
                gitlab.fault("GET", "projects/g/app/jobs", 502, 1);
            }
        };
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(UsageCollector.ProjectRef.named("g/app"),
                WINDOW, null);
        assertEquals(List.of("job1", "job2", "job3"), r.jobs().stream().map(UsageJob::name).toList());
        assertEquals(4, r.requests(), "three pages and one retry");
        assertEquals(1, sleeps.size());
    }

    @Test
    void failsAfterItsRetriesWithoutTheToken() {
        gitlab.project("g/app", Map.of());
        gitlab.fault("GET", "projects/g/app/jobs", 503, 10, "{\"message\":\"down, token " + FakeGitLab.TOKEN
                + "\"}", Map.of());
        GitLabException e = assertThrows(GitLabException.class, () -> new UsageCollector(client).jobs(
                UsageCollector.ProjectRef.named("g/app"), WINDOW, null));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("list jobs of g/app"), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 tries"), e.getMessage());
        assertFalse(e.getMessage().contains(FakeGitLab.TOKEN), e.getMessage());
    }

    @Test
    void selectsAGroupsProjectsWithSubgroupsLeavingArchivedOnesOut() throws Exception {
        gitlab.project("g/app", Map.of());
        gitlab.project("g/sub/lib", Map.of());
        gitlab.project("g/old", Map.of()).archived = true;
        gitlab.project("g/nojobs", Map.of()).jobsEnabled = false;
        gitlab.project("other/tool", Map.of());
        UsageCollector.Selection s = new UsageCollector(client).select(List.of("g", "missing"),
                List.of("other/tool", "g/app"));
        assertEquals(List.of("g/app", "g/nojobs", "g/sub/lib", "other/tool"), s.projects().stream()
                .map(UsageCollector.ProjectRef::path).toList());
        assertEquals("CI/CD is disabled", s.projects().get(1).skipReason());
        assertTrue(s.projects().get(0).id() != null, "a listed project is read by id");
        assertNull(s.projects().get(3).id());
        assertEquals(1, s.failures().size());
        assertEquals("missing", s.failures().get(0).group());
        assertTrue(s.failures().get(0).message().contains("404"), s.failures().get(0).message());
        assertEquals(2, s.listRequests());
        String listing = requests().get(0);
        assertTrue(listing.contains("include_subgroups=true") && listing.contains("archived=false"), listing);

        gitlab.job("g/sub/lib", job(1, 9, "build", "build", "success", NOW.minus(Duration.ofHours(3)), 1, 10.0,
                "spot", List.of()));
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(s.projects().get(2), WINDOW, null);
        assertEquals("g/sub/lib", r.jobs().get(0).project());
        assertTrue(requests().get(requests().size() - 1).startsWith("projects " + s.projects().get(2).id()
                + " jobs?"), requests().toString());
    }

    @Test
    void anEmptyProjectTakesOneRequest() throws Exception {
        gitlab.project("g/app", Map.of());
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(UsageCollector.ProjectRef.named("g/app"),
                WINDOW, null);
        assertEquals(List.of(), r.jobs());
        assertEquals(1, r.requests());
    }

    @Test
    void stopsAtAFullPageBoundaryWithOneMoreRequest() throws Exception {
        // exactly one page of jobs in the window and more behind it: the second page shows where the window starts
        gitlab.project("g/app", Map.of());
        gitlab.jobPageSize = 3;
        for (int i = 1; i <= 6; i++) {
            gitlab.job("g/app", job(i, 9, "j" + i, "test", "success", NOW.minus(Duration.ofDays(i <= 3 ? 20 : 1)),
                    1, 10.0, "spot", List.of()));
        }
        UsageCollector.ProjectJobs r = new UsageCollector(client).jobs(UsageCollector.ProjectRef.named("g/app"),
                WINDOW, null);
        assertEquals(3, r.jobs().size());
        assertEquals(2, r.requests());
    }
}
