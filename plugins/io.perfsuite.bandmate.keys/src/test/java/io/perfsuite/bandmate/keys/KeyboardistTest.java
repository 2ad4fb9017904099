// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Section;

class KeyboardistTest {

    /** @return the chords played, by onset, each as its ascending notes */
    static Map<Double, List<Integer>> chords(Recorder out) {
        Map<Double, List<Integer>> chords = new TreeMap<>();
        for (Recorder.Planned p : out.notes) {
            chords.computeIfAbsent(p.beat(), b -> new ArrayList<>()).add(p.note());
        }
        chords.values().forEach(v -> v.sort(null));
        return chords;
    }

    static int mask(List<Integer> notes) {
        int m = 0;
        for (int n : notes) {
            m |= 1 << (n % 12);
        }
        return m;
    }

    /** The least movement any close voicing of the chord in the register could make from a voicing. */
    static int leastMovement(List<Integer> from, Chord to) {
        int best = Integer.MAX_VALUE;
        int k = Integer.bitCount(to.pitchClassMask());
        for (int bottom = 52; bottom <= 76; bottom++) {
            for (int top = bottom; top <= Math.min(76, bottom + 12); top++) {
                // enumerate subsets of [bottom, top] of size k with the chord's classes, bottom and top included
                best = Math.min(best, search(from, to.pitchClassMask(), k, bottom, top));
            }
        }
        return best;
    }

