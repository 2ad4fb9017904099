// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static io.perfsuite.session.internal.Harness.BEAT;
import static io.perfsuite.session.internal.Harness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.session.QueuedCommand;

/** Free running, count-in, and the quantization points, exactly, on a manual clock. */
class QuantizationTest {

    @Test
    void freeRunsAtItsTempoWithoutAnalysis() {
        try (Harness h = new Harness("tempo", 100.0)) {
            TestAgents.Recorder beats = new TestAgents.Recorder();
            h.bind(beats, ContextChange.BEAT);
            h.start();
            h.untilBeat(8);
            List<MusicalContext> heard = beats.beats();
            long period = Math.round(60e9 / 100);
            for (int i = 1; i < heard.size(); i++) {
                assertEquals(heard.get(i - 1).beat() + 1, heard.get(i).beat());
                assertEquals(period, heard.get(i).timestampNanos() - heard.get(i - 1).timestampNanos(), 1);
            }
            assertEquals(8.0, h.ctx().beat());
            assertEquals(100.0, h.ctx().tempo().bpm(), 1e-9);
            assertEquals(h.ctx().timestampNanos() + period, h.ctx().nextBeatNanos(), 1);
        }
    }

    @Test
    void countInRunsAtNegativeBeatsInWholeBarsAndClearsAtTheSongStart() {
        try (Harness h = new Harness()) {
            TestAgents.Recorder bars = new TestAgents.Recorder();
            h.bind(bars, ContextChange.BAR);
            h.submit("count-in", "bars=2");
            h.step();
            assertTrue(h.ctx().playing());
            assertTrue(h.ctx().has(Cue.COUNT_IN));
            h.untilBeat(-8);
            assertEquals(-1, h.ctx().position().bar());
            assertEquals(1, h.ctx().position().beat());
            assertTrue(h.ctx().has(Cue.COUNT_IN));
            h.untilBeat(-1);
            assertTrue(h.ctx().has(Cue.COUNT_IN));
            h.untilBeat(0);
            assertFalse(h.ctx().has(Cue.COUNT_IN));
            assertEquals(List.of(-8.0, -4.0, 0.0), bars.contexts.stream().map(MusicalContext::beat).toList());
        }
    }

    @Test
    void stoppedCommandsRunAtOnceWhateverTheirQuantization() {
        try (Harness h = new Harness()) {
            QueuedCommand q = h.submit(Quantization.BAR, "intensity-up");
            assertTrue(Double.isNaN(q.dueBeat()));
            h.step();
            assertEquals(0.6, h.ctx().intensity(), 1e-9);
        }
    }

    @Test
    void beatBarPhraseAndSectionEndAreExact(@TempDir Path dir) throws Exception {
        Path song = dir.resolve("song.yaml");
        java.nio.file.Files.writeString(song, """
                title: Grid
                tempo: 120
                meter: 3/4
                phrase: 2
                sections:
                  - {name: Verse, bars: 5}
                  - {name: Chorus, bars: 4}
                """);
        try (Harness h = new Harness()) {
            h.session.load(song);
            h.step();
            h.start();
            TestAgents.Recorder r = new TestAgents.Recorder();
            h.bind(r, ContextChange.DYNAMICS, ContextChange.CUE, ContextChange.SECTION);
            h.untilBeat(1);
            h.advance(BEAT / 2); // at beat 1.5 of a 3/4 bar
            QueuedCommand beat = h.submit(Quantization.BEAT, "intensity-up", "by=0.01");
            QueuedCommand bar = h.submit(Quantization.BAR, "intensity-up", "by=0.02");
            QueuedCommand phrase = h.submit(Quantization.PHRASE, "intensity-up", "by=0.04");
            QueuedCommand end = h.submit(Quantization.SECTION_END, "fill");
            assertEquals(2.0, beat.dueBeat());
            assertEquals(3.0, bar.dueBeat());
            assertEquals(6.0, phrase.dueBeat(), "phrases of 2 bars of 3 beats from the section start");
            assertEquals(15.0, end.dueBeat(), "5 bars of 3/4");
            assertEquals(List.of(beat.id(), bar.id(), phrase.id(), end.id()),
                    h.session.queue().stream().map(QueuedCommand::id).toList());
            h.untilBeat(1);
            h.untilBeat(2);
            assertEquals(0.51, h.ctx().intensity(), 1e-9);
            h.untilBeat(3);
            assertEquals(0.53, h.ctx().intensity(), 1e-9);
            h.untilBeat(5);
            assertEquals(0.53, h.ctx().intensity(), 1e-9);
            h.untilBeat(6);
            assertEquals(0.57, h.ctx().intensity(), 1e-9);
            h.untilBeat(14);
            assertFalse(h.ctx().has(Cue.FILL));
            assertEquals("Verse", h.ctx().section().name());
            h.untilBeat(15);
            assertTrue(h.ctx().has(Cue.FILL));
            assertEquals("Chorus", h.ctx().section().name(), "the section ended at the same bar line");
            assertTrue(h.session.queue().isEmpty());
            // what each listener call saw: the intensity changes land on the due beats exactly
            List<Double> dynamicsBeats = new java.util.ArrayList<>();
            for (int i = 0; i < r.contexts.size(); i++) {
                if (r.changes.get(i).contains(ContextChange.DYNAMICS)) {
                    dynamicsBeats.add(r.contexts.get(i).beat());
                }
            }
            assertEquals(List.of(2.0, 3.0, 6.0), dynamicsBeats);
        }
    }

