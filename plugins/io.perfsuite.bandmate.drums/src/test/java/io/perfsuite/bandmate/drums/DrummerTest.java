// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

import static io.perfsuite.bandmate.drums.DrumPattern.CLOSED_HAT;
import static io.perfsuite.bandmate.drums.DrumPattern.CRASH;
import static io.perfsuite.bandmate.drums.DrumPattern.HIGH_TOM;
import static io.perfsuite.bandmate.drums.DrumPattern.KICK;
import static io.perfsuite.bandmate.drums.DrumPattern.LOW_TOM;
import static io.perfsuite.bandmate.drums.DrumPattern.MID_TOM;
import static io.perfsuite.bandmate.drums.DrumPattern.PEDAL_HAT;
import static io.perfsuite.bandmate.drums.DrumPattern.RIDE;
import static io.perfsuite.bandmate.drums.DrumPattern.SNARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.perfsuite.api.band.Role;
import io.perfsuite.api.band.kit.Humanizer;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.Section;

class DrummerTest {

    /** Humanised notes lie within this of their grid position. */
    static final double SLOP = Humanizer.MAX_OFFSET_BEATS + 1e-9;

    /** @return the beats in the bar (0-based) at which a key sounds on the beat, over the recorded notes */
    static Set<Integer> beatsOf(Recorder out, int key, int beatsPerBar) {
        Set<Integer> beats = new TreeSet<>();
        for (Recorder.Planned p : out.with(key)) {
            double nearest = Math.rint(p.beat());
            if (Math.abs(p.beat() - nearest) <= SLOP) {
                beats.add((int) Math.floorMod((long) nearest, beatsPerBar));
            }
        }
        return beats;
    }

    @Test
    void rockPutsKickOnOneAndThreeAndSnareOnTwoAndFour() {
        Recorder out = Songs.perform(Songs.drummer("rock"), 3, 18, b -> Songs.at(b).build());
        assertEquals(Set.of(0, 2), beatsOf(out, KICK, 4));
        assertEquals(Set.of(1, 3), beatsOf(out, SNARE, 4));
        // windows [4, 5) .. [19, 20): beat 20's hat may be humanised early into the last one
        assertEquals(32, out.with(CLOSED_HAT).stream().filter(p -> p.beat() < 19.9).count(),
                "eighth-note hats over four bars");
        assertEquals(4.0, out.with(CLOSED_HAT).get(0).beat(), 0.05, "the first hat is on the first beat");
        for (Recorder.Planned p : out.with(KICK)) {
            double nearest = Math.rint(p.beat());
            assertTrue(Math.abs(p.beat() - nearest) <= SLOP, "kicks on the beat at intensity 0.5: " + p);
        }
    }

    @Test
    void humanisationMovesNotesOffTheGridButNotFar() {
        Recorder out = Songs.perform(Songs.drummer("rock"), 3, 18, b -> Songs.at(b).build());
        long offGrid = out.notes.stream().filter(p -> Math.abs(p.beat() * 2 - Math.rint(p.beat() * 2)) > 1e-9)
                .count();
        assertTrue(offGrid > out.notes.size() / 2, "most notes humanised");
        // 5 ms at 120 BPM is 0.01 beat
        out.notes.forEach(p -> assertTrue(Math.abs(p.beat() * 4 - Math.rint(p.beat() * 4)) <= 0.04 + 1e-9, "" + p));
        assertTrue(out.notes.stream().mapToInt(Recorder.Planned::velocity).distinct().count() > 5);
    }

    @Test
    void threeFourKeepsTheWaltzBackbeat() {
        Recorder out = Songs.perform(Songs.drummer("rock"), 2, 13, b -> Songs.at(b).meter(Meter.parse("3/4")).build());
        assertEquals(Set.of(0), beatsOf(out, KICK, 3));
        assertEquals(Set.of(1, 2), beatsOf(out, SNARE, 3));
    }

