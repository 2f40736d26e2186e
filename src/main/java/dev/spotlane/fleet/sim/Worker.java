package dev.spotlane.fleet.sim;

/** One instance of the autoscaler simulation: its state, its running jobs, its bookkeeping. */
final class Worker {
    final int id;
    final long launchedAt;
    final int[] jobs;
    int jobCount;
    int state = AutoscalerSimulation.BOOTING;
    int running;
    int used;
    long busySince;
    long idleSince;
    boolean checkPending;
    int liveIndex;
    /** Changes whenever the instance leaves the bookkeeping: older stack entries are stale. */
    int stamp;

    Worker(int id, long launchedAt, int capacity) {
        this.id = id;
        this.launchedAt = launchedAt;
        this.jobs = new int[capacity];
    }
}
