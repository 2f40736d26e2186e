package dev.spotlane.fleet.sim;

import dev.spotlane.policy.Route;
import dev.spotlane.policy.Routing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A job trace made ready for the simulation: every usable job routed, ordered by when it became pending, with the
 * earlier stage of its pipeline it waited for; which jobs stay local and why; which were skipped; and the period the
 * trace covers.
 *
 * <p><b>Routing.</b> Each job is routed as {@code spotlane fix} routes it, by name and stage (a trace has no
 * {@code extends}): the first matching route names its class. It stays local when no route matches, or when its
 * tags hold a tag that is neither a local nor a cloud tag (or a variable), because {@code fix} keeps such jobs where
 * they are.
 *
 * <p><b>Pipelines and stages.</b> Jobs of one project with the same {@code pipeline_id} (or, without one, created at
 * the same moment) form a pipeline, and its jobs with the same stage a stage group. A job that became pending at
 * most {@value #DEPENDENCY_WINDOW_S} seconds after the last job of an earlier stage group finished (and not before)
 * is taken to have waited for that group, as GitLab's stages make it. In the simulation it becomes pending when the
 * group has finished there, plus the same gap; a job that waited for nothing keeps its time from the trace. So a
 * cold start that delays a stage delays the stages after it, as it would on the real fleet.
 *
 * <p><b>Time.</b> A job became pending at {@code started_at - queued_duration}; {@code created_at} is not when a job
 * can run (later stages are created with the pipeline).
 */
public final class Workload {
    /** How long after an earlier stage's last job finished a job may become pending and still count as waiting. */
    static final int DEPENDENCY_WINDOW_S = 60;
    private static final long WINDOW_MS = DEPENDENCY_WINDOW_S * 1000L;
    /** Timestamps are often rounded to the second. */
    private static final long SLACK_MS = 1000;
    private static final long DAY_MS = 86_400_000L;

    private final String source;
    private final List<String> classes;
    private int read;
    private int skippedNoStart;
    private int skippedNoDuration;
    private int skippedNoName;
    private int noRoute;
    private int foreignTags;
    private int localSlots;
    private long startEpochMs;
    private long periodMs;
    private boolean periodFromTrace;
    private long jobMs;
    private int pipelines;
    private int dependent;
    private int[] routed;
    private long[] routedMs;

    // the usable jobs, by the time they became pending in the trace (ms from the start)
    int n;
    long[] pending;
    long[] duration;
    /** How long the job waited for the old runner (replayed for jobs that stay on it without --local). */
    long[] queued;
    /** Class index, or -1 for a job that stays local. */
    int[] cls;
    /** The stage group the job belongs to. */
    int[] group;
    /** The stage group the job waited for, or -1. */
    int[] dependsOn;
    /** How long after that group finished the job became pending. */
    long[] gap;
    int groups;
    int[] groupSize;
    /** Jobs waiting for each group: {@code dependents[dependentStart[g] .. dependentStart[g + 1])}. */
    int[] dependentStart;
    int[] dependents;

    private Workload(String source, List<String> classes) {
        this.source = source;
        this.classes = classes;
    }

    /**
     * Prepares a trace.
     *
     * @param trace      the job history
     * @param routing    the rules' routing
     * @param localSlots slots of a local runner that takes jobs first; 0 for none
     * @param periodMs   the period the trace covers; 0 to take it from the trace (whole days from the first job
     *                   becoming pending to the last one finishing, at least one day)
     */
    public static Workload of(JobTrace trace, Routing routing, int localSlots, long periodMs) {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(routing, "routing");
        if (localSlots < 0 || periodMs < 0) {
            throw new IllegalArgumentException("localSlots and periodMs must not be negative");
        }
        Workload w = new Workload(trace.source(), List.copyOf(routing.classes().keySet()));
        w.read = trace.jobs().size();
        w.localSlots = localSlots;
        w.routed = new int[w.classes.size()];
        w.routedMs = new long[w.classes.size()];
        List<TraceJob> usable = new ArrayList<>(trace.jobs().size());
        for (TraceJob job : trace.jobs()) {
            if (job.pendingAt() == TraceJob.MISSING) {
                w.skippedNoStart++;
            } else if (job.runMillis() == TraceJob.MISSING || job.runMillis() < 0) {
                w.skippedNoDuration++;
            } else if (job.name() == null || job.name().isEmpty()) {
                w.skippedNoName++;
            } else {
                usable.add(job);
            }
        }
        int n = usable.size();
        w.n = n;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TraceJob job : usable) {
            first = Math.min(first, job.pendingAt());
            last = Math.max(last, job.pendingAt() + job.runMillis());
        }
        w.startEpochMs = n == 0 ? 0 : first;
        w.periodFromTrace = periodMs == 0;
        w.periodMs = periodMs > 0 ? periodMs : Math.max(1, (n == 0 ? 0 : last - first + DAY_MS - 1) / DAY_MS) * DAY_MS;

        int[] order = order(usable, first);
        w.pending = new long[n];
        w.duration = new long[n];
        w.queued = new long[n];
        w.cls = new int[n];
        w.group = new int[n];
        w.dependsOn = new int[n];
        w.gap = new long[n];
        long[] finished = new long[n];
        w.route(usable, order, routing, first, finished);
        w.stages(usable, order, finished);
        return w;
    }

    /** Indices ordered by pending time, stable. */
    private static int[] order(List<TraceJob> jobs, long first) {
        int n = jobs.size();
        int[] order = new int[n];
        boolean packable = n < (1 << 24);
        for (int i = 0; i < n && packable; i++) {
            packable = jobs.get(i).pendingAt() - first < (1L << 39);
        }
        if (packable) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = (jobs.get(i).pendingAt() - first) << 24 | i;
            }
            Arrays.sort(keys);
            for (int i = 0; i < n; i++) {
                order[i] = (int) (keys[i] & 0xFF_FFFF);
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(jobs.get(a).pendingAt(), jobs.get(b).pendingAt()));
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    private void route(List<TraceJob> usable, int[] order, Routing routing, long first, long[] finished) {
        Set<String> cloudTags = new HashSet<>();
        cloudTags.add(routing.cloudTag());
        routing.classes().values().forEach(c -> cloudTags.addAll(c.tags()));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        Map<String, Map<String, Integer>> routeCache = new HashMap<>();
        Map<List<String>, Boolean> tagCache = new HashMap<>();
        for (int k = 0; k < n; k++) {
            TraceJob job = usable.get(order[k]);
            pending[k] = job.pendingAt() - first;
            duration[k] = job.runMillis();
            queued[k] = job.startedAt() - job.pendingAt();
            finished[k] = job.startedAt() - first + job.runMillis();
            jobMs += duration[k];
            int routedTo = routeCache.computeIfAbsent(job.name(), x -> new HashMap<>()).computeIfAbsent(job.stage(),
                    stage -> routing.route(job.name(), stage, List.of()).map(Route::className)
                            .map(c -> classIndex.getOrDefault(c, -1)).orElse(-1));
            boolean foreign = tagCache.computeIfAbsent(job.tags(), tags -> tags.stream().anyMatch(t -> t.contains("$")
                    || !routing.localTags().contains(t) && !cloudTags.contains(t)));
            if (routedTo < 0) {
                noRoute++;
                cls[k] = -1;
            } else if (foreign) {
                foreignTags++;
                cls[k] = -1;
            } else {
                cls[k] = routedTo;
                routed[routedTo]++;
                routedMs[routedTo] += duration[k];
            }
        }
    }

    /** A pipeline: its project and its id, or the moment it was created. */
    private record PipelineKey(String project, String id, long created) {
    }

    /** A stage of one pipeline. */
    private record GroupKey(int pipeline, String stage) {
    }

    /** Stage groups, and which earlier group each job waited for. */
    private void stages(List<TraceJob> usable, int[] order, long[] finished) {
        Map<PipelineKey, Integer> pipelineIds = new HashMap<>();
        Map<GroupKey, Integer> groupIds = new HashMap<>();
        int[] pipelineOf = new int[n];
        int[] groupPipeline = new int[Math.max(16, n)];
        for (int k = 0; k < n; k++) {
            TraceJob job = usable.get(order[k]);
            int p = -1;
            if (job.pipeline() != null || job.createdAt() != TraceJob.MISSING) {
                PipelineKey key = new PipelineKey(job.project(), job.pipeline(),
                        job.pipeline() == null ? job.createdAt() : 0);
                Integer known = pipelineIds.putIfAbsent(key, pipelineIds.size());
                p = known == null ? pipelineIds.size() - 1 : known;
            }
            pipelineOf[k] = p;
            Integer g = p < 0 ? null : groupIds.putIfAbsent(new GroupKey(p, job.stage()), groups);
            if (g == null) {
                g = groups++;
                groupPipeline[g] = p;
            }
            group[k] = g;
        }
        pipelines = pipelineIds.size();
        // groups are numbered in the order they first became pending (jobs are in that order)
        groupSize = new int[groups];
        long[] groupFinish = new long[groups];
        Arrays.fill(groupFinish, Long.MIN_VALUE);
        for (int k = 0; k < n; k++) {
            groupSize[group[k]]++;
            groupFinish[group[k]] = Math.max(groupFinish[group[k]], finished[k]);
        }
        // each pipeline's groups, in that order: pipelineGroups[pipelineStart[p] .. pipelineStart[p + 1])
        int[] pipelineStart = new int[pipelines + 1];
        for (int g = 0; g < groups; g++) {
            if (groupPipeline[g] >= 0) {
                pipelineStart[groupPipeline[g] + 1]++;
            }
        }
        for (int p = 0; p < pipelines; p++) {
            pipelineStart[p + 1] += pipelineStart[p];
        }
        int[] pipelineGroups = new int[pipelineStart[pipelines]];
        int[] fillPipeline = Arrays.copyOf(pipelineStart, pipelines);
        for (int g = 0; g < groups; g++) {
            if (groupPipeline[g] >= 0) {
                pipelineGroups[fillPipeline[groupPipeline[g]]++] = g;
            }
        }
        int[] dependentCount = new int[groups + 1];
        for (int k = 0; k < n; k++) {
            dependsOn[k] = -1;
            int p = pipelineOf[k];
            if (p < 0) {
                continue;
            }
            int best = -1;
            for (int at = pipelineStart[p]; at < pipelineStart[p + 1]; at++) {
                int h = pipelineGroups[at];
                if (h >= group[k]) {
                    break;
                }
                long since = pending[k] - groupFinish[h];
                if (since >= -SLACK_MS && since <= WINDOW_MS && (best < 0 || groupFinish[h] > groupFinish[best])) {
                    best = h;
                }
            }
            if (best >= 0) {
                dependsOn[k] = best;
                gap[k] = Math.max(0, pending[k] - groupFinish[best]);
                dependentCount[best]++;
                dependent++;
            }
        }
        dependentStart = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            dependentStart[g + 1] = dependentStart[g] + dependentCount[g];
        }
        dependents = new int[dependent];
        int[] fill = Arrays.copyOf(dependentStart, groups);
        for (int k = 0; k < n; k++) {
            if (dependsOn[k] >= 0) {
                dependents[fill[dependsOn[k]]++] = k;
            }
        }
    }

    /** The trace's name. */
    public String source() {
        return source;
    }

    /** Jobs in the trace. */
    public int read() {
        return read;
    }

    /** Jobs skipped: no {@code started_at}. */
    public int skippedNoStart() {
        return skippedNoStart;
    }

    /** Jobs skipped: neither {@code duration} nor {@code finished_at}. */
    public int skippedNoDuration() {
        return skippedNoDuration;
    }

    /** Jobs skipped: no name to route by. */
    public int skippedNoName() {
        return skippedNoName;
    }

    /** Jobs skipped for any reason. */
    public int skipped() {
        return skippedNoStart + skippedNoDuration + skippedNoName;
    }

    /** Jobs simulated (routed or staying local). */
    public int usable() {
        return n;
    }

    /** Jobs that stay local: no route matches them. */
    public int noRoute() {
        return noRoute;
    }

    /** Jobs that stay local: a tag is neither a local nor a cloud tag. */
    public int foreignTags() {
        return foreignTags;
    }

    /** The local runner's slots; 0 for none. */
    public int localSlots() {
        return localSlots;
    }

    /** Pipelines told apart in the trace. */
    public int pipelines() {
        return pipelines;
    }

    /** Jobs that waited for an earlier stage of their pipeline. */
    public int dependentJobs() {
        return dependent;
    }

    /** Jobs routed to a cloud class (a local runner may still take some first). */
    public int routed() {
        return Arrays.stream(routed).sum();
    }

    /** Jobs routed to a class. */
    public int routed(String cls) {
        return routed[classes.indexOf(cls)];
    }

    /** Run time of the jobs routed to a class (ms). */
    public long routedMs(String cls) {
        return routedMs[classes.indexOf(cls)];
    }

    /** Run time of the jobs routed to any class (ms). */
    public long routedMs() {
        return Arrays.stream(routedMs).sum();
    }

    /** When the first job became pending (epoch ms): time 0 of the simulation. */
    public long startEpochMs() {
        return startEpochMs;
    }

    /** The period the trace covers (ms). */
    public long periodMs() {
        return periodMs;
    }

    /** True when the period was taken from the trace rather than given. */
    public boolean periodFromTrace() {
        return periodFromTrace;
    }

    /** The period in days. */
    public double periodDays() {
        return periodMs / (double) DAY_MS;
    }

    /** Run time of every usable job, local or cloud (ms). */
    public long jobMs() {
        return jobMs;
    }

    /** The classes in the rules' order. */
    public List<String> classes() {
        return classes;
    }

    /**
     * One class's jobs on their own, as independent arrivals with no stage waiting on another: for tests and
     * benchmarks of a single autoscaler.
     */
    static Workload independent(long[] arrival, long[] duration) {
        Workload w = new Workload("jobs", List.of("cloud"));
        int n = arrival.length;
        w.n = n;
        w.read = n;
        w.routed = new int[] {n};
        w.routedMs = new long[] {Arrays.stream(duration).sum()};
        w.jobMs = w.routedMs[0];
        w.pending = arrival;
        w.duration = duration;
        w.queued = new long[n];
        w.cls = new int[n];
        w.group = new int[n];
        w.dependsOn = new int[n];
        Arrays.fill(w.dependsOn, -1);
        w.gap = new long[n];
        for (int k = 0; k < n; k++) {
            w.group[k] = k;
        }
        w.groups = n;
        w.groupSize = new int[n];
        Arrays.fill(w.groupSize, 1);
        w.dependentStart = new int[n + 1];
        w.dependents = new int[0];
        w.periodMs = DAY_MS;
        w.periodFromTrace = true;
        return w;
    }
}
