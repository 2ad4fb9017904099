// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-over from the session thread to the scheduler thread: a bounded single-producer single-consumer ring
 * over primitive arrays, so neither side allocates or locks. The producer writes an entry's fields and then
 * publishes it with a release store of the tail; the consumer reads the tail with an acquire load, reads the
 * fields and frees the entry with a release store of the head.
 *
 * <p><b>Threading:</b> {@link #offer} on one producer thread at a time, {@link #poll} and the getters on one
 * consumer thread at a time (a new producer may take over once the previous one has stopped and a happens-before
 * edge exists, e.g. after {@code Thread.join}).
 */
final class CommandRing {

    static final byte NOTE = 1;
    static final byte CONTROL = 2;
    static final byte RELEASE = 3;
    static final byte RELEASE_ALL = 4;

    private final int mask;
    private final byte[] kind;
    private final int[] slot;
    private final double[] beat;
    private final int[] a;
    private final int[] b;
    private final double[] duration;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    /** Producer's cached copy of the head: the shared head is read only when the ring looks full. */
    private long headCache;

    // consumer side: the entry polled last
    private byte polledKind;
    private int polledSlot;
    private double polledBeat;
    private int polledA;
    private int polledB;
    private double polledDuration;

    /** @param capacity entries, rounded up to a power of two */
    CommandRing(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        mask = size - 1;
        kind = new byte[size];
        slot = new int[size];
        beat = new double[size];
        a = new int[size];
        b = new int[size];
        duration = new double[size];
    }

    int capacity() {
        return mask + 1;
    }

    /**
     * Adds an entry if at least {@code reserve} + 1 entries are free (notes leave room for releases).
     *
     * @return false if the ring is too full
     */
    boolean offer(byte k, int s, double bt, int x, int y, double d, int reserve) {
        long t = tail.get();
        if (t - headCache + reserve >= capacity()) {
            headCache = head.get();
            if (t - headCache + reserve >= capacity()) {
                return false;
            }
        }
        int i = (int) (t & mask);
        kind[i] = k;
        slot[i] = s;
        beat[i] = bt;
        a[i] = x;
        b[i] = y;
        duration[i] = d;
        tail.lazySet(t + 1);
        return true;
    }

    /** @return whether an entry was taken; its fields are then in the getters */
    boolean poll() {
        long h = head.get();
        if (h == tail.get()) {
            return false;
        }
        int i = (int) (h & mask);
        polledKind = kind[i];
        polledSlot = slot[i];
        polledBeat = beat[i];
        polledA = a[i];
        polledB = b[i];
        polledDuration = duration[i];
        head.lazySet(h + 1);
        return true;
    }

    byte kind() {
        return polledKind;
    }

    int slot() {
        return polledSlot;
    }

    double beat() {
        return polledBeat;
    }

    int a() {
        return polledA;
    }

    int b() {
        return polledB;
    }

    double duration() {
        return polledDuration;
    }
}
