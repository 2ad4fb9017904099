// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live MIDI scheduler's counters and timing, for inspection (the console's Agents and Latency pages): registered
 * by the scheduler component.
 *
 * <p><b>Threading:</b> {@link #status} may be called from any thread; it never disturbs the scheduler thread.
 */
@ProviderType
public interface SchedulerStatus {

    /**
     * A snapshot.
     *
     * @param running      whether the scheduler thread runs
     * @param clock        "session" when a session gives it the musical clock, else "none, notes wait"
     * @param outputs      the note outputs it plays to
     * @param played       events played
     * @param late         events played after their time (within the tolerance for note-ons)
     * @param droppedLate  note-ons dropped for being later than the tolerance
     * @param timedEvents  events whose timing error was measured
     * @param p50Micros    median of |actual - scheduled|
     * @param p99Micros    99th percentile
     * @param p999Micros   99.9th percentile
     * @param maxMicros    largest
     */
    record Snapshot(boolean running, String clock, List<String> outputs, long played, long late, long droppedLate,
            long timedEvents, double p50Micros, double p99Micros, double p999Micros, double maxMicros) {

        /** Copies the list. */
        public Snapshot {
            Objects.requireNonNull(clock, "clock");
            outputs = List.copyOf(outputs);
        }
    }

    /** @return the scheduler's state now */
    Snapshot status();
}
