// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

/** The chord and key trackers on made-up chroma, block by block. */
class TrackerTest {

    private static final int BLOCK = 256;
    private static final double RATE = 44100;
    private static final double SECONDS = BLOCK / RATE;

    /** @return the chroma of the notes (pitch classes) with their harmonics, as the templates model them */
    static double[] chroma(int... pitchClasses) {
        double[] out = new double[12];
        for (int pc : pitchClasses) {
            ChordTracker.addNote(pc, 1, 0.9, out);
        }
        return out;
    }

    /** Feeds blocks of one chroma; returns the (frame, chord) decisions made. */
    static List<Object[]> feed(ChordTracker tracker, double[] chroma, boolean silent, long from, int blocks) {
        List<Object[]> decisions = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            long frame = from + (long) b * BLOCK;
            if (tracker.update(chroma, silent, SECONDS, frame)) {
                decisions.add(new Object[] {frame, tracker.changeFrame(), tracker.chord()});
            }
        }
        return decisions;
    }

    @Test
    void aChordChangeIsDecidedOnceAndReportedWhereItBegan() {
        ChordTracker tracker = new ChordTracker(false, 0.9, 0.08, 0.6, (long) (0.5 * RATE));
        int second = (int) Math.round(1 / SECONDS);
        List<Object[]> first = feed(tracker, chroma(0, 4, 7), false, 0, second);
        assertEquals(1, first.size());
        assertEquals(Chord.parse("C:maj"), first.get(0)[2]);
        long change = (long) second * BLOCK;
        List<Object[]> next = feed(tracker, chroma(9, 0, 4), false, change, second);
        assertEquals(1, next.size(), "one decision for A minor");
        assertEquals(Chord.parse("A:min"), next.get(0)[2]);
        long decidedAt = (long) next.get(0)[0];
        long reportedAt = (long) next.get(0)[1];
        assertEquals(change, reportedAt, "reported where the new chord's path began");
        assertTrue(decidedAt - change < 0.5 * RATE, "decided " + (decidedAt - change) / RATE + " s after");
    }

    @Test
    void aShortBurstDoesNotFlicker() {
        ChordTracker tracker = new ChordTracker(false, 0.9, 0.08, 0.6, (long) (0.5 * RATE));
        feed(tracker, chroma(0, 4, 7), false, 0, 200);
        // 60 ms of a G major triad in the middle of C major
        assertEquals(List.of(), feed(tracker, chroma(7, 11, 2), false, 200 * BLOCK, 10));
        assertEquals(List.of(), feed(tracker, chroma(0, 4, 7), false, 210 * BLOCK, 200));
        assertEquals(Chord.parse("C:maj"), tracker.chord());
    }

    @Test
    void theLookbackBoundsHowFarBackAChangeIsReported() {
        ChordTracker tracker = new ChordTracker(false, 0.9, 0.08, 0.6, 0);
        feed(tracker, chroma(0, 4, 7), false, 0, 200);
        List<Object[]> next = feed(tracker, chroma(5, 9, 0), false, 200 * BLOCK, 200);
        assertEquals(1, next.size());
        assertEquals(Chord.parse("F:maj"), next.get(0)[2]);
        assertEquals(next.get(0)[0], next.get(0)[1], "without lookback a change is reported where decided");
    }

    @Test
    void silenceIsNoChord() {
        ChordTracker tracker = new ChordTracker(false, 0.9, 0.08, 0.6, (long) (0.5 * RATE));
        List<Object[]> decisions = feed(tracker, new double[12], true, 0, 50);
        assertEquals(1, decisions.size());
        assertEquals(Chord.NO_CHORD, decisions.get(0)[2]);
        feed(tracker, chroma(2, 5, 9), false, 50 * BLOCK, 200);
        assertEquals(Chord.parse("D:min"), tracker.chord());
        List<Object[]> end = feed(tracker, new double[12], true, 250 * BLOCK, 100);
        assertEquals(1, end.size());
        assertEquals(Chord.NO_CHORD, end.get(0)[2]);
    }

    /** A scale's notes, the tonic triad twice as long, with their harmonics. */
    static double[] keyChroma(int tonic, int[] steps) {
        double[] out = new double[12];
        for (int i = 0; i < steps.length; i++) {
            double weight = i == 0 || i == 2 || i == 4 ? 2 : 1;
            ChordTracker.addNote(tonic + steps[i], weight, 0.9, out);
        }
        return out;
    }

    static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};

    @Test
    void theKeyComesAfterEnoughMusicAndFollowsAModulationAfterTheHold() {
        KeyTracker keys = new KeyTracker(false, 0.9, 60, 2, 4);
        double[] cMajor = keyChroma(0, MAJOR);
        int changes = 0;
        double heard = 0;
        while (heard < 1.9) {
            assertFalse(keys.update(cMajor, false, SECONDS));
            heard += SECONDS;
        }
        assertNull(keys.key());
        assertFalse(keys.update(cMajor, true, 10), "silence does not count");
        while (heard < 30) {
            changes += keys.update(cMajor, false, SECONDS) ? 1 : 0;
            heard += SECONDS;
        }
        assertEquals(1, changes);
        assertEquals(Key.parse("C major"), keys.key());
        double[] eMinor = keyChroma(4, MINOR);
        double since = 0;
        while (keys.key().equals(Key.parse("C major")) && since < 120) {
            keys.update(eMinor, false, SECONDS);
            since += SECONDS;
        }
        assertEquals(Key.parse("E minor"), keys.key(), "after " + since + " s of E minor");
        assertTrue(since >= 4, "not before the hold: " + since);
        assertTrue(keys.confidence() > 0.5);
    }
}
