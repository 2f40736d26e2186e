package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static final Policy BUNDLED = PolicyLoader.bundled();

    /** Every feature at once on a seeded random trace: the totals are golden numbers. */
    private static SimulationReport seeded() {
        Workload w = Workloads.of(SyntheticTrace.design(42), BUNDLED, 0, 0);
        SimulationOptions o = SimulationOptions.design().withSeed(42).withInterruptions(0.2)
                .withSettings(AutoscalerSettings.DESIGN, Map.of(
                        "t4g", new AutoscalerSettings(2, 6, 0, 0),
                        "c7g", new AutoscalerSettings(1, 2, 1, 3)));
        return Simulation.run(w, BUNDLED.fleet(), Prices.assumed(), o);
    }

    private static String totals(SimulationReport r) {
        StringBuilder b = new StringBuilder();
        for (IdleTimeResult it : r.results()) {
            for (ClassResult c : it.classes()) {
                line(b, Durations.format(it.idleTime()) + " " + c.className(), c.run());
            }
            line(b, Durations.format(it.idleTime()) + " all", it.total());
        }
        b.append("recommended ").append(Durations.format(r.recommendation().idleTime())).append(" within bound ")
                .append(r.recommendation().withinBound()).append('\n');
        return b.toString();
    }

    private static void line(StringBuilder b, String label, ClassRun run) {
        b.append(label).append(": jobs ").append(run.jobs()).append(", job ms ").append(run.jobMs())
                .append(", vm ms ").append(run.vmMs()).append(", billed ms ").append(run.billedMs())
                .append(", busy ms ").append(run.busyMs()).append(", boot ms ").append(run.bootMs())
                .append(", cold starts ").append(run.coldStarts()).append(", delayed ").append(run.delayedJobs())
                .append(", interruptions ").append(run.interruptions()).append(", retries ").append(run.retries())
                .append(", lost ms ").append(run.lostMs()).append(", peak ").append(run.peakInstances())
                .append(", wait p50 ").append(run.waitPercentile(50)).append(", p95 ")
                .append(run.waitPercentile(95)).append(", max ").append(run.waitPercentile(100)).append('\n');
    }

    @Test
    void aSeededRandomTraceHasStableTotals() throws IOException {
        Golden.assertMatches(Path.of("src/test/resources/golden/sim/seeded-totals.txt"), totals(seeded()));
    }

    @Test
    void theSameSeedGivesTheSameNumbersAndAnotherSeedOthers() {
        assertEquals(totals(seeded()), totals(seeded()));
        Workload w = Workloads.of(SyntheticTrace.design(42), BUNDLED, 0, 0);
        SimulationOptions o = SimulationOptions.design();
        String one = totals(Simulation.run(w, BUNDLED.fleet(), Prices.assumed(), o));
        String two = totals(Simulation.run(w, BUNDLED.fleet(), Prices.assumed(), o.withSeed(2)));
        assertFalse(one.equals(two));
    }

    @Test
    void invariantsHoldOnRandomTraces() {
        for (long seed = 1; seed <= 5; seed++) {
            Workload w = Workloads.of(SyntheticTrace.design(seed), BUNDLED, 0, 0);
            SimulationOptions o = SimulationOptions.design().withSeed(seed).withInterruptions(seed % 2 == 0 ? 0.5
                    : 0).withIdleTimes(List.of(0L, 60_000L, 1_200_000L));
            for (IdleTimeResult it : Simulation.run(w, BUNDLED.fleet(), Prices.assumed(), o).results()) {
                for (ClassResult c : it.classes()) {
                    ClassRun r = c.run();
                    String what = "seed " + seed + " " + c.className() + " idle " + it.idleTime() + ": " + r;
                    // one job per instance: busy time is exactly the work done, lost attempts included
                    assertEquals(r.jobMs() + r.lostMs(), r.busyMs(), what);
                    assertTrue(r.busyMs() + r.bootMs() <= r.vmMs() && r.vmMs() <= r.billedMs(), what);
                    assertTrue(r.coldStarts() >= 1 && r.peakInstances() <= 10, what);
                    assertTrue(r.sortedWaits()[0] >= 0 && r.delayedJobs() <= r.jobs(), what);
                    assertTrue(r.retries() > 0 || r.lostMs() == 0, what);
                    assertTrue(r.retries() <= r.interruptions() * 1L * c.settings().capacityPerInstance(), what);
                }
            }
        }
    }

    @Test
    void longerIdleTimesStartFewerInstances() {
        Workload w = Workloads.of(SyntheticTrace.design(3), BUNDLED, 0, 0);
        List<IdleTimeResult> r = Simulation.run(w, BUNDLED.fleet(), Prices.assumed(), SimulationOptions.design())
                .results();
        for (int i = 1; i < r.size(); i++) {
            assertTrue(r.get(i).total().coldStarts() <= r.get(i - 1).total().coldStarts());
            assertTrue(r.get(i).vmHours() >= r.get(i - 1).vmHours());
        }
    }

    private static final long S = 1000;
    private static final long T0 = 1_746_000_000_000L;

    private static TraceJob job(String name, java.util.List<String> tags, long created, long pendingS,
                                long durationS) {
        return new TraceJob("p", null, name, "test", tags, null, created, T0 + pendingS * S, TraceJob.MISSING,
                durationS * S, 0);
    }

    private static IdleTimeResult simulate(int localSlots, TraceJob... jobs) {
        return simulate(SimulationOptions.design().withLocalModel(true, 0), localSlots, jobs);
    }

    private static IdleTimeResult simulate(SimulationOptions options, int localSlots, TraceJob... jobs) {
        Workload w = Workloads.of(new JobTrace("t", List.of(jobs)), BUNDLED, localSlots, 0);
        SimulationOptions o = options.withColdStart(60 * S, 60 * S).withIdleTimes(List.of(600 * S));
        return Simulation.run(w, BUNDLED.fleet(), Prices.assumed(), o).results().get(0);
    }

    @Test
    void inTheRaceAJobNeitherSideCouldTakeGoesToTheFirstThatFreesASlot() {
        // one local slot, t4g capped at one instance, both runners asking at once (check_interval 0).
        // gpu (stays local) holds the local slot 0..100. lint at 10: the cloud has room: it launches (ready 70),
        // lint runs 70..270. unit at 20: the local runner is busy and the cloud at its cap: it waits; the local
        // slot frees at 100 and takes it, long before the cloud instance would (270)
        long none = TraceJob.MISSING;
        TraceJob[] jobs = {job("gpu", List.of("gpu"), none, 0, 100), job("lint", List.of(), none, 10, 200),
            job("unit", List.of(), none, 20, 10)};
        SimulationOptions capped = SimulationOptions.design().withSettings(new AutoscalerSettings(1, 1, 0, 0),
                java.util.Map.of());
        IdleTimeResult race = simulate(capped.withLocalModel(false, 0), 1, jobs);
        assertEquals(1, race.ranLocally());
        assertEquals(1, race.classes().get(0).run().jobs());
        assertEquals(1, race.classes().get(0).run().coldStarts());
        // local first never hands a waiting cloud job to the local runner: unit waits for lint's instance
        IdleTimeResult first = simulate(capped.withLocalModel(true, 0), 1, jobs);
        assertEquals(0, first.ranLocally());
        assertEquals(2, first.classes().get(0).run().jobs());
        assertEquals(250 * S, first.classes().get(0).run().waitPercentile(100), "unit: pending 20, starts 270");
    }

    @Test
    void inTheRaceTheSideThatAsksFirstWins() {
        // check_interval 10 s; a routed job at 0 with both sides free: the local runner asks at its phase, the
        // cloud at its own; whichever comes first takes it. Over many jobs spread in time, both win some
        long none = TraceJob.MISSING;
        List<TraceJob> jobs = new java.util.ArrayList<>();
        for (int k = 0; k < 40; k++) {
            jobs.add(job("lint", List.of(), none, k * 1000 + k * 7 % 10, 1));
        }
        IdleTimeResult r = simulate(SimulationOptions.design().withLocalModel(false, 10 * S), 1,
                jobs.toArray(TraceJob[]::new));
        assertTrue(r.ranLocally() > 0 && r.ranLocally() < 40, "local ran " + r.ranLocally() + " of 40");
        assertEquals(40, r.ranLocally() + r.total().jobs());
    }

    @Test
    void aStageThatWaitedForAnotherStartsWhenItHasFinishedHere() {
        // lint (pending 0, 100 s) and build (pending 101 s: 1 s after lint finished in the trace), one pipeline.
        // lint: launch 0, ready 60, runs 60..160; build becomes pending at 160 + 1 and reuses the idle instance:
        // 161..211, idle until 811
        TraceJob lint = new TraceJob("p", null, "lint", "lint", List.of(), null, T0, T0, TraceJob.MISSING,
                100 * S, 0);
        TraceJob build = new TraceJob("p", null, "build", "build", List.of(), null, T0, T0 + 101 * S,
                TraceJob.MISSING, 50 * S, 0);
        ClassRun piped = simulate(0, lint, build).classes().get(0).run();
        assertEquals(1, piped.coldStarts());
        assertEquals(811 * S, piped.vmMs());
        assertEquals(List.of(0L, 60 * S), java.util.Arrays.stream(piped.sortedWaits()).boxed().toList());
        // the same jobs as two pipelines: build arrives at 101 while lint still runs, and needs its own instance
        // (launched 101, ready 161, runs 161..211, gone at 811: 710 s) besides lint's (0..760)
        TraceJob apart = new TraceJob("p", null, "build", "build", List.of(), null, T0 + 1, T0 + 101 * S,
                TraceJob.MISSING, 50 * S, 0);
        ClassRun loose = simulate(0, lint, apart).classes().get(0).run();
        assertEquals(2, loose.coldStarts());
        assertEquals((760 + 710) * S, loose.vmMs());
    }

    @Test
    void aLocalRunnerTakesJobsFirstAndTheCloudGetsTheOverflow() {
        // one local slot. gpu (stays local) 0..100 holds it; lint at 10 goes to the cloud; gpu2 (stays local) at
        // 20 waits for the slot: 100..200; unit at 150 finds it busy: cloud; build at 250 finds it free: local
        long none = TraceJob.MISSING;
        IdleTimeResult r = simulate(1,
                job("gpu", List.of("gpu"), none, 0, 100),
                job("lint", List.of(), none, 10, 10),
                job("gpu2", List.of("gpu"), none, 20, 100),
                job("unit", List.of(), none, 150, 10),
                job("build", List.of(), none, 250, 10));
        assertEquals(1, r.ranLocally());
        assertEquals(2, r.classes().get(0).run().jobs());
        assertEquals(0, r.classes().get(1).run().jobs());
        IdleTimeResult all = simulate(0,
                job("lint", List.of(), none, 10, 10),
                job("build", List.of(), none, 250, 10));
        assertEquals(0, all.ranLocally());
        assertEquals(2, all.total().jobs());
    }

    private static ClassRun withWaits(long billedMs, long... waits) {
        return new ClassRun(waits.length, 0, billedMs, billedMs, 1, 0, 1, 0, 0, 0, 0, 1, waits);
    }

    private static IdleTimeResult result(long idleTime, Prices.Price price, long billedMs, long... waits) {
        ClassRun run = withWaits(billedMs, waits);
        return new IdleTimeResult(idleTime, List.of(new ClassResult("t4g", "t4g.medium", price,
                AutoscalerSettings.DESIGN, run)), run, 0);
    }

    @Test
    void recommendsTheCheapestWithinTheBound() {
        Prices.Price p = new Prices.Price("t4g.medium", 0.012, true);
        List<IdleTimeResult> results = List.of(
                result(300_000, p, 3_600_000, 120_000),
                result(600_000, p, 7_200_000, 80_000),
                result(1_200_000, p, 9_000_000, 10_000));
        Recommendation r = Simulation.recommend(results, 90_000);
        assertEquals(600_000, r.idleTime());
        assertTrue(r.withinBound());
        assertTrue(r.byCost());
        Recommendation none = Simulation.recommend(results, 5_000);
        assertEquals(1_200_000, none.idleTime(), "none within: the shortest p95 wait");
        assertFalse(none.withinBound());
    }

    @Test
    void withoutAPriceVmHoursDecide() {
        List<IdleTimeResult> results = List.of(
                result(300_000, null, 3_600_000, 0),
                result(600_000, null, 7_200_000, 0));
        assertNull(results.get(0).cost());
        Recommendation r = Simulation.recommend(results, 90_000);
        assertEquals(300_000, r.idleTime());
        assertFalse(r.byCost());
    }

    @Test
    void instanceTypeIsTheFirstTheFleetListsForTheClass() {
        Fleet fleet = BUNDLED.fleet();
        assertEquals("t4g.medium", Simulation.instanceType(fleet, "t4g"));
        assertEquals("c7g.large", Simulation.instanceType(fleet, "c7g"));
        assertNull(Simulation.instanceType(fleet, "x86"));
    }
}
