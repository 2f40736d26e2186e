package dev.spotlane.fleet.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A discrete-event simulation of the runners' docker-autoscalers, one per instance class, over a routed job trace.
 *
 * <p>The model, in the order things happen:
 * <ul>
 *   <li>A job becomes pending at its time in the trace, or, when it waited for an earlier stage of its pipeline
 *       (see {@link Workload}), when that stage has finished here, plus the gap the trace shows. A job that stays
 *       local runs on the old runner as it did (after the same queue time), or, with a local runner of N slots, on
 *       that runner first come first served. A routed job takes a free local slot if there is one, else it joins
 *       its class's queue.</li>
 *   <li>Queued jobs take free slots first come, first served. A free slot is one of {@code capacity_per_instance}
 *       on a running instance that has not yet taken {@code max_use_count} jobs. Among instances with a free slot
 *       the busiest is chosen, then the one whose load changed last: with one job per instance, the instance that
 *       became idle last, so long-idle instances run out their {@code idle_time}.</li>
 *   <li>Whenever the queue plus {@code idle_count} is larger than the free slots of running and booting
 *       instances, instances are launched, up to {@code max_instances} in any state; beyond that, jobs wait. A
 *       launched instance is ready after a cold start drawn from the sampler; it then serves whichever job is first
 *       in the queue (not necessarily the one that caused the launch).</li>
 *   <li>An instance with no job for {@code idle_time} (counted from its last job's end, or from becoming ready if it
 *       never ran one) is terminated, unless that would leave fewer than {@code idle_count} free slots; such an
 *       instance is checked again every minute (the autoscaler's update interval). An instance that has taken
 *       {@code max_use_count} jobs is terminated when its last job ends.</li>
 *   <li>A spot interruption terminates an instance at once; its running jobs are retried from scratch: they join
 *       the back of the queue, and the time they ran is lost.</li>
 *   <li>{@code idle_count} slots are ready (warm, already booted) when the trace starts and are kept until it
 *       ends: then those idle for {@code idle_time} already are terminated, and no instance is kept for
 *       {@code idle_count} any more.</li>
 * </ul>
 * An instance is billed from launch to termination, at least 60 seconds (EC2 per-second billing for Linux).
 * Times are milliseconds from the start of the trace. Events at the same time are handled in the order they were
 * scheduled; a job becoming pending at the moment another finishes sees the freed slot.
 */
public final class AutoscalerSimulation {
    /** How often the autoscaler looks again at an idle instance kept for {@code idle_count}. */
    static final long RECHECK_MS = 60_000;
    /** EC2 bills Linux instances per second with a one-minute minimum. */
    static final long MIN_BILLED_MS = 60_000;

    /** Draws a time in milliseconds: a cold start, or an instance's time until a spot interruption. */
    @FunctionalInterface
    public interface Sampler {
        long next();
    }

    /** A sampler for instances that are never interrupted. */
    public static final Sampler NEVER = () -> Long.MAX_VALUE;

    /**
     * What the simulation found.
     *
     * @param runs        one per class, in the workload's order
     * @param ranLocally  routed jobs a local runner took
     */
    record Outcome(List<ClassRun> runs, int ranLocally, long cloudArtifactBytes) {
    }

    /**
     * How a local runner and the cloud share routed jobs.
     *
     * @param first         true: the local runner takes every routed job it has a free slot for, at once (the old
     *                      model); false: they race, each asking GitLab every {@code checkInterval}
     * @param checkInterval the runners' {@code check_interval} (ms)
     * @param seed          seeds when, within its interval, each side next asks for a job (a fresh draw per job
     *                      and side: request times drift with request durations)
     */
    record LocalModel(boolean first, long checkInterval, long seed) {
        static final LocalModel FIRST = new LocalModel(true, 0, 0);
    }

    private static final int FINISH = 0;
    private static final int READY = 1;
    private static final int IDLE = 2;
    private static final int INTERRUPT = 3;
    private static final int END = 4;
    private static final int ARRIVE = 5;
    private static final int LOCAL_DONE = 6;
    private static final int CLOUD_TAKES = 7;

    static final int BOOTING = 0;
    static final int RUNNING = 1;
    static final int GONE = 2;

    private final Workload w;
    private final long idleTime;
    private final long periodEnd;
    private final Scaler[] scalers;
    private final EventHeap events = new EventHeap();
    private final long[] queuedSince;
    private final long[] waits;
    private final long[] attemptStart;
    /** Attempts per job: a finish event of an earlier attempt (one interrupted) is stale. */
    private final int[] attempt;
    private final boolean[] ranLocal;
    private final int[] groupLeft;
    private final long[] groupFinish;
    private final IntQueue localQueue = new IntQueue();
    private final LocalModel model;
    private final java.util.SplittableRandom requests;
    /** Race: routed jobs neither side could take when they became pending, oldest first (taken ones skipped). */
    private final IntQueue contested = new IntQueue();
    /** Race: a contested job the local runner took from its class's queue (the queue skips it). */
    private final boolean[] stolen;
    private final boolean[] started;
    private final long[] pendingSince;
    private int localFree;
    private int ranLocally;

    private AutoscalerSimulation(Workload w, List<AutoscalerSettings> settings, long idleTime, long periodEnd,
                                 List<Sampler> coldStarts, List<Sampler> lifetimes, LocalModel model) {
        this.w = w;
        this.model = model;
        this.requests = new java.util.SplittableRandom(model.seed());
        this.idleTime = idleTime;
        this.periodEnd = periodEnd;
        this.scalers = new Scaler[settings.size()];
        for (int c = 0; c < scalers.length; c++) {
            scalers[c] = new Scaler(c, settings.get(c), coldStarts.get(c), lifetimes.get(c));
        }
        this.queuedSince = new long[w.n];
        this.waits = new long[w.n];
        this.attemptStart = new long[w.n];
        this.attempt = new int[w.n];
        this.ranLocal = new boolean[w.n];
        this.groupLeft = w.groupSize.clone();
        this.groupFinish = new long[w.groups];
        Arrays.fill(groupFinish, Long.MIN_VALUE);
        this.localFree = w.localSlots();
        boolean race = !model.first() && w.localSlots() > 0;
        this.stolen = race ? new boolean[w.n] : null;
        this.started = race ? new boolean[w.n] : null;
        this.pendingSince = race ? new long[w.n] : null;
    }

    /**
     * Simulates one class on its own, every job independent of the others.
     *
     * @param arrival    when each job becomes pending, ascending (ms from the start of the trace)
     * @param duration   how long each job runs (ms)
     * @param settings   the class's autoscaler settings
     * @param idleTime   {@code idle_time} (ms)
     * @param periodEnd  the end of the trace (ms): {@code idle_count} slots are kept until then
     * @param coldStart  draws each launched instance's cold start
     * @param lifetime   draws each instance's time from launch to a spot interruption ({@link Long#MAX_VALUE}:
     *                   never)
     */
    public static ClassRun run(long[] arrival, long[] duration, AutoscalerSettings settings, long idleTime,
                               long periodEnd, Sampler coldStart, Sampler lifetime) {
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(coldStart, "coldStart");
        Objects.requireNonNull(lifetime, "lifetime");
        if (arrival.length != duration.length) {
            throw new IllegalArgumentException("arrival and duration differ in length");
        }
        for (int i = 1; i < arrival.length; i++) {
            if (arrival[i] < arrival[i - 1]) {
                throw new IllegalArgumentException("arrivals must be ascending");
            }
        }
        for (long d : duration) {
            if (d < 0) {
                throw new IllegalArgumentException("durations must not be negative");
            }
        }
        if (idleTime < 0) {
            throw new IllegalArgumentException("idle_time must not be negative");
        }
        return new AutoscalerSimulation(Workload.independent(arrival.clone(), duration.clone()), List.of(settings),
                idleTime, periodEnd, List.of(coldStart), List.of(lifetime), LocalModel.FIRST).run().runs().get(0);
    }

    /** Simulates every class of a workload together (stages of one pipeline may run on different classes). */
    static Outcome run(Workload workload, List<AutoscalerSettings> settings, long idleTime, List<Sampler> coldStarts,
                       List<Sampler> lifetimes, LocalModel model) {
        return new AutoscalerSimulation(workload, settings, idleTime, workload.periodMs(), coldStarts, lifetimes,
                model).run();
    }

    private Outcome run() {
        for (Scaler s : scalers) {
            s.start();
        }
        int next = 0;
        int n = w.n;
        long now = 0;
        while (true) {
            while (next < n && w.dependsOn[next] >= 0) {
                next++;
            }
            if (next < n && (events.size() == 0 || w.pending[next] < events.peekTime())) {
                now = w.pending[next];
                arrive(next++, now);
                continue;
            }
            if (events.size() == 0) {
                break;
            }
            int e = events.poll();
            now = events.time[e];
            int type = events.type[e];
            Scaler s = events.cls[e] < 0 ? null : scalers[events.cls[e]];
            int inst = events.instance[e];
            int job = events.job[e];
            int gen = events.generation[e];
            events.release(e);
            switch (type) {
                case FINISH -> s.finish(s.byId[inst], job, gen, now);
                case READY -> s.ready(s.byId[inst], now);
                case IDLE -> s.idleCheck(s.byId[inst], now);
                case INTERRUPT -> s.interrupt(s.byId[inst], now);
                case END -> s.end(now);
                case ARRIVE -> arrive(job, now);
                case CLOUD_TAKES -> s.arrive(job, now, pendingSince[job]);
                default -> localDone(job, now);
            }
        }
        List<ClassRun> runs = new ArrayList<>();
        for (Scaler s : scalers) {
            runs.add(s.result(Math.max(now, periodEnd)));
        }
        long artifacts = 0;
        for (int k = 0; k < w.n; k++) {
            artifacts += w.cls[k] >= 0 && !ranLocal[k] ? w.artifactBytes(k) : 0;
        }
        return new Outcome(runs, ranLocally, artifacts);
    }

    /** A job becomes pending. */
    private void arrive(int job, long now) {
        int c = w.cls[job];
        if (c < 0) {
            if (w.localSlots() == 0) {
                events.add(now + w.queued[job] + w.duration[job], LOCAL_DONE, -1, -1, job, 0);
            } else if (localFree > 0) {
                localFree--;
                events.add(now + w.duration[job], LOCAL_DONE, -1, -1, job, 0);
            } else {
                localQueue.addLast(job);
            }
        } else if (stolen != null) {
            race(job, c, now);
        } else if (localFree > 0 && localQueue.size() == 0) {
            runLocally(job, now);
        } else {
            scalers[c].arrive(job, now, now);
        }
    }

    /**
     * The race for a routed job: the local runner takes it at its next request if it has a free slot and asks no
     * later than the cloud runner (each side's next request drawn within its check_interval); the cloud takes it at its next request if it has room (a free slot, or an
     * instance it may still launch); when neither can, it waits for whichever frees first.
     */
    private void race(int job, int c, long now) {
        pendingSince[job] = now;
        long local = nextRequest(now);
        long cloud = nextRequest(now);
        boolean localFreeNow = localFree > 0 && localQueue.size() == 0;
        boolean cloudRoom = scalers[c].hasRoom();
        if (localFreeNow && (!cloudRoom || local <= cloud)) {
            localFree--;
            ranLocally++;
            ranLocal[job] = true;
            events.add(local + w.duration[job], LOCAL_DONE, -1, -1, job, 0);
        } else if (cloudRoom) {
            events.add(cloud, CLOUD_TAKES, c, -1, job, 0);
        } else {
            contested.addLast(job);
            scalers[c].arrive(job, now, now);
        }
    }

    /** When a runner next asks GitLab for a job: within one {@code check_interval} of {@code now}, uniformly. */
    private long nextRequest(long now) {
        long interval = model.checkInterval();
        return interval <= 0 ? now : now + requests.nextLong(interval);
    }

    private void runLocally(int job, long now) {
        localFree--;
        ranLocally++;
        ranLocal[job] = true;
        events.add(now + w.duration[job], LOCAL_DONE, -1, -1, job, 0);
    }

    private void localDone(int job, long now) {
        if (w.localSlots() > 0) {
            if (localQueue.size() > 0) {
                int nextJob = localQueue.pollFirst();
                events.add(now + w.duration[nextJob], LOCAL_DONE, -1, -1, nextJob, 0);
            } else if (!takeContested(now)) {
                localFree++;
            }
        }
        done(job, now);
    }

    /** Race: the freed local slot takes the oldest routed job still waiting for a runner, at its next request. */
    private boolean takeContested(long now) {
        while (stolen != null && contested.size() > 0) {
            int job = contested.pollFirst();
            if (started[job] || ranLocal[job]) {
                continue;
            }
            stolen[job] = true;
            ranLocal[job] = true;
            ranLocally++;
            scalers[w.cls[job]].stolenQueued++;
            events.add(nextRequest(now) + w.duration[job], LOCAL_DONE, -1, -1, job, 0);
            return true;
        }
        return false;
    }

    /** A job is finished: when its stage group is, the jobs that waited for it become pending. */
    private void done(int job, long now) {
        int g = w.group[job];
        groupFinish[g] = Math.max(groupFinish[g], now);
        if (--groupLeft[g] == 0) {
            for (int k = w.dependentStart[g]; k < w.dependentStart[g + 1]; k++) {
                int d = w.dependents[k];
                events.add(groupFinish[g] + w.gap[d], ARRIVE, -1, -1, d, 0);
            }
        }
    }

    /** One class's autoscaler. */
    private final class Scaler {
        final int index;
        final int capacity;
        final int maxInstances;
        final int idleCount;
        final int maxUse;
        final Sampler coldStart;
        final Sampler lifetime;
        final IntQueue queue = new IntQueue();
        Worker[] byId = new Worker[16];
        int nextId;
        /** Live instances (booting or running), in no particular order. */
        Worker[] live = new Worker[16];
        int liveCount;
        /** Instances with a free slot, one stack per load (running jobs); stale entries are skipped. */
        final WorkerStack[] open;
        /** Free slots of running instances, and the slots booting instances will bring. */
        int freeSlots;
        int bootingSlots;
        /** Queued jobs the local runner has taken meanwhile (race); dispatch drops them. */
        int stolenQueued;

        long vmMs;
        long billedMs;
        long busyMs;
        long bootMs;
        long lostMs;
        int launches;
        int interruptions;
        int retries;
        int peak;

        Scaler(int index, AutoscalerSettings settings, Sampler coldStart, Sampler lifetime) {
            this.index = index;
            this.capacity = settings.capacityPerInstance();
            this.maxInstances = settings.maxInstances();
            this.idleCount = settings.idleCount();
            this.maxUse = settings.maxUseCount();
            this.coldStart = coldStart;
            this.lifetime = lifetime;
            this.open = new WorkerStack[capacity];
            for (int k = 0; k < capacity; k++) {
                open[k] = new WorkerStack();
            }
        }

        /** The warm pool for idle_count, ready when the trace starts. */
        void start() {
            for (int k = 0; k < (idleCount + capacity - 1) / capacity; k++) {
                Worker warm = newInstance(0);
                warm.state = RUNNING;
                attach(warm);
                scheduleInterruption(warm);
                becomeIdle(warm, 0);
            }
            peak = liveCount;
            if (idleCount > 0) {
                events.add(periodEnd, END, index, -1, -1, 0);
            }
        }

        ClassRun result(long last) {
            while (liveCount > 0) {
                Worker i = live[liveCount - 1];
                detach(i);
                terminate(i, last);
            }
            int jobs = 0;
            long jobMs = 0;
            for (int k = 0; k < w.n; k++) {
                if (w.cls[k] == index && !ranLocal[k]) {
                    jobs++;
                    jobMs += w.duration[k];
                }
            }
            long[] sorted = new long[jobs];
            int delayed = 0;
            int at = 0;
            for (int k = 0; k < w.n; k++) {
                if (w.cls[k] == index && !ranLocal[k]) {
                    sorted[at++] = waits[k];
                    delayed += waits[k] > 0 ? 1 : 0;
                }
            }
            Arrays.sort(sorted);
            return new ClassRun(jobs, jobMs, vmMs, billedMs, busyMs, bootMs, launches, delayed, interruptions,
                    retries, lostMs, peak, sorted);
        }

        /** A job joins the queue; its wait counts from {@code since}, when it became pending. */
        void arrive(int job, long now, long since) {
            queuedSince[job] = since;
            queue.addLast(job);
            dispatch(now);
            scale(now);
        }

        /** Room for one more job: a free slot not promised to a queued job, or an instance it may launch. */
        boolean hasRoom() {
            return maxInstances == 0 || liveCount < maxInstances || freeSlots + bootingSlots > queued();
        }

        /** Queued jobs, less those the local runner took from the queue. */
        int queued() {
            return queue.size() - stolenQueued;
        }

        /** Queued jobs take free slots, first come first served. */
        void dispatch(long now) {
            while (queue.size() > 0) {
                if (stolen != null && stolen[queue.peekFirst()]) {
                    queue.pollFirst();
                    stolenQueued--;
                    continue;
                }
                Worker best = null;
                for (int load = capacity - 1; load >= 0 && best == null; load--) {
                    best = open[load].top();
                }
                if (best == null) {
                    return;
                }
                start(queue.pollFirst(), best, now);
            }
        }

        void start(int job, Worker i, long now) {
            detach(i);
            if (started != null) {
                started[job] = true;
            }
            waits[job] += now - queuedSince[job];
            attemptStart[job] = now;
            if (i.running == 0) {
                i.busySince = now;
            }
            i.running++;
            i.used++;
            i.jobs[i.jobCount++] = job;
            events.add(now + w.duration[job], FINISH, index, i.id, job, attempt[job]);
            attach(i);
        }

        void finish(Worker i, int job, int gen, long now) {
            if (gen != attempt[job]) {
                return;
            }
            detach(i);
            for (int k = 0; k < i.jobCount; k++) {
                if (i.jobs[k] == job) {
                    i.jobs[k] = i.jobs[--i.jobCount];
                    break;
                }
            }
            i.running--;
            if (i.running == 0) {
                busyMs += now - i.busySince;
            }
            if (retired(i) && i.running == 0) {
                terminate(i, now);
            } else {
                attach(i);
                dispatch(now);
                if (i.running == 0) {
                    becomeIdle(i, now);
                }
            }
            scale(now);
            done(job, now);
        }

        void ready(Worker i, long now) {
            if (i.state != BOOTING) {
                return;
            }
            detach(i);
            i.state = RUNNING;
            bootMs += now - i.launchedAt;
            attach(i);
            dispatch(now);
            if (i.running == 0) {
                becomeIdle(i, now);
            }
            scale(now);
        }

        /** The trace ends: instances kept only for idle_count, idle for idle_time already, go. */
        void end(long now) {
            for (int k = liveCount - 1; k >= 0; k--) {
                Worker i = live[k];
                if (i.state == RUNNING && i.running == 0 && now - i.idleSince >= idleTime) {
                    detach(i);
                    terminate(i, now);
                }
            }
        }

        /** Notes when an instance became idle; one idle check per instance is pending at a time. */
        void becomeIdle(Worker i, long now) {
            i.idleSince = now;
            if (!i.checkPending) {
                i.checkPending = true;
                events.add(now + idleTime, IDLE, index, i.id, -1, 0);
            }
        }

        void idleCheck(Worker i, long now) {
            i.checkPending = false;
            if (i.state != RUNNING || i.running != 0) {
                return;
            }
            if (now < i.idleSince + idleTime) {
                i.checkPending = true;
                events.add(i.idleSince + idleTime, IDLE, index, i.id, -1, 0);
            } else if (freeSlots + bootingSlots - free(i) >= idleTarget(now)) {
                detach(i);
                terminate(i, now);
            } else {
                i.checkPending = true;
                events.add(now + RECHECK_MS, IDLE, index, i.id, -1, 0);
            }
        }

        void interrupt(Worker i, long now) {
            if (i.state == GONE) {
                return;
            }
            interruptions++;
            detach(i);
            if (i.running > 0) {
                busyMs += now - i.busySince;
                for (int k = 0; k < i.jobCount; k++) {
                    int job = i.jobs[k];
                    attempt[job]++;
                    lostMs += now - attemptStart[job];
                    retries++;
                    queuedSince[job] = now;
                    queue.addLast(job);
                }
                i.jobCount = 0;
                i.running = 0;
            }
            terminate(i, now);
            dispatch(now);
            scale(now);
        }

        /** Launches instances while queued jobs plus idle_count exceed the free slots of running and booting ones. */
        void scale(long now) {
            int demand = queued() + idleTarget(now);
            while (freeSlots + bootingSlots < demand && (maxInstances == 0 || liveCount < maxInstances)) {
                launch(now);
            }
        }

        int idleTarget(long now) {
            return now < periodEnd ? idleCount : 0;
        }

        void launch(long now) {
            Worker i = newInstance(now);
            attach(i);
            launches++;
            peak = Math.max(peak, liveCount);
            long boot = Math.max(0, coldStart.next());
            events.add(now + boot, READY, index, i.id, -1, 0);
            scheduleInterruption(i);
        }

        Worker newInstance(long now) {
            Worker i = new Worker(nextId++, now, capacity);
            if (i.id == byId.length) {
                byId = Arrays.copyOf(byId, byId.length * 2);
            }
            byId[i.id] = i;
            if (liveCount == live.length) {
                live = Arrays.copyOf(live, live.length * 2);
            }
            i.liveIndex = liveCount;
            live[liveCount++] = i;
            return i;
        }

        void scheduleInterruption(Worker i) {
            long life = lifetime.next();
            if (life != Long.MAX_VALUE && life >= 0 && i.launchedAt + life >= i.launchedAt) {
                events.add(i.launchedAt + life, INTERRUPT, index, i.id, -1, 0);
            }
        }

        /** Ends a detached instance's life. */
        void terminate(Worker i, long now) {
            if (i.state == BOOTING) {
                bootMs += now - i.launchedAt;
            }
            if (i.running > 0) {
                busyMs += now - i.busySince;
            }
            i.state = GONE;
            long life = now - i.launchedAt;
            vmMs += life;
            billedMs += Math.max(life, MIN_BILLED_MS);
            Worker moved = live[--liveCount];
            live[i.liveIndex] = moved;
            moved.liveIndex = i.liveIndex;
            live[liveCount] = null;
        }

        /** Takes an instance out of the bookkeeping before it changes ({@link #attach} puts it back). */
        void detach(Worker i) {
            i.stamp++;
            if (i.state == BOOTING) {
                bootingSlots -= bootSlots();
            } else if (i.state == RUNNING) {
                freeSlots -= free(i);
            }
        }

        void attach(Worker i) {
            if (i.state == BOOTING) {
                bootingSlots += bootSlots();
            } else if (i.state == RUNNING) {
                int f = free(i);
                freeSlots += f;
                if (f > 0) {
                    open[i.running].push(i);
                }
            }
        }

        /** The slots a booting instance will offer. */
        int bootSlots() {
            return maxUse == 0 ? capacity : Math.min(capacity, maxUse);
        }

        int free(Worker i) {
            if (i.state != RUNNING) {
                return 0;
            }
            int slots = capacity - i.running;
            return maxUse == 0 ? slots : Math.max(0, Math.min(slots, maxUse - i.used));
        }

        boolean retired(Worker i) {
            return maxUse > 0 && i.used >= maxUse;
        }
    }
}
