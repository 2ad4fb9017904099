// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;

/**
 * The shared spectral front end: one Hann-windowed magnitude spectrum per block over the most recent
 * {@code fftSize} samples, computed once for every analyser that needs one (an FFT per analyser per block is what
 * makes a naive chain miss the budget). TarsosDSP's FFT does the transform; it allocates nothing per call (audited
 * in the be.tarsos.dsp module's tests).
 *
 * <p><b>Threading:</b> audio thread only, after construction; not thread-safe.
 */
final class SpectralFrontEnd {

    private final int fftSize;
    private final float[] history;
    private final float[] fftBuffer;
    private final float[] magnitudes;
    private final float[] logMagnitudes;
    private boolean logValid;
    private final FFT fft;
    private int writePos;

    /**
     * @param fftSize a power of two, at least 64
     * @throws IllegalArgumentException otherwise
     */
    SpectralFrontEnd(int fftSize) {
        if (fftSize < 64 || Integer.bitCount(fftSize) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two of at least 64, was " + fftSize);
        }
        this.fftSize = fftSize;
        this.history = new float[fftSize];
        this.fftBuffer = new float[fftSize];
        this.magnitudes = new float[fftSize / 2];
        this.logMagnitudes = new float[fftSize / 2];
        this.fft = new FFT(fftSize, new HannWindow());
    }

    /** Appends samples to the history (the oldest fall out). */
    void push(float[] samples, int count) {
        int pos = writePos;
        for (int i = 0; i < count; i++) {
            history[pos] = samples[i];
            pos = (pos + 1) & (fftSize - 1);
        }
        writePos = pos;
    }

    /** Computes the spectrum of the current history into {@link #magnitudes()}. */
    void compute() {
        int firstPart = fftSize - writePos;
        System.arraycopy(history, writePos, fftBuffer, 0, firstPart);
        System.arraycopy(history, 0, fftBuffer, firstPart, writePos);
        fft.forwardTransform(fftBuffer);
        fft.modulus(fftBuffer, magnitudes);
        logValid = false;
    }

    /** @return ln(1 + m) of the current magnitudes, computed on the first call after {@link #compute()} */
    float[] logMagnitudes() {
        if (!logValid) {
            float[] m = magnitudes;
            float[] out = logMagnitudes;
            for (int k = 0; k < m.length; k++) {
                out[k] = log1p(m[k]);
            }
            logValid = true;
        }
        return logMagnitudes;
    }

    /** ln(m) at 1 + i / 1024 for the mantissa m of a float, i = 0 to 1024: linear interpolation in between. */
    private static final float[] LN_MANTISSA = new float[1025];

    static {
        for (int i = 0; i < LN_MANTISSA.length; i++) {
            LN_MANTISSA[i] = (float) Math.log(1 + i / 1024.0);
        }
    }

    /**
     * ln(1 + x) for x &gt;= 0 to within 1e-6: the float's exponent times ln 2 plus the mantissa's logarithm from a
     * 4 KB table, interpolated. Branch-free in the loop and several times faster than {@link Math#log1p}, which
     * for 1,024 bins per block was a tenth of the whole chain's time.
     */
    static float log1p(float x) {
        float y = x > 0 ? 1f + x : 1f;
        if (!(y < Float.POSITIVE_INFINITY)) {
            return y; // infinity as Math.log1p gives it (NaN was mapped to 0 above)
        }
        int bits = Float.floatToRawIntBits(y);
        int exponent = (bits >>> 23) - 127;
        int mantissa = bits & 0x007fffff;
        int index = mantissa >>> 13;                       // top 10 bits
        float fraction = (mantissa & 0x1fff) * (1f / 8192); // the remaining 13 bits, in [0, 1)
        float lo = LN_MANTISSA[index];
        return exponent * 0.6931472f + lo + fraction * (LN_MANTISSA[index + 1] - lo);
    }

    /** Forgets the history (silence). */
    void reset() {
        java.util.Arrays.fill(history, 0f);
        java.util.Arrays.fill(magnitudes, 0f);
        java.util.Arrays.fill(logMagnitudes, 0f);
        logValid = true;
        writePos = 0;
    }

    float[] magnitudes() {
        return magnitudes;
    }

    int fftSize() {
        return fftSize;
    }
}
