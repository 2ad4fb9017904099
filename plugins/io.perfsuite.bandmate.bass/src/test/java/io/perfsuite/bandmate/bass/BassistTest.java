// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.Section;

class BassistTest {

    /** @return the grid position a humanised note belongs to (sixteenths) */
    static double grid(double beat) {
        return Math.rint(beat * 4) / 4;
    }

    static boolean chordTone(Chord chord, int pitch) {
        return (chord.pitchClassMask() & 1 << Math.floorMod(pitch, 12)) != 0;
    }

    @ParameterizedTest
    @CsvSource({"root-fifth, 0.3", "root-fifth, 0.5", "root-fifth, 0.9", "walking, 0.3", "walking, 0.6",
        "walking, 0.9"})
    void playsChordTonesOfTheAnnotatedChord(String style, double intensity) {
        Recorder out = Songs.perform(Songs.bassist(style), -1, 30, b -> Songs.at(b).intensity(intensity).build());
        double onChord = 0;
        double total = 0;
        for (Recorder.Planned p : out.notes) {
            double at = grid(p.beat());
            total += p.duration();
            if (chordTone(Songs.chordAt(at, 4), p.note())) {
                onChord += p.duration();
            } else {
                // otherwise an approach or anticipation into the next bar's chord, on the last beat
                assertEquals(3, Math.floorMod((long) Math.floor(at), 4), style + " non-chord tone off beat 4: " + p);
                Chord next = Songs.chordAt(at + 1, 4);
                int toRoot = Math.floorMod(p.note() - next.root().pitchClass().semitone(), 12);
                assertTrue(toRoot <= 2 || toRoot >= 10, "leads into " + next + ": " + p);
            }
            assertTrue(p.note() >= 28 && p.note() <= 55, "in the register: " + p);
        }
        assertTrue(out.notes.size() >= 8 * 2);
        assertTrue(onChord / total >= 0.8, style + " on chord tones " + onChord / total);
    }

    @Test
    void walkingLandsOnTheRootAndApproachesTheNextChord() {
        Recorder out = Songs.perform(Songs.bassist("walking"), -2, 14, b -> Songs.at(b).intensity(0.6).build());
        assertEquals(16, out.notes.stream().filter(p -> p.beat() > -0.5 && p.beat() < 15.9).count(),
                "quarter notes");
        assertEquals(-1.0, out.notes.get(0).beat(), 0.05, "the first beat is played: " + out.notes.get(0));
        for (Recorder.Planned p : out.notes) {
            double at = grid(p.beat());
            Chord chord = Songs.chordAt(at, 4);
            if (Math.floorMod((long) at, 4) == 0) {
                assertEquals(chord.root().pitchClass().semitone(), p.note() % 12, "root on one: " + p);
            }
            if (Math.floorMod((long) at, 4) == 3) {
                int target = Songs.chordAt(at + 1, 4).root().pitchClass().semitone();
                int d = Math.floorMod(p.note() - target, 12);
                assertTrue(d == 1 || d == 2 || d == 10 || d == 11, "approach on four: " + p);
            }
        }
    }

    @Test
    void rootFifthAnticipatesTheNextChordOnTheLastEighth() {
        Recorder out = Songs.perform(Songs.bassist("root-fifth"), -1, 2, b -> Songs.at(b).intensity(0.6).build());
        Recorder.Planned push = out.notes.stream().filter(p -> grid(p.beat()) == 3.5).findFirst().orElseThrow();
        assertEquals(5, push.note() % 12, "F pushed before the F bar");
    }

    @Test
    void syncopatedPlaysShortSixteenthsWithRestsAndOctaves() {
        Recorder out = Songs.perform(Songs.bassist("syncopated"), -1, 14, b -> Songs.at(b).intensity(0.8).build());
        assertTrue(out.notes.size() < 16 * 4 * 3 / 4, "rests: " + out.notes.size());
        assertTrue(out.notes.stream().anyMatch(p -> grid(p.beat()) % 1 == 0.75), "sixteenth syncopation");
        boolean octave = false;
        for (int i = 1; i < out.notes.size(); i++) {
            octave |= Math.abs(out.notes.get(i).note() - out.notes.get(i - 1).note()) == 12;
        }
        assertTrue(octave, "octave pops");
        assertTrue(out.notes.stream().allMatch(p -> p.duration() <= 0.5));
    }

    @Test
    void fallsBackToTheKeyWithoutAChord() {
        Recorder out = Songs.perform(Songs.bassist("root-fifth"), -1, 6, b -> Songs.at(b)
                .chords(Chord.NO_CHORD, Chord.UNKNOWN).key(Key.parse("D major")).build());
        assertEquals(2, out.notes.get(0).note() % 12, "D");
        out.notes.forEach(p -> assertTrue(Set.of(2, 6, 9).contains(p.note() % 12), "D major triad: " + p));
        out = Songs.perform(Songs.bassist("root-fifth"), -1, 6, b -> MusicalContext.initial(0).next().playing(true)
                .at(0, b).build());
        assertTrue(out.notes.isEmpty(), "no chord, no key: nothing to play");
    }

