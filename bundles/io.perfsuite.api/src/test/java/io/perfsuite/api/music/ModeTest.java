// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link Mode}. */
class ModeTest {

    @Test
    void steps() {
        assertEquals(List.of(0, 2, 4, 5, 7, 9, 11), Mode.MAJOR.steps());
        assertEquals(List.of(0, 2, 3, 5, 7, 8, 10), Mode.MINOR.steps());
        assertEquals(List.of(0, 2, 3, 5, 7, 9, 10), Mode.DORIAN.steps());
        assertEquals(List.of(0, 1, 3, 5, 7, 8, 10), Mode.PHRYGIAN.steps());
        assertEquals(List.of(0, 2, 4, 6, 7, 9, 11), Mode.LYDIAN.steps());
        assertEquals(List.of(0, 2, 4, 5, 7, 9, 10), Mode.MIXOLYDIAN.steps());
        assertEquals(List.of(0, 1, 3, 5, 6, 8, 10), Mode.LOCRIAN.steps());
        assertEquals(3, Mode.MINOR.step(2));
        assertThrows(UnsupportedOperationException.class, () -> Mode.MAJOR.steps().set(0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.MAJOR.step(7));
        assertEquals("scale step index must be in 0..6, got 7", e.getMessage());
    }

    @Test
    void majorScaleDegree() {
        assertEquals(0, Mode.MAJOR.majorScaleDegree());
        assertEquals(1, Mode.DORIAN.majorScaleDegree());
        assertEquals(5, Mode.MINOR.majorScaleDegree());
        assertEquals(6, Mode.LOCRIAN.majorScaleDegree());
    }

    @Test
    void fromName() {
        for (Mode mode : Mode.values()) {
            assertEquals(mode, Mode.fromName(mode.label()));
            assertEquals(mode, Mode.fromName(mode.name()));
        }
        assertEquals("major", Mode.MAJOR.label());
        assertEquals(Mode.MAJOR, Mode.fromName("maj"));
        assertEquals(Mode.MAJOR, Mode.fromName("Ionian"));
        assertEquals(Mode.MINOR, Mode.fromName("min"));
        assertEquals(Mode.MINOR, Mode.fromName("aeolian"));
        assertEquals(Mode.MINOR, Mode.fromName("Minor"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.fromName("majr"));
        assertEquals("unknown mode \"majr\" (expected major, minor, dorian, phrygian, lydian, mixolydian or locrian)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mode.fromName(null));
        assertEquals("mode name is null", e.getMessage());
    }
}
