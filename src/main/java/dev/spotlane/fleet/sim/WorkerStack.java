package dev.spotlane.fleet.sim;

import java.util.Arrays;

/** Workers with a free slot at one load; stale entries (a worker that changed since) are skipped. */
final class WorkerStack {
    private Worker[] items = new Worker[16];
    private int[] stamps = new int[16];
    private int size;

    void push(Worker i) {
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
    Worker top() {
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