    @Test
    void aCommandQueuedOnABarLineWaitsForTheNextOne() {
        try (Harness h = new Harness()) {
            h.start();
            h.untilBeat(4);
            QueuedCommand q = h.submit(Quantization.BAR, "half-time");
            assertEquals(8.0, q.dueBeat());
            h.untilBeat(7);
            assertEquals(io.perfsuite.api.context.Feel.NORMAL, h.ctx().feel());
            h.untilBeat(8);
            assertEquals(io.perfsuite.api.context.Feel.HALF_TIME, h.ctx().feel());
        }
    }

    @Test
    void cancelTakesAQueuedCommandOutAndOnlyOnce() {
        try (Harness h = new Harness()) {
            h.start();
            QueuedCommand q = h.submit(Quantization.BAR, "intensity-up");
            h.step();
            assertEquals(1, h.session.queue().size());
            assertTrue(h.session.cancel(q.id()));
            assertFalse(h.session.cancel(q.id()));
            assertTrue(h.session.queue().isEmpty());
            h.untilBeat(8);
            assertEquals(0.5, h.ctx().intensity(), 1e-9);
            QueuedCommand ran = h.submit(Quantization.BEAT, "intensity-up");
            h.untilBeat(9);
            assertEquals(0.6, h.ctx().intensity(), 1e-9);
            assertFalse(h.session.cancel(ran.id()), "it ran already");
        }
    }

    @Test
    void commandsQueuedBeforeTheSessionThreadSawThemAreCancelledToo() {
        try (Harness h = new Harness()) {
            QueuedCommand q = h.submit("intensity-up");
            assertTrue(h.session.cancel(q.id()));
            h.step();
            assertEquals(0.5, h.ctx().intensity(), 1e-9);
        }
    }

    @Test
    void afterAStallTheBandGoesOnFromNowInsteadOfPlanningThePast() {
        try (Harness h = new Harness()) {
            TestAgents.Player drums = new TestAgents.Player("drums", io.perfsuite.api.band.Role.DRUMS);
            h.bind(drums);
            h.start();
            h.untilBeat(2);
            h.clock.advance(100 * BEAT + BEAT / 2); // the thread was held up for 100 beats
            h.step();
            assertEquals(102.0, h.ctx().beat());
            assertEquals(99, h.session.engine().beatsSkipped);
            assertTrue(drums.resets > 0);
            h.untilBeat(104);
            List<Double> starts = drums.starts();
            assertEquals(List.of(3.0, 103.0, 104.0, 105.0), starts.subList(starts.size() - 4, starts.size()));
        }
    }

    @Test
    void theClockKeepsStartTimeAndTheBeatsAreWhereTheGridSays() {
        try (Harness h = new Harness()) {
            h.start();
            long zero = h.ctx().timestampNanos();
            assertEquals(T0 + 2 * BEAT, zero, "count-in 0 from a standing start: the band starts two beats later");
            h.untilBeat(3);
            assertEquals(zero + 3 * BEAT, h.ctx().timestampNanos());
            assertEquals(zero + 3 * BEAT, h.ctx().nanosAt(3));
        }
    }
}
