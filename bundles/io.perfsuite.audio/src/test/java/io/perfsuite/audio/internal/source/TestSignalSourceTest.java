// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import static io.perfsuite.audio.internal.source.AudioTestFiles.ODD_SIZES;
import static io.perfsuite.audio.internal.source.AudioTestFiles.readInBlocks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated signals: continuity across reads, frequency, beat placement, determinism, length. */
class TestSignalSourceTest {

    static Stream<Arguments> signals() {
        return Stream.of(
                Arguments.of("sine", TestSignalSource.sine(44100, 440, 0.5)),
                Arguments.of("chord", TestSignalSource.chord(48000, 0.9, 261.63, 329.63, 392.0)),
                Arguments.of("clicks", TestSignalSource.clicks(44100, 137, 0.8)),
                Arguments.of("noise", TestSignalSource.noise(44100, 0.3, 1234)));
    }

    private static float[] oneRead(TestSignalSource source, int frames) {
        source.open(frames);
        float[] all = new float[frames];
        assertEquals(frames, source.read(all, frames));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void readsOfAnySizeDeliverTheSameSequenceAsOneBigRead(String name, TestSignalSource source) {
        int total = 100_000;
        float[] once = oneRead(source, total);

        source.open(1000);
        float[] inBlocks = readInBlocks(source, total, ODD_SIZES);
        source.open(1000);
        float[] inOtherBlocks = readInBlocks(source, total, 7, 1000, 0, 13, 256, 1);

        assertArrayEquals(once, inBlocks, name + " in blocks of 0, 1, 255, 256, 1000");
        assertArrayEquals(once, inOtherBlocks, name + " in blocks of 7, 1000, 0, 13, 256, 1");
        float peak = 0;
        for (float v : once) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertTrue(peak > 0.1f && peak <= 1f, name + " peak " + peak);
    }

    @Test
    void theSineHasItsFrequencyByZeroCrossings() {
        float rate = 44100;
        float[] x = oneRead(TestSignalSource.sine(rate, 440, 0.5), 2 * 44100);
        int rising = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                rising++;
            }
        }
        assertEquals(880, rising, 1, "rising zero crossings in 2 s of 440 Hz");
        assertEquals(0f, x[0], "starts at phase 0");
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(0.5, peak, 1e-3);
    }

    @Test
    void theSineIsContinuousAcrossReadBoundaries() {
        TestSignalSource source = TestSignalSource.sine(8000, 1000, 1.0);
        source.open(3);
        float[] block = new float[3];
        float previous = 0;
        boolean first = true;
        // the biggest step of a 1 kHz unit sine at 8 kHz is 2 sin(pi/8) = 0.765
        for (int i = 0; i < 1000; i++) {
            int n = source.read(block, i % 4 == 0 ? 0 : 1 + i % 3);
            for (int k = 0; k < n; k++) {
                if (!first) {
                    assertTrue(Math.abs(block[k] - previous) < 0.77, "jump at read " + i);
                }
                previous = block[k];
                first = false;
            }
        }
    }

    @Test
    void clicksLandOnBeatBoundaries() {
        float rate = 44100;
        double bpm = 137; // 19313.14 frames per beat: not a whole number, so rounding matters
        double beat = 60 * rate / bpm;
        float[] x = oneRead(TestSignalSource.clicks(rate, bpm, 0.8), (int) (8.5 * beat));
        List<Integer> onsets = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0 && (i == 0 || x[i - 1] == 0)) {
                onsets.add(i);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k * beat < x.length; k++) {
            expected.add((int) Math.round(k * beat));
        }
        assertEquals(expected, onsets, "one click per beat, the first at frame 0");
        for (int onset : onsets) {
            assertEquals(0.8f, x[onset], 1e-6, "full amplitude at the start of the click at " + onset);
        }
        int quiet = (int) (0.05 * rate); // 50 ms after a click starts, it has ended
        assertEquals(0f, x[quiet]);
        assertTrue(Math.abs(x[(int) (0.001 * rate)]) < 0.8 * Math.exp(-0.001 / 0.0025) + 1e-3, "it decays");
    }

    @Test
    void noiseIsDeterministicPerSeedAndWithinItsAmplitude() {
        float[] a = oneRead(TestSignalSource.noise(44100, 0.3, 99), 50_000);
        float[] b = oneRead(TestSignalSource.noise(44100, 0.3, 99), 50_000);
        float[] c = oneRead(TestSignalSource.noise(44100, 0.3, 100), 50_000);

        assertArrayEquals(a, b, "same seed, same noise");
        assertFalse(Arrays.equals(a, c), "another seed, other noise");
        double sum = 0;
        double squares = 0;
        for (float v : a) {
            assertTrue(v >= -0.3f && v < 0.3f, "sample " + v + " within [-0.3, 0.3)");
            sum += v;
            squares += v * v;
        }
        assertEquals(0, sum / a.length, 0.01, "mean");
        assertEquals(0.3 / Math.sqrt(3), Math.sqrt(squares / a.length), 0.01, "RMS of uniform noise");
        assertEquals(oneRead(TestSignalSource.noise(44100, 0.3, 0), 1000).length, 1000, "seed 0 works too");
        assertTrue(oneRead(TestSignalSource.noise(44100, 0.3, 0), 1000)[999] != 0, "seed 0 is not stuck at 0");
    }

    @Test
    void aLengthEndsTheSignal() {
        TestSignalSource source = TestSignalSource.sine(44100, 440, 0.5).withLength(1000);
        source.open(1000);
        float[] all = readInBlocks(source, 5000, ODD_SIZES);

        assertEquals(1000, all.length);
        assertEquals(-1, source.read(new float[256], 256));
        assertEquals(-1, source.read(new float[256], 0));
        assertEquals(1000, source.length());
        assertEquals(-1, TestSignalSource.noise(8000, 1, 1).length(), "endless by default");
        source.open(256);
        assertEquals(256, source.read(new float[256], 256), "open rewinds");
        TestSignalSource empty = TestSignalSource.clicks(8000, 120, 1).withLength(0);
        empty.open(4);
        assertEquals(-1, empty.read(new float[4], 4));
    }

    @Test
    void aZeroFrameReadChangesNothing() {
        TestSignalSource source = TestSignalSource.noise(44100, 1, 5);
        float[] expected = oneRead(TestSignalSource.noise(44100, 1, 5), 2);
        source.open(2);
        float[] buffer = new float[2];
        assertEquals(0, source.read(buffer, 0));
        assertEquals(0f, buffer[0], "nothing written");
        assertEquals(2, source.read(buffer, 2));
        assertArrayEquals(expected, buffer);
    }

    @Test
    void describesAndValidates() {
        TestSignalSource sine = TestSignalSource.sine(44100, 440, 0.5);
        assertEquals("test signal sine 440.0 Hz, amplitude 0.50 (44100 Hz, endless)", sine.describe());
        assertEquals("test signal clicks 120.0 BPM, amplitude 1.00 (48000 Hz, 96000 frames)",
                TestSignalSource.clicks(48000, 120, 1).withLength(96000).describe());
        assertFalse(sine.isLive());
        assertEquals(44100f, sine.sampleRate());

        assertThrows(IllegalArgumentException.class, () -> TestSignalSource.sine(44100, 22050, 0.5), "Nyquist");
        assertThrows(IllegalArgumentException.class, () -> TestSignalSource.sine(44100, 440, 1.5), "amplitude");
        assertThrows(IllegalArgumentException.class, () -> TestSignalSource.sine(0, 440, 0.5), "rate");
        assertThrows(IllegalArgumentException.class, () -> TestSignalSource.clicks(44100, 0, 0.5), "tempo");
        assertThrows(IllegalArgumentException.class,
                () -> TestSignalSource.sines(44100, new double[] {100, 200}, new double[] {0.6, 0.6}), "sum > 1");
        assertThrows(IllegalArgumentException.class, () -> TestSignalSource.chord(44100, 0.5), "no notes");
        assertThrows(IllegalStateException.class, () -> sine.read(new float[4], 4), "read before open");
        sine.open(4);
        assertThrows(IllegalArgumentException.class, () -> sine.read(new float[8], 5), "more than maxFrames");
        sine.close();
        assertEquals(-1, sine.read(new float[4], 4), "closed");
    }
}
