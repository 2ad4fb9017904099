// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static io.perfsuite.session.internal.Harness.BEAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

/** The performer's beats, chords, key and levels reach the context; nonsense does not. */
class AnalysisTest {

    @Test
    void beatsBringTheTempoAndThePhaseToThePerformer() {
        try (Harness h = new Harness()) {
            h.start();
            long zero = h.ctx().timestampNanos();
            long period = 60_000_000_000L / 126; // the performer plays at 126 BPM
            long t = zero + 20_000_000L; // and a little behind the band
            for (int i = 0; i < 24; i++) {
                t += period;
                h.advanceTo(t);
                h.session.heard(new AnalysisEvent.Beat(0, t, period / 1e9, 0, 0, 0.9));
                h.step();
            }
            assertEquals(126, h.ctx().tempo().bpm(), 0.3);
            assertTrue(h.ctx().tempoConfidence() > 0.8);
            double error = h.ctx().beatAt(t) - Math.rint(h.ctx().beatAt(t));
            assertEquals(0, error, 0.02, "the grid sits on the performer's beats");
            h.nextBeat();
            long off = Math.floorMod(h.ctx().timestampNanos() - t, period);
            assertTrue(Math.min(off, period - off) < 2_000_000, "the band's next beat falls on the performer's grid");
        }
    }

    @Test
    void chordsKeysAndLevelsUpdateTheContextAndTellTheListeners() {
        try (Harness h = new Harness()) {
            TestAgents.Recorder r = new TestAgents.Recorder();
            h.bind(r, ContextChange.CHORD, ContextChange.KEY, ContextChange.DYNAMICS);
            long now = h.clock.getAsLong();
            h.session.heard(new AnalysisEvent.ChordHeard(0, now, Chord.parse("A:min"), 0.8));
            h.session.heard(new AnalysisEvent.KeyHeard(0, now, Key.parse("C major"), 0.7));
            h.session.heard(new AnalysisEvent.Level(0, now, -20, -6, -18, false));
            h.step();
            assertEquals(Chord.parse("A:min"), h.ctx().chord());
            assertEquals(Chord.parse("A:min"), h.ctx().nextChord());
            assertEquals(Key.parse("C major"), h.ctx().key().orElseThrow());
            assertEquals(-20, h.ctx().dynamics().rmsDbfs());
            assertEquals(1, r.changes.size(), "one snapshot for the three events of one step");
            assertEquals(java.util.Set.of(ContextChange.CHORD, ContextChange.KEY, ContextChange.DYNAMICS),
                    r.changes.get(0));
            h.session.heard(new AnalysisEvent.ChordHeard(0, now, Chord.parse("F"), 0.1));
            h.step();
            assertEquals(Chord.parse("A:min"), h.ctx().chord(), "a chord below the confidence floor is not taken");
        }
    }

    @Test
    void nanAndAbsurdValuesAreIgnoredAndCounted() {
        try (Harness h = new Harness()) {
            h.start();
            double bpm = h.ctx().tempo().bpm();
            long now = h.clock.getAsLong();
            long seq = h.ctx().sequence();
            h.session.heard(new AnalysisEvent.Beat(0, now, Double.NaN, 0, 0, 0.9));
            h.session.heard(new AnalysisEvent.Beat(0, now, 0.001, 0, 0, 0.9)); // 60000 BPM
            h.session.heard(new AnalysisEvent.Beat(0, now, 0.5, 0, 0, Double.NaN));
            h.session.heard(new AnalysisEvent.Beat(0, now, 0.5, 0, 99, 0.9));
            h.session.heard(new AnalysisEvent.ChordHeard(0, now, Chord.parse("C"), Double.POSITIVE_INFINITY));
            h.session.heard(new AnalysisEvent.KeyHeard(0, now, Key.parse("D major"), -1));
            h.session.heard(new AnalysisEvent.Level(0, now, Double.NaN, -6, -18, false));
            h.session.heard(new AnalysisEvent.Level(0, now, -20, 40, -18, false));
            h.session.heard(new AnalysisEvent.Beat(0, now - 10_000_000_000L, 0.5, 0, 0, 0.9)); // stale
            h.step();
            assertEquals(8, h.session.engine().analysisIgnored);
            assertEquals(1, h.session.engine().analysisStale);
            assertEquals(0, h.session.engine().analysisUsed);
            assertEquals(bpm, h.ctx().tempo().bpm());
            assertEquals(Chord.NO_CHORD, h.ctx().chord());
            assertFalse(h.ctx().key().isPresent());
            assertTrue(h.ctx().dynamics().isSilent());
            assertTrue(h.ctx().sequence() >= seq, "the session carries on");
            h.untilBeat(4);
            assertEquals(4.0, h.ctx().beat());
        }
    }

    @Test
    void aFullHandOffDropsAndCountsWithoutBlocking() {
        try (Harness h = new Harness("analysisQueueSize", 16)) {
            long now = h.clock.getAsLong();
            for (int i = 0; i < 40; i++) {
                h.session.heard(new AnalysisEvent.Level(i, now, -30, -10, -25, false));
            }
            assertEquals(24, h.session.analysisDropped.get());
            h.step();
            assertEquals(16, h.session.engine().analysisUsed);
        }
    }

    @Test
    void withoutBeatsTheBandKeepsItsOwnTime() {
        try (Harness h = new Harness("tempo", 90.0)) {
            h.start();
            long zero = h.ctx().timestampNanos();
            h.session.heard(new AnalysisEvent.Level(0, h.clock.getAsLong(), -30, -10, -25, false));
            h.untilBeat(16);
            assertEquals(zero + Math.round(16 * 60e9 / 90), h.ctx().timestampNanos(), 16);
            assertEquals(90, h.ctx().tempo().bpm(), 1e-9);
            assertEquals(BEAT, BEAT);
        }
    }
}
