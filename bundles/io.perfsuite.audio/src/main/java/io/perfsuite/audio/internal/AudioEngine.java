// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.analysis.AnalysisListener;
import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.thread.RealtimePriority;
import io.perfsuite.audio.FileAnalysis;

/**
 * The audio engine: one audio thread that reads a source block by block, computes the shared spectrum once per
 * block and runs the analyser chain; one dispatcher thread that hands the results, time-stamped, to the
 * {@link AnalysisListener}s and keeps the chain healthy.
 *
 * <p>Audio-thread rules: after {@link #start}, the audio thread allocates nothing, takes no lock, logs nothing and
 * does no I/O (a file is decoded into memory by the source's {@code open}); it reads the chain through one volatile
 * reference to an immutable array, reports into a preallocated ring, and records each analyser's compute time in a
 * wait-free recorder. An analyser that throws is marked failed by the audio thread and taken out of the chain by the
 * dispatcher; an analyser that is removed is released only after the audio thread has finished the block it was
 * in.
 *
 * <p>Two clocks: {@link Clock#REALTIME} paces a file or generated source like a live input (each block is handed
 * over when its last sample would have arrived); {@link Clock#OFFLINE} runs as fast as possible with a virtual
 * clock. The analysers see the same blocks either way, so the results are the same.
 */
public final class AudioEngine implements AutoCloseable {

    /** How the engine's time runs. */
    public enum Clock {
        /** Paced like a live input. */
        REALTIME,
        /** As fast as possible, on a virtual clock that starts at 0; no event is dropped (the audio thread waits). */
        OFFLINE
    }

