// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.SectionKind;
import io.perfsuite.session.OfflineSession;

/** The band joins the performer, follows their attacks and their harmony, and warms up before it plays. */
class FollowPerformerTest {

    /** The performer plays quarter notes at 120 BPM from {@code start}: an onset and a tracker beat on each. */
    private static void perform(Harness h, long start, int beats, long trackerLateNanos) {
        perform(h, start, 0, beats, trackerLateNanos);
    }

    /** Beats {@code from} (inclusive) to {@code to} (exclusive) of a performance that began at {@code start}. */
    private static void perform(Harness h, long start, int from, int to, long trackerLateNanos) {
        for (int i = from; i < to; i++) {
            long t = start + i * Harness.BEAT;
            h.advanceTo(t + 10_000_000L); // heard a little after it was played
            h.session.heard(new AnalysisEvent.Onset(0, t, 1.0));
            if (i >= 2) { // the tracker needs a few beats
                h.session.heard(new AnalysisEvent.Beat(0, t + trackerLateNanos, Harness.BEAT / 1e9, 0, 0, 0.9));
            }
            h.step();
        }
    }

    @Test
    void theBandComesInWithThePerformerNumberedFromTheirFirstNote() {
        try (Harness h = new Harness("autoStartBeats", 4)) {
            TestAgents.RecordingScheduler scheduler = new TestAgents.RecordingScheduler();
            h.session.bindNoteScheduler(scheduler);
            TestAgents.Player drums = new TestAgents.Player("drums", Role.DRUMS);
            h.bind(drums);
            h.step();
            long first = Harness.T0 + 333_000_000L;
            perform(h, first, 0, 5, 0); // tracker beats from the third note: three so far
            assertFalse(h.ctx().playing(), "not before four confident beats");
            perform(h, first, 5, 6, 0);
            assertTrue(h.ctx().playing(), "in after four confident beats");
            perform(h, first, 6, 12, 0);
            // the performer's first note is beat 0 of the song: every planned window starts on a whole number of
            // beats since then
            assertFalse(drums.windows.isEmpty());
            for (TestAgents.Window w : drums.windows) {
                long due = h.ctx().nanosAt(w.from());
                double sinceFirst = (due - first) / (double) Harness.BEAT;
                assertEquals(w.from(), sinceFirst, 0.05, "beat numbers count from the performer's first note");
            }
            assertTrue(drums.windows.get(0).from() <= 8, "in within two bars: " + drums.windows.get(0));
        }
    }

    @Test
    void aStopDisarmsTheStartWithThePerformer() {
        try (Harness h = new Harness("autoStartBeats", 2)) {
            h.step();
            perform(h, Harness.T0 + Harness.BEAT, 6, 0);
            assertTrue(h.ctx().playing());
            h.submit(io.perfsuite.api.command.Quantization.NOW, "stop");
            h.step();
            perform(h, Harness.T0 + Harness.BEAT, 8, 16, 0);
            assertFalse(h.ctx().playing(), "a stop command is the performer's word: the band stays out");
        }
    }

    @Test
    void onsetsOnTheBeatPullTheBandOntoThePerformerWhenTheTrackerIsLate() {
        for (double onsetGain : new double[] {0, 0.5}) {
            try (Harness h = new Harness("autoStartBeats", 2, "onsetPhaseGain", onsetGain)) {
                h.step();
                long first = Harness.T0 + 100_000_000L;
                perform(h, first, 24, 40_000_000L); // the tracker places every beat 40 ms late
                long last = first + 23 * Harness.BEAT;
                double phase = h.ctx().beatAt(last) - Math.rint(h.ctx().beatAt(last));
                double millis = phase * 500;
                if (onsetGain == 0) {
                    assertTrue(millis < -25, "following the tracker only, the band is late: " + millis);
                } else {
                    assertEquals(0, millis, 12, "following the attacks, the band is with the performer");
                }
            }
        }
    }

