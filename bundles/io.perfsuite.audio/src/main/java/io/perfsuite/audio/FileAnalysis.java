// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.perfsuite.api.analysis.AnalysisListener;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a recording through the analyser chain as the live engine would: same block size, same shared spectrum, same
 * causal analysers, one block after the other; only the clock differs (as fast as possible). Each run gets its own
 * instances of the analysers (they are prototype-scope services), so a file job never disturbs the live chain.
 *
 * <p><b>Threading:</b> {@link #analyse} blocks the calling thread until the file is done; runs may be concurrent.
 */
@ProviderType
public interface FileAnalysis {

    /**
     * Analyses a file.
     *
     * @param file     a WAV, AIFF or AU file (any rate and channel count; mixed to mono)
     * @param listener receives every event in time order, on the engine's dispatcher thread; none is dropped
     * @return what was run, and how long it took
     * @throws IOException if the file cannot be read or decoded (the message says why)
     */
    default Result analyse(Path file, AnalysisListener listener) throws IOException {
        return analyse(file, listener, null);
    }

    /**
     * Analyses a file and says where each block ended, after that block's events: a caller that steps a session in
     * the file's time (a render) hands it the events a live session would have had by then, and no later ones.
     *
     * @param file     a WAV, AIFF or AU file (any rate and channel count; mixed to mono)
     * @param listener receives every event in time order, on the engine's dispatcher thread; none is dropped
     * @param blocks   told the end of each block, on the same thread, after that block's events; may be null
     * @return what was run, and how long it took
     * @throws IOException if the file cannot be read or decoded (the message says why)
     */
    Result analyse(Path file, AnalysisListener listener, BlockListener blocks) throws IOException;

    /** Told where each block of an offline run ended. */
    @FunctionalInterface
    interface BlockListener {
        /**
         * @param endFrame the frame after the block's last one
         * @param nanos    the offline clock at that frame (0 at the file's start)
         */
        void blockEnd(long endFrame, long nanos);
    }

    /**
     * One analyser's compute time per block in a run.
     *
     * @param id         the analyser's id, or "chain" for the whole chain with the shared spectrum
     * @param blocks     blocks measured
     * @param p50Micros  median
     * @param p99Micros  99th percentile
     * @param maxMicros  longest block
     * @param failure    why the analyser was taken out of the chain, or null
     */
    record Timing(String id, long blocks, double p50Micros, double p99Micros, double maxMicros, String failure) {
    }

    /**
     * What a run did.
     *
     * @param file         the file
     * @param sampleRate   its sample rate
     * @param frames       frames analysed
     * @param blockSize    frames per block
     * @param analysers    the ids of the analysers in the chain
     * @param wallNanos    wall-clock time of the run
     * @param timings      compute time per block, the chain first
     */
    record Result(Path file, float sampleRate, long frames, int blockSize, List<String> analysers, long wallNanos,
            List<Timing> timings) {

        /** Copies the lists. */
        public Result {
            Objects.requireNonNull(file, "file");
            analysers = List.copyOf(analysers);
            timings = List.copyOf(timings);
        }

        /** @return the audio's duration in seconds */
        public double seconds() {
            return frames / (double) sampleRate;
        }

        /** @return audio duration divided by wall time */
        public double realTimeFactor() {
            return seconds() / (wallNanos / 1e9);
        }
    }
}
