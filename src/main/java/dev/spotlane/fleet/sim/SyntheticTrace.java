package dev.spotlane.fleet.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A job history shaped like the one in the user's design document: 163 pipelines and 1,682 jobs in 14 days, 29
 * hours of job time (the document's "CPU-hours"), spiky (one 5-hour day, quiet days under an hour), mostly short
 * linters, and a few long mutation and integration tests.
 *
 * <p>The shape, per day: a number of pipelines and how many of them also run the long tests (the table below,
 * Monday 2025-04-21 to Sunday 2025-05-04; May 2 is the 5-hour day). Pipelines come in one to three working
 * sessions a day, each starting between 08:00 and 18:00 UTC, 2 minutes plus an exponential 10 minutes apart. Each
 * pipeline runs its stages one after the other, the jobs of a stage at once:
 * <pre>
 * lint      gofmt 15s, go-vet 30s, golangci-lint 60s, codespell 10s, markdownlint 12s, shellcheck 10s
 * test      unit-test 70s, govulncheck 25s   (+ integration-test 10m in a long-test pipeline)
 * build     build-linux-amd64 40s, build-linux-arm64 40s
 * mutation  mutation-test 25m                (long-test pipelines only)
 * </pre>
 * Each duration is its nominal value times a log-normal factor (sigma 0.35); then all are scaled so the total is
 * exactly 29 hours. A stage becomes pending 1 s after the previous one finished; each job waited 1-4 s on the
 * local runner ({@code queued_duration}). The jobs are untagged and ran on a local runner; the jobs of a pipeline
 * share its {@code created_at}.
 */
public final class SyntheticTrace {
    /** Pipelines in the design document's two weeks. */
    public static final int PIPELINES = 163;
    /** Jobs in the design document's two weeks. */
    public static final int JOBS = 1682;
    /** Job time in the design document's two weeks (ms). */
    public static final long JOB_MS = 29 * 3_600_000L;
    /** Days the trace covers. */
    public static final int DAYS = 14;
    /** Midnight UTC of the first day, a Monday. */
    public static final Instant START = Instant.parse("2025-04-21T00:00:00Z");

    /** Pipelines per day, Monday 2025-04-21 to Sunday 2025-05-04. */
    private static final int[] PIPELINES_PER_DAY = {16, 16, 14, 15, 10, 3, 2, 14, 15, 13, 14, 24, 4, 3};
    /** Of which run the long tests too. */
    private static final int[] LONG_PER_DAY = {2, 2, 2, 3, 1, 1, 0, 2, 3, 2, 2, 5, 1, 0};

    private record Spec(String name, String stage, double seconds, boolean longTest) {
    }

    private static final List<List<Spec>> STAGES = List.of(
            List.of(new Spec("gofmt", "lint", 15, false), new Spec("go-vet", "lint", 30, false),
                    new Spec("golangci-lint", "lint", 60, false), new Spec("codespell", "lint", 10, false),
                    new Spec("markdownlint", "lint", 12, false), new Spec("shellcheck", "lint", 10, false)),
            List.of(new Spec("unit-test", "test", 70, false), new Spec("govulncheck", "test", 25, false),
                    new Spec("integration-test", "test", 600, true)),
            List.of(new Spec("build-linux-amd64", "build", 40, false),
                    new Spec("build-linux-arm64", "build", 40, false)),
            List.of(new Spec("mutation-test", "mutation", 1500, true)));

    private SyntheticTrace() {
    }

    /** The design-shaped trace; the seed varies times and durations, never the counts or the total. */
    public static JobTrace design(long seed) {
        return new JobTrace("synthetic (seed " + seed + ")", generate(seed, "home/app"));
    }

    /**
     * Many projects with the design's shape at once, for benchmarks: {@code projects} copies with their own seeds,
     * over the same 14 days.
     */
    public static JobTrace projects(long seed, int projects) {
        List<TraceJob> jobs = new ArrayList<>(projects * JOBS);
        for (int p = 0; p < projects; p++) {
            jobs.addAll(generate(seed * 1_000_003L + p, "group/project-" + p));
        }
        return new JobTrace("synthetic (" + projects + " projects, seed " + seed + ")", jobs);
    }

    private static List<TraceJob> generate(long seed, String project) {
        SplittableRandom rng = new SplittableRandom(seed);
        // pass 1: when each pipeline starts, and which run the long tests
        List<Long> starts = new ArrayList<>();
        List<Boolean> longTests = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            int n = PIPELINES_PER_DAY[day];
            int sessions = n <= 4 ? n : 1 + rng.nextInt(3);
            long dayStart = START.toEpochMilli() + day * 86_400_000L;
            List<Long> dayStarts = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int inSession = n / sessions + (s < n % sessions ? 1 : 0);
                long t = dayStart + 8 * 3_600_000L + (long) (rng.nextDouble() * 10 * 3_600_000L);
                for (int k = 0; k < inSession; k++) {
                    dayStarts.add(t);
                    t += 120_000L + Math.round(-Math.log(1 - rng.nextDouble()) * 600_000d);
                }
            }
            dayStarts.sort(null);
            boolean[] longTest = new boolean[n];
            for (int chosen = 0; chosen < LONG_PER_DAY[day]; ) {
                int k = rng.nextInt(n);
                if (!longTest[k]) {
                    longTest[k] = true;
                    chosen++;
                }
            }
            for (int k = 0; k < n; k++) {
                starts.add(dayStarts.get(k));
                longTests.add(longTest[k]);
            }
        }
        // pass 2: durations, then scaled to the design's total
        List<double[]> durations = new ArrayList<>();
        double total = 0;
        for (int p = 0; p < starts.size(); p++) {
            for (List<Spec> stage : STAGES) {
                double[] d = new double[stage.size()];
                for (int j = 0; j < stage.size(); j++) {
                    Spec spec = stage.get(j);
                    if (!spec.longTest() || longTests.get(p)) {
                        d[j] = Math.max(3, spec.seconds() * Math.exp(0.35 * rng.nextGaussian()));
                        total += d[j];
                    }
                }
                durations.add(d);
            }
        }
        double scale = JOB_MS / 1000d / total;
        // pass 3: stage by stage
        List<TraceJob> jobs = new ArrayList<>(JOBS);
        int stageIndex = 0;
        for (int p = 0; p < starts.size(); p++) {
            long created = starts.get(p);
            long pending = created + 1000;
            for (List<Spec> stage : STAGES) {
                double[] d = durations.get(stageIndex++);
                long stageEnd = pending;
                for (int j = 0; j < stage.size(); j++) {
                    Spec spec = stage.get(j);
                    if (spec.longTest() && !longTests.get(p)) {
                        continue;
                    }
                    long queued = 1000 + rng.nextLong(3001);
                    long duration = Math.round(d[j] * scale * 10) * 100;
                    long started = pending + queued;
                    long finished = started + duration;
                    jobs.add(new TraceJob(project, null, spec.name(), spec.stage(), List.of(), "workstation", created,
                            started, finished, duration, queued));
                    stageEnd = Math.max(stageEnd, finished);
                }
                pending = stageEnd + 1000;
            }
        }
        return jobs;
    }
}
