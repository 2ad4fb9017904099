// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link Key}. */
class KeyTest {

    private static Key key(String tonic, Mode mode) {
        return new Key(PitchName.parse(tonic), mode);
    }

    private static List<PitchClass> scale(String names) {
        List<PitchClass> list = new ArrayList<>();
        for (String name : names.split(" ")) {
            list.add(PitchClass.parse(name));
        }
        return list;
    }

    @Test
    void parseForms() {
        assertEquals(key("C", Mode.MAJOR), Key.parse("C major"));
        assertEquals(key("A", Mode.MINOR), Key.parse("A minor"));
        assertEquals(key("Eb", Mode.MAJOR), Key.parse("Eb major"));
        assertEquals(key("F#", Mode.MINOR), Key.parse("F# minor"));
        assertEquals(key("C", Mode.MAJOR), Key.parse("C\tmajor"));
        assertEquals(key("Bb", Mode.MINOR), Key.parse("Bb \t minor"));
        assertEquals(key("C", Mode.MAJOR), Key.parse("  C major\n"));
        assertEquals(key("C", Mode.MAJOR), Key.parse("C:maj"));
        assertEquals(key("A", Mode.MINOR), Key.parse("A:min"));
        assertEquals(key("Db", Mode.MAJOR), Key.parse("Db:major"));
        assertEquals(key("D", Mode.DORIAN), Key.parse("D dorian"));
        assertEquals(key("Eb", Mode.MINOR), Key.parse("eb minor"));
        assertEquals(key("G", Mode.MAJOR), Key.parse("G Major"));
    }

    @Test
    void toStringUsesASpace() {
        assertEquals("C major", Key.parse("C\tmajor").toString());
        assertEquals("F# minor", Key.parse("F# minor").toString());
        assertEquals("A minor", Key.parse("A:min").toString());
        assertEquals("D dorian", key("D", Mode.DORIAN).toString());
        for (String text : new String[] {"C major", "Eb major", "F# minor", "Cb major", "G# minor", "E lydian"}) {
            assertEquals(text, Key.parse(text).toString());
        }
    }

    @Test
    void scaleAndContains() {
        assertEquals(scale("C D E F G A B"), Key.parse("C major").scale());
        assertEquals(scale("A B C D E F G"), Key.parse("A minor").scale());
        assertEquals(scale("Eb F G Ab Bb C D"), Key.parse("Eb major").scale());
        assertEquals(scale("F# G# A B C# D E"), Key.parse("F# minor").scale());
        assertEquals(scale("D E F G A B C"), Key.parse("D dorian").scale());
        assertEquals(scale("B C D E F G A"), Key.parse("B locrian").scale());
        Key eb = Key.parse("Eb major");
        assertTrue(eb.contains(PitchClass.G_SHARP));
        assertFalse(eb.contains(PitchClass.E));
        assertThrows(UnsupportedOperationException.class, () -> eb.scale().set(0, PitchClass.C));
        for (Key key : new Key[] {Key.parse("C major"), Key.parse("F# minor"), Key.parse("Bb mixolydian")}) {
            int count = 0;
            for (PitchClass pc : PitchClass.values()) {
                if (key.contains(pc)) {
                    count++;
                    assertTrue(key.scale().contains(pc));
                }
            }
            assertEquals(7, count);
        }
    }

    @Test
    void relative() {
        assertEquals(Key.parse("A minor"), Key.parse("C major").relative());
        assertEquals(Key.parse("C major"), Key.parse("A minor").relative());
        assertEquals(Key.parse("C minor"), Key.parse("Eb major").relative());
        assertEquals(Key.parse("Db major"), Key.parse("Bb minor").relative());
        assertEquals(Key.parse("D# minor"), Key.parse("F# major").relative());
        assertEquals(Key.parse("Eb minor"), Key.parse("Gb major").relative());
        assertEquals(Key.parse("A major"), Key.parse("F# minor").relative());
        assertEquals(Key.parse("C major"), Key.parse("D dorian").relative());
        assertEquals(Key.parse("C major"), Key.parse("E phrygian").relative());
        assertEquals(Key.parse("C major"), Key.parse("F lydian").relative());
        assertEquals(Key.parse("C major"), Key.parse("G mixolydian").relative());
        assertEquals(Key.parse("C major"), Key.parse("B locrian").relative());
        assertEquals(Key.parse("Bb major"), Key.parse("C dorian").relative());
        // G would need a triple sharp to sound as A#: fall back to the sharp spelling.
        assertEquals(Key.parse("A# minor"), Key.parse("B## major").relative());
        for (PitchClass pc : PitchClass.values()) {
            Key major = new Key(PitchName.of(pc), Mode.MAJOR);
            assertEquals(major, major.relative().relative());
            assertEquals(major.scale().get(5), major.relative().tonic().pitchClass());
        }
    }

