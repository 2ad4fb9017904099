// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixture outputs' JSON reader. */
class FlatJsonTest {

    @Test
    void numbersAndBooleans() {
        Map<String, Object> map = FlatJson.parse(
                "{\n  \"Both-correct\": false, \n  \"P-score\": 0.75, \"n\": 0, \"e\": -1.5E-3, \"t\": true}\n");
        assertEquals(List.of("Both-correct", "P-score", "n", "e", "t"), List.copyOf(map.keySet()));
        assertEquals(Boolean.FALSE, map.get("Both-correct"));
        assertEquals(0.75, map.get("P-score"));
        assertEquals(0.0, map.get("n"));
        assertEquals(-0.0015, map.get("e"));
        assertEquals(Boolean.TRUE, map.get("t"));
        assertEquals(Map.of(), FlatJson.parse(" { } "));
        assertEquals(0.65444015444015446, FlatJson.parse("{\"x\": 0.65444015444015446}").get("x"));
    }

    @Test
    void rejectsWhatIsNotFlat() {
        for (String bad : new String[] {"", "{", "{\"a\": [1]}", "{\"a\": {}}", "{\"a\": null}", "{\"a\": 1,}",
            "{\"a\": 1} x", "{\"a\": 1, \"a\": 2}", "{a: 1}", "{\"a\": 01}"}) {
            assertThrows(IllegalArgumentException.class, () -> FlatJson.parse(bad), bad);
        }
    }
}
