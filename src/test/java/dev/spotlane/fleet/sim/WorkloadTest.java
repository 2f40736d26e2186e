package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.policy.Policy;
import dev.spotlane.yaml.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    private static final long S = 1000;
    private static final long T0 = 1_746_000_000_000L;
    private static final Policy BUNDLED = PolicyLoader.bundled();

    private static TraceJob job(String name, String stage, List<String> tags, long startS, long durationS) {
        return new TraceJob("p", null, name, stage, tags, null, TraceJob.MISSING, T0 + startS * S, TraceJob.MISSING,
                durationS * S, 0);
    }

    private static long[] arrivals(Workload w, int cls) {
        return java.util.stream.IntStream.range(0, w.n).filter(k -> w.cls[k] == cls).mapToLong(k -> w.pending[k])
                .toArray();
    }

    private static long[] durations(Workload w, int cls) {
        return java.util.stream.IntStream.range(0, w.n).filter(k -> w.cls[k] == cls).mapToLong(k -> w.duration[k])
                .toArray();
    }

    private static Workload of(Policy routing, int local, TraceJob... jobs) {
        return Workloads.of(new JobTrace("t", List.of(jobs)), routing, local, 0);
    }

    @Test
    void routesByNameAndStageLikeFix() {
        Workload w = of(BUNDLED, 0,
                job("lint", "test", List.of(), 0, 10),
                job("mutation-test", "test", List.of(), 5, 100),
                job("api-integration-test", "test", List.of("local"), 6, 50),
                job("unit", "test", List.of("cloud"), 7, 20),
                job("gpu", "test", List.of("gpu"), 8, 30),
                job("deploy", "deploy", List.of("$RUNNER"), 9, 5));
        assertEquals(List.of("t4g", "c7g"), w.classes());
        assertArrayEquals(new long[] {0, 7 * S}, arrivals(w, 0));
        assertArrayEquals(new long[] {10 * S, 20 * S}, durations(w, 0));
        assertArrayEquals(new long[] {5 * S, 6 * S}, arrivals(w, 1));
        assertEquals(java.util.Map.of("tag \"gpu\" is neither a local nor a cloud tag", 1,
                "tag \"$RUNNER\" holds a variable", 1), w.stays(),
                "a tag neither local nor cloud, or a variable, keeps a job local: fix's reasons");
        assertEquals(0, w.noRoute());
        assertEquals(4, w.routed());
        assertEquals(T0, w.startEpochMs());
        assertEquals(215 * S, w.jobMs());
        assertEquals(150 * S, w.routedMs("c7g"));
    }

    @Test
    void jobsNoRouteMatchesStayLocal() throws Exception {
        Policy routing = PolicyLoader.load(new Source("rules.yml", """
                version: 1
                routing:
                  policy: explicit
                  classes:
                    t4g: { tags: [], default: true }
                    c7g: { tags: [c7g] }
                  routes:
                    - { name: heavy, match: { jobs: ["mutation-test*"] }, class: c7g }
                    - { name: tests, match: { stages: [test] }, class: t4g }
                """), Path.of("."));
        Workload w = of(routing, 0,
                job("lint", "test", List.of(), 0, 10),
                job("mutation-test", "mutate", List.of(), 1, 10),
                job("build", "build", List.of(), 2, 10));
        assertEquals(1, w.noRoute());
        assertEquals(1, w.routed("t4g"));
        assertEquals(1, w.routed("c7g"));
    }

    @Test
    void skipsJobsWithoutStartDurationOrName() {
        List<TraceJob> jobs = new ArrayList<>();
        jobs.add(job("a", "test", List.of(), 0, 10));
        jobs.add(new TraceJob("p", null, "b", "test", List.of(), null, T0, TraceJob.MISSING, TraceJob.MISSING, 5 * S,
                TraceJob.MISSING));
        jobs.add(new TraceJob("p", null, "c", "test", List.of(), null, T0, T0, TraceJob.MISSING, TraceJob.MISSING,
                TraceJob.MISSING));
        jobs.add(new TraceJob("p", null, null, "test", List.of(), null, T0, T0, TraceJob.MISSING, 5 * S,
                TraceJob.MISSING));
        Workload w = Workloads.of(new JobTrace("t", jobs), BUNDLED, 0, 0);
        assertEquals(4, w.read());
        assertEquals(1, w.skippedNoStart());
        assertEquals(1, w.skippedNoDuration());
        assertEquals(1, w.skippedNoName());
        assertEquals(3, w.skipped());
        assertEquals(1, w.usable());
        assertEquals(3, w.routed(), "routing counts every job read, as usage does; the unnamed one stays");
        assertEquals(java.util.Map.of("no job name", 1), w.stays());
    }

    @Test
    void aJobArrivesWhenItBecamePending() {
        TraceJob queued = new TraceJob("p", null, "lint", "test", List.of(), null, T0 - 600 * S, T0 + 30 * S,
                TraceJob.MISSING, 10 * S, 30 * S);
        TraceJob later = job("unit", "test", List.of(), 100, 10);
        Workload w = of(BUNDLED, 0, later, queued);
        assertArrayEquals(new long[] {0, 100 * S}, arrivals(w, 0), "started_at - queued_duration, ascending");
        assertEquals(T0, w.startEpochMs(), "created_at is not when a job can run");
    }

    @Test
    void periodIsWholeDaysOrGiven() {
        Workload oneJob = of(BUNDLED, 0, job("a", "test", List.of(), 0, 10));
        assertEquals(1, oneJob.periodDays());
        assertTrue(oneJob.periodFromTrace());
        Workload span = of(BUNDLED, 0, job("a", "test", List.of(), 0, 10),
                job("b", "test", List.of(), 13 * 86_400 + 3600, 10));
        assertEquals(14, span.periodDays());
        Workload given = Workloads.of(new JobTrace("t", List.of(job("a", "test", List.of(), 0, 10))), BUNDLED, 0,
                7 * 86_400_000L);
        assertEquals(7, given.periodDays());
        assertFalse(given.periodFromTrace());
    }

    private static TraceJob inPipeline(String pipeline, String name, String stage, long pendingS, long queuedS,
                                       long durationS) {
        return new TraceJob("p", pipeline, name, stage, List.of(), null, T0, T0 + (pendingS + queuedS) * S,
                TraceJob.MISSING, durationS * S, queuedS * S);
    }

    @Test
    void aJobThatBecamePendingRightAfterAStageFinishedWaitedForIt() {
        Workload w = of(BUNDLED, 0,
                inPipeline("1", "lint", "lint", 0, 2, 30),       // finished at 32
                inPipeline("1", "vet", "lint", 0, 1, 40),        // finished at 41: the lint stage ends at 41
                inPipeline("1", "unit", "test", 42, 3, 60),      // pending 1 s after: waits for lint
                inPipeline("1", "deploy", "deploy", 300, 0, 5),  // pending long after test ended: a manual job
                inPipeline("1", "docs", "docs", 20, 0, 5),       // pending while lint ran: needs nothing
                inPipeline("2", "lint", "lint", 45, 0, 10));     // another pipeline
        assertEquals(2, w.pipelines());
        assertEquals(1, w.dependentJobs());
        int unit = 3;
        assertEquals("unit", List.of("lint", "vet", "docs", "unit", "lint", "deploy").get(unit));
        assertEquals(w.group[0], w.dependsOn[unit]);
        assertEquals(1 * S, w.gap[unit]);
        assertEquals(w.group[0], w.group[1], "one stage, one group");
        for (int k = 0; k < w.n; k++) {
            assertEquals(k == unit ? w.group[0] : -1, w.dependsOn[k], "job " + k);
        }
    }

    @Test
    void withoutPipelineIdJobsCreatedTogetherAreOnePipeline() {
        TraceJob a = new TraceJob("p", null, "lint", "lint", List.of(), null, T0, T0, TraceJob.MISSING, 10 * S, 0);
        TraceJob b = new TraceJob("p", null, "unit", "test", List.of(), null, T0, T0 + 11 * S, TraceJob.MISSING,
                10 * S, 0);
        TraceJob other = new TraceJob("q", null, "unit", "test", List.of(), null, T0, T0 + 11 * S, TraceJob.MISSING,
                10 * S, 0);
        TraceJob loose = new TraceJob("p", null, "unit", "test", List.of(), null, TraceJob.MISSING, T0 + 11 * S,
                TraceJob.MISSING, 10 * S, 0);
        Workload w = of(BUNDLED, 0, a, b, other, loose);
        assertEquals(2, w.pipelines(), "p and q; a job without created_at or pipeline_id is on its own");
        assertEquals(1, w.dependentJobs());
    }
}
