// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.output.NoteOutput;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.api.thread.RealtimePriority;

/**
 * The scheduler: takes notes in musical time from the session thread and plays each through every
 * {@link NoteOutput} at its moment, on a thread of its own.
 *
 * <p>Design. The session thread hands each call over through a {@link CommandRing} (single producer, primitive
 * arrays). The scheduler thread moves them into an {@link EventQueue} ordered by beat, and turns the earliest
 * beat into a {@link System#nanoTime()} with the newest {@link MusicalContext} each time it looks, so a tempo or
 * phase correction published after the note was planned is followed. It parks until {@code spinNanos} before the
 * deadline (never longer than {@code maxParkNanos}, so new notes and context changes are seen), then spins with
 * {@link Thread#onSpinWait()} to the deadline.
 *
 * <p>Lateness. A note-on found more than {@code lateToleranceNanos} past its time (a stall of the machine, a
 * context that jumped ahead) is <em>dropped</em> and counted: a note played 20 ms late is heard as a mistake,
 * a missing one in a dense part is not. Note-offs and controllers are <em>always</em> sent, late or not (counted
 * as late), because a lost note-off or sustain release leaves a note hanging.
 *
 * <p>No hanging notes. Sounding notes are counted per channel and key, and per bandmate; a note-on for a key that
 * already sounds on its channel is preceded by a note-off (retrigger), and the key is released only when its last
 * holder ends it. {@link #release} ends a bandmate's notes and drops its pending events; {@link #releaseAll}, a
 * stop of the scheduler and the removal of an output end everything.
 *
 * <p><b>Threading:</b> the {@link NoteScheduler} methods on one producer thread (the session thread); they do not
 * block, lock or allocate, except the first call for a bandmate id never seen before, which registers it under a
 * lock. {@link #addOutput}, {@link #removeOutput}, {@link #channelMap}, {@link #start}, {@link #stop} and the
 * getters from any thread. Outputs are called on the scheduler thread only, one at a time.
 */
final class MidiScheduler implements NoteScheduler {

    /**
     * Tuning, checked by the component's metatype. {@code sliceNanos}: the Linux time slice asked for the scheduler
     * thread ({@link ThreadSlice}), 0 to leave the kernel's. {@code realtimePriority}: the real-time priority asked
     * for the scheduler thread ({@link RealtimePriority}), 0 to leave it a normal thread.
     */
    record Settings(int commandCapacity, int eventCapacity, int maxBandmates, long lateToleranceNanos,
            long spinNanos, long maxParkNanos, double minBeat, double maxDurationBeats, long sliceNanos,
            int realtimePriority) {

        /** As the canonical constructor, with the default slice and no real-time priority. */
        Settings(int commandCapacity, int eventCapacity, int maxBandmates, long lateToleranceNanos, long spinNanos,
                long maxParkNanos, double minBeat, double maxDurationBeats) {
            this(commandCapacity, eventCapacity, maxBandmates, lateToleranceNanos, spinNanos, maxParkNanos, minBeat,
                    maxDurationBeats, DEFAULT_SLICE_NANOS, 0);
        }

        /** @return these settings with another real-time priority */
        Settings withRealtimePriority(int priority) {
            return new Settings(commandCapacity, eventCapacity, maxBandmates, lateToleranceNanos, spinNanos,
                    maxParkNanos, minBeat, maxDurationBeats, sliceNanos, priority);
        }

        static Settings defaults() {
            // spin 100 µs: covers the kernel's 50 µs timer slack and a wake-up on an idle core; a longer spin made
            // the tail worse on a saturated machine (the spinning thread uses up its fair share and is preempted)
            return new Settings(4096, 8192, 32, 20_000_000L, 100_000L, 1_000_000L, -256, 4096);
        }

        Settings {
            if (commandCapacity < 16 || eventCapacity < 16 || maxBandmates < 1 || maxBandmates > 64) {
                throw new IllegalArgumentException("capacities must be >= 16 and bandmates 1..64");
            }
            if (realtimePriority < 0 || realtimePriority > RealtimePriority.MAX) {
                throw new IllegalArgumentException("real-time priority must be 0 (off) to " + RealtimePriority.MAX
                        + ", was " + realtimePriority);
            }
        }
    }

    /** Counters and timing, for the shell command and tests. */
    record Stats(long scheduled, long played, long late, long droppedLate, long released, long overflow,
            long rejected, long outputFailures, int pending, int sounding, long timedEvents, double p50Micros,
            double p99Micros, double p999Micros, double maxMicros) {
    }

    /** One bound output and its fault count. */
    static final class Sink {
        final NoteOutput output;
        final TrackedNoteOutput tracked;
        final String id;
        volatile long failures;

