package dev.spotlane.fleet.sim;

import java.util.Arrays;

/**
 * A binary min-heap of events by (time, order scheduled), held in parallel arrays indexed by a handle, so a
 * million jobs do not become millions of objects.
 */
final class EventHeap {
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
