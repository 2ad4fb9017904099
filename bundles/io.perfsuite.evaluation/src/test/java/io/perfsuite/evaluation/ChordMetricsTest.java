// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chord comparison rules and the weighted evaluation on hand-computed cases. */
class ChordMetricsTest {

    private static final double EPS = 1e-12;

    private static double score(ChordRule rule, String ref, String est) {
        return ChordMetrics.compare(rule, ChordLabels.encode(ref), ChordLabels.encode(est));
    }

    /** Rules in the order ROOT, THIRDS, TRIADS, TETRADS, MAJMIN, SEVENTHS, MIREX. */
    private static void assertRules(String ref, String est, double... expected) {
        ChordRule[] rules = {ChordRule.ROOT, ChordRule.THIRDS, ChordRule.TRIADS, ChordRule.TETRADS,
            ChordRule.MAJMIN, ChordRule.SEVENTHS, ChordRule.MIREX};
        double[] actual = new double[rules.length];
        for (int i = 0; i < rules.length; i++) {
            actual[i] = score(rules[i], ref, est);
        }
        assertArrayEquals(expected, actual, ref + " vs " + est);
    }

    @Test
    void rules() {
        //                           root thirds triads tetrads majmin sevenths mirex
        assertRules("C:maj", "C:maj", 1, 1, 1, 1, 1, 1, 1);
        assertRules("C:maj", "C:7", 1, 1, 1, 0, 1, 0, 1);
        // majmin looks at the triad part only, so a dominant seventh counts as major
        assertRules("C:7", "C:maj", 1, 1, 1, 0, 1, 0, 1);
        assertRules("C:min", "C:dim", 1, 1, 0, 0, 0, 0, 0);
        assertRules("C:maj", "A:min7", 0, 0, 0, 0, 0, 0, 1);
        // out of gamut: sus4 for majmin and sevenths; a power chord (two notes) for mirex
        assertRules("C:sus4", "C:maj", 1, 1, 0, 0, -1, -1, 0);
        assertRules("C:5", "C:maj", 1, 1, 0, 0, -1, -1, -1);
        assertRules("N", "N", 1, 1, 1, 1, 1, 1, 1);
        assertRules("N", "C", 0, 0, 0, 0, 0, 0, 0);
        assertRules("C", "N", 0, 0, 0, 0, 0, 0, 0);
        assertRules("X", "C", -1, -1, -1, -1, -1, -1, -1);
        // an estimated X has no root and no semitones, but counts as all twelve pitch classes for mirex
        assertRules("C", "X", 0, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void inversionRules() {
        assertEquals(1.0, score(ChordRule.MAJMIN, "C/3", "C"));
        assertEquals(0.0, score(ChordRule.MAJMIN_INV, "C/3", "C"));
        assertEquals(1.0, score(ChordRule.MAJMIN_INV, "C/3", "C:maj/3"));
        assertEquals(0.0, score(ChordRule.THIRDS_INV, "C:min/5", "C:min"));
        assertEquals(1.0, score(ChordRule.TRIADS_INV, "C:min/5", "C:min/5"));
        assertEquals(1.0, score(ChordRule.TETRADS_INV, "G:7/3", "G:7/3"));
        // the bass joins the chord: C/b7 sounds like C:7, which sevenths accepts
        assertEquals(1.0, score(ChordRule.SEVENTHS_INV, "C/b7", "C:7/b7"));
        assertEquals(-1.0, score(ChordRule.SEVENTHS_INV, "C:sus2", "C:sus2"));
    }

    @Test
    void weightedAccuracyIgnoresOutOfGamutPieces() {
        assertEquals(1.0 / 3, ChordMetrics.weightedAccuracy(new double[] {1, 0, -1}, new double[] {1, 2, 3}), EPS);
        assertEquals(0.0, ChordMetrics.weightedAccuracy(new double[] {-1, -1}, new double[] {1, 2}));
        assertEquals(0.0, ChordMetrics.weightedAccuracy(new double[] {1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> ChordMetrics.weightedAccuracy(new double[] {1}, new double[] {-1}));
    }

    @Test
    void evaluateAlignsTheEstimateToTheReference() {
        List<ChordSegment> ref = List.of(new ChordSegment(0, 2, "C"), new ChordSegment(2, 4, "G"));
        // starts late (padded with N from 0 to 1) and ends late (cropped at 4)
        List<ChordSegment> est = List.of(new ChordSegment(1, 3, "C:maj"), new ChordSegment(3, 5, "G:7"));
        ChordScores s = ChordMetrics.evaluate(ref, est);
        // pieces: [0,1] C/N, [1,2] C/C, [2,3] G/C, [3,4] G/G:7
        assertEquals(0.5, s.root(), EPS);
        assertEquals(0.5, s.majmin(), EPS);
        assertEquals(0.25, s.tetrads(), EPS);
        assertEquals(0.5, s.mirex(), EPS);
        // over-segmentation: C [0,2] is cut at 1 (loses 1 s), G [2,4] at 3 (loses 1 s): 1 - 2/4
        assertEquals(0.5, s.overSegmentation(), EPS);
        // under-segmentation: estimate [1,3] is cut at 2 (loses 1 s) of 4 s
        assertEquals(0.75, s.underSegmentation(), EPS);
        assertEquals(0.5, s.segmentation(), EPS);
        assertEquals(0.5, s.accuracy(ChordRule.ROOT), EPS);
        assertEquals(15, s.byName().size());
    }

    @Test
    void gapsInheritThePreviousLabel() {
        List<ChordSegment> ref = List.of(new ChordSegment(0, 1, "C"), new ChordSegment(2, 3, "G"));
        List<ChordSegment> est = List.of(new ChordSegment(0, 3, "C"));
        // the reference gap [1,2] keeps "C", so C is right for 2 of 3 seconds
        assertEquals(2.0 / 3, ChordMetrics.evaluate(ref, est).root(), EPS);
    }

    @Test
    void emptyEstimateIsAllNoChord() {
        List<ChordSegment> ref = List.of(new ChordSegment(0, 1, "N"), new ChordSegment(1, 4, "C"));
        ChordScores s = ChordMetrics.evaluate(ref, List.of());
        assertEquals(0.25, s.root(), EPS);
        assertEquals(0.25, s.majmin(), EPS);
    }

    @Test
    void invalidInputIsRejected() {
        List<ChordSegment> ref = List.of(new ChordSegment(0, 1, "C"));
        assertThrows(IllegalArgumentException.class,
                () -> ChordMetrics.evaluate(ref, List.of(new ChordSegment(0, 1, "C:mja"))));
        assertThrows(IllegalArgumentException.class, () -> ChordMetrics.evaluate(List.of(), ref));
        assertThrows(IllegalArgumentException.class,
                () -> ChordMetrics.compare(ChordRule.ROOT, List.of("C"), List.of("C", "G")));
    }
}
