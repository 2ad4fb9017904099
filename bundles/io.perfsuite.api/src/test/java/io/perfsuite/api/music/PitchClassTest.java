// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tests {@link PitchClass}. */
class PitchClassTest {

    @Test
    void semitonesCountUpFromC() {
        PitchClass[] all = PitchClass.values();
        assertEquals(12, all.length);
        for (int i = 0; i < 12; i++) {
            assertEquals(i, all[i].semitone());
            assertEquals(all[i], PitchClass.of(i));
        }
        assertEquals(PitchClass.C, PitchClass.values()[0]);
        assertEquals(PitchClass.B, PitchClass.values()[11]);
    }

    @Test
    void ofTakesAnyIntModulo12() {
        assertEquals(PitchClass.C, PitchClass.of(12));
        assertEquals(PitchClass.B, PitchClass.of(-1));
        assertEquals(PitchClass.A, PitchClass.of(69));
        assertEquals(PitchClass.A, PitchClass.of(-3));
        assertEquals(PitchClass.of(Integer.MIN_VALUE % 12 + 12), PitchClass.of(Integer.MIN_VALUE));
        assertEquals(PitchClass.G, PitchClass.of(Integer.MAX_VALUE)); // 2^31 - 1 = 7 mod 12
    }

    @Test
    void transposeWrapsAround() {
        assertEquals(PitchClass.D, PitchClass.C.transpose(2));
        assertEquals(PitchClass.C, PitchClass.B.transpose(1));
        assertEquals(PitchClass.A, PitchClass.C.transpose(-3));
        assertEquals(PitchClass.E, PitchClass.E.transpose(24));
        assertEquals(PitchClass.of(5 + Integer.MAX_VALUE % 12), PitchClass.F.transpose(Integer.MAX_VALUE));
        assertEquals(PitchClass.of(5 + Math.floorMod(Integer.MIN_VALUE, 12)),
                PitchClass.F.transpose(Integer.MIN_VALUE));
    }

    @Test
    void intervalToIsUpwardAndInRange() {
        assertEquals(7, PitchClass.C.intervalTo(PitchClass.G));
        assertEquals(5, PitchClass.G.intervalTo(PitchClass.C));
        assertEquals(0, PitchClass.D.intervalTo(PitchClass.D));
        assertEquals(11, PitchClass.C.intervalTo(PitchClass.B));
        for (PitchClass a : PitchClass.values()) {
            for (PitchClass b : PitchClass.values()) {
                int interval = a.intervalTo(b);
                assertTrue(interval >= 0 && interval < 12);
                assertEquals(b, a.transpose(interval));
            }
        }
    }

    @Test
    void names() {
        assertEquals("C#", PitchClass.C_SHARP.sharpName());
        assertEquals("Db", PitchClass.C_SHARP.flatName());
        assertEquals("A#", PitchClass.A_SHARP.sharpName());
        assertEquals("Bb", PitchClass.A_SHARP.flatName());
        assertEquals("E", PitchClass.E.sharpName());
        assertEquals("E", PitchClass.E.flatName());
        for (PitchClass pc : PitchClass.values()) {
            assertEquals(pc, PitchClass.parse(pc.sharpName()));
            assertEquals(pc, PitchClass.parse(pc.flatName()));
        }
    }

    @Test
    void parseSpelledNames() {
        assertEquals(PitchClass.D_SHARP, PitchClass.parse("Eb"));
        assertEquals(PitchClass.B, PitchClass.parse("Cb"));
        assertEquals(PitchClass.A, PitchClass.parse("Bbb"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PitchClass.parse("H"));
        assertEquals("note name \"H\": bad note letter 'H' (expected upper-case A-G)", e.getMessage());
    }
}
