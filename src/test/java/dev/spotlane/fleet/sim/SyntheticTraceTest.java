package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The synthetic trace has the shape the design document describes, whatever the seed. */
class SyntheticTraceTest {

    @Test
    void hasTheDesignDocumentsShape() {
        for (long seed : new long[] {1, 2, 99}) {
            JobTrace t = SyntheticTrace.design(seed);
            assertEquals(1682, t.jobs().size());
            assertEquals(163, t.jobs().stream().map(TraceJob::createdAt).distinct().count(), "pipelines");
            double hours = t.jobs().stream().mapToLong(TraceJob::duration).sum() / 3.6e6;
            assertEquals(29.0, hours, 0.01, "job-hours in two weeks");
            Map<LocalDate, Double> perDay = new TreeMap<>(t.jobs().stream().collect(Collectors.groupingBy(
                    j -> LocalDate.ofInstant(Instant.ofEpochMilli(j.startedAt()), ZoneOffset.UTC),
                    Collectors.summingDouble(j -> j.duration() / 3.6e6))));
            assertEquals(14, perDay.size(), "every day has jobs");
            Map.Entry<LocalDate, Double> busiest = perDay.entrySet().stream().max(Map.Entry.comparingByValue())
                    .orElseThrow();
            assertEquals(LocalDate.of(2025, 5, 2), busiest.getKey(), "the spiky day");
            assertEquals(5.0, busiest.getValue(), 0.6);
            assertTrue(perDay.values().stream().filter(h -> h < 1).count() >= 3, "quiet days: " + perDay);
            long longJobs = t.jobs().stream().filter(j -> j.duration() > 5 * 60_000).count();
            long shortJobs = t.jobs().stream().filter(j -> j.duration() <= 2 * 60_000).count();
            assertTrue(longJobs >= 45 && longJobs <= 60, "a few long tests: " + longJobs);
            assertTrue(shortJobs > 0.9 * 1682, "mostly short jobs: " + shortJobs);
            assertEquals(52, t.jobs().stream().filter(j -> j.name().equals("mutation-test")
                    || j.name().equals("integration-test")).count());
            assertTrue(t.jobs().stream().allMatch(j -> j.finishedAt() - j.startedAt() == j.duration()
                    && j.queued() >= 1000 && j.queued() <= 4000 && j.createdAt() < j.startedAt()));
        }
    }

    @Test
    void theSameSeedGivesTheSameTrace() {
        assertEquals(SyntheticTrace.design(5).jobs(), SyntheticTrace.design(5).jobs());
    }

    @Test
    void manyProjectsScaleTheShape() {
        JobTrace t = SyntheticTrace.projects(1, 3);
        assertEquals(3 * 1682, t.jobs().size());
        assertEquals(3, t.jobs().stream().map(TraceJob::project).distinct().count());
    }
}
