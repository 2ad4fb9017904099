// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfsuite.api.music.Chord;
import org.junit.jupiter.api.Test;

/** Parsing and encoding of Harte labels with the reference implementation's semitone rules. */
class ChordLabelsTest {

    private static int bits(int... semitones) {
        int m = 0;
        for (int s : semitones) {
            m |= 1 << s;
        }
        return m;
    }

    private static void assertEncoding(String label, int root, int semitones, int bass) {
        assertEquals(new EncodedChord(root, semitones, bass, false), ChordLabels.encode(label), label);
    }

    @Test
    void rootsShorthandsAndBass() {
        assertEncoding("C", 0, bits(0, 4, 7), 0);
        assertEncoding("A:min7/b3", 9, bits(0, 3, 7, 10), 3);
        assertEncoding("G:7/3", 7, bits(0, 4, 7, 10), 4);
        assertEncoding("C/5", 0, bits(0, 4, 7), 7);
        assertEncoding("Cb:maj", 11, bits(0, 4, 7), 0);
        assertEncoding("B#:min", 0, bits(0, 3, 7), 0);
        assertEncoding("Ebb:dim7", 2, bits(0, 3, 6, 9), 0);
        assertEncoding("D:hdim7", 2, bits(0, 3, 6, 10), 0);
    }

    @Test
    void componentListsAddAndOmit() {
        assertEncoding("C:maj(*3)", 0, bits(0, 7), 0);
        assertEncoding("D:min7(2,*b3,4)", 2, bits(0, 2, 5, 7, 10), 0);
        assertEncoding("C:maj(6)", 0, bits(0, 4, 7, 9), 0);
        // the root always sounds, also for a bare component list and after omitting it
        assertEncoding("C:(3)", 0, bits(0, 4), 0);
        assertEncoding("E:(1,4)", 4, bits(0, 5), 0);
        assertEncoding("C:maj(*1)", 0, bits(0, 4, 7), 0);
        // the bass always sounds, even when omitted from the list
        assertEncoding("C:min(*b3)/b3", 0, bits(0, 3, 7), 3);
        // a degree given twice counts once; added and omitted cancel out
        assertEncoding("C:(3,3)", 0, bits(0, 4), 0);
        assertEncoding("C:(3,*3)", 0, bits(0), 0);
    }

    @Test
    void upperDegreesAreDroppedUnlessReduced() {
        assertEncoding("F:maj(9)", 5, bits(0, 4, 7), 0);
        assertEncoding("E:9", 4, bits(0, 4, 7, 10), 0);
        assertEncoding("C:maj13", 0, bits(0, 4, 7, 11), 0);
        assertEquals(new EncodedChord(5, bits(0, 2, 4, 7), 0, false), ChordLabels.encode("F:maj(9)", true));
        assertEquals(new EncodedChord(4, bits(0, 2, 4, 7, 10), 0, false), ChordLabels.encode("E:9", true));
        assertEquals(new EncodedChord(0, bits(0, 2, 4, 5, 7, 9, 11), 0, false),
                ChordLabels.encode("C:maj13", true));
        assertEquals(new EncodedChord(0, bits(0, 3, 7, 11), 0, false), ChordLabels.encode("C:minmaj7", true));
    }

    @Test
    void noChordAndUnknown() {
        assertEquals(EncodedChord.NO_CHORD, ChordLabels.encode("N"));
        assertEquals(EncodedChord.UNKNOWN, ChordLabels.encode("X"));
        assertEquals(0, EncodedChord.NO_CHORD.chroma());
        assertEquals(0xFFF, EncodedChord.UNKNOWN.chroma());
    }

    @Test
    void absolutePitchClasses() {
        // G B D
        assertEquals(bits(7, 11, 2), ChordLabels.encode("G").chroma());
    }

    @Test
    void grammar() {
        for (String good : new String[] {"N", "X", "C", "C#", "Dbb", "A:min", "A:(1)", "C:maj7(9,*5)/3",
            "C:aug7", "C:maj11", "G:sus4/b7", "C:7(#9)", "C:13/13"}) {
            assertTrue(ChordLabels.isValid(good), good);
        }
        for (String bad : new String[] {"", "H", "c", "C:mja", "C:Maj", "C(3)", "C:", "C:maj(", "C:maj()",
            "C/14", "C:(0)", "C#b", "C:maj(3, 5)", "C/3/5", "N:maj", "C:b9"}) {
            assertFalse(ChordLabels.isValid(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> ChordLabels.encode(bad), bad);
        }
    }

    @Test
    void shorthandsOutsideTheTableAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ChordLabels.encode("C:aug7"));
        assertThrows(IllegalArgumentException.class, () -> ChordLabels.encode("C:maj11"));
    }

    @Test
    void chordsOfTheMusicModel() {
        assertEquals(ChordLabels.encode("G:7/3"), ChordLabels.encode(Chord.parse("G:7/3")));
        assertEquals(EncodedChord.NO_CHORD, ChordLabels.encode(Chord.NO_CHORD));
        assertEquals(EncodedChord.UNKNOWN, ChordLabels.encode(Chord.UNKNOWN));
    }
}
