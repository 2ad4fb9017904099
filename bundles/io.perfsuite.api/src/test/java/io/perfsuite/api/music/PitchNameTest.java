// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Tests {@link PitchName}. */
class PitchNameTest {

    @Test
    void parseAndPrintAsWritten() {
        for (String text : new String[] {"C", "Eb", "C#", "Bbb", "F##", "Cb", "B#", "G", "Ab", "A"}) {
            assertEquals(text, PitchName.parse(text).toString());
        }
        assertEquals(new PitchName('E', -1), PitchName.parse("Eb"));
        assertEquals(new PitchName('C', 1), PitchName.parse("C#"));
        assertEquals(new PitchName('B', -2), PitchName.parse("Bbb"));
        assertEquals(new PitchName('F', 2), PitchName.parse("F##"));
    }

    @Test
    void pitchClassOfSpelledNames() {
        assertEquals(PitchClass.D_SHARP, PitchName.parse("Eb").pitchClass());
        assertEquals(PitchClass.C_SHARP, PitchName.parse("C#").pitchClass());
        assertEquals(PitchClass.C_SHARP, PitchName.parse("Db").pitchClass());
        assertEquals(PitchClass.A, PitchName.parse("Bbb").pitchClass());
        assertEquals(PitchClass.B, PitchName.parse("Cb").pitchClass());
        assertEquals(PitchClass.C, PitchName.parse("B#").pitchClass());
        assertEquals(PitchClass.D, PitchName.parse("C##").pitchClass());
        assertEquals(PitchClass.A_SHARP, PitchName.parse("Cbb").pitchClass());
    }

    @Test
    void spellingMattersForEquality() {
        assertNotEquals(PitchName.parse("Db"), PitchName.parse("C#"));
        assertEquals(PitchName.parse("Db").pitchClass(), PitchName.parse("C#").pitchClass());
    }

    @Test
    void ofPitchClassUsesSharps() {
        assertEquals("C#", PitchName.of(PitchClass.C_SHARP).toString());
        assertEquals("A#", PitchName.of(PitchClass.A_SHARP).toString());
        assertEquals("E", PitchName.of(PitchClass.E).toString());
        for (PitchClass pc : PitchClass.values()) {
            assertEquals(pc, PitchName.of(pc).pitchClass());
            assertEquals(pc.sharpName(), PitchName.of(pc).toString());
        }
    }

    @Test
    void instancesAreCached() {
        assertSame(PitchName.parse("Eb"), PitchName.parse("Eb"));
        assertSame(PitchName.of('E', -1), PitchName.parse("Eb"));
    }

    @Test
    void constructorRejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PitchName('H', 0));
        assertEquals("note letter must be one of A-G, got 'H'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PitchName('c', 0));
        assertEquals("note letter must be one of A-G, got 'c'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PitchName.of('C', 3));
        assertEquals("accidental must be in -2..2 (bb, b, none, #, ##), got 3", e.getMessage());
    }

    @Test
    void parseRejectsBadInput() {
        assertBad("", "note name \"\": missing note letter (expected A-G)");
        assertBad("H", "note name \"H\": bad note letter 'H' (expected upper-case A-G)");
        assertBad("eb", "note name \"eb\": bad note letter 'e' (expected upper-case A-G)");
        assertBad("Cbbb", "note name \"Cbbb\": too many accidentals (at most bb or ##)");
        assertBad("C###", "note name \"C###\": too many accidentals (at most bb or ##)");
        assertBad("Cb#", "note name \"Cb#\": unexpected \"#\" after \"Cb\" "
                + "(expected a letter A-G followed by b, bb, # or ##)");
        assertBad("C4", "note name \"C4\": unexpected \"4\" after \"C\" "
                + "(expected a letter A-G followed by b, bb, # or ##)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PitchName.parse(null));
        assertEquals("note name is null", e.getMessage());
    }

    private static void assertBad(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PitchName.parse(text));
        assertEquals(message, e.getMessage());
    }
}
