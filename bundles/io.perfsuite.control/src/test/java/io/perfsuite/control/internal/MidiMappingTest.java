// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.command.Quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MidiMappingTest {

    @Test
    void parsesTheDocumentedForms() {
        MidiMapping m = MidiMapping.parse(new String[] {"note:60=next-section", "cc:64:127=fill",
            "pc:3=goto-section name=chorus", "ch10:note:36:100=tap-tempo", "CC:80=ending quantize=bar"});
        assertEquals(List.of(), m.errors());
        MidiMapping.Rule note = m.rules(MidiMapping.Kind.NOTE, 60).get(0);
        assertEquals("next-section", note.command());
        assertEquals(-1, note.value());
        assertEquals(0, note.channel());
        assertEquals(127, m.rules(MidiMapping.Kind.CC, 64).get(0).value());
        assertEquals(Map.of("name", "chorus"), m.rules(MidiMapping.Kind.PC, 3).get(0).arguments());
        MidiMapping.Rule drum = m.rules(MidiMapping.Kind.NOTE, 36).get(0);
        assertEquals(10, drum.channel());
        assertEquals(100, drum.value());
        assertEquals(Quantization.BAR, m.rules(MidiMapping.Kind.CC, 80).get(0).quantization());
        assertTrue(m.rules(MidiMapping.Kind.NOTE, 61).isEmpty());
    }

    @Test
    void reportsBadLinesAndKeepsTheGoodOnes() {
        MidiMapping m = MidiMapping.parse(new String[] {"note:60", "note:128=x", "ch17:note:1=x", "pc:3:1=x",
            "knob:1=x", "note:1=Bad_Name", "note:2=fill bars", "cc:1=fill quantize=later", "note:62=tap-tempo"});
        assertEquals(8, m.errors().size(), m.errors().toString());
        assertEquals(1, m.rules().size());
    }
}