    @Test
    void equalityAndSameAs() {
        assertNotEquals(Key.parse("Gb major"), Key.parse("F# major"));
        assertTrue(Key.parse("Gb major").sameAs(Key.parse("F# major")));
        assertTrue(Key.parse("C major").sameAs(Key.parse("C:maj")));
        assertFalse(Key.parse("C major").sameAs(Key.parse("A minor")));
        assertFalse(Key.parse("C major").sameAs(Key.parse("C minor")));
        assertEquals(Key.parse("C major"), Key.parse("C:maj"));
        assertEquals(Key.parse("C major").hashCode(), Key.parse("C\tmajor").hashCode());
    }

    @Test
    void rejectsBadInput() {
        assertBad("", "expected a tonic and a mode such as \"C major\", \"A\\tminor\" or \"A:min\"");
        assertBad("C", "expected a tonic and a mode such as \"C major\", \"A\\tminor\" or \"A:min\"");
        assertBad("Cmajor", "expected a tonic and a mode such as \"C major\", \"A\\tminor\" or \"A:min\"");
        assertBad("H major", "bad tonic: bad note letter 'H' (expected upper-case A-G)");
        assertBad(" major", "expected a tonic and a mode such as \"C major\", \"A\\tminor\" or \"A:min\"");
        assertBad("C#x major", "bad tonic \"C#x\" (expected a letter A-G followed by b, bb, # or ##)");
        assertBad("C majr", "unknown mode \"majr\" (expected major, minor, dorian, phrygian, lydian, mixolydian "
                + "or locrian)");
        assertBad("C:", "missing mode after the tonic");
        assertBad("C major minor", "unknown mode \"major minor\" (expected major, minor, dorian, phrygian, lydian, "
                + "mixolydian or locrian)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Key.parse(null));
        assertEquals("key label is null", e.getMessage());
        assertThrows(NullPointerException.class, () -> new Key(null, Mode.MAJOR));
        assertThrows(NullPointerException.class, () -> new Key(PitchName.parse("C"), null));
    }

    private static void assertBad(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Key.parse(text));
        assertEquals("key \"" + text + "\": " + reason, e.getMessage());
    }

    /** Returns the non-blank lines of a file that do not start with {@code #}. */
    private static List<String> labels(Path file) throws IOException {
        List<String> result = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                result.add(line);
            }
        }
        return result;
    }

    @Test
    void mirEvalKeyFixturesParse() throws IOException {
        Path folder = SharedData.folder("mir-eval-fixtures/key");
        List<Path> files = SharedData.files(folder, ".txt");
        assertFalse(files.isEmpty(), "no .txt file in " + folder);
        int count = 0;
        for (Path file : files) {
            for (String label : labels(file)) {
                Key key = Key.parse(label);
                assertTrue(key.mode() == Mode.MAJOR || key.mode() == Mode.MINOR, file + ": " + label);
                assertEquals(label.strip().replaceAll("[ \t]+", " "), key.toString(), file + ": " + label);
                count++;
            }
        }
        assertEquals(files.size(), count, "one key per file");
    }

    @Test
    void bachPreludeKeyIsCMajor() throws IOException {
        Path folder = SharedData.folder("bach-bwv846-prelude1");
        List<Path> files = SharedData.files(folder, ".key");
        assertFalse(files.isEmpty(), "no .key file in " + folder);
        for (Path file : files) {
            List<String> labels = labels(file);
            assertEquals(1, labels.size(), file.toString());
            assertEquals(key("C", Mode.MAJOR), Key.parse(labels.get(0)));
        }
    }
}
