// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.evaluation.ChordSegment;
import io.perfsuite.evaluation.NoteEvent;
import io.perfsuite.evaluation.TimeSeries;

/** The scoring rules that are the jobs' own: what is scored when, single notes, melodies and note lists. */
class ScoringTest {

    static GroundTruth truth(double[] beats, double tempo, String key, TimeSeries f0, List<NoteEvent> notes,
            GroundTruth.SingleNote note) {
        return new GroundTruth(beats, null, tempo, null, key, f0, notes, note, List.of(), List.of());
    }

    @Test
    void onlyWhatIsBothAnnotatedAndEstimatedIsScored() {
        GroundTruth t = truth(new double[] {1, 2, 3}, 60, "C major", null, null, null);
        List<String> problems = new ArrayList<>();
        Map<Metric, Object> s = Scoring.score(t, Estimate.none().withTempo(63), null, 4, problems);
        assertEquals(List.of(Metric.TEMPO_BPM, Metric.TEMPO_ERROR, Metric.TEMPO_4, Metric.TEMPO_8),
                List.copyOf(s.keySet()));
        assertEquals(5.0, (Double) s.get(Metric.TEMPO_ERROR), 1e-9);
        assertEquals(false, s.get(Metric.TEMPO_4));
        assertEquals(true, s.get(Metric.TEMPO_8));
        s = Scoring.score(t, Estimate.none().withBeats(new double[0]).withKey("G major"), null, 4, problems);
        assertEquals(0.0, s.get(Metric.BEAT_F), "an empty estimate scores 0");
        assertEquals(0.5, s.get(Metric.KEY_SCORE), "a fifth above");
        assertEquals("G major", s.get(Metric.KEY));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aRejectedInputLeavesOutItsFamilyOnly() {
        GroundTruth t = new GroundTruth(new double[] {1, 2}, null, Double.NaN,
                List.of(new ChordSegment(0, 2, "C:maj")), null, null, null, null, List.of(), List.of());
        List<String> problems = new ArrayList<>();
        Map<Metric, Object> s = Scoring.score(t, Estimate.none().withBeats(new double[] {1, 2})
                .withChords(List.of(new ChordSegment(0, 2, "C:nonsense"))), null, 2, problems);
        assertEquals(1.0, s.get(Metric.BEAT_F));
        assertFalse(s.containsKey(Metric.CHORD_MAJMIN));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("chords: "), problems.toString());
    }

    @Test
    void aSingleNoteIsScoredOverItsSteadyPart() {
        List<AnalysisEvent.Level> levels = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // 10 ms blocks: silence, 0.5 s of note from 0.2 s, a release 30 dB down, silence
            double rms = i < 20 ? -100 : i < 70 ? -10 : i < 80 ? -40 : -100;
            levels.add(new AnalysisEvent.Level(i * 10, 0, rms, rms + 3, -20, false));
        }
        double[] steady = Scoring.steadyPart(levels, 1000, 0.01);
        assertArrayEquals(new double[] {0.3, 0.6}, steady, 1e-9);

        double hz = 440;
        double[] times = new double[100];
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            times[i] = i * 0.01;
            // in tune but 10 cents sharp in the steady part, an octave error in the attack, unvoiced elsewhere
            values[i] = i >= 20 && i < 25 ? 880 : i >= 25 && i < 75 ? hz * Math.pow(2, 10 / 1200.0) : 0;
        }
        GroundTruth t = truth(null, Double.NaN, null, null, null, new GroundTruth.SingleNote(69, hz, null));
        Map<Metric, Object> s = Scoring.score(t, Estimate.none().withPitch(new TimeSeries(times, values)), steady,
                1.0, new ArrayList<>());
        assertEquals(10.0, (Double) s.get(Metric.NOTE_ERROR), 1e-6);
        assertEquals(1.0, (Double) s.get(Metric.NOTE_RPA), 1e-9);
    }

    @Test
    void melodyAndNotesAreScoredWhenTheyAreAMelody() {
        List<NoteEvent> melody = List.of(NoteEvent.ofMidi(0, 0.5, 60), NoteEvent.ofMidi(0.5, 1.0, 62),
                NoteEvent.ofMidi(1.0, 1.5, 64));
        List<NoteEvent> chordal = List.of(NoteEvent.ofMidi(0, 1, 60), NoteEvent.ofMidi(0, 1, 64),
                NoteEvent.ofMidi(0.5, 1.5, 67));
        assertTrue(Scoring.monophonic(melody));
        assertFalse(Scoring.monophonic(chordal));
        TimeSeries f0 = new TimeSeries(new double[] {0, 0.5, 1.0, 1.5}, new double[] {261.63, 293.66, 329.63, 0});
        GroundTruth t = truth(null, Double.NaN, null, f0, melody, null);
        Map<Metric, Object> s = Scoring.score(t, Estimate.none().withPitch(f0).withNotes(melody), null, 1.5,
                new ArrayList<>());
        assertEquals(1.0, s.get(Metric.MELODY_RPA));
        assertEquals(1.0, s.get(Metric.NOTES_F));
        GroundTruth polyphonic = truth(null, Double.NaN, null, null, chordal, null);
        assertFalse(Scoring.score(polyphonic, Estimate.none().withNotes(melody), null, 1.5, new ArrayList<>())
                .containsKey(Metric.NOTES_F));
    }
}
