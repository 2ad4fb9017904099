// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Tests {@link Degree}. */
class DegreeTest {

    @Test
    void parse() {
        assertEquals(new Degree(7, -1), Degree.parse("b7"));
        assertEquals(new Degree(5, 1), Degree.parse("#5"));
        assertEquals(new Degree(7, -2), Degree.parse("bb7"));
        assertEquals(new Degree(3, 0), Degree.parse("3"));
        assertEquals(new Degree(11, 1), Degree.parse("#11"));
        assertEquals(new Degree(13, 0), Degree.parse("13"));
        assertEquals(new Degree(4, 2), Degree.parse("##4"));
        assertSame(Degree.ROOT, Degree.parse("1"));
    }

    @Test
    void printsAsWritten() {
        for (int n = 1; n <= 13; n++) {
            for (String accidental : new String[] {"bb", "b", "", "#", "##"}) {
                String text = accidental + n;
                assertEquals(text, Degree.parse(text).toString());
                assertSame(Degree.parse(text), Degree.of(Degree.parse(text).number(),
                        Degree.parse(text).accidental()));
            }
        }
    }

    @Test
    void semitones() {
        int[] natural = {0, 2, 4, 5, 7, 9, 11, 12, 14, 16, 17, 19, 21};
        for (int n = 1; n <= 13; n++) {
            assertEquals(natural[n - 1], Degree.of(n, 0).semitones(), "degree " + n);
        }
        assertEquals(10, Degree.parse("b7").semitones());
        assertEquals(9, Degree.parse("bb7").semitones());
        assertEquals(3, Degree.parse("b3").semitones());
        assertEquals(8, Degree.parse("#5").semitones());
        assertEquals(14, Degree.parse("9").semitones());
        assertEquals(13, Degree.parse("b9").semitones());
        assertEquals(18, Degree.parse("#11").semitones());
        assertEquals(21, Degree.parse("13").semitones());
        assertEquals(-2, Degree.parse("bb1").semitones());
    }

    @Test
    void above() {
        assertEquals(PitchClass.F, Degree.parse("b7").above(PitchClass.G));
        assertEquals(PitchClass.B, Degree.parse("3").above(PitchClass.G));
        assertEquals(PitchClass.A, Degree.parse("9").above(PitchClass.G));
        assertEquals(PitchClass.A_SHARP, Degree.parse("bb1").above(PitchClass.C));
    }

    @Test
    void rejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Degree(0, 0));
        assertEquals("chord degree number must be in 1..13, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Degree.of(14, 0));
        assertEquals("chord degree number must be in 1..13, got 14", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Degree.of(3, -3));
        assertEquals("chord degree accidental must be in -2..2 (bb, b, none, #, ##), got -3", e.getMessage());
    }

    @Test
    void parseRejectsBadInput() {
        assertBad("", "chord degree \"\": missing step number 1..13");
        assertBad("b", "chord degree \"b\": missing step number 1..13");
        assertBad("bbb7", "chord degree \"bbb7\": too many accidentals (at most bb or ##)");
        assertBad("0", "chord degree \"0\": step number must be 1..13 without leading zero");
        assertBad("03", "chord degree \"03\": step number must be 1..13 without leading zero");
        assertBad("14", "chord degree \"14\": step number must be 1..13, got 14");
        assertBad("99999999999", "chord degree \"99999999999\": step number must be 1..13, got 99999999999");
        assertBad("b#3", "chord degree \"b#3\": unexpected '#' (expected an optional b, bb, # or ## and a step "
                + "number 1..13)");
        assertBad("+3", "chord degree \"+3\": unexpected '+' (expected an optional b, bb, # or ## and a step "
                + "number 1..13)");
        assertBad("3b", "chord degree \"3b\": unexpected 'b' (expected an optional b, bb, # or ## and a step "
                + "number 1..13)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Degree.parse(null));
        assertEquals("chord degree is null", e.getMessage());
    }

    private static void assertBad(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Degree.parse(text));
        assertEquals(message, e.getMessage());
    }
}
