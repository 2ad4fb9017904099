// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.dynamics.internal;

/**
 * Loudness of a mono signal as ITU-R BS.1770 / EBU R128 define it: K-weighting (a high-shelf and a high-pass
 * biquad, designed for the stream's sample rate from the standard's analogue parameters), mean square over 100 ms
 * sub-blocks, momentary loudness over 400 ms, short-term over 3 s, and gated integrated loudness (absolute gate
 * -70 LUFS, relative gate -10 LU, 400 ms blocks every 100 ms).
 *
 * <p>Causal and allocation-free after construction, except {@link #integrated()}, which walks the block history
 * and is meant for the end of a file, not the audio thread. <b>Threading:</b> one thread; not thread-safe.
 */
final class LoudnessMeter {

    /** Loudness reported for digital silence. */
    static final double SILENCE_LUFS = -200;
    private static final int SHORT_TERM_SUBBLOCKS = 30;
    private static final int MOMENTARY_SUBBLOCKS = 4;

    // stage 1: high shelf; stage 2: high pass
    private final double s1b0;
    private final double s1b1;
    private final double s1b2;
    private final double s1a1;
    private final double s1a2;
    private final double s2a1;
    private final double s2a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;
    private double hx1;
    private double hx2;
    private double z1;
    private double z2;

    private final int subBlockFrames;
    private final double[] subBlocks = new double[SHORT_TERM_SUBBLOCKS]; // mean squares, circular
    private int subBlockCount;
    private int subBlockPos;
    private double accumulator;
    private int accumulated;

    /** Momentary (400 ms) gating-block loudness history, for integrated loudness. */
    private double[] blockHistory = new double[1024];
    private int blockHistorySize;
    private final boolean keepHistory;

    /**
     * @param sampleRate  the stream's sample rate in Hz
     * @param keepHistory whether to keep the 400 ms blocks for {@link #integrated()} (grows with the stream)
     */
    LoudnessMeter(double sampleRate, boolean keepHistory) {
        if (!(sampleRate >= 8000 && sampleRate <= 384000)) {
            throw new IllegalArgumentException("sample rate must be 8 kHz to 384 kHz, was " + sampleRate);
        }
        this.keepHistory = keepHistory;
        // High shelf: +4 dB above ~1.7 kHz (the head's acoustic effect).
        double f0 = 1681.974450955533;
        double gainDb = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / sampleRate);
        double vh = Math.pow(10, gainDb / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        s1b0 = (vh + vb * k / q + k * k) / a0;
        s1b1 = 2 * (k * k - vh) / a0;
        s1b2 = (vh - vb * k / q + k * k) / a0;
        s1a1 = 2 * (k * k - 1) / a0;
        s1a2 = (1 - k / q + k * k) / a0;
        // High pass at ~38 Hz (RLB weighting).
        double f1 = 38.13547087602444;
        double q1 = 0.5003270373238773;
        double k1 = Math.tan(Math.PI * f1 / sampleRate);
        double d = 1 + k1 / q1 + k1 * k1;
        s2a1 = 2 * (k1 * k1 - 1) / d;
        s2a2 = (1 - k1 / q1 + k1 * k1) / d;
        subBlockFrames = (int) Math.round(sampleRate / 10);
    }

    /** Feeds samples. */
    void process(float[] samples, int count) {
        for (int i = 0; i < count; i++) {
            double x = samples[i];
            double y = s1b0 * x + s1b1 * x1 + s1b2 * x2 - s1a1 * y1 - s1a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            double z = y - 2 * hx1 + hx2 - s2a1 * z1 - s2a2 * z2;
            hx2 = hx1;
            hx1 = y;
            z2 = z1;
            z1 = z;
            accumulator += z * z;
            if (++accumulated == subBlockFrames) {
                closeSubBlock();
            }
        }
    }

    private void closeSubBlock() {
        subBlocks[subBlockPos] = accumulator / accumulated;
        subBlockPos = (subBlockPos + 1) % SHORT_TERM_SUBBLOCKS;
        if (subBlockCount < SHORT_TERM_SUBBLOCKS) {
            subBlockCount++;
        }
        accumulator = 0;
        accumulated = 0;
        if (keepHistory && subBlockCount >= MOMENTARY_SUBBLOCKS) {
            if (blockHistorySize == blockHistory.length) {
                blockHistory = java.util.Arrays.copyOf(blockHistory, blockHistory.length * 2);
            }
            blockHistory[blockHistorySize++] = meanOfLast(MOMENTARY_SUBBLOCKS);
        }
    }

    private double meanOfLast(int n) {
        int available = Math.min(n, subBlockCount);
        if (available == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 1; i <= available; i++) {
            sum += subBlocks[(subBlockPos - i + SHORT_TERM_SUBBLOCKS) % SHORT_TERM_SUBBLOCKS];
        }
        return sum / available;
    }

    static double lufs(double meanSquare) {
        return meanSquare <= 0 ? SILENCE_LUFS : -0.691 + 10 * Math.log10(meanSquare);
    }

    /** @return loudness over the last 400 ms, in LUFS */
    double momentary() {
        return lufs(meanOfLast(MOMENTARY_SUBBLOCKS));
    }

    /** @return loudness over the last 3 s, in LUFS */
    double shortTerm() {
        return lufs(meanOfLast(SHORT_TERM_SUBBLOCKS));
    }

    /** @return gated integrated loudness of everything fed so far (needs history), in LUFS */
    double integrated() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < blockHistorySize; i++) {
            if (lufs(blockHistory[i]) > -70) {
                sum += blockHistory[i];
                n++;
            }
        }
        if (n == 0) {
            return SILENCE_LUFS;
        }
        double relativeGate = lufs(sum / n) - 10;
        double gatedSum = 0;
        int gated = 0;
        for (int i = 0; i < blockHistorySize; i++) {
            double l = lufs(blockHistory[i]);
            if (l > -70 && l > relativeGate) {
                gatedSum += blockHistory[i];
                gated++;
            }
        }
        return gated == 0 ? SILENCE_LUFS : lufs(gatedSum / gated);
    }

    /** Forgets everything. */
    void reset() {
        x1 = x2 = y1 = y2 = z1 = z2 = hx1 = hx2 = 0;
        java.util.Arrays.fill(subBlocks, 0);
        subBlockCount = 0;
        subBlockPos = 0;
        accumulator = 0;
        accumulated = 0;
        blockHistorySize = 0;
    }
}