    @Test
    void followsThreeFour() {
        Meter waltz = Meter.parse("3/4");
        Recorder out = Songs.perform(Songs.bassist("walking"), -2, 10, b -> Songs.at(b, waltz).build());
        // windows [-1, 0) .. [11, 12): the note of beat -1 comes first, even if humanised early (nothing before it)
        assertEquals(12, out.notes.stream().filter(p -> p.beat() > -0.5 && p.beat() < 11.9).count());
        assertEquals(-1.0, out.notes.get(0).beat(), 0.05, "the first beat is played: " + out.notes.get(0));
        for (Recorder.Planned p : out.notes) {
            double at = grid(p.beat());
            if (Math.floorMod((long) at, 3) == 0) {
                assertEquals(Songs.chordAt(at, 3).root().pitchClass().semitone(), p.note() % 12);
            }
        }
    }

    @Test
    void halfTimePlaysHalfAsMuch() {
        DoubleFunction<MusicalContext> normal = b -> Songs.at(b).intensity(0.8).build();
        DoubleFunction<MusicalContext> half = b -> Songs.at(b).intensity(0.8).feel(Feel.HALF_TIME).build();
        int n = Songs.perform(Songs.bassist("root-fifth"), -1, 30, normal).notes.size();
        int h = Songs.perform(Songs.bassist("root-fifth"), -1, 30, half).notes.size();
        assertTrue(h < n * 0.6 && h > n * 0.4, n + " vs " + h);
    }

    @Test
    void introIsSparse() {
        Recorder out = Songs.perform(Songs.bassist("syncopated"), -2, 14,
                b -> Songs.at(b).sections(Section.named("Intro", 0), null).build());
        assertEquals(4, out.notes.stream().filter(p -> p.beat() < 15.9).count(), "a long root a bar");
    }

    @Test
    void silentInTheCountIn() {
        Recorder out = Songs.perform(Songs.bassist("walking"), -9, -2, b -> Songs.at(b).cues(Set.of(Cue.COUNT_IN))
                .build());
        assertTrue(out.notes.stream().allMatch(p -> p.beat() > -0.2), "only the song's first note, if early");
        out = Songs.perform(Songs.bassist("walking"), -1, -1, b -> Songs.at(b).cues(Set.of(Cue.COUNT_IN)).build());
        // window [0, 1): the song's first note (not before its beat: there was no window before this one) and the
        // next one if humanised early
        assertTrue(out.notes.stream().anyMatch(p -> Math.abs(p.beat()) < 0.05), "the song starts: " + out.notes);
        assertTrue(out.notes.stream().allMatch(p -> p.beat() >= 0 && p.beat() < 1), "in the window: " + out.notes);
    }

    @Test
    void endsWithOneRootOnTheNextDownbeat() {
        Recorder out = Songs.perform(Songs.bassist("walking"), 4, 20,
                b -> Songs.at(b).cues(b < 5 ? Set.of() : Set.of(Cue.ENDING)).build());
        List<Recorder.Planned> last = out.notes.stream().filter(p -> p.beat() >= 7.95).toList();
        assertEquals(1, last.size(), "" + last);
        assertEquals(8.0, last.get(0).beat());
        assertEquals(Songs.chordAt(8, 4).root().pitchClass().semitone(), last.get(0).note() % 12);
        out.notes.forEach(p -> assertTrue(p.beat() + p.duration() <= 8 + 1e-9 || p.beat() >= 8, "rings on " + p));
    }

    @Test
    void holdSustainsOneRoot() {
        Recorder out = Songs.perform(Songs.bassist("syncopated"), 5, 16, b -> Songs.at(b).cues(Set.of(Cue.HOLD))
                .build());
        assertEquals(1, out.notes.size());
        assertEquals(6.0, out.notes.get(0).beat());
        assertEquals(8.0, out.notes.get(0).duration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"root-fifth", "walking", "syncopated"})
    void theSameWindowGivesTheSameNotes(String style) {
        DoubleFunction<MusicalContext> song = b -> Songs.at(b).intensity(0.7).build();
        Bassist a = Songs.bassist(style);
        Recorder first = Songs.perform(a, 0, 40, song);
        assertEquals(first.notes, Songs.perform(Songs.bassist(style), 0, 40, song).notes, "fresh instances");
        assertEquals(first.notes.stream().filter(p -> p.beat() >= 11 && p.beat() < 12).toList(),
                Songs.perform(a, 10, 10, song).notes, "a used instance replaying a window");
        assertNotEquals(first.notes, Songs.perform(new Bassist(Songs.config(style, 99)), 0, 40, song).notes);
    }

    @Test
    void oneLongWindowEqualsManyShortOnes() {
        MusicalContext c = Songs.at(0).intensity(0.9).build();
        Recorder whole = new Recorder();
        Songs.bassist("syncopated").plan(c, 0, 4, whole.window(0, 4));
        Recorder parts = new Recorder();
        Bassist d = Songs.bassist("syncopated");
        double[] cuts = {0, 0.5, 1, 2.75, 3, 4};
        for (int i = 0; i + 1 < cuts.length; i++) {
            d.plan(c, cuts[i], cuts[i + 1], parts.window(cuts[i], cuts[i + 1]));
        }
        assertEquals(whole.notes, parts.notes);
    }

    @Test
    void identityAndValidation() {
        Bassist b = new DefaultBassist(Songs.config("walking", 1));
        assertEquals("bass", b.id());
        assertEquals(Role.BASS, b.role());
        assertThrows(IllegalArgumentException.class, () -> Songs.bassist("slap"));
        assertThrows(IllegalArgumentException.class, () -> new Bassist(Songs.config("walking", 1, "bridge:funk")));
    }
}