    @Test
    void aHeardChordChangeMakesTheHarmonyPlayersPlayAgainFromTheNextBeat() {
        try (Harness h = new Harness()) {
            TestAgents.RecordingScheduler scheduler = new TestAgents.RecordingScheduler();
            h.session.bindNoteScheduler(scheduler);
            TestAgents.Player keys = new TestAgents.Player("keys", Role.KEYS);
            TestAgents.Player drums = new TestAgents.Player("drums", Role.DRUMS);
            h.bind(keys);
            h.bind(drums);
            h.session.heard(new AnalysisEvent.ChordHeard(0, h.clock.getAsLong(), Chord.parse("C:maj"), 0.9));
            h.start();
            h.untilBeat(4);
            int keysWindows = keys.windows.size();
            int drumsWindows = drums.windows.size();
            int keysResets = keys.resets;
            scheduler.released.clear();
            long mid = h.ctx().nanosAt(4.4);
            h.advanceTo(mid);
            h.session.heard(new AnalysisEvent.ChordHeard(0, mid, Chord.parse("F:maj"), 0.9));
            h.step();
            assertEquals(List.of("keys"), scheduler.released, "the keys' old chord is released, the drums play on");
            assertEquals(keysResets + 1, keys.resets);
            assertEquals(drumsWindows, drums.windows.size(), "drums are not planned again");
            assertEquals(keysWindows + 1, keys.windows.size());
            TestAgents.Window again = keys.windows.get(keys.windows.size() - 1);
            assertEquals(5.0, again.from(), "from the next beat it can reach");
            assertEquals("F:maj", again.context().chord().toString(), "with the new chord");
            h.session.heard(new AnalysisEvent.ChordHeard(0, mid + 1, Chord.parse("F:maj"), 0.9));
            h.step();
            assertEquals(1, scheduler.released.size(), "the same chord again changes nothing");
        }
    }

    @Test
    void aNewBandmateWarmsUpIntoNowhereBeforeItPlays() {
        try (Harness h = new Harness("warmUpPlans", 100)) {
            TestAgents.RecordingScheduler scheduler = new TestAgents.RecordingScheduler();
            h.session.bindNoteScheduler(scheduler);
            TestAgents.Player bass = new TestAgents.Player("bass", Role.BASS);
            h.bind(bass);
            h.step();
            assertEquals(25, bass.windows.size(), "a few dry runs per step, the thread is never held up");
            for (int i = 0; i < 3; i++) {
                h.step();
            }
            assertEquals(100, bass.windows.size());
            assertEquals(1, bass.resets, "reset after the warm-up");
            assertTrue(scheduler.notes.isEmpty(), "nothing of the warm-up is played");
            assertEquals(0, h.session.agents().get(0).calls(), "nor counted against its budget");
            h.start();
            h.untilBeat(2);
            assertTrue(bass.windows.size() > 100 && !scheduler.of("bass").isEmpty(), "then it plays");
        }
    }

