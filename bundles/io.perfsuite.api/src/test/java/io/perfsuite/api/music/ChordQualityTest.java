// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests {@link ChordQuality}. */
class ChordQualityTest {

    /** The expected degree lists, written out from Harte (2005) and mir_eval's quality table. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("maj", "1,3,5");
        EXPECTED.put("min", "1,b3,5");
        EXPECTED.put("dim", "1,b3,b5");
        EXPECTED.put("aug", "1,3,#5");
        EXPECTED.put("maj7", "1,3,5,7");
        EXPECTED.put("min7", "1,b3,5,b7");
        EXPECTED.put("7", "1,3,5,b7");
        EXPECTED.put("dim7", "1,b3,b5,bb7");
        EXPECTED.put("hdim7", "1,b3,b5,b7");
        EXPECTED.put("minmaj7", "1,b3,5,7");
        EXPECTED.put("maj6", "1,3,5,6");
        EXPECTED.put("min6", "1,b3,5,6");
        EXPECTED.put("9", "1,3,5,b7,9");
        EXPECTED.put("maj9", "1,3,5,7,9");
        EXPECTED.put("min9", "1,b3,5,b7,9");
        EXPECTED.put("11", "1,3,5,b7,9,11");
        EXPECTED.put("min11", "1,b3,5,b7,9,11");
        EXPECTED.put("13", "1,3,5,b7,9,11,13");
        EXPECTED.put("maj13", "1,3,5,7,9,11,13");
        EXPECTED.put("min13", "1,b3,5,b7,9,11,13");
        EXPECTED.put("sus2", "1,2,5");
        EXPECTED.put("sus4", "1,4,5");
        EXPECTED.put("1", "1");
        EXPECTED.put("5", "1,5");
    }

    @Test
    void everyShorthandHasItsDegrees() {
        assertEquals(EXPECTED.size(), ChordQuality.values().length);
        for (Map.Entry<String, String> entry : EXPECTED.entrySet()) {
            ChordQuality quality = ChordQuality.fromLabel(entry.getKey());
            assertEquals(entry.getKey(), quality.label());
            List<String> degrees = new ArrayList<>();
            for (Degree degree : quality.degrees()) {
                degrees.add(degree.toString());
            }
            assertEquals(entry.getValue(), String.join(",", degrees), entry.getKey());
        }
    }

    @Test
    void constantsMatchLabels() {
        assertEquals(ChordQuality.MAJ, ChordQuality.fromLabel("maj"));
        assertEquals(ChordQuality.DOM7, ChordQuality.fromLabel("7"));
        assertEquals(ChordQuality.DOM9, ChordQuality.fromLabel("9"));
        assertEquals(ChordQuality.DOM11, ChordQuality.fromLabel("11"));
        assertEquals(ChordQuality.DOM13, ChordQuality.fromLabel("13"));
        assertEquals(ChordQuality.ROOT_ONLY, ChordQuality.fromLabel("1"));
        assertEquals(ChordQuality.POWER, ChordQuality.fromLabel("5"));
        assertEquals(ChordQuality.HDIM7, ChordQuality.fromLabel("hdim7"));
    }

    @Test
    void degreesAreUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> ChordQuality.MAJ.degrees().add(Degree.ROOT));
    }

    @Test
    void intervalMask() {
        assertEquals(0b000010010001, ChordQuality.MAJ.intervalMask());
        assertEquals(0b000010001001, ChordQuality.MIN.intervalMask());
        assertEquals(0b001001001001, ChordQuality.DIM7.intervalMask());
        assertEquals(0b010010010101, ChordQuality.DOM9.intervalMask()); // 0 2 4 7 10
        assertEquals(0b1, ChordQuality.ROOT_ONLY.intervalMask());
    }

    @Test
    void fromLabelRejectsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChordQuality.fromLabel("mja"));
        assertEquals("unknown chord shorthand \"mja\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChordQuality.fromLabel("MAJ"));
        assertEquals("unknown chord shorthand \"MAJ\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChordQuality.fromLabel(null));
        assertEquals("chord shorthand is null", e.getMessage());
    }
}
