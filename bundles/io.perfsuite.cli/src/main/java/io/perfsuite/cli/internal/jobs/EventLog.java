// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.ArrayList;
import java.util.List;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.analysis.AnalysisListener;

/**
 * Keeps every event of one file run, by kind, in the order the engine delivered them.
 *
 * <p><b>Threading:</b> the engine's dispatcher thread adds; the job reads after
 * {@link io.perfsuite.audio.FileAnalysis#analyse} returned. The methods are synchronized so the reads see every
 * add whatever the engine's own hand-over guarantees; the lock is uncontended, so it costs the dispatcher nothing
 * worth measuring.
 */
final class EventLog implements AnalysisListener {

    private final List<AnalysisEvent.Pitch> pitches = new ArrayList<>();
    private final List<AnalysisEvent.Onset> onsets = new ArrayList<>();
    private final List<AnalysisEvent.Beat> beats = new ArrayList<>();
    private final List<AnalysisEvent.ChordHeard> chords = new ArrayList<>();
    private final List<AnalysisEvent.KeyHeard> keys = new ArrayList<>();
    private final List<AnalysisEvent.Level> levels = new ArrayList<>();

    @Override
    public synchronized void heard(AnalysisEvent event) {
        // Java 17: no pattern matching for switch yet
        if (event instanceof AnalysisEvent.Pitch p) {
            pitches.add(p);
        } else if (event instanceof AnalysisEvent.Onset o) {
            onsets.add(o);
        } else if (event instanceof AnalysisEvent.Beat b) {
            beats.add(b);
        } else if (event instanceof AnalysisEvent.ChordHeard c) {
            chords.add(c);
        } else if (event instanceof AnalysisEvent.KeyHeard k) {
            keys.add(k);
        } else if (event instanceof AnalysisEvent.Level l) {
            levels.add(l);
        }
    }

    /** @return the pitch estimates, one per block */
    synchronized List<AnalysisEvent.Pitch> pitches() {
        return List.copyOf(pitches);
    }

    /** @return the onsets as reported (each is reported a little after the frame it names) */
    synchronized List<AnalysisEvent.Onset> onsets() {
        return List.copyOf(onsets);
    }

    /** @return the beats as reported */
    synchronized List<AnalysisEvent.Beat> beats() {
        return List.copyOf(beats);
    }

    /** @return the chord decisions as reported */
    synchronized List<AnalysisEvent.ChordHeard> chords() {
        return List.copyOf(chords);
    }

    /** @return the key decisions as reported */
    synchronized List<AnalysisEvent.KeyHeard> keys() {
        return List.copyOf(keys);
    }

    /** @return the levels, one per block */
    synchronized List<AnalysisEvent.Level> levels() {
        return List.copyOf(levels);
    }
}
