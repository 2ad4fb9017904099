// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.pitch.internal;

import java.util.Arrays;

/**
 * Halves a stream's sample rate: a linear-phase half-band low-pass FIR (cut-off at a quarter of the input rate,
 * Kaiser-windowed sinc), then every second sample. In a half-band filter every second tap is zero except the centre
 * one, so each output costs {@code (taps + 1) / 4 + 1} multiplications with the symmetric pairs added first.
 *
 * <p>With {@link #TAPS} taps and a Kaiser beta of 8 the stop band (from 0.3 of the input rate) is attenuated by more
 * than 70 dB, so little folds down, and the pass band (to 0.19 of the input rate, 8.4 kHz at 44.1 kHz) is flat
 * within 0.01 dB (both measured in the tests). The output at input sample {@code i} is centred on input sample
 * {@code i - DELAY}.
 *
 * <p>Allocation-free after construction; blocks of any size, the phase carries over. Not thread-safe.
 */
final class HalfbandDecimator {

    /** Taps of the filter: 4k + 3, so the outermost taps are non-zero. */
    static final int TAPS = 47;
    /** The filter's delay in input samples. */
    static final int DELAY = (TAPS - 1) / 2;

    private final float centre;
    private final float[] odd;     // odd[j]: the tap at distance 2j + 1 from the centre
    private final float[] history; // the last TAPS - 1 input samples, then the current block
    private int phase;             // index in the next block of its first sample that gives an output

    /** @param maxBlock the largest block {@link #process} will be given */
    HalfbandDecimator(int maxBlock) {
        double[] h = new double[DELAY + 1]; // h[d]: the tap at distance d from the centre
        double norm = bessel0(8);
        for (int d = 0; d <= DELAY; d++) {
            double x = d / (double) DELAY;
            double window = bessel0(8 * Math.sqrt(Math.max(0, 1 - x * x))) / norm;
            double sinc = d == 0 ? 1 : Math.sin(Math.PI * d / 2) / (Math.PI * d / 2);
            h[d] = 0.5 * sinc * window;
        }
        double sum = h[0];
        for (int d = 1; d <= DELAY; d++) {
            sum += 2 * h[d];
        }
        centre = (float) (h[0] / sum);
        odd = new float[(DELAY + 1) / 2];
        for (int j = 0; j < odd.length; j++) {
            odd[j] = (float) (h[2 * j + 1] / sum); // unity gain at 0 Hz
        }
        history = new float[TAPS - 1 + Math.max(1, maxBlock)];
    }

    /**
     * @param in  the block
     * @param n   its length, at most the construction's maximum
     * @param out receives {@code (n + 1) / 2} samples at most
     * @return how many samples were written to {@code out}
     */
    int process(float[] in, int n, float[] out) {
        float[] x = history;
        int keep = TAPS - 1;
        System.arraycopy(in, 0, x, keep, n);
        int count = 0;
        float c = centre;
        float[] taps = odd;
        for (int i = phase; i < n; i += 2) {
            int mid = i + keep - DELAY; // index in x of the sample the output is centred on
            float acc = c * x[mid];
            for (int j = 0, d = 1; j < taps.length; j++, d += 2) {
                acc += taps[j] * (x[mid - d] + x[mid + d]);
            }
            out[count++] = acc;
        }
        phase = (phase + n) & 1;
        System.arraycopy(x, n, x, 0, keep);
        return count;
    }

    /** Forgets the history. */
    void reset() {
        Arrays.fill(history, 0f);
        phase = 0;
    }

    /** The modified Bessel function of the first kind, order 0, by its series. */
    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
