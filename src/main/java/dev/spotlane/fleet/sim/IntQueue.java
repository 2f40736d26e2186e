package dev.spotlane.fleet.sim;

/** A growable ring buffer of job indices. */
final class IntQueue {
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

    int peekFirst() {
        return items[head];
    }

    int pollFirst() {
        int v = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }
}
