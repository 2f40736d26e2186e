package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTraceReaderTest {
    private static final Path DIR = Path.of("src/test/resources/golden/sim");

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static String error(String name, String text) {
        return assertThrows(SimulationInputException.class, () -> JobTraceReader.parse(name, text)).getMessage();
    }

    @Test
    void readsEveryFieldAndToleratesMissingOnes() throws Exception {
        JobTrace trace = JobTraceReader.read(DIR.resolve("jobs.json"));
        assertEquals(10, trace.jobs().size());
        assertEquals(2, trace.unfinished(), "a running and a pending job are left out, as usage does");
        TraceJob lint = trace.jobs().get(0);
        assertEquals("demo/app", lint.project());
        assertEquals("lint", lint.name());
        assertEquals("test", lint.stage());
        assertEquals(List.of(), lint.tags());
        assertEquals("workstation", lint.runner());
        assertEquals(at("2025-05-02T09:00:00Z"), lint.createdAt());
        assertEquals(at("2025-05-02T09:00:03Z"), lint.startedAt());
        assertEquals(at("2025-05-02T09:00:43Z"), lint.finishedAt());
        assertEquals(40_000, lint.duration());
        assertEquals(3_000, lint.queued());
        assertEquals(at("2025-05-02T09:00:00Z"), lint.pendingAt());

        TraceJob integration = trace.jobs().get(2);
        assertEquals(at("2025-05-02T09:02:10Z"), integration.startedAt(), "an offset is honoured");
        assertEquals(600_250, integration.runMillis());
        assertEquals(TraceJob.MISSING, integration.finishedAt());

        TraceJob mutation = trace.jobs().get(3);
        assertEquals(TraceJob.MISSING, mutation.duration());
        assertEquals(20 * 60_000, mutation.runMillis(), "finished_at - started_at without duration");
        assertEquals(mutation.startedAt(), mutation.pendingAt(), "no queued_duration: pending when started");
        assertEquals(List.of("cloud", "c7g"), mutation.tags());

        assertEquals("test", trace.jobs().get(6).stage(), "null stage is GitLab's default");
        assertEquals(List.of(), trace.jobs().get(6).tags(), "null tags are none");
        assertEquals("test", trace.jobs().get(7).stage(), "missing stage too");
    }

    @Test
    void csvWithTheSameColumnsReadsTheSame() throws Exception {
        JobTrace json = JobTraceReader.read(DIR.resolve("jobs.json"));
        JobTrace csv = JobTraceReader.read(DIR.resolve("jobs.csv"));
        assertEquals(json.jobs(), csv.jobs());
        assertEquals(json.unfinished(), csv.unfinished());
    }

    @Test
    void csvQuotesLineBreaksAndCrlf() throws Exception {
        JobTrace t = JobTraceReader.parse("x.csv", "\uFEFFname,started_at,duration,tags,project\r\n"
                + "\"a, \"\"quoted\"\" job\",2025-01-01T00:00:00Z,10,\"cloud; c7g\",\"two\r\nlines\"\r\n"
                + "\r\n"
                + "b,2025-01-01T00:00:05Z,,,\r\n");
        assertEquals(2, t.jobs().size());
        assertEquals("a, \"quoted\" job", t.jobs().get(0).name());
        assertEquals(List.of("cloud", "c7g"), t.jobs().get(0).tags());
        assertEquals("two\r\nlines", t.jobs().get(0).project());
        assertEquals(TraceJob.MISSING, t.jobs().get(1).duration());
    }

    @Test
    void timeForms() {
        long t = at("2025-05-02T09:00:03Z");
        assertEquals(t, JobTraceReader.time("2025-05-02T09:00:03Z"));
        assertEquals(t + 123, JobTraceReader.time("2025-05-02T09:00:03.123Z"));
        assertEquals(t + 123, JobTraceReader.time("2025-05-02T09:00:03.123456789Z"));
        assertEquals(t, JobTraceReader.time("2025-05-02T11:00:03+02:00"));
        assertEquals(t, JobTraceReader.time("2025-05-02T04:30:03-04:30"));
        assertEquals(t, JobTraceReader.time("2025-05-02T09:00:03"), "no offset: UTC");
        assertEquals(t, JobTraceReader.time("2025-05-02 09:00:03 UTC"));
        assertEquals(t + 500, JobTraceReader.time("2025-05-02 09:00:03.500 +00:00"));
        assertEquals(at("2024-02-29T23:59:59Z"), JobTraceReader.time("2024-02-29T23:59:59Z"));
        assertEquals(at("1999-12-31T00:00:00Z"), JobTraceReader.time("1999-12-31T00:00:00Z"));
        assertEquals(TraceJob.MISSING, JobTraceReader.time("2025-02-29T00:00:00Z"));
        assertEquals(TraceJob.MISSING, JobTraceReader.time("yesterday"));
        assertEquals(TraceJob.MISSING, JobTraceReader.time("2025-05-02T25:00:00Z"));
    }

    @Test
    void badJsonIsOneLineWithPosition() {
        assertEquals("j.json:1:1: expected a JSON array of jobs", error("j.json", "{\"jobs\": []}"));
        assertEquals("j.json:2:28: job 1: \"duration\" must be a number of seconds, found \"forty\"",
                error("j.json", "[\n {\"name\": \"a\", \"duration\": \"forty\"}]"));
        assertEquals("j.json:1:30: job 1: \"started_at\": \"soon\" is not an ISO-8601 time"
                + " between the years 1970 and 9999 (e.g. 2025-05-02T09:00:03Z) [history-invalid]", error("j.json", "[{\"name\": \"a\", \"started_at\": \"soon\"}]"));
        assertEquals("j.json:1:11: job 1: \"tags\" must be an array of strings, found \"cloud\"",
                error("j.json", "[{\"tags\": \"cloud\"}]"));
        assertEquals("j.json:1:16: job 2: expected an object, found 3", error("j.json", "[{\"name\":\"a\"}, 3]"));
        assertEquals("j.json:1:15: job 1: \"duration\" must be between 0 and 31622400 seconds, found -5",
                error("j.json", "[{\"duration\": -5}]"));
        String truncated = error("j.json", "[{\"name\": \"a\"");
        assertTrue(truncated.startsWith("j.json:1:") && truncated.contains("invalid JSON"), truncated);
        String duplicate = error("j.json", "[{\"name\": \"a\", \"name\": \"b\"}]");
        assertTrue(duplicate.contains("duplicate") && !duplicate.contains("\n"), duplicate);
        String trailing = error("j.json", "[{\"name\": \"a\"},]");
        assertTrue(trailing.startsWith("j.json:1:") && !trailing.contains("\n"), trailing);
    }

    @Test
    void badCsvIsOneLineWithItsLine() {
        assertEquals("c.csv:1: the header has no \"started_at\" column; expected the columns project,name,stage,"
                + "tags,runner,created_at,started_at,finished_at,duration,queued_duration",
                error("c.csv", "name,duration\na,1\n"));
        assertEquals("c.csv:1: the header has neither a \"duration\" nor a \"finished_at\" column",
                error("c.csv", "name,started_at\na,2025-01-01T00:00:00Z\n"));
        assertEquals("c.csv:3: \"duration\" must be a number of seconds between 0 and 31622400, found \"1m\"",
                error("c.csv", "name,started_at,duration\na,2025-01-01T00:00:00Z,5\nb,2025-01-01T00:00:00Z,1m\n"));
        assertEquals("c.csv:2: \"started_at\": \"01/02/2025\" is not an ISO-8601 time between the years 1970 and 9999"
                + " (e.g. 2025-05-02T09:00:03Z) [history-invalid]",
                error("c.csv", "name,started_at,duration\na,01/02/2025,5\n"));
        assertEquals("c.csv:2: a quoted field is not closed",
                error("c.csv", "name,started_at,duration\n\"a,2025-01-01T00:00:00Z,5\n"));
    }

    @Test
    void emptyInputIsAnError() {
        assertEquals("e.json: empty file; expected a JSON array of jobs or a CSV file with a header row",
                error("e.json", "  \n"));
    }

    @Test
    void anEmptyArrayHasNoJobs() throws IOException, SimulationInputException {
        assertEquals(0, JobTraceReader.parse("e.json", "[]").jobs().size());
    }
}