    @Test
    void halfTimePutsTheBackbeatOnThree() {
        Recorder out = Songs.perform(Songs.drummer("rock"), 7, 22,
                b -> Songs.at(b).feel(Feel.HALF_TIME).build());
        assertEquals(Set.of(2), beatsOf(out, SNARE, 4), "one snare per bar, on 3");
        assertEquals(4, out.with(SNARE).size());
        assertEquals(16, out.with(CLOSED_HAT).stream().filter(p -> Math.rint(p.beat()) < 24).count(),
                "hats in quarters");
    }

    @Test
    void doubleTimeDoublesTheBackbeat() {
        Recorder out = Songs.perform(Songs.drummer("rock"), 7, 14, b -> Songs.at(b).feel(Feel.DOUBLE_TIME).build());
        assertEquals(8 * 2 / 2, out.with(SNARE).size(), "a snare every beat");
    }

    @Test
    void swingRidesWithSwungEighthsAndTheHatFootOnTwoAndFour() {
        Drummer swing = new Drummer(Songs.config("swing", 3, 0, 0));
        Recorder out = Songs.perform(swing, 3, 10, b -> Songs.at(b).build());
        assertEquals(Set.of(1, 3), beatsOf(out, PEDAL_HAT, 4));
        assertEquals(Set.of(0, 1, 2, 3), beatsOf(out, KICK, 4));
        List<Double> skips = out.with(RIDE).stream().map(Recorder.Planned::beat)
                .filter(b -> Math.abs(b - Math.rint(b)) > 0.1).toList();
        assertEquals(4, skips.size(), "the skip note before 3 and before 1");
        for (double b : skips) {
            assertEquals(2.0 / 3, b - Math.floor(b), 1e-9, "swung: on the last triplet");
            assertEquals(1, Math.floorMod((long) Math.floor(b), 2), "after 2 and after 4");
        }
        out.with(KICK).forEach(p -> assertTrue(p.velocity() < 50, "feathered kick: " + p));
    }

    @Test
    void funkAndBalladKeepTheBackbeat() {
        for (String style : new String[] {"funk", "ballad"}) {
            Recorder out = Songs.perform(Songs.drummer(style), 3, 10, b -> Songs.at(b).intensity(0.6).build());
            assertTrue(beatsOf(out, SNARE, 4).containsAll(Set.of(1, 3)), style);
            assertTrue(beatsOf(out, KICK, 4).contains(0), style);
        }
    }

    @Test
    void fillCuePlaysTomsInTheLastBeatBeforeTheBar() {
        Drummer drums = Songs.drummer("rock");
        Recorder out = Songs.perform(drums, 5, 5, b -> Songs.withCue(b, Cue.FILL));
        assertFalse(out.notes.isEmpty());
        for (Recorder.Planned p : out.notes) {
            assertTrue(p.note() < LOW_TOM || p.note() > HIGH_TOM, "the groove before the last beat: " + p);
        }
        out = Songs.perform(Songs.drummer("rock"), 5, 6, b -> Songs.withCue(b, Cue.FILL));
        Set<Integer> keys = new TreeSet<>();
        out.notes.stream().filter(p -> p.beat() > 6.9).forEach(p -> keys.add(p.note()));
        assertTrue(keys.contains(SNARE) && keys.contains(HIGH_TOM) && keys.contains(MID_TOM)
                && keys.contains(LOW_TOM), "snare into the toms: " + keys);
        assertFalse(keys.contains(CLOSED_HAT), "the groove stops for the fill");
        out = Songs.perform(drums, 7, 7, b -> Songs.withCue(b, Cue.FILL));
        assertEquals(1, out.with(CRASH).size(), "a crash on the downbeat after the fill");
    }