        Sink(NoteOutput output) {
            this.output = output;
            this.tracked = output instanceof TrackedNoteOutput t ? t : null;
            String name;
            try {
                name = output.id();
            } catch (RuntimeException e) {
                name = output.getClass().getName();
            }
            this.id = name;
        }
    }

    /** The Linux time slice asked for the scheduler thread (ThreadSlice), 0 for the kernel's default. */
    // Off by default: with a 100 µs slice on JDK 25 (Linux 6.18) the scheduler thread was held up for tens of
    // milliseconds under test load (notes dropped late); opt in with sliceMicros once that is understood.
    static final long DEFAULT_SLICE_NANOS = 0L;
    private static final int KEYS = 16 * 128;
    private static final int OP_ON = 0;
    private static final int OP_OFF = 1;
    private static final int OP_CC = 2;
    private static final int OP_PROGRAM = 3;
    private static final int OP_ALL_OFF = 4;
    private static final long MAX_TIMING_NANOS = 10_000_000_000L;
    /** Notes leave this many ring entries to releases, so a full ring of notes cannot swallow a release. */
    private static final int RELEASE_RESERVE = 8;

    private final Settings settings;
    private final CommandRing ring;
    private final EventQueue queue;

    // bandmates: registered on the producer thread under registrationLock, read by the scheduler thread
    private final Object registrationLock = new Object();
    private final Map<String, Integer> slots = new ConcurrentHashMap<>();
    private final String[] slotIds;
    private final int[] slotChannel;
    private final int[] slotProgram;
    private volatile int slotCount;
    private volatile ChannelMap channelMap;
    private final AtomicInteger routingVersion = new AtomicInteger();
    private final AtomicLong pendingReleases = new AtomicLong();
    private volatile boolean pendingReleaseAll;

    // scheduler-thread state
    private final int[] channelCount = new int[KEYS];
    private final int[] owner;
    private final int[] droppedOn;
    private int seenRoutingVersion = -1;

    private final Object outputsLock = new Object();
    private volatile Sink[] outputs = new Sink[0];
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile Supplier<MusicalContext> contextSource;

    private final SingleWriterRecorder timing = new SingleWriterRecorder(MAX_TIMING_NANOS, 3);
    private final Histogram timingTotal = new Histogram(MAX_TIMING_NANOS, 3);

    // counters: each has one writer (noted), read racily by the getters
    private volatile long scheduled; // producer
    private volatile long rejected; // producer
    private volatile long ringOverflow; // producer
    private volatile long played; // scheduler
    private volatile long late; // scheduler
    private volatile long droppedLate; // scheduler
    private volatile long released; // scheduler
    private volatile long queueOverflow; // scheduler
    private volatile long outputFailures; // scheduler
    private volatile int sounding; // scheduler

    private volatile boolean running;
    private volatile Thread thread;
    private volatile String slice = "not started";
    private volatile String policy = "not started";

    /**
     * @param settings   capacities and timing
     * @param channelMap the bandmates' channels and programs
     */
    MidiScheduler(Settings settings, ChannelMap channelMap) {
        this.settings = settings;
        this.channelMap = channelMap;
        ring = new CommandRing(settings.commandCapacity());
        queue = new EventQueue(settings.eventCapacity());
        slotIds = new String[settings.maxBandmates()];
        slotChannel = new int[settings.maxBandmates()];
        slotProgram = new int[settings.maxBandmates()];
        owner = new int[settings.maxBandmates() * KEYS];
        droppedOn = new int[settings.maxBandmates() * KEYS];
    }

    Settings settings() {
        return settings;
    }

    /** @param source where the newest context comes from (a volatile read), or null when there is none */
    void contextSource(Supplier<MusicalContext> source) {
        this.contextSource = source;
    }

    /** Starts the scheduler thread. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "perfsuite-midi-scheduler");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY); // ignored by HotSpot on Linux (ThreadPriorityPolicy=0): ThreadSlice
        thread = t;
        t.start();
    }

    /** Stops the thread after it has ended every sounding note; waits up to a second. */
    synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    /** @return the scheduler thread's scheduling policy, or why it is a normal thread */
    String policy() {
        return policy;
    }

    /** @return the scheduler thread's Linux time slice, or why it has the kernel's default */
    String slice() {
        return slice;
    }

    /** @return the scheduler thread while it runs (for the allocation test), else null */
    Thread thread() {
        return thread;
    }

    // ------------------------------------------------------------------------------------- session thread