    private static int search(List<Integer> from, int mask, int k, int bottom, int top) {
        int best = Integer.MAX_VALUE;
        int span = top - bottom + 1;
        for (int bits = 0; bits < 1 << span; bits++) {
            if (Integer.bitCount(bits) != k || (bits & 1) == 0 || (bits >> (span - 1) & 1) == 0) {
                continue;
            }
            List<Integer> v = new ArrayList<>();
            for (int i = 0; i < span; i++) {
                if ((bits >> i & 1) != 0) {
                    v.add(bottom + i);
                }
            }
            if (mask(v) != mask || v.size() != from.size()) {
                continue;
            }
            int move = 0;
            for (int i = 0; i < k; i++) {
                move += Math.abs(v.get(i) - from.get(i));
            }
            best = Math.min(best, move);
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pads", "comping"})
    void voicingsHoldTheChordAndMoveByTheLeastSteps(String style) {
        Recorder out = Songs.perform(Songs.keyboardist(style), -2, 30, b -> Songs.at(b).intensity(0.7).build());
        List<Integer> previous = null;
        Chord previousChord = null;
        for (Map.Entry<Double, List<Integer>> e : chords(out).entrySet()) {
            double at = Math.rint(e.getKey() * 2) / 2;
            List<Integer> v = e.getValue();
            // a push on the last eighth plays the next bar's chord
            Chord chord = Songs.chordAt(at % 1 == 0.5 && Math.floorMod((long) at, 4) == 3 ? at + 1 : at, 4);
            assertEquals(chord.pitchClassMask(), mask(v), "the chord's pitch classes at " + at + ": " + v);
            v.forEach(n -> assertTrue(n >= 52 && n <= 76, "in the register: " + v));
            if (previous != null && !chord.equals(previousChord) && previous.size() == v.size()) {
                int move = 0;
                for (int i = 0; i < v.size(); i++) {
                    move += Math.abs(v.get(i) - previous.get(i));
                }
                assertEquals(leastMovement(previous, chord), move, previousChord + " -> " + chord + ": "
                        + previous + " -> " + v);
                assertTrue(move <= 6, "small steps: " + previous + " -> " + v);
            }
            previous = v;
            previousChord = chord;
        }
    }

    @Test
    void padsSustainEachBar() {
        Recorder out = Songs.perform(Songs.keyboardist("pads"), -2, 14, b -> Songs.at(b).build());
        // struck on entry (beat -1, the last of a bar), then once a bar
        assertEquals(5, chords(out).size(), "one chord a bar: " + chords(out).keySet());
        out.notes.stream().filter(p -> p.beat() > -0.5)
                .forEach(p -> assertTrue(p.duration() > 3.5, "sustained: " + p));
    }

    @Test
    void padsStrikeAtOnceWhenTheyComeInMidBarAndAfterAReset() {
        Keyboardist keys = Songs.keyboardist("pads");
        Recorder joined = Songs.perform(keys, 1, 7, b -> Songs.at(b).build()); // first window [2, 3): beat 3 of 4
        Map<Double, List<Integer>> chords = chords(joined);
        double first = chords.keySet().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(2.0, first, 0.1, "struck on the first beat it plays, not at the next bar line: " + chords);
        assertTrue(joined.notes.stream().filter(p -> Math.abs(p.beat() - first) < 1e-9)
                .allMatch(p -> p.duration() < 2.0), "held to the bar line only");
        keys.reset(); // what the session does when it released the player's notes
        Recorder again = Songs.perform(keys, 9, 10, b -> Songs.at(b).build()); // [10, 11): beat 3 of 4
        assertEquals(10.0, chords(again).keySet().stream().mapToDouble(Double::doubleValue).min().orElseThrow(), 0.1,
                "struck again after the reset");
        Recorder continued = Songs.perform(keys, 11, 11, b -> Songs.at(b).build()); // [12, 13): a bar line
        assertEquals(Set.of(12.0), chords(continued).keySet().stream().map(Math::rint).collect(
                java.util.stream.Collectors.toSet()), "then on the bar lines as before");
    }

    @Test
    void compingStabsAndPushesIntoChanges() {
        Recorder out = Songs.perform(Songs.keyboardist("comping"), -2, 200, b -> Songs.at(b).intensity(0.9).build());
        assertTrue(out.notes.stream().allMatch(p -> p.duration() <= 0.9));
        assertTrue(chords(out).keySet().stream().anyMatch(b -> Math.floorMod((long) Math.rint(b * 2), 8) == 7),
                "some pushes on the and of four");
    }

    @Test
    void seventhChordsGetFourVoices() {
        DoubleFunction<MusicalContext> jazz = b -> Songs.at(b).chords(Chord.parse("D:min7"), Chord.parse("G:7"))
                .build();
        Recorder out = Songs.perform(Songs.keyboardist("pads"), -2, 6, jazz);
        for (List<Integer> v : chords(out).values()) {
            assertEquals(4, v.size());
        }
        assertEquals(Chord.parse("G:7").pitchClassMask(), mask(chords(out).get(4.0 + out.notes.stream()
                .filter(p -> p.beat() > 3.5).findFirst().orElseThrow().beat() - 4.0)));
    }

    @Test
    void silentInTheCountInAndEndsOnOneChord() {
        Keyboardist keys = Songs.keyboardist("comping");
        Recorder count = Songs.perform(keys, -9, -2, b -> Songs.at(b).cues(Set.of(Cue.COUNT_IN)).build());
        assertTrue(count.notes.stream().allMatch(p -> p.beat() > -0.2));
        Recorder out = Songs.perform(Songs.keyboardist("pads"), 4, 20,
                b -> Songs.at(b).cues(b < 5 ? Set.of() : Set.of(Cue.ENDING)).build());
        Map<Double, List<Integer>> last = new TreeMap<>(chords(out));
        last.keySet().removeIf(b -> b < 7.95);
        assertEquals(Set.of(8.0), last.keySet());
        assertEquals(Songs.chordAt(8, 4).pitchClassMask(), mask(last.get(8.0)));
        out.notes.forEach(p -> assertTrue(p.beat() >= 8 || p.beat() + p.duration() <= 8 + 1e-9));
    }

    @Test
    void holdSustainsOneChord() {
        Recorder out = Songs.perform(Songs.keyboardist("comping"), 5, 16, b -> Songs.at(b).cues(Set.of(Cue.HOLD))
                .build());
        assertEquals(Set.of(6.0), chords(out).keySet());
    }

    @Test
    void introIsSofterThanChorus() {
        Recorder intro = Songs.perform(Songs.keyboardist("pads"), -2, 14,
                b -> Songs.at(b).sections(Section.named("Intro", 0), null).build());
        Recorder chorus = Songs.perform(Songs.keyboardist("pads"), -2, 14,
                b -> Songs.at(b).sections(Section.named("Chorus", 0), null).build());
        assertTrue(intro.notes.stream().mapToInt(Recorder.Planned::velocity).average().orElseThrow()
                < chorus.notes.stream().mapToInt(Recorder.Planned::velocity).average().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pads", "comping"})
    void theSameWindowsGiveTheSameNotes(String style) {
        DoubleFunction<MusicalContext> song = b -> Songs.at(b).intensity(0.7).build();
        Keyboardist a = Songs.keyboardist(style);
        Recorder first = Songs.perform(a, 0, 40, song);
        assertEquals(first.notes, Songs.perform(Songs.keyboardist(style), 0, 40, song).notes, "fresh instances");
        assertEquals(first.notes.stream().filter(p -> p.beat() >= 41).toList(), Songs.perform(a, 40, 40, song).notes,
                "replaying the last window");
    }

    @Test
    void identityAndValidation() {
        Keyboardist k = new DefaultKeyboardist(Songs.config("pads", 1));
        assertEquals("keys", k.id());
        assertEquals(Role.KEYS, k.role());
        assertThrows(IllegalArgumentException.class, () -> Songs.keyboardist("organ"));
    }
}