    @Test
    void fillsIntoTheNextSectionAndCrashesIntoIt() {
        Section verse = Section.named("Verse", 2);
        Section chorus = Section.named("Chorus", 8);
        Recorder out = Songs.perform(Songs.drummer("rock"), 0, 8,
                b -> Songs.at(b).sections(b < 8 ? verse : chorus, b < 8 ? chorus : null).build());
        assertTrue(out.notes.stream().anyMatch(p -> p.note() == HIGH_TOM && p.beat() > 6.9 && p.beat() < 8));
        assertTrue(out.notes.stream().noneMatch(p -> p.note() >= 45 && p.note() <= 50 && p.beat() < 6.9
                && p.note() != CRASH), "no fill before the last beat of the verse");
        assertEquals(1, out.with(CRASH).size());
        assertEquals(8.0, out.with(CRASH).get(0).beat(), SLOP);
        assertTrue(out.with(RIDE).stream().anyMatch(p -> p.beat() > 8.5), "the chorus opens up on the ride");
    }

    @Test
    void endingHitsOnTheNextDownbeatThenSilence() {
        Drummer drums = Songs.drummer("funk");
        Recorder out = Songs.perform(drums, 4, 20, b -> b < 5 ? Songs.at(b).build() : Songs.withCue(b, Cue.ENDING));
        List<Recorder.Planned> last = out.notes.stream().filter(p -> p.beat() >= 8 - 1e-9).toList();
        assertEquals(2, last.size(), "" + last);
        assertEquals(Set.of(CRASH, KICK), Set.of(last.get(0).note(), last.get(1).note()));
        assertEquals(8.0, last.get(0).beat());
        assertEquals(8.0, last.get(1).beat());
        assertTrue(out.notes.stream().anyMatch(p -> p.beat() > 7 && p.beat() < 8), "played up to the end");
    }

    @Test
    void countInClicksOnlyTheHatOnEachBeat() {
        Recorder out = Songs.perform(Songs.drummer("rock"), -9, -2, b -> Songs.withCue(b, Cue.COUNT_IN));
        assertEquals(List.of(-8.0, -7.0, -6.0, -5.0, -4.0, -3.0, -2.0, -1.0),
                out.notes.stream().map(Recorder.Planned::beat).toList());
        out.notes.forEach(p -> assertEquals(CLOSED_HAT, p.note()));
        assertEquals(105, out.notes.get(4).velocity(), "accent on the count-in bar's one");
        Recorder first = Songs.perform(Songs.drummer("rock"), -1, -1, b -> Songs.withCue(b, Cue.COUNT_IN));
        assertTrue(first.with(KICK).size() == 1, "the song starts on the downbeat after the count-in");
    }

    @Test
    void holdMarksTheHoldOnceThenLetsItRing() {
        Drummer drums = Songs.drummer("rock");
        Recorder out = Songs.perform(drums, 5, 12, b -> Songs.withCue(b, Cue.HOLD));
        assertEquals(2, out.notes.size(), "" + out.notes);
        assertEquals(6.0, out.with(CRASH).get(0).beat());
        drums.reset();
    }

    @Test
    void introIsSparserThanChorus() {
        Recorder intro = Songs.perform(Songs.drummer("rock"), 3, 18,
                b -> Songs.at(b).sections(Section.named("Intro", 0), null).build());
        Recorder chorus = Songs.perform(Songs.drummer("rock"), 3, 18,
                b -> Songs.at(b).sections(Section.named("Chorus", 0), null).build());
        assertTrue(intro.notes.size() < chorus.notes.size());
        assertTrue(intro.with(SNARE).isEmpty(), "side stick in the intro");
        double introLoud = intro.notes.stream().mapToInt(Recorder.Planned::velocity).average().orElseThrow();
        double chorusLoud = chorus.notes.stream().mapToInt(Recorder.Planned::velocity).average().orElseThrow();
        assertTrue(introLoud < chorusLoud);
    }

    @Test
    void sectionStylesOverrideTheStyle() {
        Drummer drums = new Drummer(Songs.config("rock", 1, 0, 0, "chorus=swing"));
        Recorder out = Songs.perform(drums, 3, 10, b -> Songs.at(b).sections(Section.named("Chorus", 0), null)
                .build());
        assertFalse(out.with(PEDAL_HAT).isEmpty(), "swing in the chorus");
        out = Songs.perform(drums, 3, 10, b -> Songs.at(b).build());
        assertTrue(out.with(PEDAL_HAT).isEmpty(), "rock in the verse");
    }

