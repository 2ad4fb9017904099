// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Tests {@link Meter}. */
class MeterTest {

    @Test
    void parseAndPrint() {
        assertEquals(new Meter(4, 4), Meter.parse("4/4"));
        assertEquals(new Meter(6, 8), Meter.parse("6/8"));
        assertEquals(Meter.COMMON, Meter.parse("4/4"));
        for (String text : new String[] {"4/4", "3/4", "6/8", "12/8", "7/16", "2/2", "1/1", "32/32", "5/4"}) {
            assertEquals(text, Meter.parse(text).toString());
        }
        assertEquals("4/4", Meter.COMMON.toString());
    }

    @Test
    void rejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Meter(0, 4));
        assertEquals("beats per bar must be in 1..32, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Meter(33, 4));
        assertEquals("beats per bar must be in 1..32, got 33", e.getMessage());
        for (int unit : new int[] {0, 3, 5, 6, 12, 64, -4}) {
            e = assertThrows(IllegalArgumentException.class, () -> new Meter(4, unit));
            assertEquals("beat unit must be one of 1, 2, 4, 8, 16, 32, got " + unit, e.getMessage());
        }
    }

    @Test
    void parseRejectsBadInput() {
        assertBad(null, "meter is null");
        assertBad("44", "meter \"44\": missing \"/\" (expected e.g. \"4/4\")");
        assertBad("/4", "meter \"/4\": beats per bar must be a number of 1 to 3 digits, got \"\"");
        assertBad("4/", "meter \"4/\": beat unit must be a number of 1 to 3 digits, got \"\"");
        assertBad("4 /4", "meter \"4 /4\": beats per bar must be a number, got \"4 \"");
        assertBad("4/4/4", "meter \"4/4/4\": beat unit must be a number, got \"4/4\"");
        assertBad("-4/4", "meter \"-4/4\": beats per bar must be a number, got \"-4\"");
        assertBad("4/3", "meter \"4/3\": beat unit must be one of 1, 2, 4, 8, 16, 32, got 3");
        assertBad("64/4", "meter \"64/4\": beats per bar must be in 1..32, got 64");
        assertBad("99999/4", "meter \"99999/4\": beats per bar must be a number of 1 to 3 digits, got \"99999\"");
    }

    private static void assertBad(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Meter.parse(text));
        assertEquals(message, e.getMessage());
    }
}
