// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.analysis;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One analysis of the performer's audio (pitch, onsets, beat and tempo, harmony, dynamics…). Register an
 * implementation as an OSGi service; the audio engine keeps the chain of analysers as an immutable array it swaps
 * when services come and go, and calls each one for every block.
 *
 * <p><b>Threading:</b> {@link #prepare} is called on a non-real-time thread before the analyser joins the chain,
 * and again whenever the stream format changes: allocate everything there. {@link #process} is called on the audio
 * thread, once per block, never concurrently: it must not allocate, lock, log, do I/O, block or call into the
 * framework, and must finish within its share of the 2 ms analysis budget. An analyser that throws is removed from
 * the chain and reported; the others run on.
 */
@ConsumerType
public interface Analyser {

    /** @return a short name, constant over the service's life, e.g. "pitch.yin" */
    String id();

    /**
     * Sizes the analyser's buffers for a stream.
     *
     * @param sampleRate   the sample rate in Hz
     * @param maxBlockSize the largest block {@link #process} will get
     * @param fftSize      the size of the shared spectrum in {@link AudioBlock#magnitudes()}
     */
    void prepare(float sampleRate, int maxBlockSize, int fftSize);

    /**
     * Analyses one block and reports results.
     *
     * @param block the audio, valid only during this call
     * @param out   where to report, valid only during this call
     */
    void process(AudioBlock block, AnalysisSink out);

    /** Forgets the past (a new file, a restart of the input). Called off the audio thread; default does nothing. */
    default void reset() {
    }
}
