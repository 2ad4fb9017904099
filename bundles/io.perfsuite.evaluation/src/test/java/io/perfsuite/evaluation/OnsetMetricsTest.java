// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Onset metrics on small hand-computed cases. */
class OnsetMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void precisionRecallAndFMeasure() {
        // 0.12 matches 0.1 (20 ms), 0.56 is 60 ms from 0.5, 1.0 matches, 2.0 matches nothing
        OnsetScores s = OnsetMetrics.evaluate(new double[] {0.1, 0.5, 1.0}, new double[] {0.12, 0.56, 1.0, 2.0});
        assertEquals(0.5, s.precision(), EPS);
        assertEquals(2.0 / 3, s.recall(), EPS);
        assertEquals(4.0 / 7, s.fMeasure(), EPS);
    }

    @Test
    void theWindowIsInclusive() {
        // binary fractions, so the 250 ms distance is exact
        assertEquals(1.0, OnsetMetrics.evaluate(new double[] {0.5}, new double[] {0.75}, 0.25).fMeasure());
        assertEquals(0.0, OnsetMetrics.evaluate(new double[] {0.5}, new double[] {0.75}, 0.125).fMeasure());
    }

    @Test
    void noTrimmingForOnsets() {
        assertEquals(1.0, OnsetMetrics.evaluate(new double[] {0.0, 1.0}, new double[] {0.01, 1.01}).fMeasure());
    }

    @Test
    void emptyInputScoresZero() {
        assertEquals(new OnsetScores(0, 0, 0), OnsetMetrics.evaluate(new double[0], new double[] {1}));
        assertEquals(new OnsetScores(0, 0, 0), OnsetMetrics.evaluate(new double[] {1}, new double[0]));
    }

    @Test
    void decreasingTimesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> OnsetMetrics.evaluate(new double[] {1, 0.5}, new double[] {1}));
    }
}
