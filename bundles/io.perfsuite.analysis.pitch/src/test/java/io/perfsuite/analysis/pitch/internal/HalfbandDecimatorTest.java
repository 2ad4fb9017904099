// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.pitch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The half-band decimator: its response measured with sines, its delay, and blocks of any size. */
class HalfbandDecimatorTest {

    /** Gain in dB of a sine at {@code fraction} of the input rate, from the RMS of the settled output. */
    static double gainDb(double fraction, int block) {
        HalfbandDecimator d = new HalfbandDecimator(block);
        int n = 40_000;
        float[] in = new float[block];
        float[] out = new float[block / 2 + 1];
        double sum = 0;
        int counted = 0;
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            for (int i = 0; i < len; i++) {
                in[i] = (float) Math.sin(2 * Math.PI * fraction * (start + i));
            }
            int m = d.process(in, len, out);
            for (int i = 0; i < m; i++) {
                if (start > 1000) {
                    sum += (double) out[i] * out[i];
                    counted++;
                }
            }
        }
        return 10 * Math.log10(sum / counted / 0.5);
    }

    @Test
    void passBandIsFlatAndStopBandIsAttenuated() {
        for (double f = 0.001; f <= 0.19; f += 0.01) {
            double g = gainDb(f, 256);
            assertEquals(0, g, 0.01, "pass band at " + f + " of the rate: " + g + " dB");
        }
        for (double f = 0.31; f < 0.5; f += 0.01) {
            double g = gainDb(f, 256);
            assertTrue(g < -70, "stop band at " + f + " of the rate: " + g + " dB");
        }
    }

    @Test
    void everySecondSampleWhateverTheBlockSizesAndDelayedByHalfTheFilter() {
        int n = 10_001;
        float[] impulse = new float[n];
        impulse[100] = 1;
        float[] whole = run(impulse, n);
        for (int block : new int[] {1, 7, 77, 256, 1000}) {
            float[] pieces = run(impulse, block);
            assertEquals(whole.length, pieces.length, "block " + block);
            for (int i = 0; i < whole.length; i++) {
                assertEquals(whole[i], pieces[i], 0f, "block " + block + ", output " + i);
            }
        }
        assertEquals((n + 1) / 2, whole.length);
        // output k is taken at input 2k and centred on input 2k - DELAY; the impulse at 100 peaks around 2k = 123
        int peak = 0;
        for (int i = 1; i < whole.length; i++) {
            if (Math.abs(whole[i]) > Math.abs(whole[peak])) {
                peak = i;
            }
        }
        assertEquals(100 + HalfbandDecimator.DELAY, 2 * peak + 1, 1, "the delay");
    }

    static float[] run(float[] signal, int block) {
        HalfbandDecimator d = new HalfbandDecimator(block);
        float[] out = new float[signal.length];
        float[] in = new float[block];
        float[] part = new float[block / 2 + 1];
        int total = 0;
        for (int start = 0; start < signal.length; start += block) {
            int len = Math.min(block, signal.length - start);
            System.arraycopy(signal, start, in, 0, len);
            int m = d.process(in, len, part);
            System.arraycopy(part, 0, out, total, m);
            total += m;
        }
        return java.util.Arrays.copyOf(out, total);
    }
}
