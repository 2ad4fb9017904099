// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Note transcription metrics on hand-computed cases. */
class TranscriptionMetricsTest {

    private static final double EPS = 1e-12;

    private static final List<NoteEvent> REFERENCE = List.of(new NoteEvent(0, 1, 440), new NoteEvent(1, 2, 220));
    // onset 30 ms late, 20 cents sharp, offset 100 ms late (tolerance 200 ms): a full match;
    // the second has the right onset and pitch but ends 500 ms early
    private static final List<NoteEvent> ESTIMATE = List.of(new NoteEvent(0.03, 1.1, 445),
            new NoteEvent(1.0, 1.5, 220));

    @Test
    void allScores() {
        TranscriptionScores s = TranscriptionMetrics.evaluate(REFERENCE, ESTIMATE);
        double first = (1.0 - 0.03) / (1.1 - 0.0);
        double second = (1.5 - 1.0) / (2.0 - 1.0);
        assertEquals(0.5, s.precision(), EPS);
        assertEquals(0.5, s.recall(), EPS);
        assertEquals(0.5, s.fMeasure(), EPS);
        assertEquals(first, s.averageOverlapRatio(), EPS);
        assertEquals(1.0, s.precisionNoOffset(), EPS);
        assertEquals(1.0, s.recallNoOffset(), EPS);
        assertEquals(1.0, s.fMeasureNoOffset(), EPS);
        assertEquals((first + second) / 2, s.averageOverlapRatioNoOffset(), EPS);
        assertEquals(1.0, s.onsetFMeasure(), EPS);
        assertEquals(0.5, s.offsetPrecision(), EPS);
        assertEquals(0.5, s.offsetRecall(), EPS);
        assertEquals(14, s.byName().size());
    }

    @Test
    void pitchAndOnsetLimits() {
        List<NoteEvent> ref = List.of(new NoteEvent(1, 2, 440));
        // 60 cents sharp: onset-only still matches, the note does not
        List<NoteEvent> sharp = List.of(NoteEvent.ofMidi(1, 2, 69.6));
        assertArrayEquals(new double[] {0, 0, 0, 0},
                TranscriptionMetrics.precisionRecallF1Overlap(ref, sharp, Double.NaN));
        assertArrayEquals(new double[] {1, 1, 1}, TranscriptionMetrics.onsetPrecisionRecallF1(ref, sharp));
        // 60 ms late: no match
        List<NoteEvent> late = List.of(new NoteEvent(1.06, 2, 440));
        assertArrayEquals(new double[] {0, 0, 0}, TranscriptionMetrics.onsetPrecisionRecallF1(ref, late));
    }

    @Test
    void shortNotesGetTheMinimumOffsetTolerance() {
        // duration 0.1 s: 20 % would be 20 ms, the minimum of 50 ms applies
        List<NoteEvent> ref = List.of(new NoteEvent(1, 1.1, 440));
        assertEquals(1.0, TranscriptionMetrics.offsetPrecisionRecallF1(ref, List.of(new NoteEvent(1, 1.14, 440)))[2]);
        assertEquals(0.0, TranscriptionMetrics.offsetPrecisionRecallF1(ref, List.of(new NoteEvent(1, 1.16, 440)))[2]);
    }

    @Test
    void midiConversion() {
        assertEquals(440.0, NoteEvent.midiToHz(69), EPS);
        assertEquals(261.6255653005986, NoteEvent.midiToHz(60), 1e-9);
    }

    @Test
    void emptyAndInvalidNotes() {
        assertEquals(new TranscriptionScores(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                TranscriptionMetrics.evaluate(REFERENCE, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> TranscriptionMetrics.evaluate(List.of(new NoteEvent(1, 1, 440)), ESTIMATE));
        assertThrows(IllegalArgumentException.class,
                () -> TranscriptionMetrics.evaluate(List.of(new NoteEvent(1, 2, 0)), ESTIMATE));
    }
}
