// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The JSON writer: commas, escapes, numbers, and no invalid document on misuse. */
class JsonTest {

    @Test
    void nestsAndPlacesCommas() {
        Json j = new Json().beginObject().name("a").value(1).name("b").beginArray().value("x").value(true).nullValue()
                .beginArray().endArray().beginObject().endObject().endArray().name("c").beginObject().name("d")
                .value(2.5).endObject().endObject();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,[],{}],\"c\":{\"d\":2.5}}", j.toString());
    }

    @Test
    void escapesStrings() {
        String s = new Json().value("quote \" backslash \\ newline \n tab \t bell \u0007 sep \u2028 é").toString();
        assertEquals("\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 sep \\u2028 é\"", s);
        assertEquals("\"lone \\ud800 surrogate\"", new Json().value("lone \ud800 surrogate").toString());
        assertEquals("\"pair \ud83c\udfb5\"", new Json().value("pair \ud83c\udfb5").toString());
    }

    @Test
    void writesFiniteNumbersOnlyWithoutFalsePrecision() {
        assertEquals("null", Json.number(Double.NaN, 3));
        assertEquals("null", Json.number(Double.POSITIVE_INFINITY, 3));
        assertEquals("null", Json.number(Double.NEGATIVE_INFINITY, 3));
        assertEquals("0.5", Json.number(0.5, 4));
        assertEquals("120", Json.number(120.0, 2));
        assertEquals("0.1235", Json.number(0.123456, 4));
        assertEquals("-3.5", Json.number(-3.5, 1));
        assertEquals("0", Json.number(-0.0001, 2));
        assertEquals("12345678901", Json.number(12345678901.0, 2));
        assertEquals("0.000001", Json.number(1e-6, 6));
        assertEquals("[null,1]", new Json().beginArray().value(Double.NaN).value(1.0).endArray().toString());
    }

    @Test
    void refusesWhatWouldBeInvalid() {
        assertThrows(IllegalStateException.class, () -> new Json().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new Json().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new Json().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new Json().value(1).value(2));
    }
}
