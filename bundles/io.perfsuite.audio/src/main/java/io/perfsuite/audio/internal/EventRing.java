// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import java.util.concurrent.atomic.AtomicLong;

import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

/**
 * The hand-off of analysis results from the audio thread to the dispatcher thread: a single-producer,
 * single-consumer ring of preallocated event slots (parallel primitive arrays), so reporting allocates nothing and
 * never blocks. When the ring is full the new event is dropped and counted; the audio thread never waits.
 *
 * <p><b>Threading:</b> the {@link AnalysisSink} methods on the producer (audio) thread only; {@link #drainTo} on
 * the consumer thread only; {@link #dropped()} and {@link #size()} from any thread.
 */
final class EventRing implements AnalysisSink {

    static final int PITCH = 1;
    static final int ONSET = 2;
    static final int BEAT = 3;
    static final int CHORD = 4;
    static final int KEY = 5;
    static final int LEVEL = 6;
    static final int BLOCK_END = 7;

    /** A consumer that also wants to know where each block ended (offline runs with a block listener). */
    interface BlockSink extends AnalysisSink {
        /** @param endFrame the frame after the block's last one */
        void blockEnd(long endFrame);
    }

    private final int mask;
    private final int[] type;
    private final long[] frame;
    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final long[] l;
    private final int[] i;
    private final Object[] ref;
    /** Next slot the producer writes; published with release semantics after the slot is filled. */
    private final AtomicLong tail = new AtomicLong();
    /** Next slot the consumer reads; published after the slot is read, so the producer may reuse it. */
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param capacity a power of two
     * @throws IllegalArgumentException otherwise
     */
    EventRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two, was " + capacity);
        }
        mask = capacity - 1;
        type = new int[capacity];
        frame = new long[capacity];
        a = new double[capacity];
        b = new double[capacity];
        c = new double[capacity];
        l = new long[capacity];
        i = new int[capacity];
        ref = new Object[capacity];
    }

    /** @return the slot to fill, or -1 when the ring is full (the event is dropped and counted) */
    private int claim() {
        long t = tail.get();
        if (t - head.get() > mask) {
            dropped.lazySet(dropped.get() + 1);
            return -1;
        }
        return (int) (t & mask);
    }

    private void publish() {
        tail.lazySet(tail.get() + 1);
    }

    @Override
    public void pitch(long at, double hz, double confidence) {
        int s = claim();
        if (s < 0) {
            return;
        }
        type[s] = PITCH;
        frame[s] = at;
        a[s] = hz;
        b[s] = confidence;
        publish();
    }

    @Override
    public void onset(long at, double strength) {
        int s = claim();
        if (s < 0) {
            return;
        }
        type[s] = ONSET;
        frame[s] = at;
        a[s] = strength;
        publish();
    }

    @Override
    public void beat(long at, double periodSeconds, long nextBeatFrame, int beatInBar, double confidence) {
        int s = claim();
        if (s < 0) {
            return;
        }
        type[s] = BEAT;
        frame[s] = at;
        a[s] = periodSeconds;
        b[s] = confidence;
        l[s] = nextBeatFrame;
        i[s] = beatInBar;
        publish();
    }

    @Override
    public void chord(long at, Chord chord, double confidence) {
        int s = claim();
        if (s < 0) {
            return;
        }
        type[s] = CHORD;
        frame[s] = at;
        ref[s] = chord;
        a[s] = confidence;
        publish();
    }

    @Override
    public void key(long at, Key key, double confidence) {
        int s = claim();
        if (s < 0) {
            return;
        }
        type[s] = KEY;
        frame[s] = at;
        ref[s] = key;
        a[s] = confidence;
        publish();
    }

    @Override
    public void dynamics(long at, double rmsDbfs, double peakDbfs, double loudness, boolean accent) {
        int s = claim();
        if (s < 0) {
            return;
        }
        type[s] = LEVEL;
        frame[s] = at;
        a[s] = rmsDbfs;
        b[s] = peakDbfs;
        c[s] = loudness;
        i[s] = accent ? 1 : 0;
        publish();
    }

    /**
     * Marks the end of a block after its events (producer thread). Used offline only, where the producer waits for
     * space instead of dropping; a full ring still drops and counts it.
     *
     * @param endFrame the frame after the block's last one
     */
    void blockEnd(long endFrame) {
        int s = claim();
        if (s < 0) {
            return;
        }
        type[s] = BLOCK_END;
        frame[s] = endFrame;
        publish();
    }

    /**
     * Replays every pending event, in order, into a sink on the consumer thread.
     *
     * @param out where to replay
     * @return the number of events replayed
     */
    int drainTo(AnalysisSink out) {
        long h = head.get();
        long t = tail.get();
        int n = 0;
        while (h < t) {
            int s = (int) (h & mask);
            switch (type[s]) {
                case PITCH -> out.pitch(frame[s], a[s], b[s]);
                case ONSET -> out.onset(frame[s], a[s]);
                case BEAT -> out.beat(frame[s], a[s], l[s], i[s], b[s]);
                case CHORD -> out.chord(frame[s], (Chord) ref[s], a[s]);
                case KEY -> out.key(frame[s], (Key) ref[s], a[s]);
                case LEVEL -> out.dynamics(frame[s], a[s], b[s], c[s], i[s] != 0);
                case BLOCK_END -> {
                    if (out instanceof BlockSink blocks) {
                        blocks.blockEnd(frame[s]);
                    }
                }
                default -> throw new IllegalStateException("corrupt event slot " + s + ": type " + type[s]);
            }
            ref[s] = null;
            h++;
            n++;
            head.lazySet(h);
        }
        return n;
    }

    /** @return how many events were dropped because the ring was full */
    long dropped() {
        return dropped.get();
    }

    /** @return how many events the ring holds */
    int capacity() {
        return mask + 1;
    }

    /** @return how many events wait to be drained */
    int size() {
        return (int) (tail.get() - head.get());
    }
}