    @Test
    void theSongsStyleHintForTheSectionWinsOverTheConfiguration() {
        Drummer drums = new Drummer(Songs.config("rock", 1, 0, 0));
        Section swingChorus = Section.named("Chorus", 0).withStyles(java.util.Map.of("drums", "swing"));
        Recorder out = Songs.perform(drums, 3, 10, b -> Songs.at(b).sections(swingChorus, null).build());
        assertFalse(out.with(PEDAL_HAT).isEmpty(), "the song asks for swing in this chorus");
        Section byId = Section.named("Chorus", 0).withStyles(java.util.Map.of("drums", "rock", "drums-2", "swing"));
        out = Songs.perform(new Drummer(Songs.config("drums-2", "rock", 1, 0, 0)), 3, 10,
                b -> Songs.at(b).sections(byId, null).build());
        assertFalse(out.with(PEDAL_HAT).isEmpty(), "a hint for this player's id wins over the one for its role");
        Section unknown = Section.named("Chorus", 0).withStyles(java.util.Map.of("drums", "sidestick"));
        out = Songs.perform(new Drummer(Songs.config("rock", 1, 0, 0)), 3, 10,
                b -> Songs.at(b).sections(unknown, null).build());
        assertTrue(out.with(PEDAL_HAT).isEmpty(), "an unknown style name is ignored: the configured rock plays");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rock", "ballad", "funk", "swing"})
    void theSameWindowGivesTheSameNotes(String style) {
        Drummer a = Songs.drummer(style);
        Drummer b = Songs.drummer(style);
        Section verse = Section.named("Verse", 4);
        java.util.function.DoubleFunction<MusicalContext> song = x -> Songs.at(x).intensity(0.8)
                .sections(verse, Section.named("Chorus", 4)).build();
        Recorder first = Songs.perform(a, 0, 40, song);
        Recorder again = Songs.perform(b, 0, 40, song);
        assertEquals(first.notes, again.notes, "fresh instances");
        Recorder replay = Songs.perform(a, 10, 10, song);
        assertEquals(first.notes.stream().filter(p -> p.beat() >= 11 && p.beat() < 12).toList(), replay.notes,
                "a used instance replaying a window");
        assertNotEquals(first.notes, Songs.perform(new Drummer(Songs.config(style, 99, 5, 6)), 0, 40, song).notes,
                "another seed plays differently");
    }

    @Test
    void oneLongWindowEqualsManyShortOnes() {
        MusicalContext c = Songs.at(0).intensity(0.9).build();
        Recorder whole = new Recorder();
        Songs.drummer("funk").plan(c, 0, 8, whole.window(0, 8));
        Recorder parts = new Recorder();
        Drummer d = Songs.drummer("funk");
        double[] cuts = {0, 0.5, 1, 2.75, 3, 5, 8};
        for (int i = 0; i + 1 < cuts.length; i++) {
            d.plan(c, cuts[i], cuts[i + 1], parts.window(cuts[i], cuts[i + 1]));
        }
        assertEquals(whole.notes, parts.notes, "each note in exactly one window, however they are cut");
    }

    @Test
    void silentWhileStopped() {
        Recorder out = new Recorder();
        Songs.drummer("rock").plan(MusicalContext.initial(0), 0, 8, out);
        assertTrue(out.notes.isEmpty());
    }

    @Test
    void identityAndValidation() {
        Drummer d = new DefaultDrummer(Songs.config("rock", 1, 5, 6));
        assertEquals("drums", d.id());
        assertEquals(Role.DRUMS, d.role());
        assertThrows(IllegalArgumentException.class, () -> Songs.drummer("polka"));
        assertThrows(IllegalArgumentException.class, () -> new Drummer(Songs.config("rock", 1, 51, 6)));
        assertThrows(IllegalArgumentException.class, () -> new Drummer(Songs.config("rock", 1, 5, 6, "chorus")));
    }
}
