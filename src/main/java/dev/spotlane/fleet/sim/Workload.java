package dev.spotlane.fleet.sim;

import dev.spotlane.model.HistoryPipelines;
import dev.spotlane.policy.HistoryRouting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job trace made ready for the simulation: every usable job routed, ordered by when it became pending, with the
 * earlier stage of its pipeline it waited for; which jobs stay local and why; which were skipped; and the period the
 * trace covers.
 *
 * <p><b>Routing.</b> Every job read is routed through {@link HistoryRouting}, the function {@code usage} uses too
 * (the command line gives it {@code fix}'s router): by name, stage and tags, as {@code fix} would route a job
 * written with just those. A job stays where it is for the reason the routing gives (no route matches, a tag that
 * is neither a local nor a cloud tag, ...). The counts (routed per class, stays per reason, job-hours) cover every
 * job read, timed or not, so they match {@code usage}'s; the simulation replays the timed ones.
 *
 * <p><b>Pipelines and stages.</b> Pipelines are told apart by {@link HistoryPipelines} (as {@code usage} does): jobs
 * of one project with the same {@code pipeline_id} (or, without one, created at the same moment) form a pipeline, and its jobs with the same stage a stage group. A job that became pending at
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
    private int unfinished;
    private int skippedNoStart;
    private int skippedNoDuration;
    private int skippedNoName;
    /** Jobs read that stay where they are, by reason (every job read, timed or not). */
    private final Map<String, Integer> stays = new LinkedHashMap<>();
    private long stayMs;
    private long historyJobMs;
    private int localSlots;
    private long startEpochMs;
    private long periodMs;
    private boolean periodFromTrace;
    private long jobMs;
    private HistoryPipelines pipelines = new HistoryPipelines();
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
    /** Bytes of artifacts each job uploaded (0 when unknown). */
    long[] artifactBytes;
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
     * @param classes    the cloud classes, in the rules' order
     * @param routing    the shared routing of history jobs
     * @param localSlots slots of a local runner that takes jobs first; 0 for none
     * @param periodMs   the period the trace covers; 0 to take it from the trace (whole days from the first job
     *                   becoming pending to the last one finishing, at least one day)
     */
    public static Workload of(JobTrace trace, List<String> classes, HistoryRouting routing, int localSlots,
                              long periodMs) {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(routing, "routing");
        if (localSlots < 0 || periodMs < 0) {
            throw new IllegalArgumentException("localSlots and periodMs must not be negative");
        }
        Workload w = new Workload(trace.source(), List.copyOf(classes));
        List<TraceJob> all = trace.jobs();
        w.read = all.size();
        w.unfinished = trace.unfinished();
        w.localSlots = localSlots;
        w.routed = new int[w.classes.size()];
        w.routedMs = new long[w.classes.size()];
        int[] classOf = w.routeAll(all, routing);
        int[] pipelineOf = new int[all.size()];
        HistoryPipelines pipes = new HistoryPipelines();
        for (int i = 0; i < all.size(); i++) {
            TraceJob job = all.get(i);
            pipelineOf[i] = pipes.add(job.project(), job.pipeline(), job.createdAt(), TraceJob.MISSING);
        }
        w.pipelines = pipes;
        List<TraceJob> usable = new ArrayList<>(all.size());
        int[] usableIndex = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            TraceJob job = all.get(i);
            if (job.pendingAt() == TraceJob.MISSING) {
                w.skippedNoStart++;
            } else if (job.runMillis() == TraceJob.MISSING || job.runMillis() < 0) {
                w.skippedNoDuration++;
            } else if (job.name() == null || job.name().isEmpty()) {
                w.skippedNoName++;
            } else {
                usableIndex[usable.size()] = i;
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
        w.artifactBytes = new long[n];
        long[] finished = new long[n];
        int[] usablePipeline = new int[n];
        for (int k = 0; k < n; k++) {
            TraceJob job = usable.get(order[k]);
            int i = usableIndex[order[k]];
            w.pending[k] = job.pendingAt() - first;
            w.duration[k] = job.runMillis();
            w.queued[k] = job.startedAt() - job.pendingAt();
            finished[k] = job.startedAt() - first + job.runMillis();
            w.jobMs += w.duration[k];
            w.cls[k] = classOf[i];
            w.artifactBytes[k] = Math.max(0, job.artifactsBytes());
            usablePipeline[k] = pipelineOf[i];
        }
        w.stages(usable, order, finished, usablePipeline);
        return w;
    }

    /**
     * Routes every job read (timed or not) through the shared routing, counting per class and per reason to stay;
     * returns each job's class index, or -1.
     */
    private int[] routeAll(List<TraceJob> all, HistoryRouting routing) {
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        // distinct (name, stage, tags), looked up without allocating: a history repeats a few of them a million times
        List<HistoryRouting.Job> distinct = new ArrayList<>();
        Map<String, Map<String, Map<List<String>, Integer>>> index = new HashMap<>();
        int[] key = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            TraceJob job = all.get(i);
            String name = job.name() == null ? "" : job.name();
            Map<String, Map<List<String>, Integer>> byStage = index.get(name);
            if (byStage == null) {
                byStage = new HashMap<>();
                index.put(name, byStage);
            }
            Map<List<String>, Integer> byTags = byStage.get(job.stage());
            if (byTags == null) {
                byTags = new HashMap<>();
                byStage.put(job.stage(), byTags);
            }
            Integer known = byTags.get(job.tags());
            if (known == null) {
                known = distinct.size();
                byTags.put(job.tags(), known);
                distinct.add(new HistoryRouting.Job(job.name() == null || job.name().isEmpty() ? null : job.name(),
                        job.stage(), job.tags()));
            }
            key[i] = known;
        }
        List<HistoryRouting.Routed> answers = routing.route(distinct);
        int[] classOf = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            HistoryRouting.Routed r = answers.get(key[i]);
            long ms = all.get(i).runMillis() == TraceJob.MISSING ? 0 : Math.max(0, all.get(i).runMillis());
            historyJobMs += ms;
            Integer c = r.cloud() ? classIndex.get(r.className()) : null;
            if (c == null) {
                classOf[i] = -1;
                stays.merge(r.cloud() ? "class \"" + r.className() + "\" is not simulated" : r.reason(), 1,
                        Integer::sum);
                stayMs += ms;
            } else {
                classOf[i] = c;
                routed[c]++;
                routedMs[c] += ms;
            }
        }
        return classOf;
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

    /** A stage of one pipeline. */
    private record GroupKey(int pipeline, String stage) {
    }

    /** Stage groups, and which earlier group each job waited for. */
    private void stages(List<TraceJob> usable, int[] order, long[] finished, int[] pipelineOf) {
        int pipelineCount = pipelines.count();
        Map<GroupKey, Integer> groupIds = new HashMap<>();
        int[] groupPipeline = new int[Math.max(16, n)];
        for (int k = 0; k < n; k++) {
            TraceJob job = usable.get(order[k]);
            int p = pipelineOf[k];
            Integer g = p < 0 ? null : groupIds.putIfAbsent(new GroupKey(p, job.stage()), groups);
            if (g == null) {
                g = groups++;
                groupPipeline[g] = p;
            }
            group[k] = g;
        }
        // groups are numbered in the order they first became pending (jobs are in that order)
        groupSize = new int[groups];
        long[] groupFinish = new long[groups];
        Arrays.fill(groupFinish, Long.MIN_VALUE);
        for (int k = 0; k < n; k++) {
            groupSize[group[k]]++;
            groupFinish[group[k]] = Math.max(groupFinish[group[k]], finished[k]);
        }
        // each pipeline's groups, in that order: pipelineGroups[pipelineStart[p] .. pipelineStart[p + 1])
        int[] pipelineStart = new int[pipelineCount + 1];
        for (int g = 0; g < groups; g++) {
            if (groupPipeline[g] >= 0) {
                pipelineStart[groupPipeline[g] + 1]++;
            }
        }
        for (int p = 0; p < pipelineCount; p++) {
            pipelineStart[p + 1] += pipelineStart[p];
        }
        int[] pipelineGroups = new int[pipelineStart[pipelineCount]];
        int[] fillPipeline = Arrays.copyOf(pipelineStart, pipelineCount);
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

    /** Jobs of the file left out as not finished (running, pending, ...), as {@code usage} does. */
    public int unfinished() {
        return unfinished;
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

    /** Jobs read that stay where they are (not routed to a cloud class), by reason, in the order first met. */
    public Map<String, Integer> stays() {
        return java.util.Collections.unmodifiableMap(stays);
    }

    /** Jobs read that stay where they are. */
    public int stayed() {
        return stays.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Jobs read that stay, no route matching them. */
    public int noRoute() {
        return stays.getOrDefault(HistoryRouting.Routed.NO_ROUTE, 0);
    }

    /** Run time of the jobs read that stay (ms). */
    public long stayMs() {
        return stayMs;
    }

    /** Run time of every job read that has one, timed or not (ms): the history's job-hours. */
    public long historyJobMs() {
        return historyJobMs;
    }

    /** Artifact bytes of a simulated job (0 when the history has none). */
    long artifactBytes(int k) {
        return artifactBytes[k];
    }

    /** True when some simulated job has an artifact size. */
    public boolean hasArtifactSizes() {
        for (long b : artifactBytes) {
            if (b > 0) {
                return true;
            }
        }
        return false;
    }

    /** The local runner's slots; 0 for none. */
    public int localSlots() {
        return localSlots;
    }

    /** Pipelines told apart in the trace (every job read, the way {@code usage} counts them). */
    public int pipelines() {
        return pipelines.count();
    }

    /** How the pipelines were told apart. */
    public HistoryPipelines pipelineCount() {
        return pipelines;
    }

    /** Jobs that waited for an earlier stage of their pipeline. */
    public int dependentJobs() {
        return dependent;
    }

    /** Jobs read routed to a cloud class (a local runner may still take some first). */
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
        w.artifactBytes = new long[n];
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
