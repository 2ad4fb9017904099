// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Chordino's chord symbols in Harte syntax. */
class ChordNamesTest {

    @Test
    void convertsTheSymbolsChordinoWrites() {
        assertEquals("N", ChordNames.harte("N"));
        assertEquals("C:maj", ChordNames.harte("C"));
        assertEquals("F:min", ChordNames.harte("Fm"));
        assertEquals("F:maj6", ChordNames.harte("F6"));
        assertEquals("G:7", ChordNames.harte("G7"));
        assertEquals("Bb:7/3", ChordNames.harte("Bb7/D"));
        assertEquals("G:min6", ChordNames.harte("Gm6"));
        assertEquals("Bb:aug", ChordNames.harte("Bbaug"));
        assertEquals("A:min", ChordNames.harte("Am"));
        assertEquals("C#:min7", ChordNames.harte("C#m7"));
        assertEquals("Eb:maj7", ChordNames.harte("Ebmaj7"));
        assertEquals("B:hdim7", ChordNames.harte("Bm7b5"));
        assertEquals("B:dim7", ChordNames.harte("Bdim7"));
        assertEquals("D:dim", ChordNames.harte("Ddim"));
    }

    @Test
    void spellsTheBassAsTheChordDoes() {
        assertEquals("C:maj/3", ChordNames.harte("C/E"));
        assertEquals("C:maj/5", ChordNames.harte("C/G"));
        assertEquals("A:min/b3", ChordNames.harte("Am/C"));
        assertEquals("D:7/b7", ChordNames.harte("D7/C"));
        assertEquals("C:aug/#5", ChordNames.harte("Caug/G#"));
        assertEquals("C:dim7/bb7", ChordNames.harte("Cdim7/A"));
        assertEquals("C:maj/2", ChordNames.harte("C/D"), "a bass outside the chord");
        assertEquals("C:maj", ChordNames.harte("C/C"), "the root as bass is root position");
    }

    @Test
    void unknownSymbolsAreX() {
        assertEquals("X", ChordNames.harte("Cwhatever"));
        assertEquals("X", ChordNames.harte("H7"));
        assertEquals("X", ChordNames.harte("C/Q"));
        assertEquals("N", ChordNames.harte(" "));
    }
}
