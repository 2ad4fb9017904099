// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.ArrayList;
import java.util.List;

import io.perfsuite.evaluation.ChordSegment;
import io.perfsuite.evaluation.KeyMetrics;
import io.perfsuite.evaluation.NoteEvent;
import io.perfsuite.evaluation.TimeSeries;

/**
 * What one analyser (ours or a peer) said about a recording, in the forms the metrics take. A null (or NaN for the
 * tempo) means that analyser gave no output of that kind; an empty array means it gave an empty one, which
 * scores 0.
 *
 * @param beats  beat times (s)
 * @param onsets onset times (s)
 * @param tempo  one tempo for the recording (BPM), NaN when none
 * @param chords chord segments with Harte labels
 * @param key    one key for the recording, in the metrics' form ({@code "C major"})
 * @param pitch  an f0 track (Hz; 0 or negative when unvoiced)
 * @param notes  transcribed notes
 */
record Estimate(double[] beats, double[] onsets, double tempo, List<ChordSegment> chords, String key,
        TimeSeries pitch, List<NoteEvent> notes) {

    /** An estimate with nothing in it, to add to. */
    static Estimate none() {
        return new Estimate(null, null, Double.NaN, null, null, null, null);
    }

    Estimate withBeats(double[] value) {
        return new Estimate(value, onsets, tempo, chords, key, pitch, notes);
    }

    Estimate withOnsets(double[] value) {
        return new Estimate(beats, value, tempo, chords, key, pitch, notes);
    }

    Estimate withTempo(double value) {
        return new Estimate(beats, onsets, value, chords, key, pitch, notes);
    }

    Estimate withChords(List<ChordSegment> value) {
        return new Estimate(beats, onsets, tempo, value, key, pitch, notes);
    }

    Estimate withKey(String value) {
        return new Estimate(beats, onsets, tempo, chords, value, pitch, notes);
    }

    Estimate withPitch(TimeSeries value) {
        return new Estimate(beats, onsets, tempo, chords, key, value, notes);
    }

    Estimate withNotes(List<NoteEvent> value) {
        return new Estimate(beats, onsets, tempo, chords, key, pitch, value);
    }

    /** @return whether nothing is in it */
    boolean isEmpty() {
        return beats == null && onsets == null && Double.isNaN(tempo) && chords == null && key == null
                && pitch == null && notes == null;
    }

    /**
     * Our estimate, by the same rules the peers are read with: every beat and onset; the tempo of
     * {@link Findings}; the chord segments ({@code N} throughout when none was decided); the key held longest
     * (as for the key detector peer, which changes its mind over time too; {@code X} when none was decided);
     * confident pitch frames as voiced, the others as unvoiced; the pitch notes.
     *
     * @param findings what our run heard
     * @return the estimate
     */
    static Estimate ours(Findings findings) {
        double[] beats = findings.beats().stream().mapToDouble(Findings.BeatRow::time).sorted().toArray();
        double[] onsets = findings.onsets().stream().mapToDouble(Findings.OnsetRow::time).toArray();
        List<ChordSegment> chords = new ArrayList<>();
        for (Findings.ChordRow c : findings.chords()) {
            if (c.end() > c.start()) {
                chords.add(new ChordSegment(c.start(), c.end(), c.label()));
            }
        }
        if (chords.isEmpty()) {
            // no chord decided is an answer, "no chord", and scores as one
            chords.add(new ChordSegment(0, findings.result().seconds(), "N"));
        }
        // likewise no key decided is the unknown key X, which scores 0
        String key = findings.key() == null ? "X" : KeyMetrics.label(findings.key().longest());
        List<Findings.PitchFrame> frames = findings.pitch();
        double[] times = new double[frames.size()];
        double[] hz = new double[frames.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = frames.get(i).time();
            hz[i] = Findings.confident(frames.get(i)) ? frames.get(i).hz() : 0;
        }
        List<NoteEvent> notes = new ArrayList<>();
        for (Findings.NoteRow n : findings.notes()) {
            notes.add(new NoteEvent(n.start(), n.end(), n.medianHz()));
        }
        return new Estimate(beats, onsets, findings.tempo().bpm(), chords, key,
                times.length == 0 ? null : new TimeSeries(times, hz), notes);
    }
}
