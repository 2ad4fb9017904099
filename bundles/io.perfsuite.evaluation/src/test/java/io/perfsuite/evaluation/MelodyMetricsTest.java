// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Melody metrics and the resampling onto the reference time base, on hand-computed cases. */
class MelodyMetricsTest {

    private static final double EPS = 1e-12;

    private static double cents(double hz) {
        return 1200 * Math.log(hz / 10.0) / Math.log(2);
    }

    @Test
    void scoresOnACommonTimeBase() {
        double[] times = {0, 0.01, 0.02, 0.03, 0.04};
        // reference voiced in frames 1-3; estimate: right, an octave up, right pitch but marked unvoiced (negative),
        // and a false alarm in frame 4
        TimeSeries ref = new TimeSeries(times, new double[] {0, 220, 220, 220, 0});
        TimeSeries est = new TimeSeries(times, new double[] {0, 220, 440, -220, 440});
        MelodyScores s = MelodyMetrics.evaluate(ref, est);
        assertEquals(2.0 / 3, s.voicingRecall(), EPS);
        assertEquals(0.5, s.voicingFalseAlarm(), EPS);
        assertEquals(2.0 / 3, s.rawPitchAccuracy(), EPS);
        assertEquals(1.0, s.rawChromaAccuracy(), EPS);
        // frame 1 (voiced, right) and frame 0 (unvoiced, unvoiced) of five
        assertEquals(0.4, s.overallAccuracy(), EPS);
    }

    @Test
    void estimateIsResampledOntoTheReferenceTimes() {
        TimeSeries ref = new TimeSeries(new double[] {0, 0.01, 0.02, 0.03}, new double[] {100, 100, 100, 100});
        // starts after 0 (a sample at 0 repeats the first value), falls silent, comes back, ends before the
        // reference does (a silent sample is appended at the reference's end)
        TimeSeries est = new TimeSeries(new double[] {0.005, 0.015, 0.025}, new double[] {100, 0, 200});
        CentVoicing frames = MelodyMetrics.toCentVoicing(ref, est, null, null, Double.NaN);
        double c100 = cents(100);
        // t = 0: the added sample; t = 0.01: halfway between 100 Hz and the held 100 Hz of the silent sample;
        // t = 0.02: the hold of the silent sample zeroes the interpolated pitch; t = 0.03: the appended silence
        assertArrayEquals(new double[] {c100, c100, 0, 0}, frames.estimatedCents(), 1e-9);
        assertArrayEquals(new double[] {1, 1, 0, 0}, frames.estimatedVoicing());
        assertArrayEquals(new double[] {1, 1, 1, 1}, frames.referenceVoicing());
        assertEquals(0.5, MelodyMetrics.evaluate(frames).rawPitchAccuracy(), EPS);
    }

    @Test
    void estimateIsCutOrPaddedToTheReferenceLength() {
        TimeSeries ref = new TimeSeries(new double[] {0, 0.01}, new double[] {100, 100});
        TimeSeries longer = new TimeSeries(new double[] {0, 0.01, 0.02}, new double[] {100, 100, 100});
        assertEquals(2, MelodyMetrics.toCentVoicing(ref, longer, null, null, Double.NaN).estimatedCents().length);
        assertEquals(1.0, MelodyMetrics.evaluate(ref, longer).overallAccuracy(), EPS);
    }

    @Test
    void hopTimeBase() {
        assertArrayEquals(new double[] {0, 0.01, 0.02, 0.03}, MelodyMetrics.constantHopTimes(0.01, 0.035), EPS);
        assertArrayEquals(new double[] {0}, MelodyMetrics.constantHopTimes(0.01, 0.005));
    }

    @Test
    void voicingConfidenceOverridesTheSign() {
        double[] times = {0, 0.01, 0.02};
        TimeSeries ref = new TimeSeries(times, new double[] {220, 220, 0});
        TimeSeries est = new TimeSeries(times, new double[] {-220, 220, 220});
        CentVoicing frames = MelodyMetrics.toCentVoicing(ref, est, new double[] {0.5, 0.5, 0.5}, null, Double.NaN);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, frames.estimatedVoicing());
        assertEquals(0.5, MelodyMetrics.voicingRecall(frames.referenceVoicing(), frames.estimatedVoicing()), EPS);
        assertEquals(0.5, MelodyMetrics.voicingFalseAlarm(frames.referenceVoicing(), frames.estimatedVoicing()),
                EPS);
    }

    @Test
    void edgeCases() {
        double[] none = {0, 0, 0};
        assertEquals(1.0, MelodyMetrics.voicingRecall(none, new double[] {1, 0, 1}), "no voiced reference frame");
        assertEquals(0.0, MelodyMetrics.voicingFalseAlarm(new double[] {1, 1}, new double[] {1, 1}));
        assertEquals(0.0, MelodyMetrics.rawPitchAccuracy(none, none, none, 50));
        assertEquals(0.0, MelodyMetrics.voicingRecall(new double[0], new double[0]));
        TimeSeries empty = new TimeSeries(new double[0], new double[0]);
        assertThrows(IllegalArgumentException.class, () -> MelodyMetrics.evaluate(empty, empty));
    }
}