    @Test
    void aSelectedSongIsRehearsedIntoNowhereWithItsStylesFillsAndEnding() throws Exception {
        try (Harness h = new Harness("warmUpPlans", 1000)) {
            TestAgents.RecordingScheduler scheduler = new TestAgents.RecordingScheduler();
            h.session.bindNoteScheduler(scheduler);
            TestAgents.Player keys = new TestAgents.Player("keys", Role.KEYS);
            h.bind(keys);
            for (int i = 0; i < 40; i++) {
                h.step();
            }
            assertEquals(1000, keys.windows.size(), "the newcomer's own warm-up");
            int resets = keys.resets;
            h.session.load(Path.of("examples/songs/blue-morning.yaml"));
            h.step();
            assertEquals(1000 + 8, keys.windows.size(), "fewer calls per step than a newcomer's warm-up");
            for (int i = 0; i < 125; i++) {
                h.step();
            }
            List<TestAgents.Window> rehearsal = keys.windows.subList(1000, keys.windows.size());
            assertEquals(1000, rehearsal.size(), "the band warms up again on the selected song");
            assertTrue(keys.resets > resets, "and is reset afterwards");
            assertTrue(scheduler.notes.isEmpty(), "nothing of it is played");
            assertEquals(0, h.session.agents().get(0).calls(), "nor counted");
            Set<String> hints = new HashSet<>();
            Set<SectionKind> kinds = EnumSet.noneOf(SectionKind.class);
            Set<Cue> cues = EnumSet.noneOf(Cue.class);
            Set<Feel> feels = EnumSet.noneOf(Feel.class);
            boolean endOfSong = false;
            for (TestAgents.Window w : rehearsal) {
                hints.addAll(w.context().section().styles().values());
                kinds.add(w.context().section().kind());
                cues.addAll(w.context().cues());
                feels.add(w.context().feel());
                endOfSong |= w.context().nextSection().isEmpty();
                assertTrue(w.context().playing(), "as if the band played");
            }
            assertEquals(Set.of("sidestick", "root", "four-on-the-floor"), hints, "the song's style hints");
            assertTrue(kinds.containsAll(EnumSet.of(SectionKind.INTRO, SectionKind.VERSE, SectionKind.CHORUS,
                    SectionKind.BRIDGE, SectionKind.OUTRO, SectionKind.ENDING)), "every common kind: " + kinds);
            assertEquals(EnumSet.of(Cue.FILL, Cue.HOLD, Cue.ENDING), cues);
            assertEquals(EnumSet.allOf(Feel.class), feels);
            assertTrue(endOfSong, "the song's end, with no section after it");
            // another song, and the band starts before that warm-up is through: it ends, the bandmate is reset
            h.session.load(Path.of("examples/songs/blue-morning.yaml"));
            h.step();
            int before = keys.windows.size();
            int resetsBefore = keys.resets;
            h.start();
            h.untilBeat(2);
            assertTrue(keys.resets > resetsBefore, "reset as the band starts");
            List<Double> after = keys.starts().subList(before, keys.windows.size());
            int firstReal = 0;
            while (firstReal < after.size() && after.get(firstReal) >= WarmUpSong.FIRST_BEAT) {
                firstReal++;
            }
            assertTrue(firstReal < after.size(), "it plays");
            assertTrue(after.subList(firstReal, after.size()).stream().allMatch(b -> b < WarmUpSong.FIRST_BEAT),
                    "no more warm-up once the band plays: " + after);
            assertTrue(before + firstReal < 2000 + 1000, "the second warm-up was cut short: " + firstReal);
            assertFalse(scheduler.of("keys").isEmpty(), "it plays");
        }
    }

    @Test
    void anOfflineSessionRunsOnTheCallersClock() {
        try (OfflineSession s = new OfflineSession(Map.of("tempo", 100, "warmUpPlans", 0), 0)) {
            TestAgents.RecordingScheduler scheduler = new TestAgents.RecordingScheduler();
            s.scheduler(scheduler);
            TestAgents.Player keys = new TestAgents.Player("keys", Role.KEYS);
            s.addBandmate(keys);
            s.manager().submit(s.manager().create("count-in", Map.of("bars", "0")),
                    io.perfsuite.api.command.Quantization.NOW);
            for (long t = 0; t <= 3_000_000_000L; t += 5_804_988L) {
                s.step(t);
            }
            assertTrue(s.context().playing());
            assertEquals(100, s.context().tempo().bpm(), 1e-9);
            assertTrue(keys.windows.size() >= 4, "planned on the caller's clock: " + keys.windows.size());
            assertFalse(scheduler.of("keys").isEmpty());
            assertThrows(IllegalArgumentException.class, () -> s.step(0), "the clock never goes back");
        }
        assertThrows(IllegalArgumentException.class, () -> new OfflineSession(Map.of("tempi", 100), 0),
                "a typo is an error, not a default");
    }
}
