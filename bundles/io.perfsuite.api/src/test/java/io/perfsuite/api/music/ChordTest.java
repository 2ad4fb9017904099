// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests {@link Chord}. */
class ChordTest {

    /** Parses space-separated note names into a pitch-class set. */
    private static Set<PitchClass> pcs(String names) {
        Set<PitchClass> set = EnumSet.noneOf(PitchClass.class);
        for (String name : names.split(" ")) {
            set.add(PitchClass.parse(name));
        }
        return set;
    }

    @Test
    void labelsRoundTripExactly() {
        String[] labels = {
            "N", "X", "C", "C:maj", "Db:maj", "C#:maj", "A:min7", "G:7", "G:7/3", "D:min7/b7", "C#:dim7/b5",
            "C:min7(*b3)", "D:min7(2,*b3,4)", "Bb:maj(4)/4", "C/3", "Ab/5", "B:(1)", "D#:(1,4)", "C:(1,3,5)",
            "C:maj/1", "F:maj(9)/6", "G#:min(*b3,*5)", "E:maj(*3)", "Cb:hdim7", "F##:aug", "Bbb:sus4(b7)",
            "E:13(#11,b9)", "A:minmaj7/bb7", "C:5", "C:1", "C:maj6(9)", "G:(1,b7,##13)/b7", "C:min/b3",
        };
        for (String label : labels) {
            assertEquals(label, Chord.parse(label).toString(), label);
        }
    }

    @Test
    void noChordAndUnknown() {
        assertSame(Chord.NO_CHORD, Chord.parse("N"));
        assertSame(Chord.UNKNOWN, Chord.parse("X"));
        assertTrue(Chord.NO_CHORD.isNoChord());
        assertFalse(Chord.NO_CHORD.isUnknown());
        assertTrue(Chord.UNKNOWN.isUnknown());
        assertFalse(Chord.UNKNOWN.isNoChord());
        assertEquals(Optional.empty(), Chord.NO_CHORD.quality());
        assertEquals(Optional.empty(), Chord.UNKNOWN.quality());
        assertEquals(0, Chord.NO_CHORD.pitchClassMask());
        assertTrue(Chord.UNKNOWN.pitchClasses().isEmpty());
        assertTrue(Chord.NO_CHORD.components().isEmpty());
        assertFalse(Chord.NO_CHORD.contains(PitchClass.C));
        IllegalStateException e = assertThrows(IllegalStateException.class, Chord.NO_CHORD::root);
        assertEquals("root() is undefined for the chord label \"N\"", e.getMessage());
        e = assertThrows(IllegalStateException.class, Chord.UNKNOWN::bass);
        assertEquals("bass() is undefined for the chord label \"X\"", e.getMessage());
        assertThrows(IllegalStateException.class, Chord.UNKNOWN::bassPitchClass);
        assertThrows(IllegalStateException.class, () -> Chord.NO_CHORD.withBass(Degree.parse("3")));
        assertFalse(Chord.parse("C").isNoChord());
        assertFalse(Chord.parse("C").isUnknown());
    }

    @Test
    void accessors() {
        Chord chord = Chord.parse("D:min7(2,*b3,4)/b7");
        assertEquals(PitchName.parse("D"), chord.root());
        assertEquals(Optional.of(ChordQuality.MIN7), chord.quality());
        assertTrue(chord.hasWrittenShorthand());
        assertEquals("[2, *b3, 4]", chord.components().toString());
        assertEquals(new Chord.Component(Degree.parse("b3"), true), chord.components().get(1));
        assertEquals(Degree.parse("b7"), chord.bass());
        assertEquals(PitchClass.C, chord.bassPitchClass());
        assertEquals(pcs("D E G A C"), chord.pitchClasses());

        Chord bare = Chord.parse("Db");
        assertEquals(PitchName.parse("Db"), bare.root());
        assertEquals(Optional.of(ChordQuality.MAJ), bare.quality());
        assertFalse(bare.hasWrittenShorthand());
        assertSame(Degree.ROOT, bare.bass());
        assertEquals(PitchClass.C_SHARP, bare.bassPitchClass());
        assertEquals(pcs("Db F Ab"), bare.pitchClasses());

        Chord list = Chord.parse("D#:(1,4)");
        assertEquals(Optional.empty(), list.quality());
        assertFalse(list.hasWrittenShorthand());
        assertEquals(pcs("D# G#"), list.pitchClasses());
    }