    @Override
    public void note(String bandmateId, double beat, int note, int velocity, double durationBeats) {
        int s = slot(bandmateId);
        if (s < 0 || !(beat >= settings.minBeat()) || beat == Double.POSITIVE_INFINITY || note < 0 || note > 127
                || velocity < 1 || velocity > 127 || !(durationBeats > 0)
                || !(durationBeats <= settings.maxDurationBeats())) {
            rejected++;
            return;
        }
        if (ring.offer(CommandRing.NOTE, s, beat, note, velocity, durationBeats, RELEASE_RESERVE)) {
            scheduled++;
        } else {
            ringOverflow++;
        }
    }

    @Override
    public void control(String bandmateId, double beat, int controller, int value) {
        int s = slot(bandmateId);
        if (s < 0 || !(beat >= settings.minBeat()) || beat == Double.POSITIVE_INFINITY || controller < 0
                || controller > 119 || value < 0 || value > 127) {
            rejected++;
            return;
        }
        if (ring.offer(CommandRing.CONTROL, s, beat, controller, value, 0, RELEASE_RESERVE)) {
            scheduled++;
        } else {
            ringOverflow++;
        }
    }

    @Override
    public void release(String bandmateId) {
        Integer s = bandmateId == null ? null : slots.get(bandmateId);
        if (s == null || s < 0) {
            return; // never scheduled anything: nothing to release
        }
        if (!ring.offer(CommandRing.RELEASE, s, 0, 0, 0, 0, 0)) {
            long bits;
            do {
                bits = pendingReleases.get();
            } while (!pendingReleases.compareAndSet(bits, bits | (1L << s)));
        }
        LockSupport.unpark(thread);
    }

    @Override
    public void releaseAll() {
        if (!ring.offer(CommandRing.RELEASE_ALL, 0, 0, 0, 0, 0, 0)) {
            pendingReleaseAll = true;
        }
        LockSupport.unpark(thread);
    }

    /**
     * As {@link #releaseAll()}, from a thread that is not the producer (the session left while its thread may
     * still run): a flag, not the ring, so the single-producer rule holds. Pending notes queued before or after
     * it may both be dropped.
     */
    void releaseAllFromAnyThread() {
        pendingReleaseAll = true;
        LockSupport.unpark(thread);
    }

    private int slot(String bandmateId) {
        if (bandmateId == null) {
            return -1;
        }
        Integer s = slots.get(bandmateId);
        return s != null ? s : register(bandmateId);
    }

    private int register(String bandmateId) {
        synchronized (registrationLock) {
            Integer s = slots.get(bandmateId);
            if (s != null) {
                return s;
            }
            ChannelMap.Route route = channelMap.route(bandmateId);
            int next = slotCount;
            if (route == null || next >= slotIds.length) {
                if (slots.size() < 4 * slotIds.length) {
                    slots.put(bandmateId, -1); // remembered, so an unknown id does not take the lock every call
                }
                return -1;
            }
            slotIds[next] = bandmateId;
            slotChannel[next] = route.channel();
            slotProgram[next] = route.program();
            slotCount = next + 1;
            slots.put(bandmateId, next);
            routingVersion.incrementAndGet();
            return next;
        }
    }

    // ---------------------------------------------------------------------------------------- any thread

    /** Applies a new channel map: bandmates seen before move to their new routes, unknown ids are looked up again. */
    void channelMap(ChannelMap map) {
        synchronized (registrationLock) {
            this.channelMap = map;
            slots.values().removeIf(v -> v < 0);
            for (int i = 0; i < slotCount; i++) {
                ChannelMap.Route r = map.route(slotIds[i]);
                if (r != null) {
                    slotChannel[i] = r.channel();
                    slotProgram[i] = r.program();
                }
            }
            routingVersion.incrementAndGet();
        }
    }

    ChannelMap channelMap() {
        return channelMap;
    }

