// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.util.List;
import java.util.Map;

import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.MusicalTime;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.QueuedCommand;

/**
 * The session's state as JSON, as served at {@code GET /perfsuite/api/context}. Field names are part of the
 * documented endpoint (README): keep them stable.
 */
final class ContextJson {

    private ContextJson() {
    }

    static String render(MusicalContext c, List<QueuedCommand> queue, List<AgentStatus> agents, long nowNanos) {
        Json j = new Json().beginObject();
        j.field("sequence", c.sequence());
        j.field("mode", c.mode().name().toLowerCase(java.util.Locale.ROOT));
        j.field("degradation", c.degradation().name().toLowerCase(java.util.Locale.ROOT));
        j.field("playing", c.playing());
        j.field("tempo", c.tempo().bpm());
        j.field("tempoConfidence", c.tempoConfidence());
        j.field("meter", c.meter().toString());
        double beatNow = c.beatAt(nowNanos);
        MusicalTime position = MusicalTime.of(beatNow, c.meter());
        j.field("beat", beatNow);
        j.field("bar", position.bar());
        j.field("beatInBar", position.beat());
        j.field("nextBeatInMs", Math.max(0, (c.nanosAt(Math.floor(beatNow) + 1) - nowNanos) / 1e6));
        j.field("chord", c.chord().toString());
        j.field("nextChord", c.nextChord().toString());
        j.field("key", c.key().map(Object::toString).orElse(null));
        j.name("dynamics").beginObject()
                .field("rmsDbfs", c.dynamics().rmsDbfs())
                .field("peakDbfs", c.dynamics().peakDbfs())
                .field("loudness", c.dynamics().loudness())
                .endObject();
        j.field("intensity", c.intensity());
        section(j.name("section"), c.section());
        if (c.nextSection().isPresent()) {
            section(j.name("nextSection"), c.nextSection().get());
        } else {
            j.name("nextSection").value((String) null);
        }
        j.field("feel", c.feel().name().toLowerCase(java.util.Locale.ROOT));
        j.name("cues").beginArray();
        for (Cue cue : Cue.values()) {
            if (c.has(cue)) {
                j.value(cue.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        j.endArray();
        j.name("queue").beginArray();
        for (QueuedCommand q : queue) {
            j.beginObject().field("id", q.id()).field("name", q.name())
                    .field("quantization", q.quantization().name().toLowerCase(java.util.Locale.ROOT))
                    .field("dueBeat", q.dueBeat());
            j.name("arguments").beginObject();
            for (Map.Entry<String, String> a : new java.util.TreeMap<>(q.arguments()).entrySet()) {
                j.field(a.getKey(), a.getValue());
            }
            j.endObject().endObject();
        }
        j.endArray();
        j.name("agents").beginArray();
        for (AgentStatus a : agents) {
            j.beginObject().field("id", a.id()).field("kind", a.kind()).field("calls", a.calls())
                    .field("faults", a.faults()).field("overruns", a.overruns()).field("degraded", a.degraded())
                    .field("budgetUs", a.budgetNanos() / 1e3).field("p50Us", a.p50Nanos() / 1e3)
                    .field("p99Us", a.p99Nanos() / 1e3).field("maxUs", a.maxNanos() / 1e3)
                    .field("lastUs", a.lastNanos() / 1e3).endObject();
        }
        j.endArray();
        return j.endObject().toString();
    }

    private static void section(Json j, Section s) {
        j.beginObject().field("name", s.name()).field("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT))
                .field("bars", s.lengthBars()).endObject();
    }
}
