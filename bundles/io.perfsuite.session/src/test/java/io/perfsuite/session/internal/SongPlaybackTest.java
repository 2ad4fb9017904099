// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.SectionKind;
import io.perfsuite.api.session.SongFormatException;

/** Songs: sections in order, chart chords in the context, the ending; free mode without a song. */
class SongPlaybackTest {

    private static final Path BLUE = Paths.get("examples/songs/blue-morning.yaml");

    private static Chord c(String harte) {
        return Chord.parse(harte);
    }

    @Test
    void loadingASongSetsTempoKeyMeterAndTheFirstSection() throws Exception {
        try (Harness h = new Harness()) {
            assertEquals(List.of("Blue Morning"), h.session.load(BLUE));
            h.step();
            MusicalContext ctx = h.ctx();
            assertEquals(96, ctx.tempo().bpm(), 1e-9);
            assertEquals(Key.parse("F# minor"), ctx.key().orElseThrow());
            assertEquals("Intro", ctx.section().name());
            assertEquals(java.util.Map.of("drums", "sidestick", "bass", "root"), ctx.section().styles(),
                    "the song's style hints reach the bandmates in the context");
            assertEquals(java.util.Optional.of("root"), ctx.section().styleFor("bass-1", "bass"));
            assertEquals("Verse 1", ctx.nextSection().orElseThrow().name());
            assertEquals(Chord.NO_CHORD, ctx.chord(), "nothing sounds before the start");
            assertEquals(c("F#:min"), ctx.nextChord(), "the chart's first chord is what comes");
            assertEquals(0.3, ctx.intensity(), 1e-9);
            assertFalse(ctx.playing());
        }
    }

    @Test
    void sectionsFollowEachOtherAndTheChartDrivesTheChords() throws Exception {
        try (Harness h = new Harness()) {
            h.session.load(BLUE);
            h.step();
            TestAgents.Recorder sections = new TestAgents.Recorder();
            h.bind(sections, ContextChange.SECTION);
            h.start();
            assertEquals(c("F#:min"), h.ctx().chord());
            assertEquals(c("D"), h.ctx().nextChord());
            h.untilBeat(4);
            assertEquals(c("D"), h.ctx().chord());
            assertEquals(c("A"), h.ctx().nextChord());
            h.untilBeat(12);
            assertEquals(c("E"), h.ctx().chord());
            assertEquals(c("F#:min"), h.ctx().nextChord(), "across the section line: the verse's first chord");
            h.untilBeat(15);
            assertEquals("Intro", h.ctx().section().name());
            h.untilBeat(16);
            assertEquals("Verse 1", h.ctx().section().name());
            assertEquals(0.5, h.ctx().intensity(), 1e-9);
            h.untilBeat(24);
            assertEquals(c("A"), h.ctx().chord());
            assertEquals(c("E"), h.ctx().nextChord());
            h.untilBeat(26);
            assertEquals(c("E"), h.ctx().chord(), "two chords split the bar");
            h.untilBeat(48);
            assertEquals("Chorus", h.ctx().section().name());
            assertEquals(SectionKind.CHORUS, h.ctx().section().kind());
            h.untilBeat(123);
            assertEquals("Outro", h.ctx().section().name());
            assertFalse(h.ctx().has(Cue.ENDING));
            h.untilBeat(124);
            assertTrue(h.ctx().has(Cue.ENDING), "the last bar of the song is the ending");
            h.untilBeat(127);
            assertTrue(h.ctx().playing());
            h.advance(2 * Harness.BEAT);
            assertFalse(h.ctx().playing(), "the band ends after the last section");
            assertEquals("Intro", h.ctx().section().name(), "ready at the top again");
            List<String> names = sections.contexts.stream().map(x -> x.section().name()).toList();
            assertEquals(List.of("Verse 1", "Chorus", "Verse 2", "Outro", "Intro"), names);
        }
    }

