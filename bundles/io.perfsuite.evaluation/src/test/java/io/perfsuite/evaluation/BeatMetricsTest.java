// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Beat metrics on small hand-computed cases. */
class BeatMetricsTest {

    private static final double EPS = 1e-12;

    private static double[] grid(double start, double step, int count) {
        return IntStream.range(0, count).mapToDouble(i -> start + i * step).toArray();
    }

    @Test
    void trimBeatsDropsBeatsBeforeFiveSeconds() {
        assertArrayEquals(new double[] {5.0, 6.5}, BeatMetrics.trimBeats(new double[] {1, 4.999, 5.0, 6.5}, 5.0));
    }

    @Test
    void fMeasureCountsEachBeatOnce() {
        // 1.05 matches 1.0; 2.2 is 200 ms off; 3.0 and 3.06 both lie near 3.0 but only one may take it
        double[] ref = {1, 2, 3, 4};
        double[] est = {1.05, 2.2, 3.0, 3.06};
        assertEquals(0.5, BeatMetrics.fMeasure(ref, est, 0.07), EPS);
        // two estimates on one reference beat: precision 1/2, recall 1, F = 2/3
        assertEquals(2.0 / 3, BeatMetrics.fMeasure(new double[] {1.0}, new double[] {1.0, 1.01}, 0.07), EPS);
    }

    @Test
    void fMeasureUsesAMaximumMatchingNotAGreedyOne() {
        // 1.05 could take either reference beat; only pairing it with 1.0 leaves 1.1 for 1.12
        assertEquals(1.0, BeatMetrics.fMeasure(new double[] {1.0, 1.1}, new double[] {1.05, 1.12}, 0.07), EPS);
    }

    @Test
    void perfectEstimateScoresOneEverywhere() {
        double[] beats = grid(5.0, 0.5, 30);
        BeatScores s = BeatMetrics.evaluate(beats, beats);
        assertEquals(new BeatScores(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), s);
    }

    @Test
    void beatsBeforeFiveSecondsDoNotCount() {
        double[] ref = grid(0.0, 0.5, 40);
        double[] est = grid(5.0, 0.5, 30);
        assertEquals(1.0, BeatMetrics.evaluate(ref, est).fMeasure(), EPS);
        // untrimmed, the ten early reference beats are missed: precision 1, recall 1/2
        assertEquals(2.0 / 3, BeatMetrics.fMeasure(grid(0.0, 0.5, 20), grid(5.0, 0.5, 10), 0.07), EPS);
    }

    @Test
    void doubleTempoIsOnlyRightAtAnyMetricLevel() {
        double[] ref = grid(5.0, 0.5, 20);
        double[] est = grid(5.0, 0.25, 39);
        BeatScores s = BeatMetrics.evaluate(ref, est);
        // the period (0.25 s against 0.5 s) is off by 50 %, far beyond 17.5 %
        assertEquals(0.0, s.cmlT(), EPS);
        assertEquals(0.0, s.cmlC(), EPS);
        // the double-tempo variation of the reference is the estimate itself
        assertEquals(1.0, s.amlT(), EPS);
        assertEquals(1.0, s.amlC(), EPS);
        assertEquals(1.0, s.cemgilBestMetricLevel(), EPS);
    }

    @Test
    void cemgilIsAGaussianOfTheDistance() {
        // one beat 40 ms off with sigma 40 ms: exp(-1/2), over the mean count (1 + 1) / 2
        double[] scores = BeatMetrics.cemgil(new double[] {10.0}, new double[] {10.04}, 0.04);
        assertEquals(Math.exp(-0.5), scores[0], 1e-9);
        assertEquals(Math.exp(-0.5), scores[1], 1e-9);
    }

    @Test
    void pScoreCountsImpulsesWithinAFifthOfTheMedianInterval() {
        // 10 ms slots 0, 100, 200, 300 against 0, 100, 200, 350; window round(0.2 * 100) = 20 slots
        assertEquals(0.75, BeatMetrics.pScore(new double[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3.5}), EPS);
    }

    @Test
    void continuityTakesTheLongestCorrectRun() {
        double[] ref = grid(10.0, 0.5, 8);
        double[] est = ref.clone();
        est[4] += 0.2; // 40 % of the interval out of phase: beat 4 and, by its period, beat 5 fail
        ContinuityScores c = BeatMetrics.continuity(ref, est, 0.175, 0.175);
        assertEquals(6.0 / 8, c.cmlT(), EPS);
        assertEquals(4.0 / 8, c.cmlC(), EPS);
    }

    @Test
    void emptyOrSingleBeatInputScoresZero() {
        BeatScores zero = new BeatScores(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(zero, BeatMetrics.evaluate(new double[0], grid(5, 0.5, 10)));
        assertEquals(zero, BeatMetrics.evaluate(grid(5, 0.5, 10), new double[] {1, 2}));
        assertEquals(0.0, BeatMetrics.pScore(new double[] {6}, grid(5, 0.5, 10)));
        assertEquals(0.0, BeatMetrics.informationGain(grid(5, 0.5, 10), new double[] {6}, 41));
    }

    @Test
    void informationGainOfAConstantOffset() {
        // every beat 10 ms late. Estimate against reference: each error is +0.02 of a beat, one histogram bin,
        // entropy 0. Reference against estimate: -0.02, except for the first reference beat, which lies before
        // the first estimated beat and, as in the reference implementation, takes the interval to the *last*
        // estimated beat (negative), giving a small positive error in the neighbouring bin: 19 and 1 of 20.
        double[] ref = grid(5.0, 0.5, 20);
        double[] est = grid(5.01, 0.5, 20);
        double entropy = -(0.95 * Math.log(0.95) + 0.05 * Math.log(0.05)) / Math.log(2);
        double norm = Math.log(41) / Math.log(2);
        assertEquals((norm - entropy) / norm, BeatMetrics.informationGain(ref, est, 41), 1e-12);
    }

    @Test
    void decreasingTimesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> BeatMetrics.evaluate(new double[] {6, 5.5}, new double[] {6}));
        assertThrows(IllegalArgumentException.class,
                () -> BeatMetrics.evaluate(new double[] {6, 40000}, new double[] {6}));
    }
}
