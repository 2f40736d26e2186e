package dev.spotlane.cli;

import dev.spotlane.cli.ImagesCommandTest.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.spotlane.Golden;
import dev.spotlane.fleet.sim.JobTrace;
import dev.spotlane.fleet.sim.JobTraceReader;
import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.FakeGitLab;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spotlane usage} end to end: against the fake GitLab (WireMock on 127.0.0.1) with a fixed clock and a backoff
 * that records its waits, and on the CSV/JSON exports of the hand-computed trace in {@code golden/usage}.
 */
class UsageCommandTest {
    private static final Path DIR = Path.of("src/test/resources/golden/usage");
    private static final Instant NOW = Instant.parse("2025-05-15T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeGitLab gitlab;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        gitlab = new FakeGitLab();
        UsageCommand.environment = name -> name.equals("GITLAB_TOKEN") ? FakeGitLab.TOKEN : null;
        UsageCommand.backoff = () -> new Backoff(3, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(5), sleeps::add);
        UsageCommand.now = () -> NOW;
        UsageCommand.writeEvery = Duration.ZERO;
    }

    @AfterEach
    void stop() {
        gitlab.close();
        UsageCommand.environment = System::getenv;
        UsageCommand.backoff = Backoff::standard;
        UsageCommand.now = Instant::now;
        UsageCommand.writeEvery = Duration.ofSeconds(5);
    }

    private Run usage(String... args) {
        List<String> all = new ArrayList<>(List.of("usage"));
        all.addAll(List.of(args));
        return ImagesCommandTest.runKeeping(FakeGitLab.TOKEN, all);
    }

    private Run api(String... args) {
        List<String> all = new ArrayList<>(List.of("--gitlab-url", gitlab.url()));
        all.addAll(List.of(args));
        return usage(all.toArray(String[]::new));
    }

