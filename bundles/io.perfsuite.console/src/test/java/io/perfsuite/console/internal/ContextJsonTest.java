// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.Tempo;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.QueuedCommand;

class ContextJsonTest {

    @Test
    void rendersTheStateWithStableFieldNames() {
        long t0 = 1_000_000_000L;
        MusicalContext c = MusicalContext.initial(t0).next().mode(SystemMode.REHEARSAL).playing(true)
                .tempo(new Tempo(96), 0.8).at(t0, 9.5).chords(Chord.parse("A:min7"), Chord.parse("D:7"))
                .key(Key.parse("C major")).sections(Section.named("chorus", 8), null).feel(Feel.HALF_TIME)
                .cues(EnumSet.of(Cue.FILL)).build();
        QueuedCommand q = new QueuedCommand(7, "goto-section", Map.of("name", "verse \"2\""), Quantization.BAR, t0, 12);
        AgentStatus a = new AgentStatus("drums", "bandmate", 10, 1, 0, false, 100_000, 20_000, 40_000, 90_000, 15_000);

        String json = ContextJson.render(c, List.of(q), List.of(a), t0);

        assertTrue(json.startsWith("{\"sequence\":1,\"mode\":\"rehearsal\""), json);
        assertTrue(json.contains("\"tempo\":96,"), json);
        assertTrue(json.contains("\"bar\":3,\"beatInBar\":2,"), json);
        assertTrue(json.contains("\"chord\":\"A:min7\",\"nextChord\":\"D:7\""), json);
        assertTrue(json.contains("\"key\":\"C major\""), json);
        assertTrue(json.contains("\"section\":{\"name\":\"chorus\""), json);
        assertTrue(json.contains("\"nextSection\":null"), json);
        assertTrue(json.contains("\"feel\":\"half_time\",\"cues\":[\"fill\"]"), json);
        assertTrue(json.contains("{\"id\":7,\"name\":\"goto-section\",\"quantization\":\"bar\",\"dueBeat\":12,"
                + "\"arguments\":{\"name\":\"verse \\\"2\\\"\"}}"), json);
        assertTrue(json.contains("{\"id\":\"drums\",\"kind\":\"bandmate\",\"calls\":10,\"faults\":1"), json);
        assertTrue(json.contains("\"nextBeatInMs\":312.5"), json);
        assertEquals('}', json.charAt(json.length() - 1));
    }

    @Test
    void numbersThatJsonCannotCarryBecomeNull() {
        assertEquals("[null,null,1.5,3]", new Json().beginArray().value(Double.NaN)
                .value(Double.POSITIVE_INFINITY).value(1.5).value(3.0).endArray().toString());
        assertEquals("{\"a\":\"\\u003cscript\\u003e\\n\"}", new Json().beginObject().field("a", "<script>\n")
                .endObject().toString());
    }

    @Test
    void numbersKeepSixSignificantDigits() {
        assertEquals("[1.5,-5.20699,0.123457,123457,0.001,0.0001,1.23457e+09,120]", new Json().beginArray().value(1.5)
                .value(-5.206994).value(0.12345678).value(123456.7).value(0.001).value(0.0001).value(1234567890.5)
                .value(120.0).endArray().toString());
    }
}
