// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Dynamics;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.MusicalTime;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.Tempo;

class MusicalContextTest {

    private static final long T0 = 1_000_000_000_000L;
    private static final long HALF_SECOND = 500_000_000L;

    private static MusicalContext at(double beat) {
        return MusicalContext.initial(T0).next().at(T0, beat).build();
    }

    private static MusicalContext full() {
        return MusicalContext.initial(T0).next()
                .at(T0 + 123, 17.25)
                .mode(SystemMode.PERFORMANCE)
                .degradation(DegradationLevel.NO_MCP)
                .playing(true)
                .tempo(new Tempo(96), 0.75)
                .meter(new Meter(3, 4))
                .nextBeatNanos(T0 + 456)
                .chords(Chord.parse("C:maj"), Chord.parse("A:min"))
                .key(Key.parse("C major"))
                .dynamics(new Dynamics(-20, -6, -18))
                .intensity(0.8)
                .sections(Section.named("Verse 1", 8), Section.named("Chorus", 8))
                .build();
    }

    @Test
    void initialValues() {
        MusicalContext c = MusicalContext.initial(T0);

        assertEquals(0, c.sequence());
        assertEquals(T0, c.timestampNanos());
        assertEquals(SystemMode.SETUP, c.mode());
        assertEquals(DegradationLevel.FULL, c.degradation());
        assertFalse(c.playing());
        assertEquals(new Tempo(120), c.tempo());
        assertEquals(0.0, c.tempoConfidence());
        assertEquals(Meter.COMMON, c.meter());
        assertEquals(new Meter(4, 4), c.meter());
        assertEquals(0.0, c.beat());
        assertEquals(T0 + HALF_SECOND, c.nextBeatNanos());
        assertEquals(Chord.NO_CHORD, c.chord());
        assertTrue(c.chord().isNoChord());
        assertEquals(Chord.NO_CHORD, c.nextChord());
        assertEquals(Optional.empty(), c.key());
        assertEquals(Dynamics.SILENCE, c.dynamics());
        assertEquals(0.5, c.intensity());
        assertEquals(MusicalContext.FREE, c.section());
        assertTrue(c.section().isOpenEnded());
        assertEquals(Optional.empty(), c.nextSection());
        assertEquals(new MusicalTime(1, 1, 0.0), c.position());
    }

    @Test
    void initialNextBeatIsOneBeatAhead() {
        MusicalContext c = MusicalContext.initial(T0);

        assertEquals(c.nanosAt(1.0), c.nextBeatNanos());
    }

    @Test
    void nextIncrementsSequenceAndKeepsEverythingElse() {
        MusicalContext c = full();

        MusicalContext n = c.next().build();

        assertEquals(c.sequence() + 1, n.sequence());
        MusicalContext expected = new MusicalContext(c.sequence() + 1, c.timestampNanos(), c.mode(),
                c.degradation(), c.playing(), c.tempo(), c.tempoConfidence(), c.meter(), c.beat(),
                c.nextBeatNanos(), c.chord(), c.nextChord(), c.key(), c.dynamics(), c.intensity(), c.section(),
                c.nextSection(), c.feel(), c.cues());
        assertEquals(expected, n);
        assertNotEquals(c, n);
    }

    @Test
    void builderSetsEveryField() {
        MusicalContext c = full();

        assertEquals(1, c.sequence());
        assertEquals(T0 + 123, c.timestampNanos());
        assertEquals(17.25, c.beat());
        assertEquals(SystemMode.PERFORMANCE, c.mode());
        assertEquals(DegradationLevel.NO_MCP, c.degradation());
        assertTrue(c.playing());
        assertEquals(new Tempo(96), c.tempo());
        assertEquals(0.75, c.tempoConfidence());
        assertEquals(new Meter(3, 4), c.meter());
        assertEquals(T0 + 456, c.nextBeatNanos());
        assertEquals(Chord.parse("C:maj"), c.chord());
        assertEquals(Chord.parse("A:min"), c.nextChord());
        assertEquals(Optional.of(Key.parse("C major")), c.key());
        assertEquals(new Dynamics(-20, -6, -18), c.dynamics());
        assertEquals(0.8, c.intensity());
        assertEquals(Section.named("Verse 1", 8), c.section());
        assertEquals(Optional.of(Section.named("Chorus", 8)), c.nextSection());
    }

    @Test
    void sequenceCountsUpOverSnapshots() {
        MusicalContext c = MusicalContext.initial(T0);
        for (int i = 1; i <= 5; i++) {
            c = c.next().build();
            assertEquals(i, c.sequence());
        }
    }

    @Test
    void nextDoesNotChangeTheOriginal() {
        MusicalContext c = full();

        MusicalContext n = c.next().playing(false).intensity(0.1).at(T0 + 999, 20).build();

        assertNotSame(c, n);
        assertTrue(c.playing());
        assertEquals(0.8, c.intensity());
        assertEquals(17.25, c.beat());
        assertEquals(1, c.sequence());
        assertFalse(n.playing());
        assertEquals(0.1, n.intensity());
        assertEquals(20.0, n.beat());
        assertEquals(T0 + 999, n.timestampNanos());
    }