    /** One analyser's compute time per block and health. */
    public record AnalyserStats(String id, long blocks, double p50Micros, double p99Micros, double maxMicros,
            String failure) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AudioEngine.class);
    /** Largest time a histogram tracks: 10 s, far beyond any block; larger values are clamped. */
    private static final long MAX_NANOS = 10_000_000_000L;
    private static final long SPIN_NANOS = 200_000;

    /** One analyser in the chain, with its own recorder and failure flag. */
    static final class Entry {
        final Analyser analyser;
        final String id;
        final SingleWriterRecorder recorder = new SingleWriterRecorder(MAX_NANOS, 3);
        final Histogram total = new Histogram(MAX_NANOS, 3);
        volatile Throwable failure;
        boolean failureReported;

        Entry(Analyser analyser, String id) {
            this.analyser = analyser;
            this.id = id;
        }
    }

    private final int blockSize;
    private final int fftSize;
    private final SpectralFrontEnd spectrum;
    private final EngineBlock block;
    private final EventRing ring;
    private final Object control = new Object();
    private final List<Analyser> analysers = new ArrayList<>();
    private final CopyOnWriteArrayList<AnalysisListener> listeners = new CopyOnWriteArrayList<>();
    private final SingleWriterRecorder chainRecorder = new SingleWriterRecorder(MAX_NANOS, 3);
    private final Histogram chainTotal = new Histogram(MAX_NANOS, 3);
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();

    private volatile Entry[] chain = new Entry[0];
    private volatile boolean running;
    private volatile boolean ended;
    private volatile float sampleRate;
    private volatile long originNanos;
    private volatile Clock clock = Clock.OFFLINE;
    private volatile FileAnalysis.BlockListener blockListener;
    private volatile Thread audioThread;
    private Thread dispatcher;
    private AudioSource source;
    private CountDownLatch finished = new CountDownLatch(0);

    private volatile int realtimePriority;
    private volatile String threadPolicy = "not started";

    /**
     * @param blockSize    frames per block, 1 to 16384 (256 by default in the runtime)
     * @param fftSize      size of the shared spectrum, a power of two
     * @param ringCapacity events the hand-off ring holds, a power of two
     */
    public AudioEngine(int blockSize, int fftSize, int ringCapacity) {
        if (blockSize < 1 || blockSize > 16384) {
            throw new IllegalArgumentException("block size must be 1 to 16384 frames, was " + blockSize);
        }
        this.blockSize = blockSize;
        this.fftSize = fftSize;
        this.spectrum = new SpectralFrontEnd(fftSize);
        this.block = new EngineBlock(blockSize, spectrum);
        this.ring = new EventRing(ringCapacity);
    }

    /**
     * @param priority the real-time priority (SCHED_RR, 1 to {@value RealtimePriority#MAX}) the audio thread asks
     *                 for when it runs on the real-time clock, from the next start; 0 for a normal thread. Offline
     *                 runs always use a normal thread: they run flat out and share the cores.
     */
    public void realtimePriority(int priority) {
        if (priority < 0 || priority > RealtimePriority.MAX) {
            throw new IllegalArgumentException("real-time priority must be 0 (off) to " + RealtimePriority.MAX
                    + ", was " + priority);
        }
        this.realtimePriority = priority;
    }

    /** @return the audio thread's scheduling, or why it is a normal thread */
    public String threadPolicy() {
        return threadPolicy;
    }

    /**
     * Adds an analyser to the chain. When the engine runs it is prepared on this thread first and joins at the next
     * block.
     *
     * @param analyser the analyser
     */
    public void addAnalyser(Analyser analyser) {
        Objects.requireNonNull(analyser, "analyser");
        synchronized (control) {
            analysers.add(analyser);
            if (running) {
                Entry e = prepare(analyser);
                if (e != null) {
                    Entry[] next = Arrays.copyOf(chain, chain.length + 1);
                    next[next.length - 1] = e;
                    chain = next;
                }
            }
        }
    }

    /**
     * Removes an analyser; returns once the audio thread no longer uses it.
     *
     * @param analyser the analyser
     */
    public void removeAnalyser(Analyser analyser) {
        synchronized (control) {
            analysers.remove(analyser);
            Entry[] current = chain;
            Entry[] next = Arrays.stream(current).filter(e -> e.analyser != analyser).toArray(Entry[]::new);
            if (next.length == current.length) {
                return;
            }
            chain = next;
        }
        awaitBlockBoundary();
    }

    /** Waits until the audio thread has started a new block (so it no longer runs anything it read before). */
    private void awaitBlockBoundary() {
        long seen = blocks.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (running && audioThread != Thread.currentThread() && blocks.get() <= seen
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     */
    public void addListener(AnalysisListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Sets the listener told where each block ended, after that block's events, on the dispatcher thread; used with
     * the offline clock only (a file job that steps a session in the file's time). Set it before {@link #start}.
     *
     * @param listener the listener, or null for none
     */
    public void blockListener(FileAnalysis.BlockListener listener) {
        this.blockListener = listener;
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(AnalysisListener listener) {
        listeners.remove(listener);
    }

    private Entry prepare(Analyser analyser) {
        String id;
        try {
            id = analyser.id();
            analyser.prepare(sampleRate, blockSize, fftSize);
            analyser.reset();
        } catch (RuntimeException e) {
            LOG.error("Analyser {} failed to prepare and is left out of the chain", analyser, e);
            return null;
        }
        return new Entry(analyser, id);
    }

    /**
     * Opens the source, prepares the analysers and starts the audio and dispatcher threads.
     *
     * @param audio the source; the engine closes it when it stops
     * @param how   the clock
     * @throws IOException           if the source cannot be opened
     * @throws IllegalStateException if the engine is already running
     */
    public void start(AudioSource audio, Clock how) throws IOException {
        synchronized (control) {
            if (running) {
                throw new IllegalStateException("the audio engine is already running " + source.describe());
            }
            audio.open(blockSize);
            source = audio;
            clock = how;
            sampleRate = audio.sampleRate();
            spectrum.reset();
            blocks.set(0);
            frames.set(0);
            List<Entry> entries = new ArrayList<>();
            for (Analyser a : analysers) {
                Entry e = prepare(a);
                if (e != null) {
                    entries.add(e);
                }
            }
            chain = entries.toArray(Entry[]::new);
            ended = false;
            running = true;
            finished = new CountDownLatch(1);
            originNanos = how == Clock.REALTIME ? System.nanoTime() : 0;
            Thread t = new Thread(this::audioLoop, "perfsuite-audio");
            t.setPriority(Thread.MAX_PRIORITY);
            t.setDaemon(true);
            audioThread = t;
            dispatcher = new Thread(this::dispatchLoop, "perfsuite-analysis-dispatch");
            dispatcher.setDaemon(true);
            LOG.info("Audio engine starting: {}, {} clock, block {} frames, FFT {}, {} analysers", audio.describe(),
                    how, blockSize, fftSize, chain.length);
            t.start();
            dispatcher.start();
        }
    }

    private void audioLoop() {
        AudioSource in = source;
        float rate = sampleRate;
        double nanosPerFrame = 1e9 / rate;
        long origin = originNanos;
        boolean pace = clock == Clock.REALTIME && !in.isLive();
        boolean offline = clock == Clock.OFFLINE;
        boolean ticks = offline && blockListener != null;
        int drainBelow = ring.capacity() / 2;
        if (!offline && realtimePriority > 0) { // start-up, before the first block: it allocates, logs, starts chrt
            String refused = RealtimePriority.apply(realtimePriority);
            threadPolicy = refused == null ? "real-time (SCHED_RR " + realtimePriority + ")" : "normal (" + refused
                    + ")";
            LOG.info("Audio thread: {}", threadPolicy);
        } else {
            threadPolicy = offline ? "normal (offline clock)" : "normal (not asked)";
        }
        float[] buffer = block.buffer();
        long frame = 0;
        try {
            while (running) {
                int n = in.read(buffer, blockSize);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                long blockNanos = origin + (long) (frame * nanosPerFrame);
                if (pace) {
                    waitUntil(origin + (long) ((frame + n) * nanosPerFrame));
                } else if (offline) {
                    // offline nothing is lost: the audio thread waits for the dispatcher instead of dropping events
                    while (ring.size() > drainBelow && running) {
                        LockSupport.parkNanos(50_000);
                    }
                }
                long started = System.nanoTime();
                spectrum.push(buffer, n);
                spectrum.compute();
                block.set(n, frame, blockNanos, rate);
                Entry[] current = chain;
                for (Entry e : current) {
                    if (e.failure != null) {
                        continue;
                    }
                    long s = System.nanoTime();
                    try {
                        e.analyser.process(block, ring);
                    } catch (Throwable t) {
                        e.failure = t; // the dispatcher reports it and takes the analyser out
                    }
                    e.recorder.recordValue(Math.min(System.nanoTime() - s, MAX_NANOS));
                }
                chainRecorder.recordValue(Math.min(System.nanoTime() - started, MAX_NANOS));
                frame += n;
                if (ticks) {
                    ring.blockEnd(frame);
                }
                frames.lazySet(frame);
                blocks.lazySet(blocks.get() + 1);
            }
        } finally {
            ended = true;
        }
    }

    private static void waitUntil(long deadline) {
        long early = deadline - System.nanoTime() - SPIN_NANOS;
        if (early > 0) {
            LockSupport.parkNanos(early);
        }
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Turns the ring's primitive events into time-stamped records for the listeners. */
    private final class Deliverer implements EventRing.BlockSink {
        private long nanos(long frame) {
            return originNanos + (long) (frame * 1e9 / sampleRate);
        }

        private void deliver(AnalysisEvent event) {
            for (AnalysisListener l : listeners) {
                try {
                    l.heard(event);
                } catch (RuntimeException e) {
                    LOG.warn("Analysis listener {} failed on {}", l, event, e);
                }
            }
        }

        @Override
        public void blockEnd(long endFrame) {
            FileAnalysis.BlockListener l = blockListener;
            if (l != null) {
                try {
                    l.blockEnd(endFrame, nanos(endFrame));
                } catch (RuntimeException e) {
                    LOG.warn("Block listener {} failed at frame {}", l, endFrame, e);
                }
            }
        }

        @Override
        public void pitch(long frame, double hz, double confidence) {
            deliver(new AnalysisEvent.Pitch(frame, nanos(frame), hz, confidence));
        }

        @Override
        public void onset(long frame, double strength) {
            deliver(new AnalysisEvent.Onset(frame, nanos(frame), strength));
        }

        @Override
        public void beat(long frame, double periodSeconds, long nextBeatFrame, int beatInBar, double confidence) {
            deliver(new AnalysisEvent.Beat(frame, nanos(frame), periodSeconds, nextBeatFrame, beatInBar,
                    confidence));
        }

        @Override
        public void chord(long frame, Chord chord, double confidence) {
            deliver(new AnalysisEvent.ChordHeard(frame, nanos(frame), chord, confidence));
        }

        @Override
        public void key(long frame, Key key, double confidence) {
            deliver(new AnalysisEvent.KeyHeard(frame, nanos(frame), key, confidence));
        }

        @Override
        public void dynamics(long frame, double rmsDbfs, double peakDbfs, double loudness, boolean accent) {
            deliver(new AnalysisEvent.Level(frame, nanos(frame), rmsDbfs, peakDbfs, loudness, accent));
        }
    }

    private void dispatchLoop() {
        Deliverer deliverer = new Deliverer();
        try {
            while (true) {
                boolean wasEnded = ended;
                int n = ring.drainTo(deliverer);
                takeOutFailedAnalysers();
                if (wasEnded && ring.size() == 0) {
                    break;
                }
                if (n == 0) {
                    LockSupport.parkNanos(500_000);
                }
            }
        } finally {
            running = false;
            synchronized (control) {
                AudioSource s = source;
                if (s != null) {
                    s.close();
                }
            }
            LOG.info("Audio engine stopped after {} blocks ({} events dropped)", blocks.get(), ring.dropped());
            finished.countDown();
        }
    }

    private void takeOutFailedAnalysers() {
        for (Entry e : chain) {
            if (e.failure != null && !e.failureReported) {
                e.failureReported = true;
                LOG.error("Analyser {} threw on the audio thread and is taken out of the chain; the others run on",
                        e.id, e.failure);
                synchronized (control) {
                    chain = Arrays.stream(chain).filter(x -> x != e).toArray(Entry[]::new);
                }
            }
        }
    }

    /**
     * Waits until the source ended (or the engine was stopped) and every event was delivered.
     *
     * @param timeout how long to wait
     * @return true if it finished in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitEnd(java.time.Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the audio thread after its current block, delivers what is pending, and closes the source. */
    public void stop() {
        running = false;
        try {
            awaitEnd(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** @return whether the audio thread runs */
    public boolean isRunning() {
        return running && !ended;
    }

    /** @return blocks processed since the start */
    public long blocks() {
        return blocks.get();
    }

    /** @return frames processed since the start */
    public long frames() {
        return frames.get();
    }

    /** @return events dropped because the hand-off ring was full */
    public long droppedEvents() {
        return ring.dropped();
    }

    /** @return the audio thread of the current run, for diagnostics (CPU time, allocation); null before start */
    public Thread audioThread() {
        return audioThread;
    }

    /** @return compute time per block of each analyser in the chain, and of the whole chain as "chain" */
    public List<AnalyserStats> stats() {
        List<AnalyserStats> out = new ArrayList<>();
        synchronized (chainTotal) {
            chainTotal.add(chainRecorder.getIntervalHistogram());
            out.add(stats("chain", chainTotal, null));
            for (Entry e : chain) {
                e.total.add(e.recorder.getIntervalHistogram());
                Throwable f = e.failure;
                out.add(stats(e.id, e.total, f == null ? null : f.toString()));
            }
        }
        return out;
    }

    private static AnalyserStats stats(String id, Histogram h, String failure) {
        return new AnalyserStats(id, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, failure);
    }
}
