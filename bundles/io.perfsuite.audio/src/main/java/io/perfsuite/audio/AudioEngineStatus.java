// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live audio engine's state and compute figures, for inspection (the console's Agents and Latency pages, the
 * shell): registered by the audio engine component whatever its source.
 *
 * <p><b>Threading:</b> {@link #status} may be called from any thread; it reads the engine's counters and histograms
 * without disturbing the audio thread. Do not call it from the audio thread.
 */
@ProviderType
public interface AudioEngineStatus {

    /**
     * A snapshot.
     *
     * @param state         "running", "stopped" (its source ended or failed) or "idle" (no source configured)
     * @param source        the configured source: none, device, file or test
     * @param analysers     analysers bound
     * @param blocks        blocks processed by the current engine
     * @param frames        frames processed
     * @param droppedEvents events the hand-off ring could not take
     * @param timings       compute time per block: the whole chain first ("chain"), then each analyser
     */
    record Snapshot(String state, String source, int analysers, long blocks, long frames, long droppedEvents,
            List<FileAnalysis.Timing> timings) {

        /** Copies the list. */
        public Snapshot {
            Objects.requireNonNull(state, "state");
            timings = List.copyOf(timings);
        }
    }

    /** @return the engine's state now */
    Snapshot status();
}