    @Test
    void nullKeyAndNextSectionBecomeEmpty() {
        MusicalContext c = full().next().key(null).sections(Section.named("Bridge", 4), null).build();

        assertEquals(Optional.empty(), c.key());
        assertEquals(Optional.empty(), c.nextSection());
        assertEquals(Section.named("Bridge", 4), c.section());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void intensityAndConfidenceBoundsAreAccepted(double value) {
        MusicalContext c = MusicalContext.initial(T0).next().intensity(value).tempo(new Tempo(120), value).build();

        assertEquals(value, c.intensity());
        assertEquals(value, c.tempoConfidence());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, 1.001, -1, 2, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void intensityOutOfRangeIsRejected(double value) {
        MusicalContext.Builder b = MusicalContext.initial(T0).next().intensity(value);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("intensity"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, 1.001, -1, 2, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void tempoConfidenceOutOfRangeIsRejected(double value) {
        MusicalContext.Builder b = MusicalContext.initial(T0).next().tempo(new Tempo(120), value);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("tempoConfidence"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteBeatIsRejected(double value) {
        MusicalContext.Builder b = MusicalContext.initial(T0).next().at(T0, value);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("beat"), e.getMessage());
    }

    @Test
    void nullComponentsAreRejected() {
        MusicalContext c = MusicalContext.initial(T0);
        Chord n = Chord.NO_CHORD;

        assertNpe("mode", () -> c.next().mode(null).build());
        assertNpe("degradation", () -> c.next().degradation(null).build());
        assertNpe("tempo", () -> c.next().tempo(null, 0.5).build());
        assertNpe("meter", () -> c.next().meter(null).build());
        assertNpe("chord", () -> c.next().chords(null, n).build());
        assertNpe("nextChord", () -> c.next().chords(n, null).build());
        assertNpe("dynamics", () -> c.next().dynamics(null).build());
        assertNpe("section", () -> c.next().sections(null, null).build());
    }

    @Test
    void nullOptionalsAreRejectedByTheConstructor() {
        MusicalContext c = MusicalContext.initial(T0);

        assertNpe("key", () -> new MusicalContext(0, T0, c.mode(), c.degradation(), false, c.tempo(), 0, c.meter(),
                0, 0, c.chord(), c.nextChord(), null, c.dynamics(), 0.5, c.section(), Optional.empty(), Feel.NORMAL, Set.of()));
        assertNpe("nextSection", () -> new MusicalContext(0, T0, c.mode(), c.degradation(), false, c.tempo(), 0,
                c.meter(), 0, 0, c.chord(), c.nextChord(), Optional.empty(), c.dynamics(), 0.5, c.section(), null,
                Feel.NORMAL, Set.of()));
        assertNpe("feel", () -> new MusicalContext(0, T0, c.mode(), c.degradation(), false, c.tempo(), 0,
                c.meter(), 0, 0, c.chord(), c.nextChord(), Optional.empty(), c.dynamics(), 0.5, c.section(),
                Optional.empty(), null, Set.of()));
        assertNpe("cues", () -> c.next().cues(null).build());
    }

    @Test
    void cuesAreCopiedAndQueried() {
        java.util.EnumSet<Cue> mutable = java.util.EnumSet.of(Cue.FILL);
        MusicalContext c = MusicalContext.initial(T0).next().cues(mutable).feel(Feel.HALF_TIME).build();
        mutable.add(Cue.HOLD);

        assertTrue(c.has(Cue.FILL));
        assertFalse(c.has(Cue.HOLD));
        assertEquals(Feel.HALF_TIME, c.feel());
        assertEquals(0.5, c.feel().factor());
        assertThrows(UnsupportedOperationException.class, () -> c.cues().add(Cue.ENDING));
        assertEquals(Feel.NORMAL, MusicalContext.initial(T0).feel());
        assertTrue(MusicalContext.initial(T0).cues().isEmpty());
    }

    private static void assertNpe(String component, Runnable build) {
        NullPointerException e = assertThrows(NullPointerException.class, build::run);
        assertEquals(component, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "0.0, 1, 1, 0.0",
        "0.5, 1, 1, 0.5",
        "3.75, 1, 4, 0.75",
        "4.0, 2, 1, 0.0",
        "5.5, 2, 2, 0.5",
        "15.25, 4, 4, 0.25",
        "16.0, 5, 1, 0.0"
    })
    void positionInCommonTime(double beat, int bar, int beatInBar, double fraction) {
        assertEquals(new MusicalTime(bar, beatInBar, fraction), at(beat).position());
    }

    @ParameterizedTest
    @CsvSource({
        "-1.0, 0, 4, 0.0",
        "-0.5, 0, 4, 0.5",
        "-4.0, 0, 1, 0.0",
        "-3.25, 0, 1, 0.75",
        "-5.0, -1, 4, 0.0"
    })
    void negativeBeatsFallInTheCountIn(double beat, int bar, int beatInBar, double fraction) {
        MusicalTime position = at(beat).position();

        assertEquals(new MusicalTime(bar, beatInBar, fraction), position);
        assertTrue(position.bar() <= 0, position.toString());
    }

    @Test
    void positionUsesTheContextMeter() {
        MusicalContext waltz = MusicalContext.initial(T0).next().meter(new Meter(3, 4)).at(T0, 7.5).build();
        MusicalContext common = waltz.next().meter(Meter.COMMON).build();

        assertEquals(new MusicalTime(3, 2, 0.5), waltz.position());
        assertEquals(new MusicalTime(2, 4, 0.5), common.position());
    }

    @ParameterizedTest
    @CsvSource({
        "0.0, 0.0",
        "3.0, 0.0",
        "5.25, 0.25",
        "5.5, 0.5",
        "7.75, 0.75",
        "-0.25, 0.75",
        "-1.0, 0.0",
        "-2.5, 0.5"
    })
    void beatPhase(double beat, double phase) {
        double actual = at(beat).beatPhase();

        assertEquals(phase, actual, 1e-12);
        assertTrue(actual >= 0 && actual < 1, "phase " + actual);
    }

    @Test
    void beatPhaseAgreesWithPositionFraction() {
        for (double beat = -8; beat < 8; beat += 0.125) {
            MusicalContext c = at(beat);
            assertEquals(c.position().fraction(), c.beatPhase(), 1e-12, "beat " + beat);
        }
    }

    @Test
    void oneBeatAt120BpmIsHalfASecond() {
        MusicalContext c = at(8);

        assertEquals(T0, c.nanosAt(8));
        assertEquals(T0 + HALF_SECOND, c.nanosAt(9));
        assertEquals(T0 + 2 * HALF_SECOND, c.nanosAt(10));
        assertEquals(T0 + HALF_SECOND / 2, c.nanosAt(8.5));
        assertEquals(T0 - HALF_SECOND, c.nanosAt(7));
        assertEquals(T0 - 8 * HALF_SECOND, c.nanosAt(0));

        assertEquals(8.0, c.beatAt(T0));
        assertEquals(9.0, c.beatAt(T0 + HALF_SECOND));
        assertEquals(8.5, c.beatAt(T0 + HALF_SECOND / 2));
        assertEquals(8.25, c.beatAt(T0 + HALF_SECOND / 4));
        assertEquals(6.0, c.beatAt(T0 - 2 * HALF_SECOND));
        assertEquals(10.0, c.beatAt(T0 + 1_000_000_000L));
    }

    @Test
    void timingFollowsTheContextTempo() {
        MusicalContext slow = at(0).next().tempo(new Tempo(60), 1).build();
        MusicalContext fast = at(0).next().tempo(new Tempo(240), 1).build();

        assertEquals(T0 + 1_000_000_000L, slow.nanosAt(1));
        assertEquals(T0 + 250_000_000L, fast.nanosAt(1));
        assertEquals(2.0, slow.beatAt(T0 + 2_000_000_000L));
        assertEquals(8.0, fast.beatAt(T0 + 2_000_000_000L));
    }

    @Test
    void nanosAtAndBeatAtAreInverse() {
        for (double bpm : new double[] {120, 90, 137.5, 61.3}) {
            MusicalContext c = MusicalContext.initial(T0).next().tempo(new Tempo(bpm), 1).at(T0 + 77, 3.375)
                    .build();
            long beatNanos = c.tempo().beatNanos();
            for (double beat = -4; beat <= 12; beat += 0.25) {
                long t = c.nanosAt(beat);
                assertEquals(beat, c.beatAt(t), 1.0 / beatNanos, bpm + " BPM, beat " + beat);
            }
            for (long t = T0 - 3_000_000_000L; t <= T0 + 3_000_000_000L; t += 123_456_789L) {
                double beat = c.beatAt(t);
                assertEquals(t, c.nanosAt(beat), 1, bpm + " BPM, t " + t);
            }
            assertEquals(beatNanos, c.nanosAt(c.beat() + 1) - c.nanosAt(c.beat()));
            assertEquals(1.0, c.beatAt(c.timestampNanos() + beatNanos) - c.beat(), 1e-12);
        }
    }

    @Test
    void degradationLevelAtLeast() {
        DegradationLevel[] levels = DegradationLevel.values();
        assertEquals(DegradationLevel.FULL, levels[0]);
        assertEquals(DegradationLevel.MINIMAL, levels[levels.length - 1]);
        for (int i = 0; i < levels.length; i++) {
            for (int j = 0; j < levels.length; j++) {
                assertEquals(i >= j, levels[i].atLeast(levels[j]), levels[i] + " atLeast " + levels[j]);
            }
        }
        assertTrue(DegradationLevel.MINIMAL.atLeast(DegradationLevel.FULL));
        assertTrue(DegradationLevel.NO_MCP.atLeast(DegradationLevel.NO_VISUAL_DETAIL));
        assertTrue(DegradationLevel.NO_MCP.atLeast(DegradationLevel.NO_MCP));
        assertFalse(DegradationLevel.NO_MCP.atLeast(DegradationLevel.NO_ANIMATION));
        assertFalse(DegradationLevel.FULL.atLeast(DegradationLevel.NO_VISUAL_DETAIL));
    }
}
