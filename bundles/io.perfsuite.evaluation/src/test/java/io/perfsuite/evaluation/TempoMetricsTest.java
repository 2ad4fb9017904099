// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tempo metrics on hand-computed cases. */
class TempoMetricsTest {

    @Test
    void weightedHitsOfTheTwoReferenceTempi() {
        // 60 BPM is missed (nearest estimate 120 is 100 % off), 120 BPM is hit exactly
        TempoScores s = TempoMetrics.detection(new TempoAnnotation(60, 120, 0.25), new TempoAnnotation(120, 180, 0));
        assertEquals(new TempoScores(0.75, true, false), s);
        s = TempoMetrics.detection(new TempoAnnotation(60, 120, 0.25), new TempoAnnotation(64, 118, 0.5));
        assertEquals(new TempoScores(1.0, true, true), s);
        s = TempoMetrics.detection(new double[] {60, 120}, 0.25, new double[] {90, 90}, 0.08);
        assertEquals(new TempoScores(0.0, false, false), s);
    }

    @Test
    void aZeroReferenceTempoIsNeverHit() {
        TempoScores s = TempoMetrics.detection(new double[] {0, 100}, 0.5, new double[] {0, 100}, 0.08);
        assertEquals(new TempoScores(0.5, true, false), s);
    }

    @Test
    void invalidTempiAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> TempoMetrics.detection(new double[] {0, 0}, 0.5, new double[] {60, 120}, 0.08));
        assertThrows(IllegalArgumentException.class,
                () -> TempoMetrics.detection(new double[] {60, -120}, 0.5, new double[] {60, 120}, 0.08));
        assertThrows(IllegalArgumentException.class,
                () -> TempoMetrics.detection(new double[] {60, 120}, 1.5, new double[] {60, 120}, 0.08));
        assertThrows(IllegalArgumentException.class,
                () -> TempoMetrics.detection(new double[] {60}, 0.5, new double[] {60, 120}, 0.08));
    }

    @Test
    void withinTolerance() {
        assertTrue(TempoMetrics.withinTolerance(61, 60, 0.04));
        assertTrue(TempoMetrics.withinTolerance(58, 60, 0.04));
        assertFalse(TempoMetrics.withinTolerance(63, 60, 0.04));
        assertFalse(TempoMetrics.withinTolerance(120, 60, 0.04), "double tempo is not forgiven");
        assertTrue(TempoMetrics.withinTolerance(100, 100, 0.0));
        assertThrows(IllegalArgumentException.class, () -> TempoMetrics.withinTolerance(60, 0, 0.04));
        assertThrows(IllegalArgumentException.class, () -> TempoMetrics.withinTolerance(60, 60, -0.1));
    }
}