    @Test
    void pitchClasses() {
        assertEquals(pcs("C Eb G"), Chord.parse("C:min").pitchClasses());
        assertEquals(pcs("C G Bb"), Chord.parse("C:min7(*b3)").pitchClasses());
        assertEquals(pcs("Bb D F Eb"), Chord.parse("Bb:maj(4)/4").pitchClasses());
        assertEquals(PitchClass.D_SHARP, Chord.parse("Bb:maj(4)/4").bassPitchClass());
        assertEquals(pcs("C E G"), Chord.parse("C/3").pitchClasses());
        assertEquals(PitchClass.E, Chord.parse("C/3").bassPitchClass());
        assertEquals(PitchClass.D_SHARP, Chord.parse("Ab/5").bassPitchClass());
        assertEquals(pcs("B"), Chord.parse("B:(1)").pitchClasses());
        assertEquals(pcs("E B F#"), Chord.parse("E:5(9)").pitchClasses());
        assertEquals(pcs("C E G A D"), Chord.parse("C:maj6(9)").pitchClasses());
        assertEquals(pcs("G B D F A C E"), Chord.parse("G:13").pitchClasses());
        assertEquals(pcs("C E G B"), Chord.parse("C:maj/7").pitchClasses()); // the bass always sounds
        assertEquals(pcs("C G"), Chord.parse("C:maj(*3)").pitchClasses());
        assertEquals(pcs("C E G"), Chord.parse("C:maj(*3,3)").pitchClasses()); // applied in written order
        assertEquals(pcs("C G"), Chord.parse("C:maj(3,*3)").pitchClasses());
        assertEquals(0b000010010001, Chord.parse("C").pitchClassMask());
        assertEquals(0b000010010001 << 2, Chord.parse("D").pitchClassMask());
        assertEquals(0b100001000100, Chord.parse("B:min").pitchClassMask()); // B D F#
        Chord g7 = Chord.parse("G:7");
        assertTrue(g7.contains(PitchClass.F));
        assertFalse(g7.contains(PitchClass.F_SHARP));
        assertThrows(UnsupportedOperationException.class, () -> g7.pitchClasses().add(PitchClass.C));
        assertThrows(UnsupportedOperationException.class,
                () -> Chord.parse("C:maj(9)").components().add(new Chord.Component(Degree.ROOT, false)));
    }

    @Test
    void equalityIsMusicalIdentity() {
        assertEquals(Chord.parse("C"), Chord.parse("C:maj"));
        assertEquals(Chord.parse("C"), Chord.parse("C:(1,3,5)"));
        assertEquals(Chord.parse("C:maj"), Chord.parse("C:(5,3,1)"));
        assertEquals(Chord.parse("C"), Chord.parse("C:maj/1"));
        assertEquals(Chord.parse("Db:maj"), Chord.parse("C#:maj"));
        assertEquals(Chord.parse("Db:maj").hashCode(), Chord.parse("C#:maj").hashCode());
        assertEquals(Chord.parse("C:(1,3,5)").hashCode(), Chord.parse("C").hashCode());
        assertEquals(Chord.parse("C:min7(*b3)"), Chord.parse("C:(1,5,b7)"));
        assertEquals(Chord.parse("C:maj9"), Chord.parse("C:maj7(9)"));
        assertEquals(Chord.parse("C:maj9"), Chord.parse("C:maj7(2)")); // 9 and 2 are the same pitch class
        assertEquals(Chord.parse("G:7/3"), Chord.parse("G:7/10"));

        assertNotEquals(Chord.parse("C:maj"), Chord.parse("C:maj/3"));
        assertNotEquals(Chord.parse("C:maj"), Chord.parse("C:min"));
        assertNotEquals(Chord.parse("C:maj6"), Chord.parse("A:min7")); // same notes, other root
        assertNotEquals(Chord.parse("C:maj6"), Chord.parse("A:min7/b3")); // same notes and bass, other root
        assertNotEquals(Chord.parse("C:maj"), Chord.NO_CHORD);
        assertNotEquals(Chord.NO_CHORD, Chord.UNKNOWN);
        assertNotEquals(Chord.UNKNOWN, Chord.parse("C:(1)"));
        assertEquals(Chord.NO_CHORD, Chord.parse("N"));
        assertEquals(Chord.UNKNOWN, Chord.parse("X"));
        assertNotEquals(Chord.parse("C"), "C");
        assertNotEquals(Chord.parse("C"), null);
    }

