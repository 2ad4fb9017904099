// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.beat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.audio.internal.AudioSource;
import io.perfsuite.audio.internal.source.DecodedAudio;
import io.perfsuite.audio.internal.source.FileSource;
import io.perfsuite.evaluation.BeatMetrics;

/** The tracker recovers when the performer changes tempo. */
class TempoChangeTest {

    static final int RATE = 44100;

    /** Clicks at one tempo, then at another from a given time on; returns the source and the click times. */
    static AudioSource clicks(double bpm1, double bpm2, double changeAt, double seconds, List<Double> times) {
        float[] s = new float[(int) (RATE * seconds)];
        double t = 0;
        while (t < seconds) {
            times.add(t);
            int start = (int) Math.round(t * RATE);
            for (int i = 0; i < 600 && start + i < s.length; i++) {
                s[start + i] += (float) (0.8 * Math.exp(-i / 110.0) * Math.cos(2 * Math.PI * 2000 * i / RATE));
            }
            t += 60 / (t < changeAt ? bpm1 : bpm2);
        }
        return new FileSource(new DecodedAudio(RATE, 1, "PCM_FLOAT 32 bit", s), "clicks");
    }

    void followsAChange(double from, double to) throws Exception {
        List<Double> clickTimes = new ArrayList<>();
        List<AnalysisEvent.Beat> beats = BeatAccuracyTest.track(clicks(from, to, 12, 30, clickTimes));
        // after the change, within a few seconds, the tracker holds the new tempo and lands on the clicks again
        List<AnalysisEvent.Beat> late = beats.stream().filter(b -> b.nanos() / 1e9 > 20).toList();
        double[] bpm = late.stream().mapToDouble(b -> 60 / b.periodSeconds()).sorted().toArray();
        assertEquals(to, bpm[bpm.length / 2], to * 0.02, "tempo after the change");
        double[] reference = clickTimes.stream().filter(t -> t > 20).mapToDouble(Double::doubleValue).toArray();
        double[] estimated = late.stream().mapToDouble(b -> b.nanos() / 1e9).toArray();
        double f = BeatMetrics.fMeasure(reference, estimated, 0.07);
        System.out.printf("tempo change %.0f -> %.0f BPM: %.1f BPM and F %.3f from 8 s after the change%n", from, to,
                bpm[bpm.length / 2], f);
        assertTrue(f >= 0.9, "beats on the clicks again: F " + f);
        double recovered = 12;
        for (AnalysisEvent.Beat b : beats) {
            double t = b.nanos() / 1e9;
            boolean onAClick = clickTimes.stream().anyMatch(c -> Math.abs(c - t) <= 0.07);
            if (t > 12 && !onAClick) {
                recovered = t;
            }
        }
        System.out.printf("  every beat on a click again %.2f s after the change%n", recovered - 12);
        assertTrue(recovered - 12 < 8, "recovered within 8 s, took " + (recovered - 12));
    }

    @Test
    void tenPercentFaster() throws Exception {
        followsAChange(120, 132);
    }

    @Test
    void tenPercentSlower() throws Exception {
        followsAChange(120, 108);
    }
}
