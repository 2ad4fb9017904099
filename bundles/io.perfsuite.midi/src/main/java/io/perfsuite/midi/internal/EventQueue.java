// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

/**
 * The scheduler's pending events, ordered by musical time: a binary min-heap of indices into preallocated
 * primitive arrays, so inserting and taking events never allocates. Events are ordered by beat, not by
 * nanoseconds: the beat is turned into a time only when the event is due, with the newest context, and since that
 * mapping is increasing the order by beat is the order in time. At the same beat note-offs come first, then
 * controllers, then note-ons, so a repeated note is ended before it starts again.
 *
 * <p><b>Threading:</b> confined to the scheduler thread.
 */
final class EventQueue {

    static final byte NOTE_OFF = 0;
    static final byte CONTROL = 1;
    static final byte NOTE_ON = 2;

    private final double[] beat;
    private final byte[] kind;
    private final int[] slot;
    private final int[] channel;
    private final int[] data1;
    private final int[] data2;
    private final long[] sequence;
    private final int[] heap;
    private final int[] free;
    private int size;
    private int freeCount;
    private long nextSequence;

    /** @param capacity the most events held at once */
    EventQueue(int capacity) {
        beat = new double[capacity];
        kind = new byte[capacity];
        slot = new int[capacity];
        channel = new int[capacity];
        data1 = new int[capacity];
        data2 = new int[capacity];
        sequence = new long[capacity];
        heap = new int[capacity];
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    int size() {
        return size;
    }

    int free() {
        return freeCount;
    }

    int capacity() {
        return heap.length;
    }

    /** Adds an event; the caller checks {@link #free()} first. */
    void add(double b, byte k, int s, int ch, int d1, int d2) {
        int e = free[--freeCount];
        beat[e] = b;
        kind[e] = k;
        slot[e] = s;
        channel[e] = ch;
        data1[e] = d1;
        data2[e] = d2;
        sequence[e] = nextSequence++;
        heap[size] = e;
        siftUp(size++);
    }

    /** @return the index of the earliest event; only when {@link #size()} &gt; 0 */
    int peek() {
        return heap[0];
    }

    double beat(int e) {
        return beat[e];
    }

    byte kind(int e) {
        return kind[e];
    }

    int slot(int e) {
        return slot[e];
    }

    int channel(int e) {
        return channel[e];
    }

    int data1(int e) {
        return data1[e];
    }

    int data2(int e) {
        return data2[e];
    }

    /** Removes the earliest event. */
    void pop() {
        int e = heap[0];
        heap[0] = heap[--size];
        free[freeCount++] = e;
        if (size > 0) {
            siftDown(0);
        }
    }

    /**
     * Removes every event of one bandmate (all when {@code s} &lt; 0).
     *
     * @return how many note-ons were removed
     */
    int removeSlot(int s) {
        int kept = 0;
        int notes = 0;
        for (int i = 0; i < size; i++) {
            int e = heap[i];
            if (s < 0 || slot[e] == s) {
                if (kind[e] == NOTE_ON) {
                    notes++;
                }
                free[freeCount++] = e;
            } else {
                heap[kept++] = e;
            }
        }
        size = kept;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
        return notes;
    }

    private boolean less(int x, int y) {
        if (beat[x] != beat[y]) {
            return beat[x] < beat[y];
        }
        if (kind[x] != kind[y]) {
            return kind[x] < kind[y];
        }
        return sequence[x] < sequence[y];
    }

    private void siftUp(int i) {
        int e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(e, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = e;
    }

    private void siftDown(int i) {
        int e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(heap[right], heap[child])) {
                child = right;
            }
            if (!less(heap[child], e)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = e;
    }
}
