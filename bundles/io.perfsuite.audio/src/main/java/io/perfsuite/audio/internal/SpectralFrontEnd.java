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
    }

    /** Forgets the history (silence). */
    void reset() {
        java.util.Arrays.fill(history, 0f);
        java.util.Arrays.fill(magnitudes, 0f);
        writePos = 0;
    }

    float[] magnitudes() {
        return magnitudes;
    }

    int fftSize() {
        return fftSize;
    }
}