    /** Requests so far as {@code decoded path}, without the query, oldest first. */
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
            out.add(String.join(" ", seg));
        }
        return out;
    }

    private static Map<String, Object> job(long id, long pipeline, String name, String status, Instant created,
                                           double duration) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", id);
        j.put("name", name);
        j.put("stage", "test");
        j.put("status", status);
        j.put("created_at", created.toString());
        j.put("started_at", created.plusSeconds(10).toString());
        j.put("finished_at", status.equals("running") ? null : created.plusSeconds(10 + (long) duration).toString());
        j.put("duration", status.equals("running") ? null : duration);
        j.put("queued_duration", 10.0);
        j.put("tag_list", List.of("t4g", "cloud"));
        j.put("runner", Map.of("id", 4, "description", "spot t4g"));
        j.put("pipeline", Map.of("id", pipeline));
        return j;
    }

    /** g/app (5 jobs in the window, 2 older), g/sub/lib (3 jobs, one running), g/old archived. */
    private void history() {
        gitlab.project("g/app", Map.of());
        gitlab.project("g/sub/lib", Map.of());
        gitlab.project("g/old", Map.of()).archived = true;
        gitlab.jobPageSize = 2;
        for (int i = 1; i <= 7; i++) {
            gitlab.job("g/app", job(i, 10 + i / 2, "lint", "success", NOW.minus(Duration.ofDays(20 - 2L * i)),
                    1800));
        }
        gitlab.job("g/sub/lib", job(20, 40, "unit-tests", "failed", NOW.minus(Duration.ofDays(3)), 600));
        gitlab.job("g/sub/lib", job(21, 40, "integration-test", "success", NOW.minus(Duration.ofDays(3)), 3600));
        gitlab.job("g/sub/lib", job(22, 41, "lint", "running", NOW.minus(Duration.ofMinutes(5)), 0));
        gitlab.job("g/old", job(30, 50, "lint", "success", NOW.minus(Duration.ofDays(1)), 60));
    }

    @Test
    void collectsAGroupWritesJobsJsonAndSumsItUp() throws Exception {
        history();
        Path jobs = tmp.resolve("jobs.json");
        Run r = api("--group", "g", "--since", "14d", "--output", jobs.toString());
        assertEquals(0, r.code(), r.err());
        // g/app: ids 4..7 created 12d..6d ago are in, 3 (14d ago, to the second) too; pages [7,6] [5,4] [3,2]
        assertTrue(r.err().contains("[1/2] g/app: 5 job(s), 3 request(s); 5 job(s) so far"), r.err());
        assertTrue(r.err().contains("[2/2] g/sub/lib: 2 job(s), 1 request(s); 7 job(s) so far"), r.err());
        assertTrue(r.err().contains("2 project(s); jobs created 2025-05-01T12:00:00Z to 2025-05-15T12:00:00Z"),
                r.err());
        assertEquals(List.of("groups g projects", "projects 100 jobs", "projects 100 jobs", "projects 100 jobs",
                "projects 101 jobs"), requests());
        assertTrue(r.out().startsWith("spotlane usage: " + gitlab.url() + ", 2 project(s) (2 read), 5 API"
                + " request(s), rules: bundled rules/spotlane.yml\n"), r.out());
        assertTrue(r.out().contains("\npipelines    4\n"), r.out());
        assertTrue(r.out().contains("\njobs         7\n"), r.out());
        // 5 x 1800 + 600 + 3600 = 13200 s = 3.67 h, every class 2 vCPUs under the bundled rules
        assertTrue(r.out().contains("\nCPU-hours    7.33 ("), r.out());
        assertTrue(r.out().contains("\nperiod       15 days, 2025-05-01 to 2025-05-15 (UTC)\n"), r.out());

        assertFalse(Files.exists(tmp.resolve("jobs.json.state")), "a finished run leaves no state");
        JsonNode written = JSON.readTree(jobs.toFile());
        assertEquals(7, written.size());
        JsonNode first = written.get(0);
        assertEquals(List.of("project", "pipeline_id", "name", "stage", "tags", "runner", "created_at", "started_at",
                "finished_at", "duration", "queued_duration"), fieldNames(first));
        assertEquals("g/app", first.get("project").asText());
        assertEquals("2025-05-01T12:00:00Z", first.get("created_at").asText());
        assertEquals(1800, first.get("duration").asInt());
        assertEquals("spot t4g", first.get("runner").asText());
        // the simulator reads it
        JobTrace trace = JobTraceReader.read(jobs);
        assertEquals(7, trace.jobs().size());
        assertEquals(13_200_000, trace.jobs().stream().mapToLong(j -> j.runMillis()).sum());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aRerunWithTheSameOutputReadsOnlyTheProjectsNotYetRead() throws Exception {
        history();
        Path jobs = tmp.resolve("jobs.json");
        // g/sub/lib fails for good in the first run (its token-bearing error is masked)
        gitlab.fault("GET", "projects/101/jobs", 503, 3, "{\"message\":\"down " + FakeGitLab.TOKEN + "\"}",
                Map.of());
        Run first = api("--group", "g", "--since", "14d", "--output", jobs.toString());
        assertEquals(1, first.code(), first.err());
        assertTrue(first.err().contains("[2/2] g/sub/lib: failed (list jobs of g/sub/lib: HTTP 503"), first.err());
        assertTrue(first.err().contains("[masked]"), first.err());
        assertTrue(first.out().contains("failed: g/sub/lib: "), first.out());
        Path state = tmp.resolve("jobs.json.state");
        assertTrue(Files.exists(state));
        JsonNode s = JSON.readTree(state.toFile());
        assertEquals("2025-05-01T12:00:00Z", s.get("since").asText());
        assertEquals(5, s.get("done").get("g/app").asInt());
        assertFalse(s.get("done").has("g/sub/lib"));
        assertEquals(5, JSON.readTree(jobs.toFile()).size());

        // an hour later: the same window, and only g/sub/lib is read
        UsageCommand.now = () -> NOW.plus(Duration.ofHours(1));
        gitlab.server().resetRequests();
        Run second = api("--group", "g", "--since", "14d", "--output", jobs.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("resuming from " + state), second.err());
        assertTrue(second.err().contains("[1/2] g/app: 5 job(s), read earlier"), second.err());
        assertTrue(second.err().contains("2 project(s), 1 already read; jobs created 2025-05-01T12:00:00Z to"
                + " 2025-05-15T12:00:00Z"), second.err());
        assertEquals(List.of("groups g projects", "projects 101 jobs"), requests());
        assertTrue(second.out().contains("(1 read, 1 resumed), 2 API request(s)"), second.out());
        assertEquals(7, JSON.readTree(jobs.toFile()).size());
        assertFalse(Files.exists(state));
    }

    @Test
    void jobsOfAProjectTheStateDoesNotNameAreReadAgain() throws Exception {
        history();
        Path jobs = tmp.resolve("jobs.json");
        gitlab.fault("GET", "projects/101/jobs", 503, 3);
        assertEquals(1, api("--group", "g", "--since", "14d", "--output", jobs.toString()).code());
        // as if the run stopped between the two writes: jobs.json holds g/sub/lib jobs the state does not name
        String text = Files.readString(jobs);
        Files.writeString(jobs, text.replace("\n]\n", ",\n{\"project\":\"g/sub/lib\",\"name\":\"stale\"}\n]\n"));
        gitlab.server().resetRequests();
        Run again = api("--group", "g", "--since", "14d", "--output", jobs.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(List.of("groups g projects", "projects 101 jobs"), requests());
        JsonNode written = JSON.readTree(jobs.toFile());
        assertEquals(7, written.size());
        assertFalse(written.toString().contains("stale"));
    }

    @Test
    void aRerunWithAnotherWindowStartsAfresh() throws Exception {
        history();
        Path jobs = tmp.resolve("jobs.json");
        gitlab.fault("GET", "projects/101/jobs", 503, 3);
        assertEquals(1, api("--group", "g", "--since", "14d", "--output", jobs.toString()).code());
        gitlab.server().resetRequests();
        Run again = api("--group", "g", "--since", "7d", "--output", jobs.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("is from a run with another --gitlab-url, --since, --group or --project:"
                + " starting afresh"), again.err());
        // 7 days back: g/app's first page [7, 6] already reaches id 6, 8 days old: one request, one job
        assertEquals(List.of("groups g projects", "projects 100 jobs", "projects 101 jobs"), requests());
        assertEquals(3, JSON.readTree(jobs.toFile()).size());
    }

    @Test
    void namedProjectsAndA429() throws Exception {
        history();
        gitlab.fault("GET", "projects/g/sub/lib/jobs", 429, 1, "{\"message\":\"429 Too Many Requests\"}",
                Map.of("Retry-After", "2"));
        Run r = api("--project", "g/sub/lib", "--since", "2025-05-10", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
        assertEquals(List.of("projects g/sub/lib jobs", "projects g/sub/lib jobs"), requests());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("2025-05-10T00:00:00Z", j.get("source").get("since").asText());
        assertEquals(2, j.get("projects").get(0).get("requests").asInt());
        assertEquals(2, j.get("requests").get("total").asInt());
        assertEquals(0, j.get("requests").get("listing").asInt());
        assertEquals(2, j.get("jobs").asInt());
        assertEquals(1, j.get("pipelines").asInt());
        assertEquals("heavy-tests", j.get("routes").get(0).get("route").asText());
        assertEquals(1, j.get("routes").get(0).get("jobs").asInt());
        assertEquals(2, j.get("routes").get(0).get("cpu_hours").asDouble(), 1e-9);
        assertFalse(j.get("failed").asBoolean());
    }

    @Test
    void badUsage() {
        assertEquals(2, usage("--since", "14d").code());
        Run noSince = api("--group", "g");
        assertEquals(2, noSince.code());
        assertTrue(noSince.err().contains("needs --since"), noSince.err());
        Run badSince = api("--group", "g", "--since", "fortnight");
        assertEquals(2, badSince.code());
        assertTrue(badSince.err().contains("--since: expected a duration back from now"), badSince.err());
        assertEquals(2, api("--since", "14d").code());
        assertEquals(2, api("--group", "g", "--since", "14d", "--input", DIR.resolve("trace.csv").toString())
                .code());
        UsageCommand.environment = name -> null;
        Run noToken = api("--group", "g", "--since", "14d");
        assertEquals(2, noToken.code());
        assertTrue(noToken.err().contains("environment variable GITLAB_TOKEN is not set"), noToken.err());
        assertEquals(List.of(), requests());
    }

    @Test
    void readsACsvExport() throws Exception {
        Run r = usage("--input", DIR.resolve("trace.csv").toString(), "--rules", DIR.resolve("rules.yml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("8 finished job(s), 1 unfinished left out"), r.err());
        Golden.assertMatches(DIR.resolve("cli-csv.txt"), r.out());
    }

    @Test
    void readsAJsonExportAndConvertsItToJobsJson() throws Exception {
        Path jobs = tmp.resolve("jobs.json");
        Run r = usage("--input", DIR.resolve("trace.json").toString(), "--rules", DIR.resolve("rules.yml").toString(),
                "--output", jobs.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches(DIR.resolve("cli-json.json"), r.out().replace(DIR.resolve("trace.json").toString(),
                "trace.json").replace(jobs.toString(), "jobs.json"));
        Golden.assertMatches(DIR.resolve("jobs.json"), Files.readString(jobs));
        // the converted file gives the same summary as the CSV
        Run again = usage("--input", jobs.toString(), "--rules", DIR.resolve("rules.yml").toString());
        Run csv = usage("--input", DIR.resolve("trace.csv").toString(), "--rules", DIR.resolve("rules.yml")
                .toString());
        assertEquals(csv.out().substring(csv.out().indexOf('\n')), again.out().substring(again.out().indexOf('\n')));
    }

    @Test
    void anInputWithABadValueNamesItsLine() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "name,duration\nlint,12\nbuild,soon\n");
        Run r = usage("--input", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":3: \"duration\" must be a number of seconds"), r.err());
    }
}
