// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.dynamics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.analysis.AudioBlock;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

class DynamicsAnalyserTest {

    static final float RATE = 44100;
    static final int BLOCK = 256;

    record Level(long frame, double rms, double peak, double loudness, boolean accent) {
    }

    /** Collects dynamics events; a preallocated array when counting only, so it allocates nothing. */
    static final class Sink implements AnalysisSink {
        final List<Level> levels = new ArrayList<>();
        boolean record = true;
        long count;

        @Override
        public void dynamics(long frame, double rmsDbfs, double peakDbfs, double loudness, boolean accent) {
            count++;
            if (record) {
                levels.add(new Level(frame, rmsDbfs, peakDbfs, loudness, accent));
            }
        }

        @Override
        public void pitch(long frame, double hz, double confidence) {
            throw new AssertionError();
        }

        @Override
        public void onset(long frame, double strength) {
            throw new AssertionError();
        }

        @Override
        public void beat(long frame, double periodSeconds, long nextBeatFrame, int beatInBar, double confidence) {
            throw new AssertionError();
        }

        @Override
        public void chord(long frame, Chord chord, double confidence) {
            throw new AssertionError();
        }

        @Override
        public void key(long frame, Key key, double confidence) {
            throw new AssertionError();
        }
    }

    static final class Block implements AudioBlock {
        final float[] samples = new float[BLOCK];
        int length = BLOCK;
        long frame;

        @Override
        public float[] samples() {
            return samples;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public long startFrame() {
            return frame;
        }

        @Override
        public long startNanos() {
            return (long) (frame * 1e9 / RATE);
        }

        @Override
        public float sampleRate() {
            return RATE;
        }

        @Override
        public float[] magnitudes() {
            return new float[0];
        }

        @Override
        public float[] logMagnitudes() {
            return new float[0];
        }

        @Override
        public int fftSize() {
            return 0;
        }
    }

    static DynamicsAnalyser analyser() {
        DynamicsAnalyser a = new DynamicsAnalyser(new DynamicsAnalyser.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DynamicsAnalyser.Config.class;
            }

            @Override
            public double accentThresholdDb() {
                return 6;
            }

            @Override
            public double accentFloorDbfs() {
                return -45;
            }

            @Override
            public int accentSpacingMs() {
                return 100;
            }
        });
        a.prepare(RATE, BLOCK, 2048);
        return a;
    }

    /** Feeds a signal block by block; amplitude(frame) gives the envelope of a 440 Hz sine. */
    static void feed(DynamicsAnalyser a, Block b, Sink out, long fromFrame, long frames,
            java.util.function.LongToDoubleFunction amplitude) {
        for (long f = fromFrame; f < fromFrame + frames; f += BLOCK) {
            for (int i = 0; i < BLOCK; i++) {
                long p = f + i;
                b.samples[i] = (float) (amplitude.applyAsDouble(p) * Math.sin(2 * Math.PI * 440 * p / RATE));
            }
            b.frame = f;
            a.process(b, out);
        }
    }

    @Test
    void levelsOfAFullScaleSine() {
        DynamicsAnalyser a = analyser();
        Sink out = new Sink();
        feed(a, new Block(), out, 0, (long) RATE * 4, p -> 1.0);
        Level last = out.levels.get(out.levels.size() - 1);
        assertEquals(-3.01, last.rms(), 0.1, "RMS of a full-scale sine");
        assertEquals(0, last.peak(), 0.1, "peak");
        // K-weighting is normalised at 997 Hz (-3.01 LUFS, checked in LoudnessMeterTest); at 440 Hz the shelf
        // adds less, so the reading is somewhat lower, never higher
        assertTrue(last.loudness() < -3.0 && last.loudness() > -4.5, "short-term loudness " + last.loudness());
        assertEquals((long) RATE * 4 / BLOCK + 1, out.levels.size(), "one event per block");
    }

    @Test
    void accentsOnHitsNotOnSteadySound() {
        DynamicsAnalyser a = analyser();
        Sink out = new Sink();
        long second = (long) RATE;
        // 2 s at -30 dBFS, then a hit at +20 dB for 50 ms every half second, then steady loud sound
        feed(a, new Block(), out, 0, 4 * second, p -> {
            if (p < 2 * second) {
                return 0.0316;
            }
            return (p - 2 * second) % (second / 2) < second / 20 ? 0.316 : 0.0316;
        });
        List<Long> accents = out.levels.stream().filter(Level::accent).map(Level::frame).toList();
        long lastFrameFed = out.levels.get(out.levels.size() - 1).frame() + BLOCK - 1;
        long hits = (lastFrameFed - 2 * second) / (second / 2) + 1; // the blocks overrun 4 s into a 5th hit
        assertEquals(hits, accents.size(), "one accent per hit, none when the sound starts: " + accents);
        for (int i = 0; i < accents.size(); i++) {
            long hit = 2 * second + i * second / 2;
            assertTrue(Math.abs(accents.get(i) - hit) < BLOCK, "accent " + i + " at " + accents.get(i));
        }
        Sink steady = new Sink();
        feed(a, new Block(), steady, 4 * second, 2 * second, p -> 0.316);
        assertTrue(steady.levels.stream().filter(Level::accent).count() <= 1, "a steady level is no accent");
    }

    @Test
    void silenceIsMinusInfinityNeverAnAccent() {
        DynamicsAnalyser a = analyser();
        Sink out = new Sink();
        feed(a, new Block(), out, 0, (long) RATE, p -> 0.0);
        assertTrue(out.levels.stream().allMatch(l -> l.rms() == Double.NEGATIVE_INFINITY && !l.accent()));
    }

    @Test
    void zeroLengthBlocksAreIgnored() {
        DynamicsAnalyser a = analyser();
        Sink out = new Sink();
        Block b = new Block();
        b.length = 0;
        a.process(b, out);
        assertFalse(out.count > 0);
    }

    @Test
    void allocatesNothingPerBlock() {
        DynamicsAnalyser a = analyser();
        Sink out = new Sink();
        out.record = false;
        Block b = new Block();
        for (int i = 0; i < BLOCK; i++) {
            b.samples[i] = (float) Math.sin(i * 0.1);
        }
        for (int i = 0; i < 50_000; i++) {
            b.frame = (long) i * BLOCK;
            a.process(b, out);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
            b.frame = (long) (50_000 + i) * BLOCK;
            a.process(b, out);
        }
        assertEquals(0, threads.getThreadAllocatedBytes(id) - before, "bytes allocated by 10,000 blocks");
    }
}
