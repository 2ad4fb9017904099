// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.pitch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.analysis.AudioBlock;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

/** The analyser called directly, without the engine: sizes, the FFT difference function, frames, blocks. */
class PitchAnalyserTest {

    /** A block over a caller's array. */
    static final class Block implements AudioBlock {
        float[] samples;
        int length;
        long start;
        float rate;

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
            return start;
        }

        @Override
        public long startNanos() {
            return 0;
        }

        @Override
        public float sampleRate() {
            return rate;
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

    /** Keeps the pitch reports. */
    static final class Reports implements AnalysisSink {
        final List<double[]> pitches = new ArrayList<>();

        @Override
        public void pitch(long frame, double hz, double confidence) {
            pitches.add(new double[] {frame, hz, confidence});
        }

        @Override
        public void onset(long frame, double strength) {
        }

        @Override
        public void beat(long frame, double periodSeconds, long nextBeatFrame, int beatInBar, double confidence) {
        }

        @Override
        public void chord(long frame, Chord chord, double confidence) {
        }

        @Override
        public void key(long frame, Key key, double confidence) {
        }

        @Override
        public void dynamics(long frame, double rmsDbfs, double peakDbfs, double loudness, boolean accent) {
        }
    }

    static Reports feed(PitchAnalyser analyser, float rate, float[] signal, int blockSize) {
        Block b = new Block();
        b.rate = rate;
        b.samples = new float[blockSize];
        Reports out = new Reports();
        for (int start = 0; start < signal.length; start += blockSize) {
            int n = Math.min(blockSize, signal.length - start);
            System.arraycopy(signal, start, b.samples, 0, n);
            b.length = n;
            b.start = start;
            analyser.process(b, out);
        }
        return out;
    }

    static float[] sine(float rate, double hz, double amplitude, int frames) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    @Test
    void windowHoldsTwoPeriodsOfTheLowestPitch() {
        PitchAnalyser a = new PitchAnalyser(PitchAccuracyTest.defaults());
        assertEquals(2048, a.windowFor(44100));
        assertEquals(2048, a.windowFor(48000));
        assertEquals(4096, a.windowFor(96000));
        assertEquals(1024, a.windowFor(22050));
        assertEquals(PitchAnalyser.MAX_WINDOW, a.windowFor(384000), "capped where FloatFFT would use threads");
        assertEquals(2, a.factorFor(44100), "44.1 kHz is analysed at 22.05 kHz");
        assertEquals(2048, a.windowSpan(44100), "46 ms either way");
        a.prepare(44100, 256, 2048);
        assertEquals(1024, a.window());
        assertEquals(1, a.factorFor(22050));
        assertEquals(1, new PitchAnalyser(PitchAccuracyTest.with(null, "maxHz", 3000.0)).factorFor(44100),
                "halving would leave the highest pitch under 8 samples a period");
        PitchAnalyser full = new PitchAnalyser(PitchAccuracyTest.with(null, "decimate", false));
        assertEquals(1, full.factorFor(44100));
        full.prepare(44100, 256, 2048);
        assertEquals(2048, full.window());
    }

    @Test
    void fftDifferenceFunctionEqualsTheDirectSum() {
        for (boolean decimate : new boolean[] {true, false}) { // analysed at 22.05 kHz, and at 44.1 kHz
            PitchAnalyser a = new PitchAnalyser(PitchAccuracyTest.with(null, "decimate", decimate));
            a.prepare(44100, 256, 2048);
            Random random = new Random(7);
            float[] signal = new float[5000];
            for (int i = 0; i < signal.length; i++) {
                signal[i] = (float) (0.5 * Math.sin(2 * Math.PI * 196 * i / 44100.0)
                        + 0.2 * (random.nextDouble() - 0.5));
            }
            feed(a, 44100, signal, 256);
            float[] x = a.lastWindow();
            double[] d = a.lastDifference();
            int w = x.length / 2;
            double energy = 0;
            for (int j = 0; j < w; j++) {
                energy += x[j] * x[j];
            }
            for (int t = 0; t < d.length; t++) {
                double direct = 0;
                for (int j = 0; j < w; j++) {
                    double diff = x[j] - x[j + t];
                    direct += diff * diff;
                }
                assertEquals(direct, d[t], 1e-5 * energy + 1e-9, "d(" + t + "), decimate " + decimate);
            }
        }
    }

    @Test
    void reportsOncePerBlockAtTheWindowCentre() {
        PitchAnalyser a = new PitchAnalyser(PitchAccuracyTest.defaults());
        a.prepare(44100, 512, 2048);
        Reports r = feed(a, 44100, sine(44100, 440, 0.5, 512 * 10), 512);
        assertEquals(10, r.pitches.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(Math.max(0, 512L * (i + 1) - 1024 - HalfbandDecimator.DELAY), (long) r.pitches.get(i)[0]);
        }
        double[] lastReport = r.pitches.get(9);
        assertEquals(440, lastReport[1], 440 * 0.001);
        assertTrue(lastReport[2] > 0.95, "confidence of a pure tone " + lastReport[2]);
    }

    @Test
    void blocksLargerThanTheWindowAndOfOddSizesWork() {
        PitchAnalyser a = new PitchAnalyser(PitchAccuracyTest.defaults());
        a.prepare(48000, 5000, 2048);
        Reports big = feed(a, 48000, sine(48000, 220, 0.5, 20000), 5000);
        assertEquals(4, big.pitches.size());
        assertEquals(220, big.pitches.get(3)[1], 220 * 0.001);
        a.reset();
        Reports odd = feed(a, 48000, sine(48000, 220, 0.5, 20000), 77);
        assertEquals(220, odd.pitches.get(odd.pitches.size() - 1)[1], 220 * 0.001);
        Block empty = new Block();
        empty.samples = new float[1];
        empty.rate = 48000;
        Reports none = new Reports();
        a.process(empty, none);
        assertEquals(0, none.pitches.size(), "a zero-length block reports nothing");
    }

    @Test
    void silenceIsUnvoicedWithNoConfidence() {
        PitchAnalyser a = new PitchAnalyser(PitchAccuracyTest.defaults());
        a.prepare(44100, 256, 2048);
        Reports r = feed(a, 44100, new float[44100], 256);
        for (double[] p : r.pitches) {
            assertEquals(0, p[1]);
            assertEquals(0, p[2]);
        }
    }

    @Test
    void rejectsBadConfiguration() {
        PitchAnalyser.Config d = PitchAccuracyTest.defaults();
        assertThrows(IllegalArgumentException.class, () -> new PitchAnalyser(PitchAccuracyTest.with(d,
                "threshold", 0.0)));
        assertThrows(IllegalArgumentException.class, () -> new PitchAnalyser(PitchAccuracyTest.with(d,
                "maxHz", 50.0)));
        assertThrows(IllegalArgumentException.class, () -> new PitchAnalyser(PitchAccuracyTest.with(d,
                "windowSize", 16384)));
        assertThrows(IllegalArgumentException.class, () -> new PitchAnalyser(PitchAccuracyTest.with(d,
                "silenceDbfs", 3.0)));
    }
}
