package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed traces. Every number in the comments is worked out from the model in {@link AutoscalerSimulation}'s
 * Javadoc; times are seconds unless written otherwise.
 */
class AutoscalerSimulationTest {
    private static final long S = 1000;
    private static final long MIN = 60 * S;
    private static final AutoscalerSimulation.Sampler COLD_60S = () -> 60 * S;
    private static final AutoscalerSettings ONE = new AutoscalerSettings(1, 10, 0, 0);

    private static ClassRun run(long[] arrivalS, long[] durationS, AutoscalerSettings settings, long idleTime,
                                AutoscalerSimulation.Sampler lifetime) {
        return AutoscalerSimulation.run(ms(arrivalS), ms(durationS), settings, idleTime, 14 * 86_400 * S, COLD_60S,
                lifetime);
    }

    private static long[] ms(long[] seconds) {
        long[] out = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = seconds[i] * S;
        }
        return out;
    }

    private static AutoscalerSimulation.Sampler sequence(long... millis) {
        Iterator<Long> it = java.util.Arrays.stream(millis).boxed().iterator();
        return () -> it.hasNext() ? it.next() : Long.MAX_VALUE;
    }

    @Test
    void oneJobPaysColdStartPlusDurationPlusIdleTime() {
        // launch at 0, ready at 60, runs 60..180, idle until 180 + 600 = 780
        ClassRun r = run(new long[] {0}, new long[] {120}, ONE, 10 * MIN, AutoscalerSimulation.NEVER);
        assertEquals(780 * S, r.vmMs());
        assertEquals(780 * S, r.billedMs());
        assertEquals(120 * S, r.busyMs());
        assertEquals(60 * S, r.bootMs());
        assertEquals(1, r.coldStarts());
        assertEquals(1, r.delayedJobs());
        assertArrayEquals(new long[] {60 * S}, r.sortedWaits());
        assertEquals((780 - 120) / 120d, r.idleRatio(), 1e-12);
    }

    @Test
    void twoJobsInsideIdleTimeShareOneInstance() {
        // A: waits 60, runs 60..180; B arrives at 400 on the idle instance: no wait, runs 400..430;
        // idle until 430 + 600 = 1030
        ClassRun r = run(new long[] {0, 400}, new long[] {120, 30}, ONE, 10 * MIN, AutoscalerSimulation.NEVER);
        assertEquals(1030 * S, r.vmMs());
        assertEquals(150 * S, r.busyMs());
        assertEquals(1, r.coldStarts());
        assertEquals(1, r.delayedJobs());
        assertArrayEquals(new long[] {0, 60 * S}, r.sortedWaits());
    }

    @Test
    void aJobAfterIdleTimeNeedsANewInstance() {
        // A as above: instance gone at 780; B at 900: launch, ready 960, runs 960..990, gone at 1590 (690 s)
        ClassRun r = run(new long[] {0, 900}, new long[] {120, 30}, ONE, 10 * MIN, AutoscalerSimulation.NEVER);
        assertEquals((780 + 690) * S, r.vmMs());
        assertEquals(2, r.coldStarts());
        assertArrayEquals(new long[] {60 * S, 60 * S}, r.sortedWaits());
    }

    @Test
    void jobsQueueWhenMaxInstancesIsReached() {
        // max_instances 1: launch at 0, ready at 60. job0 runs 60..160 (wait 60), job1 (at 10) runs 160..210
        // (wait 150), job2 (at 20) runs 210..260 (wait 190); idle until 260 + 600 = 860
        AutoscalerSettings one = new AutoscalerSettings(1, 1, 0, 0);
        ClassRun r = run(new long[] {0, 10, 20}, new long[] {100, 50, 50}, one, 10 * MIN,
                AutoscalerSimulation.NEVER);
        assertArrayEquals(new long[] {60 * S, 150 * S, 190 * S}, r.sortedWaits());
        assertEquals(150 * S, r.waitPercentile(50));
        assertEquals(190 * S, r.waitPercentile(95));
        assertEquals(860 * S, r.vmMs());
        assertEquals(200 * S, r.busyMs());
        assertEquals(1, r.coldStarts());
        assertEquals(1, r.peakInstances());
    }

    @Test
    void twoInstancesServeTheQueueInOrder() {
        // max_instances 2: A launched at 0 (ready 60), B at 10 (ready 70); job2 (at 20) waits.
        // A takes job0 at 60 (60..160); B takes job1 at 70 (70..120, wait 60); B takes job2 at 120 (wait 100).
        // A idle 160..760, B idle 170..770: 760 + 760 instance-seconds
        AutoscalerSettings two = new AutoscalerSettings(1, 2, 0, 0);
        ClassRun r = run(new long[] {0, 10, 20}, new long[] {100, 50, 50}, two, 10 * MIN,
                AutoscalerSimulation.NEVER);
        assertArrayEquals(new long[] {60 * S, 60 * S, 100 * S}, r.sortedWaits());
        assertEquals(1520 * S, r.vmMs());
        assertEquals(2, r.coldStarts());
        assertEquals(2, r.peakInstances());
    }

    @Test
    void anInterruptedJobIsRetriedFromScratch() {
        // A: launched 0, ready 60, job starts 60 (wait 60); interrupted at 100: 40 s lost, A billed 100 s.
        // B launched at 100, ready 160, job runs 160..280 (wait 60 more), idle until 880 (780 s)
        ClassRun r = run(new long[] {0}, new long[] {120}, ONE, 10 * MIN, sequence(100 * S));
        assertEquals(1, r.interruptions());
        assertEquals(1, r.retries());
        assertEquals(40 * S, r.lostMs());
        assertEquals(2, r.coldStarts());
        assertEquals((100 + 780) * S, r.vmMs());
        assertEquals((40 + 120) * S, r.busyMs());
        assertArrayEquals(new long[] {120 * S}, r.sortedWaits());
    }

    @Test
    void anInstanceInterruptedWhileBootingIsReplaced() {
        // A interrupted at 30 while booting; B launched at 30, ready 90, job 90..150, idle until 750 (720 s)
        ClassRun r = run(new long[] {0}, new long[] {60}, ONE, 10 * MIN, sequence(30 * S));
        assertEquals(1, r.interruptions());
        assertEquals(0, r.retries());
        assertEquals((60 + 720) * S, r.billedMs());
        assertEquals((30 + 720) * S, r.vmMs());
        assertEquals((30 + 60) * S, r.bootMs());
        assertArrayEquals(new long[] {90 * S}, r.sortedWaits());
    }

    @Test
    void idleCountKeepsAWarmInstanceForTheWholePeriod() {
        // idle_count 1, period 1 h, no jobs: the warm instance lives 0..3600
        AutoscalerSettings warm = new AutoscalerSettings(1, 10, 1, 0);
        ClassRun r = AutoscalerSimulation.run(new long[0], new long[0], warm, 10 * MIN, 3600 * S, COLD_60S,
                AutoscalerSimulation.NEVER);
        assertEquals(3600 * S, r.vmMs());
        assertEquals(0, r.coldStarts());
    }

    @Test
    void idleCountRefillsItsSlotAndLetsTheSpareGo() {
        // warm A takes the job at 1000 at once (1000..1100); B is launched at 1000 to refill the idle slot (ready
        // 1060). At 1660 B has been idle 600 s and A is idle too: B goes (660 s). A idle from 1100, kept for
        // idle_count, and terminated when the period ends at 3600
        AutoscalerSettings warm = new AutoscalerSettings(1, 10, 1, 0);
        ClassRun r = AutoscalerSimulation.run(ms(new long[] {1000}), ms(new long[] {100}), warm, 10 * MIN, 3600 * S,
                COLD_60S, AutoscalerSimulation.NEVER);
        assertArrayEquals(new long[] {0}, r.sortedWaits());
        assertEquals(1, r.coldStarts());
        assertEquals((3600 + 660) * S, r.vmMs());
        assertEquals(0, r.delayedJobs());
    }

    @Test
    void maxUseCountOneGivesEveryJobAFreshInstance() {
        // A: 0..180 (job 60..180), removed when its job ends; B: launched 400, job 460..490, removed: 90 s
        AutoscalerSettings fresh = new AutoscalerSettings(1, 10, 0, 1);
        ClassRun r = run(new long[] {0, 400}, new long[] {120, 30}, fresh, 10 * MIN, AutoscalerSimulation.NEVER);
        assertEquals((180 + 90) * S, r.vmMs());
        assertEquals(2, r.coldStarts());
    }

    @Test
    void capacityTwoRunsTwoJobsOnOneInstance() {
        // both jobs start at 60 on one instance; busy 60..160; idle until 760
        AutoscalerSettings two = new AutoscalerSettings(2, 10, 0, 0);
        ClassRun r = run(new long[] {0, 0}, new long[] {100, 50}, two, 10 * MIN, AutoscalerSimulation.NEVER);
        assertEquals(1, r.coldStarts());
        assertEquals(760 * S, r.vmMs());
        assertEquals(100 * S, r.busyMs());
        assertArrayEquals(new long[] {60 * S, 60 * S}, r.sortedWaits());
    }

    @Test
    void anInstanceIsBilledAtLeastAMinute() {
        // cold start 10 s, job 1 s, idle_time 0: the instance lives 11 s and is billed 60 s
        ClassRun r = AutoscalerSimulation.run(new long[] {0}, new long[] {S}, ONE, 0, 86_400 * S, () -> 10 * S,
                AutoscalerSimulation.NEVER);
        assertEquals(11 * S, r.vmMs());
        assertEquals(60 * S, r.billedMs());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        assertEquals(10, ClassRun.percentile(sorted, 50));
        assertEquals(19, ClassRun.percentile(sorted, 95));
        assertEquals(20, ClassRun.percentile(sorted, 100));
        assertEquals(0, ClassRun.percentile(new long[0], 95));
    }

    @Test
    void unsortedArrivalsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AutoscalerSimulation.run(new long[] {5, 1},
                new long[] {1, 1}, ONE, 0, 0, COLD_60S, AutoscalerSimulation.NEVER));
    }

    @Test
    void aLongQueueIsServedFirstComeFirstServed() {
        // max_instances 1, 100 jobs of 10 s at time 0: job k starts at 60 + 10k, so waits are 60, 70, ... 1050
        int n = 100;
        long[] arrival = new long[n];
        long[] duration = new long[n];
        java.util.Arrays.fill(duration, 10 * S);
        ClassRun r = AutoscalerSimulation.run(arrival, duration, new AutoscalerSettings(1, 1, 0, 0), 0, 0, COLD_60S,
                AutoscalerSimulation.NEVER);
        List<Long> expected = java.util.stream.LongStream.range(0, n).map(k -> (60 + 10 * k) * S).boxed().toList();
        assertEquals(expected, java.util.Arrays.stream(r.sortedWaits()).boxed().toList());
        assertEquals((60 + 1000) * S, r.vmMs());
    }
}
