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
    record Outcome(List<ClassRun> runs, int ranLocally) {
    }

    private static final int FINISH = 0;
    private static final int READY = 1;
    private static final int IDLE = 2;
    private static final int INTERRUPT = 3;
    private static final int END = 4;
    private static final int ARRIVE = 5;
    private static final int LOCAL_DONE = 6;

    private static final int BOOTING = 0;
    private static final int RUNNING = 1;
    private static final int GONE = 2;

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
    private int localFree;
    private int ranLocally;

    private AutoscalerSimulation(Workload w, List<AutoscalerSettings> settings, long idleTime, long periodEnd,
                                 List<Sampler> coldStarts, List<Sampler> lifetimes) {
        this.w = w;
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
                idleTime, periodEnd, List.of(coldStart), List.of(lifetime)).run().runs().get(0);
    }

    /** Simulates every class of a workload together (stages of one pipeline may run on different classes). */
    static Outcome run(Workload workload, List<AutoscalerSettings> settings, long idleTime, List<Sampler> coldStarts,
                       List<Sampler> lifetimes) {
        return new AutoscalerSimulation(workload, settings, idleTime, workload.periodMs(), coldStarts, lifetimes)
                .run();
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
                default -> localDone(job, now);
            }
        }
        List<ClassRun> runs = new ArrayList<>();
        for (Scaler s : scalers) {
            runs.add(s.result(Math.max(now, periodEnd)));
        }
        return new Outcome(runs, ranLocally);
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
        } else if (localFree > 0 && localQueue.size() == 0) {
            localFree--;
            ranLocally++;
            ranLocal[job] = true;
            events.add(now + w.duration[job], LOCAL_DONE, -1, -1, job, 0);
        } else {
            scalers[c].arrive(job, now);
        }
    }

    private void localDone(int job, long now) {
        if (w.localSlots() > 0) {
            if (localQueue.size() > 0) {
                int nextJob = localQueue.pollFirst();
                events.add(now + w.duration[nextJob], LOCAL_DONE, -1, -1, nextJob, 0);
            } else {
                localFree++;
            }
        }
        done(job, now);
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
        Instance[] byId = new Instance[16];
        int nextId;
        /** Live instances (booting or running), in no particular order. */
        Instance[] live = new Instance[16];
        int liveCount;
        /** Instances with a free slot, one stack per load (running jobs); stale entries are skipped. */
        final Stack[] open;
        /** Free slots of running instances, and the slots booting instances will bring. */
        int freeSlots;
        int bootingSlots;

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
            this.open = new Stack[capacity];
            for (int k = 0; k < capacity; k++) {
                open[k] = new Stack();
            }
        }

        /** The warm pool for idle_count, ready when the trace starts. */
        void start() {
            for (int k = 0; k < (idleCount + capacity - 1) / capacity; k++) {
                Instance warm = newInstance(0);
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
                Instance i = live[liveCount - 1];
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

        void arrive(int job, long now) {
            queuedSince[job] = now;
            queue.addLast(job);
            dispatch(now);
            scale(now);
        }

        /** Queued jobs take free slots, first come first served. */
        void dispatch(long now) {
            while (queue.size() > 0) {
                Instance best = null;
                for (int load = capacity - 1; load >= 0 && best == null; load--) {
                    best = open[load].top();
                }
                if (best == null) {
                    return;
                }
                start(queue.pollFirst(), best, now);
            }
        }

        void start(int job, Instance i, long now) {
            detach(i);
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

        void finish(Instance i, int job, int gen, long now) {
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

        void ready(Instance i, long now) {
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
                Instance i = live[k];
                if (i.state == RUNNING && i.running == 0 && now - i.idleSince >= idleTime) {
                    detach(i);
                    terminate(i, now);
                }
            }
        }

        /** Notes when an instance became idle; one idle check per instance is pending at a time. */
        void becomeIdle(Instance i, long now) {
            i.idleSince = now;
            if (!i.checkPending) {
                i.checkPending = true;
                events.add(now + idleTime, IDLE, index, i.id, -1, 0);
            }
        }

        void idleCheck(Instance i, long now) {
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

        void interrupt(Instance i, long now) {
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
            int demand = queue.size() + idleTarget(now);
            while (freeSlots + bootingSlots < demand && (maxInstances == 0 || liveCount < maxInstances)) {
                launch(now);
            }
        }

        int idleTarget(long now) {
            return now < periodEnd ? idleCount : 0;
        }

        void launch(long now) {
            Instance i = newInstance(now);
            attach(i);
            launches++;
            peak = Math.max(peak, liveCount);
            long boot = Math.max(0, coldStart.next());
            events.add(now + boot, READY, index, i.id, -1, 0);
            scheduleInterruption(i);
        }

        Instance newInstance(long now) {
            Instance i = new Instance(nextId++, now, capacity);
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

        void scheduleInterruption(Instance i) {
            long life = lifetime.next();
            if (life != Long.MAX_VALUE && life >= 0 && i.launchedAt + life >= i.launchedAt) {
                events.add(i.launchedAt + life, INTERRUPT, index, i.id, -1, 0);
            }
        }

        /** Ends a detached instance's life. */
        void terminate(Instance i, long now) {
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
            Instance moved = live[--liveCount];
            live[i.liveIndex] = moved;
            moved.liveIndex = i.liveIndex;
            live[liveCount] = null;
        }

        /** Takes an instance out of the bookkeeping before it changes ({@link #attach} puts it back). */
        void detach(Instance i) {
            i.stamp++;
            if (i.state == BOOTING) {
                bootingSlots -= bootSlots();
            } else if (i.state == RUNNING) {
                freeSlots -= free(i);
            }
        }

        void attach(Instance i) {
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

        int free(Instance i) {
            if (i.state != RUNNING) {
                return 0;
            }
            int slots = capacity - i.running;
            return maxUse == 0 ? slots : Math.max(0, Math.min(slots, maxUse - i.used));
        }

        boolean retired(Instance i) {
            return maxUse > 0 && i.used >= maxUse;
        }
    }

    /** One instance. */
    private static final class Instance {
        final int id;
        final long launchedAt;
        final int[] jobs;
        int jobCount;
        int state = BOOTING;
        int running;
        int used;
        long busySince;
        long idleSince;
        boolean checkPending;
        int liveIndex;
        /** Changes whenever the instance leaves the bookkeeping: older stack entries are stale. */
        int stamp;

        Instance(int id, long launchedAt, int capacity) {
            this.id = id;
            this.launchedAt = launchedAt;
            this.jobs = new int[capacity];
        }
    }

    private static final class Stack {
        private Instance[] items = new Instance[16];
        private int[] stamps = new int[16];
        private int size;

        void push(Instance i) {
            if (size == items.length) {
                compact();
                if (size > items.length / 2 || size == items.length) {
                    items = Arrays.copyOf(items, items.length * 2);
                    stamps = Arrays.copyOf(stamps, stamps.length * 2);
                }
            }
            items[size] = i;
            stamps[size++] = i.stamp;
        }

        /** The valid entry on top, or null; stale entries above it are dropped. */
        Instance top() {
            while (size > 0 && items[size - 1].stamp != stamps[size - 1]) {
                items[--size] = null;
            }
            return size == 0 ? null : items[size - 1];
        }

        private void compact() {
            int kept = 0;
            for (int k = 0; k < size; k++) {
                if (items[k].stamp == stamps[k]) {
                    items[kept] = items[k];
                    stamps[kept++] = stamps[k];
                }
            }
            Arrays.fill(items, kept, size, null);
            size = kept;
        }
    }

    /**
     * A binary min-heap of events by (time, order scheduled), held in parallel arrays indexed by a handle, so a
     * million jobs do not become millions of objects.
     */
    private static final class EventHeap {
        long[] time = new long[64];
        long[] seq = new long[64];
        int[] type = new int[64];
        int[] cls = new int[64];
        int[] instance = new int[64];
        int[] job = new int[64];
        int[] generation = new int[64];
        private int[] heap = new int[64];
        private int size;
        private int[] freeHandles = new int[64];
        private int freeCount;
        private int handles;
        private long nextSeq;

        int size() {
            return size;
        }

        long peekTime() {
            return time[heap[0]];
        }

        void add(long t, int ty, int c, int inst, int jb, int gen) {
            int h;
            if (freeCount > 0) {
                h = freeHandles[--freeCount];
            } else {
                h = handles++;
                if (h == time.length) {
                    int n = time.length * 2;
                    time = Arrays.copyOf(time, n);
                    seq = Arrays.copyOf(seq, n);
                    type = Arrays.copyOf(type, n);
                    cls = Arrays.copyOf(cls, n);
                    instance = Arrays.copyOf(instance, n);
                    job = Arrays.copyOf(job, n);
                    generation = Arrays.copyOf(generation, n);
                }
            }
            time[h] = t;
            seq[h] = nextSeq++;
            type[h] = ty;
            cls[h] = c;
            instance[h] = inst;
            job[h] = jb;
            generation[h] = gen;
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int k = size++;
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                int p = heap[parent];
                if (!before(h, p)) {
                    break;
                }
                heap[k] = p;
                k = parent;
            }
            heap[k] = h;
        }

        /** Removes the first event and returns its handle; read it, then {@link #release} it. */
        int poll() {
            int first = heap[0];
            int last = heap[--size];
            if (size > 0) {
                int k = 0;
                int half = size >>> 1;
                while (k < half) {
                    int child = 2 * k + 1;
                    int c = heap[child];
                    int right = child + 1;
                    if (right < size && before(heap[right], c)) {
                        child = right;
                        c = heap[child];
                    }
                    if (!before(c, last)) {
                        break;
                    }
                    heap[k] = c;
                    k = child;
                }
                heap[k] = last;
            }
            return first;
        }

        void release(int h) {
            if (freeCount == freeHandles.length) {
                freeHandles = Arrays.copyOf(freeHandles, freeCount * 2);
            }
            freeHandles[freeCount++] = h;
        }

        private boolean before(int a, int b) {
            return time[a] < time[b] || time[a] == time[b] && seq[a] < seq[b];
        }
    }

    /** A growable ring buffer of job indices. */
    private static final class IntQueue {
        private int[] items = new int[16];
        private int head;
        private int size;

        int size() {
            return size;
        }

        void addLast(int v) {
            if (size == items.length) {
                int[] bigger = new int[items.length * 2];
                for (int k = 0; k < size; k++) {
                    bigger[k] = items[(head + k) & (items.length - 1)];
                }
                items = bigger;
                head = 0;
            }
            items[(head + size) & (items.length - 1)] = v;
            size++;
        }

        int pollFirst() {
            int v = items[head];
            head = (head + 1) & (items.length - 1);
            size--;
            return v;
        }
    }
}