    @Test
    void factories() {
        Chord dbMin7 = Chord.of(PitchName.parse("Db"), ChordQuality.MIN7);
        assertEquals("Db:min7", dbMin7.toString());
        assertTrue(dbMin7.hasWrittenShorthand());
        assertEquals("C#:min7", Chord.of(PitchClass.C_SHARP, ChordQuality.MIN7).toString());
        assertEquals(dbMin7, Chord.of(PitchClass.C_SHARP, ChordQuality.MIN7));
        assertEquals("G:7", Chord.of(PitchClass.G, ChordQuality.DOM7).toString());
        assertEquals(Chord.parse("C:maj"), Chord.of(PitchClass.C, ChordQuality.MAJ));
        assertThrows(NullPointerException.class, () -> Chord.of((PitchName) null, ChordQuality.MAJ));
        assertThrows(NullPointerException.class, () -> Chord.of(PitchClass.C, null));
    }

    @Test
    void withBass() {
        Chord g7 = Chord.of(PitchClass.G, ChordQuality.DOM7);
        Chord inverted = g7.withBass(Degree.parse("3"));
        assertEquals("G:7/3", inverted.toString());
        assertEquals(PitchClass.B, inverted.bassPitchClass());
        assertEquals(Chord.parse("G:7/3"), inverted);
        assertEquals("G:7/b7", inverted.withBass(Degree.parse("b7")).toString());
        assertEquals("G:7", inverted.withBass(Degree.ROOT).toString());
        assertEquals("C/3", Chord.parse("C").withBass(Degree.parse("3")).toString());
        assertEquals("D:min7(2,*b3,4)/5", Chord.parse("D:min7(2,*b3,4)/b7").withBass(Degree.parse("5")).toString());
        assertEquals(pcs("C E G B"), Chord.parse("C").withBass(Degree.parse("7")).pitchClasses());
    }

    @Test
    void rejectsBadLabels() {
        assertBad("", "empty label");
        assertBad("H:maj", "bad root: bad note letter 'H' (expected upper-case A-G)");
        assertBad("c:maj", "bad root: bad note letter 'c' (expected upper-case A-G)");
        assertBad(":maj", "bad root: bad note letter ':' (expected upper-case A-G)");
        assertBad("Cbbb:maj", "bad root: too many accidentals (at most bb or ##)");
        assertBad("C:mja", "unknown shorthand \"mja\"");
        assertBad("C:MAJ", "unknown shorthand \"MAJ\"");
        assertBad("C:maj/", "missing bass degree after \"/\"");
        assertBad("C:maj/3/5", "more than one \"/\"");
        assertBad("C:maj/x", "bad bass degree \"x\": unexpected 'x' (expected an optional b, bb, # or ## and a "
                + "step number 1..13)");
        assertBad("C:maj/14", "bad bass degree \"14\": step number must be 1..13, got 14");
        assertBad("C:maj(b3", "missing \")\" after the component list");
        assertBad("C:maj(b3))", "unexpected \")\" after \")\"");
        assertBad("C:maj(b3)x", "unexpected \"x\" after \")\"");
        assertBad("C:maj((b3))", "nested \"(\" in the component list");
        assertBad("C:maj7)", "\")\" without \"(\"");
        assertBad("C:(1,,3)", "empty component at position 2");
        assertBad("C:(,3)", "empty component at position 1");
        assertBad("C:(1,3,)", "empty component at position 3");
        assertBad("C:()", "empty component list \"()\"");
        assertBad("C:(1,*)", "bad component \"*\" at position 2: missing step number 1..13");
        assertBad("C:(1,**3)", "bad component \"**3\" at position 2: unexpected '*' (expected an optional b, bb, "
                + "# or ## and a step number 1..13)");
        assertBad("C:(1,15)", "bad component \"15\" at position 2: step number must be 1..13, got 15");
        assertBad("C:", "missing shorthand or component list after \":\"");
        assertBad("C:/3", "missing shorthand or component list after \":\"");
        assertBad("Cmaj", "unexpected \"maj\" after root \"C\" (expected \":\", \"/\" or the end)");
        assertBad("C(9)", "unexpected \"(9)\" after root \"C\" (expected \":\", \"/\" or the end)");
        assertBad("C: maj", "whitespace at index 2");
        assertBad(" C", "whitespace at index 0");
        assertBad("C:maj ", "whitespace at index 5");
        assertBad("N:maj", "bad root: bad note letter 'N' (expected upper-case A-G)");
        assertBad("comment", "bad root: bad note letter 'c' (expected upper-case A-G)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chord.parse(null));
        assertEquals("Harte chord label is null", e.getMessage());
    }

    private static void assertBad(String label, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chord.parse(label));
        assertEquals("Harte chord label \"" + label + "\": " + reason, e.getMessage());
    }