    @Test
    void aBrokenFileKeepsTheRunningSong(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness()) {
            h.session.load(BLUE);
            h.step();
            h.start();
            h.untilBeat(18);
            Path broken = dir.resolve("broken.yaml");
            Files.writeString(broken, "title: Broken\ntempo: 96\nsections:\n  - {name: Verse, bars: 0}\n");
            SongFormatException e = assertThrows(SongFormatException.class, () -> h.session.load(broken));
            assertEquals(4, e.line());
            h.untilBeat(20);
            assertTrue(h.ctx().playing());
            assertEquals("Verse 1", h.ctx().section().name());
            assertEquals(96, h.ctx().tempo().bpm(), 1e-9);
        }
    }

    @Test
    void sectionCommandsMoveThroughTheSong() throws Exception {
        try (Harness h = new Harness()) {
            h.session.load(BLUE);
            h.step();
            h.start();
            h.untilBeat(1);
            h.submit("next-section"); // at the next bar line
            h.untilBeat(3);
            assertEquals("Intro", h.ctx().section().name());
            h.untilBeat(4);
            assertEquals("Verse 1", h.ctx().section().name());
            assertEquals(c("F#:min"), h.ctx().chord(), "the verse's chart from its first bar");
            h.submit("goto-section", "name=chorus");
            h.untilBeat(8);
            assertEquals("Chorus", h.ctx().section().name());
            h.submit("goto-section", "name=verse 2");
            h.untilBeat(12);
            assertEquals("Verse 2", h.ctx().section().name());
            h.submit("previous-section");
            h.untilBeat(16);
            assertEquals("Chorus", h.ctx().section().name());
            assertEquals(c("D"), h.ctx().chord());
            h.untilBeat(16 + 32 - 1);
            assertEquals("Chorus", h.ctx().section().name(), "a section entered by command runs its full length");
            h.untilBeat(16 + 32);
            assertEquals("Verse 2", h.ctx().section().name());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> h.session.create("goto-section", java.util.Map.of()));
            assertTrue(unknown.getMessage().contains("name="));
            h.submit(Quantization.NOW, "goto-section", "name=Bridge");
            h.step();
            assertEquals("Verse 2", h.ctx().section().name(), "no bridge in this song: the command failed");
            assertTrue(h.session.engine().lastFailure.contains("no section \"Bridge\""));
        }
    }

    @Test
    void holdFreezesTheSongUntilReleased() throws Exception {
        try (Harness h = new Harness()) {
            h.session.load(BLUE);
            h.step();
            h.start();
            h.untilBeat(12);
            h.submit(Quantization.NOW, "hold", "state=on");
            h.step();
            assertTrue(h.ctx().has(Cue.HOLD));
            h.untilBeat(30);
            assertEquals("Intro", h.ctx().section().name(), "held: the intro does not end");
            assertEquals(c("E"), h.ctx().chord(), "held: the chord sustains");
            h.submit(Quantization.NOW, "hold");
            h.step();
            assertFalse(h.ctx().has(Cue.HOLD));
            h.untilBeat(32);
            assertEquals("Verse 1", h.ctx().section().name());
        }
    }

    @Test
    void withoutASongSectionsChangeByCommandAndChordsComeFromThePerformer() {
        try (Harness h = new Harness()) {
            h.start();
            assertEquals(MusicalContext.FREE, h.ctx().section());
            long now = h.clock.getAsLong();
            h.session.heard(new AnalysisEvent.ChordHeard(0, now, c("G:7"), 0.9));
            h.untilBeat(64);
            assertEquals(MusicalContext.FREE, h.ctx().section(), "free sections never end by themselves");
            assertEquals(c("G:7"), h.ctx().chord());
            h.submit("next-section");
            h.untilBeat(68);
            assertEquals(SectionKind.VERSE, h.ctx().section().kind());
            assertTrue(h.ctx().section().isOpenEnded());
            h.submit("next-section");
            h.untilBeat(72);
            assertEquals(SectionKind.CHORUS, h.ctx().section().kind());
            h.submit("goto-section", "name=Bridge");
            h.untilBeat(76);
            assertEquals(SectionKind.BRIDGE, h.ctx().section().kind());
            h.submit("previous-section");
            h.untilBeat(80);
            assertEquals(SectionKind.CHORUS, h.ctx().section().kind());
            h.submit(Quantization.SECTION_END, "intensity-up");
            assertEquals(96.0, h.session.queue().get(0).dueBeat(), "an open-ended section ends at its phrase");
        }
    }

    @Test
    void nextSongAndTheSetlist() throws Exception {
        try (Harness h = new Harness()) {
            h.session.load(Paths.get("examples/setlist.yaml"));
            h.step();
            TestAgents.Player drums = new TestAgents.Player("drums", Role.DRUMS);
            h.bind(drums);
            TestAgents.RecordingScheduler s = new TestAgents.RecordingScheduler();
            h.session.bindNoteScheduler(s);
            h.start();
            h.untilBeat(5);
            h.submit("next-song");
            h.step();
            assertFalse(h.ctx().playing(), "a new song stops the band");
            assertEquals(84, h.ctx().tempo().bpm(), 1e-9);
            assertEquals(3, h.ctx().meter().beatsPerBar());
            assertEquals("Intro", h.ctx().section().name());
            assertTrue(s.releasedAll > 0);
            assertTrue(drums.resets > 0);
            h.submit("select-song", "index=3");
            h.step();
            assertEquals(104, h.ctx().tempo().bpm(), 1e-9);
            h.submit("next-song");
            h.step();
            assertEquals(104, h.ctx().tempo().bpm(), 1e-9, "there is no fourth song: nothing changed");
            assertTrue(h.session.engine().lastFailure.contains("no song 4"));
        }
    }
}