    /** @return each registered bandmate with its channel and program */
    List<String> routes() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < slotCount; i++) {
            out.add(slotIds[i] + "=" + slotChannel[i] + ":" + slotProgram[i]);
        }
        return out;
    }

    /** Adds an output; it receives every bandmate's program change before its next note. */
    void addOutput(NoteOutput output) {
        synchronized (outputsLock) {
            Sink[] current = outputs;
            Sink[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = new Sink(output);
            outputs = next;
        }
        routingVersion.incrementAndGet();
    }

    /**
     * Removes an output, after ending on it every note it sounds (on the scheduler thread, so the output is never
     * called concurrently; waits up to 250 ms for it).
     */
    void removeOutput(NoteOutput output) {
        Sink removed = null;
        synchronized (outputsLock) {
            Sink[] current = outputs;
            List<Sink> kept = new ArrayList<>();
            for (Sink s : current) {
                if (s.output == output && removed == null) {
                    removed = s;
                } else {
                    kept.add(s);
                }
            }
            outputs = kept.toArray(new Sink[0]);
        }
        if (removed != null) {
            Sink gone = removed;
            onSchedulerThread(() -> silence(gone));
        }
    }

    /** @return the bound outputs with their fault counts */
    List<String> outputs() {
        List<String> out = new ArrayList<>();
        for (Sink s : outputs) {
            out.add(s.id + (s.failures > 0 ? " (" + s.failures + " faults)" : ""));
        }
        return out;
    }

    /** @return the counters and the timing error since the start */
    Stats stats() {
        Histogram h;
        synchronized (timingTotal) {
            timingTotal.add(timing.getIntervalHistogram());
            h = timingTotal.copy();
        }
        return new Stats(scheduled, played, late, droppedLate, released, ringOverflow + queueOverflow, rejected,
                outputFailures, queue.size(), sounding, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    private void onSchedulerThread(Runnable task) {
        Thread t = thread;
        if (t == null || !t.isAlive() || t == Thread.currentThread()) {
            synchronized (this) { // the thread is gone, or is us: nobody else calls the outputs now
                task.run();
            }
            return;
        }
        FutureTask<Void> f = new FutureTask<>(task, null);
        tasks.add(f);
        LockSupport.unpark(t);
        try {
            f.get(250, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the output failed or the scheduler is stuck: the output is already out of the array
        }
    }

    // ------------------------------------------------------------------------------------ scheduler thread

    private void run() {
        String refused = ThreadSlice.apply(settings.sliceNanos()); // once, before the loop: it allocates
        slice = refused == null ? settings.sliceNanos() / 1000 + " µs" : "kernel default (" + refused + ")";
        String notRealtime = RealtimePriority.apply(settings.realtimePriority()); // once, before the loop
        policy = notRealtime == null ? "real-time (SCHED_RR " + settings.realtimePriority() + ")"
                : "normal (" + notRealtime + ")";
        if (settings.realtimePriority() > 0) { // start-up, before the loop: the one log line of this thread
            org.slf4j.LoggerFactory.getLogger(MidiScheduler.class).info("MIDI scheduler thread: {}", policy);
        }
        try {
            while (running) {
                step();
            }
        } finally {
            silenceAll();
        }
    }

    private void step() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        drainCommands();
        int version = routingVersion.get();
        if (version != seenRoutingVersion) {
            seenRoutingVersion = version;
            sendPrograms();
        }
        Supplier<MusicalContext> source = contextSource;
        MusicalContext context = source == null ? null : source.get();
        if (queue.size() == 0 || context == null) {
            LockSupport.parkNanos(this, settings.maxParkNanos());
            return;
        }
        int e = queue.peek();
        long due = context.nanosAt(queue.beat(e));
        long wait = due - System.nanoTime();
        if (wait > settings.spinNanos()) {
            LockSupport.parkNanos(this, Math.min(wait - settings.spinNanos(), settings.maxParkNanos()));
            return;
        }
        while (wait > 0) {
            Thread.onSpinWait();
            wait = due - System.nanoTime();
        }
        dispatch(e, due);
    }

    private void drainCommands() {
        while (ring.poll()) {
            int s = ring.slot();
            switch (ring.kind()) {
                case CommandRing.NOTE -> {
                    if (queue.free() < 2) {
                        queueOverflow++;
                    } else {
                        int ch = slotChannel[s];
                        queue.add(ring.beat(), EventQueue.NOTE_ON, s, ch, ring.a(), ring.b());
                        queue.add(ring.beat() + ring.duration(), EventQueue.NOTE_OFF, s, ch, ring.a(), 0);
                    }
                }
                case CommandRing.CONTROL -> {
                    if (queue.free() < 1) {
                        queueOverflow++;
                    } else {
                        queue.add(ring.beat(), EventQueue.CONTROL, s, slotChannel[s], ring.a(), ring.b());
                    }
                }
                case CommandRing.RELEASE -> releaseSlot(s);
                case CommandRing.RELEASE_ALL -> silenceAll();
                default -> {
                    // no other kinds are written
                }
            }
        }
        long bits = pendingReleases.get() == 0 ? 0 : pendingReleases.getAndSet(0);
        while (bits != 0) {
            int s = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            releaseSlot(s);
        }
        if (pendingReleaseAll) {
            pendingReleaseAll = false;
            silenceAll();
        }
    }

    private void dispatch(int e, long due) {
        byte kind = queue.kind(e);
        int s = queue.slot(e);
        int ch = queue.channel(e);
        int d1 = queue.data1(e);
        int d2 = queue.data2(e);
        queue.pop();
        long now = System.nanoTime();
        long lateness = now - due;
        boolean isLate = lateness > settings.lateToleranceNanos();
        int key = ch * 128 + d1;
        int mine = s * KEYS + key;
        String bandmate = slotIds[s];
        switch (kind) {
            case EventQueue.NOTE_ON -> {
                if (isLate) {
                    droppedOn[mine]++;
                    droppedLate++;
                    return;
                }
                if (channelCount[key] > 0) {
                    send(OP_OFF, due, ch, d1, 0, bandmate); // retrigger: the key sounds once, counts stay balanced
                }
                send(OP_ON, due, ch, d1, d2, bandmate);
                channelCount[key]++;
                owner[mine]++;
                sounding++;
            }
            case EventQueue.NOTE_OFF -> {
                if (droppedOn[mine] > 0) {
                    droppedOn[mine]--; // the note-on was dropped as late: nothing to end
                    return;
                }
                if (owner[mine] == 0) {
                    return; // released before its end
                }
                owner[mine]--;
                sounding--;
                if (--channelCount[key] == 0) {
                    send(OP_OFF, due, ch, d1, 0, bandmate);
                }
            }
            default -> send(OP_CC, due, ch, d1, d2, bandmate);
        }
        if (isLate) {
            late++;
        }
        played++;
        timing.recordValue(Math.min(Math.abs(now - due), MAX_TIMING_NANOS));
    }

    private void releaseSlot(int s) {
        released += queue.removeSlot(s);
        long now = System.nanoTime();
        int base = s * KEYS;
        for (int key = 0; key < KEYS; key++) {
            droppedOn[base + key] = 0;
            int held = owner[base + key];
            if (held > 0) {
                owner[base + key] = 0;
                sounding -= held;
                channelCount[key] -= held;
                if (channelCount[key] == 0) {
                    send(OP_OFF, now, key >> 7, key & 127, 0, slotIds[s]);
                }
            }
        }
    }

    private void silenceAll() {
        released += queue.removeSlot(-1);
        Arrays.fill(owner, 0);
        Arrays.fill(droppedOn, 0);
        long now = System.nanoTime();
        for (int key = 0; key < KEYS; key++) {
            if (channelCount[key] > 0) {
                channelCount[key] = 0;
                send(OP_OFF, now, key >> 7, key & 127, 0, null);
            }
        }
        sounding = 0;
        send(OP_ALL_OFF, now, 0, 0, 0, null);
    }

    /** Ends on one output everything sounding, before it leaves. */
    private void silence(Sink sink) {
        long now = System.nanoTime();
        for (int key = 0; key < KEYS; key++) {
            if (channelCount[key] > 0) {
                call(sink, OP_OFF, now, key >> 7, key & 127, 0, null);
            }
        }
        call(sink, OP_ALL_OFF, now, 0, 0, 0, null);
    }

    private void sendPrograms() {
        long now = System.nanoTime();
        int n = slotCount;
        for (int s = 0; s < n; s++) {
            send(OP_PROGRAM, now, slotChannel[s], slotProgram[s], 0, slotIds[s]);
        }
    }

    private void send(int op, long time, int ch, int d1, int d2, String bandmate) {
        Sink[] sinks = outputs;
        for (Sink sink : sinks) {
            call(sink, op, time, ch, d1, d2, bandmate);
        }
    }

    private void call(Sink sink, int op, long time, int ch, int d1, int d2, String bandmate) {
        try {
            TrackedNoteOutput t = sink.tracked;
            NoteOutput o = sink.output;
            switch (op) {
                case OP_ON -> {
                    if (t != null) {
                        t.noteOn(time, ch, d1, d2, bandmate);
                    } else {
                        o.noteOn(time, ch, d1, d2);
                    }
                }
                case OP_OFF -> {
                    if (t != null) {
                        t.noteOff(time, ch, d1, bandmate);
                    } else {
                        o.noteOff(time, ch, d1);
                    }
                }
                case OP_CC -> {
                    if (t != null) {
                        t.controlChange(time, ch, d1, d2, bandmate);
                    } else {
                        o.controlChange(time, ch, d1, d2);
                    }
                }
                case OP_PROGRAM -> {
                    if (t != null) {
                        t.programChange(time, ch, d1, bandmate);
                    } else {
                        o.programChange(time, ch, d1);
                    }
                }
                default -> o.allNotesOff(time);
            }
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            sink.failures++; // isolated: the other outputs still get the event
            outputFailures++;
        }
    }
}
