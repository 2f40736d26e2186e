package dev.spotlane.gitlab.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading job histories (CSV, jobs.json, GitLab's job JSON) and writing jobs.json. */
class JobsFilesTest {

    @Test
    void csvTagsAreSplitOnSemicolonsBarsAndQuotedCommas() throws Exception {
        String csv = "\uFEFFName,Tag_List,Duration,created_at\r\n"
                + "a,t4g;cloud,1.5,2025-05-02T09:00:00Z\r\n"
                + "b,t4g | cloud,null,2025-05-02 09:00:03 UTC\r\n"
                + "c,\"c7g, cloud\",,2025-05-02T11:00:00+02:00\r\n"
                + "\r\n"
                + "d,,2,\r\n";
        List<UsageJob> jobs = JobsFiles.parse("x.csv", csv).jobs();
        assertEquals(4, jobs.size());
        assertEquals(List.of("t4g", "cloud"), jobs.get(0).tags());
        assertEquals(List.of("t4g", "cloud"), jobs.get(1).tags());
        assertEquals(List.of("c7g", "cloud"), jobs.get(2).tags());
        assertEquals(List.of(), jobs.get(3).tags());
        assertEquals(1.5, jobs.get(0).duration());
        assertNull(jobs.get(1).duration());
        assertEquals(Instant.parse("2025-05-02T09:00:03Z"), jobs.get(1).createdAt());
        assertEquals(Instant.parse("2025-05-02T09:00:00Z"), jobs.get(2).createdAt());
        assertNull(jobs.get(3).createdAt());
        assertNull(jobs.get(0).project());
    }

    @Test
    void csvProblemsNameTheLine() {
        UsageInputException noName = assertThrows(UsageInputException.class,
                () -> JobsFiles.parse("x.csv", "project,duration\ng/app,1\n"));
        assertTrue(noName.getMessage().startsWith("x.csv:1: the header has no \"name\" column"), noName.getMessage());
        UsageInputException time = assertThrows(UsageInputException.class,
                () -> JobsFiles.parse("x.csv", "name,started_at\na,2025-05-02T09:00:00Z\nb,yesterday\n"));
        assertEquals("x.csv:3: \"started_at\": \"yesterday\" is not an ISO-8601 time between the years 1970 and 9999"
                + " (e.g. 2025-05-02T09:00:03Z) [history-invalid]",
                time.getMessage());
        UsageInputException negative = assertThrows(UsageInputException.class,
                () -> JobsFiles.parse("x.csv", "name,queued_duration\na,-1\n"));
        assertTrue(negative.getMessage().startsWith("x.csv:2: \"queued_duration\" must be a number of seconds"),
                negative.getMessage());
        UsageInputException quote = assertThrows(UsageInputException.class,
                () -> JobsFiles.parse("x.csv", "name,tags\na,\"t4g\n"));
        assertEquals("x.csv:2: a quoted field is not closed", quote.getMessage());
    }

    @Test
    void jsonTakesGitLabsJobPayload() throws Exception {
        String json = """
                [{"id": 9, "name": "lint", "stage": "test", "status": "success", "tag_list": ["t4g"],
                  "runner": {"id": 3, "description": "spot", "is_shared": false}, "pipeline": {"id": 812},
                  "project": {"path_with_namespace": "g/app"}, "created_at": "2025-05-02T09:00:00.123Z",
                  "duration": "38.2", "queued_duration": 1, "user": {"name": "x"}},
                 {"name": "build", "status": "pending"},
                 {"name": "deploy", "status": "manual"},
                 {"name": "x", "status": "CANCELED", "runner": null, "pipeline_id": "p-1"}]
                """;
        JobsFiles.Read read = JobsFiles.parse("x.json", json);
        assertEquals(2, read.unfinished());
        UsageJob j = read.jobs().get(0);
        assertEquals("g/app", j.project());
        assertEquals("812", j.pipelineId());
        assertEquals("spot", j.runner());
        assertEquals(List.of("t4g"), j.tags());
        assertEquals(38.2, j.duration());
        assertEquals(1.0, j.queuedDuration());
        assertEquals(Instant.parse("2025-05-02T09:00:00.123Z"), j.createdAt());
        assertEquals("p-1", read.jobs().get(1).pipelineId());
    }

    @Test
    void jsonProblemsNameTheJobAndItsPlace() {
        UsageInputException type = assertThrows(UsageInputException.class,
                () -> JobsFiles.parse("x.json", "[\n{\"name\": \"a\"},\n{\"name\": \"b\", \"duration\": true}\n]"));
        assertEquals("x.json:3:1: job 2: \"duration\" must be a number of seconds (0 or more), found true",
                type.getMessage());
        UsageInputException tags = assertThrows(UsageInputException.class,
                () -> JobsFiles.parse("x.json", "[{\"name\": \"a\", \"tags\": \"t4g\"}]"));
        assertTrue(tags.getMessage().contains("job 1: \"tags\" must be an array of strings"), tags.getMessage());
        UsageInputException notArray = assertThrows(UsageInputException.class,
                () -> JobsFiles.parse("x.json", "{\"jobs\": []}"));
        assertEquals("x.json:1:1: expected a JSON array of jobs", notArray.getMessage());
        UsageInputException broken = assertThrows(UsageInputException.class,
                () -> JobsFiles.parse("x.json", "[{\"name\": \"a\",]"));
        assertTrue(broken.getMessage().startsWith("x.json:1:"), broken.getMessage());
        assertTrue(broken.getMessage().contains("invalid JSON"), broken.getMessage());
        assertThrows(UsageInputException.class, () -> JobsFiles.parse("x", "  \n"));
    }

    @Test
    void jobsJsonRoundTrips() throws Exception {
        List<UsageJob> jobs = List.of(
                new UsageJob("g/app", "812", "lint \"quoted\"", "test", List.of("t4g", "cloud"), "spot",
                        Instant.parse("2025-05-02T09:00:00Z"), Instant.parse("2025-05-02T09:00:03.5Z"),
                        Instant.parse("2025-05-02T09:00:41Z"), 38.2, 2.9),
                new UsageJob("g/lib", null, "deploy", null, List.of(), null, Instant.parse("2025-05-02T10:00:00Z"),
                        null, null, null, null));
        String text = JobsFiles.json(jobs);
        assertEquals("""
                [
                {"project":"g/app","pipeline_id":812,"name":"lint \\"quoted\\"","stage":"test","tags":["t4g","cloud"],\
                "runner":"spot","created_at":"2025-05-02T09:00:00Z","started_at":"2025-05-02T09:00:03.500Z",\
                "finished_at":"2025-05-02T09:00:41Z","duration":38.2,"queued_duration":2.9},
                {"project":"g/lib","pipeline_id":null,"name":"deploy","stage":null,"tags":[],"runner":null,\
                "created_at":"2025-05-02T10:00:00Z","started_at":null,"finished_at":null,"duration":null,\
                "queued_duration":null}
                ]
                """, text);
        assertEquals(jobs, JobsFiles.parse("jobs.json", text).jobs());
        assertEquals("[]\n", JobsFiles.json(List.of()));
        assertEquals(List.of(), JobsFiles.parse("jobs.json", "[]\n").jobs());
    }

    @Test
    void secondsKeepThreeDecimals() {
        assertEquals("38.2", JobsFiles.seconds(38.2));
        assertEquals("0.193", JobsFiles.seconds(0.1925));
        assertEquals("600", JobsFiles.seconds(600.0));
        assertEquals("null", JobsFiles.seconds(null));
    }
}
