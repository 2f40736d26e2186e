package dev.spotlane.gitlab.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spotlane.Golden;
import dev.spotlane.policy.HistoryRouting;
import dev.spotlane.policy.Policy;
import dev.spotlane.transform.HistoryRouter;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.report.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary of a small trace whose numbers are worked out by hand ({@code golden/usage/trace.csv} with
 * {@code golden/usage/rules.yml}: t4g.medium 2 vCPUs, c7g.xlarge 4, deploy jobs routed nowhere):
 *
 * <pre>
 * job                          day    seconds  route        vCPU  CPU-seconds
 * g/app 1 lint                 05-01      600  short-jobs      2         1200
 * g/app 1 unit-a               05-01     1800  short-jobs      2         3600
 * g/app 1 integration-test     05-01     3600  heavy-tests     4        14400
 * g/lib 8 unit-b (no duration) 05-02     1800  short-jobs      2         3600   finished - started
 * g/lib 7 integration-test     05-03     1800  heavy-tests     4         7200
 * g/lib 7 lint (canceled)      05-03        0  short-jobs      2            0   no duration, no start: created day
 * g/lib 7 deploy (running)         left out
 * g/app 2 lint                 05-05      300  short-jobs      2          600
 * g/app 2 deploy               05-05      120  (local)         -            0
 * </pre>
 *
 * 8 jobs, 4 pipelines, 10020 s = 2.783 job-hours, 30600 CPU-seconds = 8.5 CPU-hours over 5 days (05-04 has none),
 * 51 per 30 days; days 5.333, 1.0, 2.0, 0, 0.167 CPU-hours: busiest 05-01, quiet (under 1) 05-04 and 05-05;
 * heavy-tests 2 jobs 1.5 h 6.0 CPU-h, short-jobs 5 jobs 1.25 h 2.5 CPU-h, local 1 job 0.033 h.
 */
class UsageSummaryTest {
    static final Path DIR = Path.of("src/test/resources/golden/usage");
    private static final double EPS = 1e-9;
    private static final ZoneId UTC = ZoneId.of("UTC");

    static Policy rules() throws Exception {
        return PolicyLoader.load(DIR.resolve("rules.yml"));
    }

    static HistoryRouting router() throws Exception {
        return HistoryRouter.of(rules());
    }

    @Test
    void sumsTheHandComputedTrace() throws Exception {
        JobsFiles.Read read = JobsFiles.read(DIR.resolve("trace.csv"));
        assertEquals(1, read.unfinished());
        UsageSummary s = UsageSummary.of(read.jobs(), rules(), router(), UTC, null);
        assertEquals(8, s.jobs());
        assertEquals(4, s.pipelines());
        assertEquals(1, s.jobsWithoutDuration());
        assertEquals(10020 / 3600d, s.jobHours(), EPS);
        assertEquals(8.5, s.cpuHours(), EPS);
        assertEquals(5, s.days().size());
        assertEquals(List.of(19200 / 3600d, 1.0, 2.0, 0.0, 600 / 3600d), s.days().stream()
                .map(UsageSummary.Day::cpuHours).toList());
        assertEquals(List.of(3, 1, 2, 0, 2), s.days().stream().map(UsageSummary.Day::jobs).toList());
        assertEquals(LocalDate.parse("2025-05-01"), s.busiestDay().date());
        assertEquals(List.of(LocalDate.parse("2025-05-04"), LocalDate.parse("2025-05-05")), s.quietDays().stream()
                .map(UsageSummary.Day::date).toList());
        assertEquals(51.0, s.cpuHoursPer30Days(), EPS);

        UsageSummary.RouteTotal heavy = s.routes().get(0);
        assertEquals("heavy-tests", heavy.route());
        assertEquals("c7g.xlarge", heavy.instanceType());
        assertEquals(4, heavy.vcpu(), EPS);
        assertEquals(2, heavy.jobs());
        assertEquals(1.5, heavy.jobHours(), EPS);
        assertEquals(6.0, heavy.cpuHours(), EPS);
        UsageSummary.RouteTotal shortJobs = s.routes().get(1);
        assertEquals(5, shortJobs.jobs());
        assertEquals(1.25, shortJobs.jobHours(), EPS);
        assertEquals(2.5, shortJobs.cpuHours(), EPS);
        assertEquals(1, s.local().jobs());
        assertEquals(120 / 3600d, s.local().jobHours(), EPS);
        assertEquals(0, s.local().cpuHours(), EPS);

        Golden.assertMatches(DIR.resolve("summary.txt"), s.text());
        Json j = new Json().beginObject();
        s.json(j);
        Golden.assertMatches(DIR.resolve("summary.json"), j.endObject() + "\n");
    }

    @Test
    void gitLabsOwnJobJsonGivesTheSameSummary() throws Exception {
        JobsFiles.Read csv = JobsFiles.read(DIR.resolve("trace.csv"));
        JobsFiles.Read json = JobsFiles.read(DIR.resolve("trace.json"));
        assertEquals(csv.jobs(), json.jobs());
        assertEquals(1, json.unfinished());
        assertEquals(UsageSummary.of(csv.jobs(), rules(), router(), UTC, null).text(),
                UsageSummary.of(json.jobs(), rules(), router(), UTC, null).text());
    }

    @Test
    void daysFollowTheTimeZone() throws Exception {
        // 23:30 UTC on May 2 is May 3 in Berlin: unit-b moves to the day of the integration test
        UsageSummary s = UsageSummary.of(JobsFiles.read(DIR.resolve("trace.csv")).jobs(), rules(), router(),
                ZoneId.of("Europe/Berlin"), null);
        assertEquals(LocalDate.parse("2025-05-03"), s.days().get(2).date());
        assertEquals(3.0, s.days().get(2).cpuHours(), EPS);
        assertEquals(0.0, s.days().get(1).cpuHours(), EPS);
    }

    @Test
    void theWindowSetsTheDaysAndTheMonthlyProjection() throws Exception {
        UsageJob one = new UsageJob("g/app", "1", "lint", "test", List.of(), null, Instant.parse(
                "2025-05-10T10:00:00Z"), Instant.parse("2025-05-10T10:00:00Z"), null, 3600.0, null);
        UsageWindow w = new UsageWindow("14d", Instant.parse("2025-05-01T12:00:00Z"),
                Instant.parse("2025-05-15T12:00:00Z"));
        UsageSummary s = UsageSummary.of(List.of(one), rules(), router(), UTC, w);
        assertEquals(15, s.days().size(), "May 1 to May 15, both partly in the window");
        assertEquals(14, s.periodDays(), EPS);
        assertEquals(2.0 * 30 / 14, s.cpuHoursPer30Days(), EPS);
        assertEquals(14, s.quietDays().size());
    }

    @Test
    void aJobWithNeitherPipelineIdNorCreationTimeBelongsToNoKnownPipeline() throws Exception {
        UsageJob j = new UsageJob("g/app", null, "lint", "test", List.of(), null, null, null, null, 60.0, null);
        UsageSummary s = UsageSummary.of(List.of(j), rules(), router(), UTC, null);
        assertEquals(0, s.pipelines());
        assertEquals(1, s.jobsWithoutPipeline());
        assertEquals(0, s.days().size());
        assertNull(s.busiestDay());
    }
}
