// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi;

import io.perfsuite.midi.testkit.MidiTestKit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Tempo;

/** The live scheduler's rules on a clock the caller moves. */
class OfflineNoteSchedulerTest {

    static final long BLOCK = 5_804_989L; // 256 frames at 44.1 kHz

    /** A playing context: beat {@code beat} at time {@code nanos}, at a tempo. */
    static MusicalContext at(long nanos, double beat, double bpm) {
        return MusicalContext.initial(0).next().at(nanos, beat).tempo(new Tempo(bpm), 1).playing(true).build();
    }

    static OfflineNoteScheduler scheduler() {
        return new OfflineNoteScheduler(new String[0], OfflineNoteScheduler.DEFAULT_LATE_TOLERANCE_NANOS, 0);
    }

    /** Advances block by block from {@code from} to {@code to} with one context. */
    static long run(OfflineNoteScheduler s, long from, long to, MusicalContext c) {
        long t = from;
        while (t < to) {
            s.advance(t + BLOCK, c);
            t += BLOCK;
        }
        return t;
    }

    @Test
    void everyEventIsPlayedAtItsTimeWithTheNewestContext() {
        OfflineNoteScheduler s = scheduler();
        s.note("drums", 1, 36, 100, 0.5);
        s.note("drums", 2, 38, 100, 0.5);
        long t = run(s, 0, 600_000_000L, at(0, 0, 120)); // beat 1 at 0.5 s
        // the performer slows down: from now on beat 2 is due at 1.2 s, not 1.0 s
        MusicalContext slower = at(t, 1.2, 100);
        run(s, t, 2_000_000_000L, slower);
        List<OfflineNoteScheduler.PlayedNote> played = s.played();
        assertEquals(2, played.size());
        assertEquals(500_000_000L, played.get(0).onNanos());
        assertEquals(slower.nanosAt(2), played.get(1).onNanos(), "beat 2 with the newer context");
        assertEquals(slower.nanosAt(1.5), played.get(0).offNanos(), "the first note's end too: it was still due");
        assertEquals(0, s.counts().late());
        assertEquals(9, s.routes().get("drums")[0], "drums on channel 10 by default");
    }

    @Test
    void lateNotesArePlayedAtOnceOrDroppedBeyondTheToleranceButTheirOffsAlwaysCome() {
        OfflineNoteScheduler s = scheduler();
        long t = run(s, 0, 1_000_000_000L, at(0, 0, 120)); // the clock is past beat 2 (1.0 s)
        s.note("keys", 1.99, 60, 90, 1); // due 5 ms ago: played now, counted late
        s.note("keys", 1.5, 62, 90, 1); // due 250 ms ago: dropped
        run(s, t, 3_000_000_000L, at(0, 0, 120));
        List<OfflineNoteScheduler.PlayedNote> played = s.played();
        assertEquals(1, played.size());
        assertEquals(60, played.get(0).note());
        assertTrue(played.get(0).offNanos() > played.get(0).onNanos());
        assertEquals(1, s.counts().droppedLate());
        assertTrue(s.counts().late() >= 1 && s.counts().maxLateMillis() < 20, s.counts().toString());
        s.finish(3_000_000_000L);
        MidiTestKit.assertBalanced(s.sequence());
    }

    @Test
    void aKeyHeldTwiceSoundsUntilItsLastHolderEndsAndReleasesEndEverythingNow() {
        OfflineNoteScheduler s = scheduler();
        s.note("keys", 1, 60, 90, 2); // 0.5 s .. 1.5 s
        s.note("keys", 2, 60, 80, 0.5); // 1.0 s .. 1.25 s: a retrigger of the sounding key
        s.note("bass", 1, 36, 90, 8); // 0.5 s .. 4.5 s
        s.note("bass", 3, 38, 90, 1); // pending when the bass is released
        long t = run(s, 0, 1_300_000_000L, at(0, 0, 120));
        List<OfflineNoteScheduler.PlayedNote> keys = s.played().stream().filter(n -> n.bandmate().equals("keys"))
                .toList();
        assertEquals(2, keys.size());
        assertEquals(1_000_000_000L, keys.get(0).offNanos(), "ended where it is struck again");
        s.release("bass");
        run(s, t, 5_000_000_000L, at(0, 0, 120));
        List<OfflineNoteScheduler.PlayedNote> bass = s.played().stream().filter(n -> n.bandmate().equals("bass"))
                .toList();
        assertEquals(1, bass.size(), "the pending bass note is dropped");
        assertTrue(bass.get(0).offNanos() >= t && bass.get(0).offNanos() < t + BLOCK, "ended at the release");
        assertEquals(1_500_000_000L, s.played().stream().filter(n -> n.bandmate().equals("keys")).toList().get(1)
                .offNanos(), "the key is released when its first holder ends it, not before");
        s.finish(5_000_000_000L);
        MidiTestKit.assertBalanced(s.sequence());
    }

    @Test
    void nonsenseIsRefusedAndCounted() {
        OfflineNoteScheduler s = scheduler();
        s.note("keys", Double.NaN, 60, 90, 1);
        s.note("keys", 1, 128, 90, 1);
        s.note("keys", 1, 60, 0, 1);
        s.note("keys", 1, 60, 90, -1);
        s.control("keys", 1, 120, 0);
        s.note("nobody-knows-me", 1, 60, 90, 1);
        run(s, 0, 2_000_000_000L, at(0, 0, 120));
        assertEquals(5, s.counts().rejected());
        assertEquals(1, s.counts().unrouted());
        assertTrue(s.played().isEmpty());
        s.finish(2_000_000_000L);
        assertNull(s.sequence(), "nothing played, no file");
    }

}
