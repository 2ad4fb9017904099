// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A note output that does its real work on a thread of its own: the scheduler thread only writes the event into a
 * preallocated single-producer single-consumer ring and wakes the worker, so a device driver, Gervill (whose
 * {@code Receiver.send} takes the synthesizer's lock, held while it renders a buffer) or a file cannot stall the
 * scheduler. The cost is the worker's wake-up, tens of microseconds, added to the output's own latency.
 *
 * <p><b>Threading:</b> the NoteOutput methods on the scheduler thread; {@link #deliver} on the worker thread;
 * {@link #start} and {@link #stop} from the owning component.
 */
abstract class HandOffOutput implements TrackedNoteOutput {

    static final int ON = 0;
    static final int OFF = 1;
    static final int CC = 2;
    static final int PROGRAM = 3;
    static final int ALL_OFF = 4;

    private final String id;
    private final int mask;
    private final long[] time;
    private final byte[] op;
    private final byte[] channel;
    private final byte[] data1;
    private final byte[] data2;
    private final String[] bandmate;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private volatile long overflow;
    private volatile long delivered;
    private volatile boolean running;
    private volatile Thread worker;

    /**
     * @param id       the output's id
     * @param capacity events waiting at once, rounded up to a power of two
     */
    HandOffOutput(String id, int capacity) {
        this.id = id;
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        mask = size - 1;
        time = new long[size];
        op = new byte[size];
        channel = new byte[size];
        data1 = new byte[size];
        data2 = new byte[size];
        bandmate = new String[size];
    }

    @Override
    public String id() {
        return id;
    }

    /** Starts the worker. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::work, "perfsuite-midi-" + id);
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    /** Delivers what is queued, then stops the worker (waits up to 2 s). */
    synchronized void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    long overflow() {
        return overflow;
    }

    long delivered() {
        return delivered;
    }

    /**
     * Does the real work of one event, on the worker thread.
     *
     * @param kind     ON, OFF, CC, PROGRAM or ALL_OFF
     * @param nanoTime when it was meant to sound
     * @param ch       channel
     * @param d1       note, controller or program
     * @param d2       velocity or value
     * @param who      the bandmate, or null
     */
    abstract void deliver(int kind, long nanoTime, int ch, int d1, int d2, String who);

    /** Called on the worker thread when it has nothing to do for a while (device checks, flushing). */
    void idle() {
    }

    /** @return how long "a while" is for {@link #idle()}: 100 ms unless a subclass needs it more often */
    long idleNanos() {
        return 100_000_000L;
    }

    @Override
    public void noteOn(long nanoTime, int ch, int note, int velocity, String who) {
        offer(ON, nanoTime, ch, note, velocity, who);
    }

    @Override
    public void noteOff(long nanoTime, int ch, int note, String who) {
        offer(OFF, nanoTime, ch, note, 0, who);
    }

    @Override
    public void controlChange(long nanoTime, int ch, int controller, int value, String who) {
        offer(CC, nanoTime, ch, controller, value, who);
    }

    @Override
    public void programChange(long nanoTime, int ch, int program, String who) {
        offer(PROGRAM, nanoTime, ch, program, 0, who);
    }

    @Override
    public void allNotesOff(long nanoTime) {
        offer(ALL_OFF, nanoTime, 0, 0, 0, null);
    }

    private void offer(int kind, long nanoTime, int ch, int d1, int d2, String who) {
        long t = tail.get();
        if (t - head.get() > mask) {
            overflow++; // single writer: the scheduler thread
            return;
        }
        int i = (int) (t & mask);
        time[i] = nanoTime;
        op[i] = (byte) kind;
        channel[i] = (byte) ch;
        data1[i] = (byte) d1;
        data2[i] = (byte) d2;
        bandmate[i] = who;
        tail.lazySet(t + 1);
        LockSupport.unpark(worker);
    }

    private void work() {
        long lastIdle = System.nanoTime();
        while (true) {
            long h = head.get();
            if (h == tail.get()) {
                if (!running) {
                    return;
                }
                long idle = idleNanos();
                if (System.nanoTime() - lastIdle > idle) {
                    lastIdle = System.nanoTime();
                    runIdle();
                }
                LockSupport.parkNanos(this, idle);
                continue;
            }
            int i = (int) (h & mask);
            long when = time[i];
            int kind = op[i];
            int ch = channel[i];
            int d1 = data1[i];
            int d2 = data2[i];
            String who = bandmate[i];
            bandmate[i] = null;
            head.lazySet(h + 1);
            try {
                deliver(kind, when, ch, d1, d2, who);
                delivered++;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void runIdle() {
        try {
            idle();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Reports a failure of the worker's work; the default ignores it (subclasses log once). */
    void failed(RuntimeException e) {
    }
}