    /** One labelled segment of a {@code .lab} file. */
    private record LabLine(Path file, int lineNumber, String label) {
    }

    /**
     * Reads the labels of a {@code .lab} file: lines of {@code start end label} separated by tabs or spaces;
     * blank lines and lines starting with {@code #} are skipped, and so are lines without exactly three fields.
     */
    private static List<LabLine> readLab(Path file) throws IOException {
        List<LabLine> result = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[ \t]+");
            if (fields.length == 3) {
                result.add(new LabLine(file, i + 1, fields[2]));
            }
        }
        return result;
    }

    @Test
    void bachPreludeLabelsRoundTripAndSoundRight() throws IOException {
        Path folder = SharedData.folder("bach-bwv846-prelude1");
        List<Path> files = SharedData.files(folder, ".lab");
        assertFalse(files.isEmpty(), "no .lab file in " + folder);
        Map<String, Chord> byLabel = new LinkedHashMap<>();
        int count = 0;
        for (Path file : files) {
            for (LabLine line : readLab(file)) {
                Chord chord = Chord.parse(line.label());
                assertEquals(line.label(), chord.toString(), line.file() + ":" + line.lineNumber());
                byLabel.put(line.label(), chord);
                count++;
            }
        }
        assertTrue(count >= 19, "expected at least the 19 bars of the prelude, got " + count);

        // G:7/3 in bar 3: G B D F over B.
        Chord g7 = byLabel.get("G:7/3");
        assertEquals(PitchName.parse("G"), g7.root());
        assertEquals(Degree.parse("3"), g7.bass());
        assertEquals(PitchClass.B, g7.bassPitchClass());
        assertEquals(pcs("G B D F"), g7.pitchClasses());
        // D:min7/b7 in bar 2: D F A C over C.
        Chord d7 = byLabel.get("D:min7/b7");
        assertEquals(PitchClass.C, d7.bassPitchClass());
        assertEquals(pcs("D F A C"), d7.pitchClasses());
        assertEquals(Optional.of(ChordQuality.MIN7), d7.quality());
        // C#:dim7/b5 in bar 12: C# E G Bb over G.
        Chord dim7 = byLabel.get("C#:dim7/b5");
        assertEquals(PitchClass.G, dim7.bassPitchClass());
        assertEquals(pcs("C# E G Bb"), dim7.pitchClasses());
        assertEquals(PitchName.parse("C#"), dim7.root());
        // A:min/b3 in bar 5: A C E over C, the same notes as C:maj6 without the G.
        Chord amin = byLabel.get("A:min/b3");
        assertEquals(PitchClass.C, amin.bassPitchClass());
        assertEquals(pcs("A C E"), amin.pitchClasses());
    }

    @Test
    void mirEvalChordFixturesRoundTrip() throws IOException {
        Path folder = SharedData.folder("mir-eval-fixtures/chord");
        List<Path> files = SharedData.files(folder, ".lab");
        assertFalse(files.isEmpty(), "no .lab file in " + folder);
        int parsed = 0;
        List<String> rejected = new ArrayList<>();
        for (Path file : files) {
            for (LabLine line : readLab(file)) {
                Chord chord;
                try {
                    chord = Chord.parse(line.label());
                } catch (IllegalArgumentException e) {
                    rejected.add(line.file().getFileName() + ":" + line.lineNumber() + " " + e.getMessage());
                    assertEquals("comment", line.label(), "only the word \"comment\" may be rejected: "
                            + e.getMessage());
                    continue;
                }
                assertEquals(line.label(), chord.toString(), line.file() + ":" + line.lineNumber());
                parsed++;
            }
        }
        assertTrue(rejected.size() <= 1, "rejected: " + rejected);
        assertTrue(parsed > 1000, "expected thousands of labels, parsed " + parsed);
    }
}
