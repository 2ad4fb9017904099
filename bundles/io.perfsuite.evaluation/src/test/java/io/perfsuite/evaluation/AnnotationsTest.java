// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotation readers on small texts, including their error messages. */
class AnnotationsTest {

    private static void assertBadLine(String fileAndLine, org.junit.jupiter.api.function.Executable parse) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse);
        assertTrue(e.getMessage().startsWith(fileAndLine + ": "), e.getMessage());
    }

    @Test
    void beats() {
        List<BeatEvent> beats = Annotations.parseBeats("# beat_time_s\tbeat_in_bar\n0.000000\t1\n\n0.5\t2\n1.0\n",
                "a.beats");
        assertEquals(List.of(new BeatEvent(0, 1), new BeatEvent(0.5, 2), new BeatEvent(1.0, 0)), beats);
        assertTrue(beats.get(0).isDownbeat());
        assertBadLine("a.beats:3", () -> Annotations.parseBeats("0 1\n0.5 2\n1.0 x\n", "a.beats"));
        assertBadLine("a.beats:1", () -> Annotations.parseBeats("0 0\n", "a.beats"));
        assertBadLine("a.beats:2", () -> Annotations.parseBeats("0 1\n0.5 2 3\n", "a.beats"));
    }

    @Test
    void events() {
        assertArrayEquals(new double[] {0.25, 1.5e-1, 3},
                Annotations.parseEvents("# comment\n0.25\r\n  1.5e-1  \n3\n", "x.onsets"));
        assertBadLine("x.onsets:2", () -> Annotations.parseEvents("0.25\n0.5 0.75\n", "x.onsets"));
        assertBadLine("x.onsets:1", () -> Annotations.parseEvents("abc\n", "x.onsets"));
        assertBadLine("x.onsets:1", () -> Annotations.parseEvents("1.0f\n", "x.onsets"));
        assertEquals(0, Annotations.parseEvents("# nothing\n", "x.onsets").length);
    }

    @Test
    void tempo() {
        assertEquals(137.9999, Annotations.parseTempo("# quarter-note tempo in BPM\n137.9999\n", "t.tempo"));
        assertBadLine("t.tempo:3", () -> Annotations.parseTempo("120\n# again\n121\n", "t.tempo"));
        assertBadLine("t.tempo:1", () -> Annotations.parseTempo("-5\n", "t.tempo"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Annotations.parseTempo("# empty\n", "t.tempo"));
        assertTrue(none.getMessage().startsWith("t.tempo: "), none.getMessage());
    }

    @Test
    void mirexTempo() {
        assertEquals(new TempoAnnotation(60, 120, 0.25), Annotations.parseMirexTempo("60.0\t120.0\t0.25\n", "r"));
        assertBadLine("r:1", () -> Annotations.parseMirexTempo("60.0\t120.0\t-3\n", "r"));
        assertBadLine("r:1", () -> Annotations.parseMirexTempo("60.0\t-120.0\t0.25\n", "r"));
        assertBadLine("r:2", () -> Annotations.parseMirexTempo("60 120 0.25\n60 120 0.25\n", "r"));
        assertBadLine("r:1", () -> Annotations.parseMirexTempo("60 120\n", "r"));
    }

    @Test
    void chords() {
        List<ChordSegment> chords = Annotations.parseChords(
                "0.000000\t4.000000\tC:maj\n4.0 8.0 D:min7/b7\n# comment\n8\t12\tN\n", "c.lab");
        assertEquals(List.of(new ChordSegment(0, 4, "C:maj"), new ChordSegment(4, 8, "D:min7/b7"),
                new ChordSegment(8, 12, "N")), chords);
        assertBadLine("c.lab:2", () -> Annotations.parseChords("0 1 C\n1 2\n", "c.lab"));
        assertBadLine("c.lab:1", () -> Annotations.parseChords("0 one C\n", "c.lab"));
    }

    @Test
    void key() {
        assertEquals("C major", Annotations.parseKey("C major\n", "k.key"));
        assertEquals("Ab minor", Annotations.parseKey("# A comment\nAb\tminor", "k.txt"));
        assertBadLine("k.key:1", () -> Annotations.parseKey("H major\n", "k.key"));
        assertBadLine("k.key:2", () -> Annotations.parseKey("C major\nD major\n", "k.key"));
    }

    @Test
    void timeSeries() {
        TimeSeries aubio = Annotations.parseTimeSeries("0.000000 4150.458496\n0.005805 267.477478\n", "p.txt");
        assertArrayEquals(new double[] {0, 0.005805}, aubio.times());
        assertArrayEquals(new double[] {4150.458496, 267.477478}, aubio.values());
        TimeSeries vamp = Annotations.parseTimeSeries(" 0.017414966: 66.3596 \n 0.023219955: 66.334 \n", "v.txt");
        assertArrayEquals(new double[] {0.017414966, 0.023219955}, vamp.times());
        TimeSeries csv = Annotations.parseTimeSeries("0.01,-220\n", "f.csv");
        assertArrayEquals(new double[] {-220}, csv.values());
        assertBadLine("p.txt:2", () -> Annotations.parseTimeSeries("0 0\n0.01\n", "p.txt"));
    }

    @Test
    void notesCsv() {
        List<NoteEvent> notes = Annotations.parseNotesCsv(
                "# onset_s,offset_s,midi_pitch,velocity,track,channel\n0.000000,2.000000,69,90,2,1\n0.25,2,60\n",
                "n.csv");
        assertEquals(List.of(new NoteEvent(0, 2, 440), NoteEvent.ofMidi(0.25, 2, 60)), notes);
        assertBadLine("n.csv:2", () -> Annotations.parseNotesCsv("0,1,60\n0,1\n", "n.csv"));
        assertBadLine("n.csv:1", () -> Annotations.parseNotesCsv("0,1,C4\n", "n.csv"));
    }

    @Test
    void valuedIntervals() {
        assertEquals(List.of(new NoteEvent(0.11, 1.08, 415.30)),
                Annotations.parseValuedIntervals("# a comment\n0.11\t1.08\t415.30\n", "t.txt"));
        assertBadLine("t.txt:1", () -> Annotations.parseValuedIntervals("0.11 1.08\n", "t.txt"));
    }

    @Test
    void filesAreNamedInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.onsets");
        Files.writeString(file, "0.1\n0.2\nzero\n");
        assertBadLine(file + ":3", () -> Annotations.readEvents(file));
        Path good = dir.resolve("good.beats");
        Files.writeString(good, "0.5\t1\n1.0\t2\n");
        assertArrayEquals(new double[] {0.5, 1.0}, Annotations.readBeatTimes(good));
    }
}
