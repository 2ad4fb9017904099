// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.analysis;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One block of mono audio with the spectrum the engine computed for it. The engine owns and reuses the arrays:
 * read them during {@link Analyser#process} and never keep a reference or write to them.
 *
 * <p><b>Threading:</b> valid only during the {@code process} call, on the audio thread.
 */
@ProviderType
public interface AudioBlock {

    /** @return the samples, in [-1, 1]; only indices 0 to {@link #length()} - 1 are valid */
    float[] samples();

    /** @return the number of valid samples, 0 or more (a zero-length block is legal and must be handled) */
    int length();

    /** @return the index of the first sample since the stream started */
    long startFrame();

    /** @return the {@link System#nanoTime()} at which the first sample entered the system */
    long startNanos();

    /** @return the sample rate in Hz */
    float sampleRate();

    /**
     * The shared spectral front end: one magnitude spectrum per block, computed once by the engine over the most
     * recent {@link #fftSize()} samples (Hann window), for every analyser that needs one.
     *
     * @return the magnitudes of bins 0 to {@code fftSize() / 2 - 1}
     */
    float[] magnitudes();

    /**
     * The magnitudes compressed as {@code ln(1 + m)}, what onset and beat detection compare from block to block:
     * computed once per block, on first use, and shared by every analyser that asks.
     *
     * @return {@code ln(1 + magnitudes()[k])} for bins 0 to {@code fftSize() / 2 - 1}, to within 1e-5
     */
    float[] logMagnitudes();

    /** @return the FFT size of {@link #magnitudes()}; bin {@code k} is at {@code k * sampleRate() / fftSize()} Hz */
    int fftSize();
}
