// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.audio.FileAnalysis;
import io.perfsuite.midi.OfflineNoteScheduler;

/** The JSON report of a render. Stateless. */
final class RenderReport {

    /** The design's end-to-end budget, per stage, in microseconds (ARCHITECTURE.md). */
    static final Map<String, Double> DESIGN = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        {
            put("audio in", 500.0);
            put("analysis", 2000.0);
            put("agents", 1000.0);
            put("musical-AI MCP", 500.0);
            put("MIDI generation", 1000.0);
            put("Ableton", 1000.0);
            put("audio out", 500.0);
            put("network", 1000.0);
            put("OSC", 500.0);
            put("animation MCP", 500.0);
            put("animation", 1000.0);
            put("rendering", 500.0);
        }
    });

    /** The live session's budget for one plan call (its default configuration). */
    static final double PLAN_BUDGET_MICROS = 100;

    private RenderReport() {
    }

    /**
     * One measured stage.
     *
     * @param name         the stage
     * @param design       the design's stage it belongs to
     * @param count        measurements
     * @param p50          median (us)
     * @param p99          99th percentile (us)
     * @param max          longest (us)
     * @param budgetMicros the budget (us)
     */
    record Stage(String name, String design, long count, double p50, double p99, double max, double budgetMicros) {
    }

    static List<Stage> stages(Render.Outcome r) {
        List<Stage> out = new ArrayList<>();
        for (FileAnalysis.Timing t : r.findings().result().timings()) {
            if (t.id().equals("chain")) {
                out.add(new Stage("analysis chain per block", "analysis", t.blocks(), t.p50Micros(), t.p99Micros(),
                        t.maxMicros(), DESIGN.get("analysis")));
            }
        }
        out.add(sorted("session step per block", "agents", r.stepMicros(), DESIGN.get("agents")));
        for (AgentStatus a : r.agents()) {
            if (a.kind().equals("bandmate")) {
                out.add(new Stage("plan " + a.id(), "agents", a.calls(), a.p50Nanos() / 1e3, a.p99Nanos() / 1e3,
                        a.maxNanos() / 1e3, PLAN_BUDGET_MICROS));
            }
        }
        out.add(sorted("scheduler per block", "MIDI generation", r.scheduleMicros(), DESIGN.get("MIDI generation")));
        return out;
    }

    private static Stage sorted(String name, String design, double[] v, double budget) {
        if (v.length == 0) {
            return new Stage(name, design, 0, Double.NaN, Double.NaN, Double.NaN, budget);
        }
        return new Stage(name, design, v.length, v[(int) Math.floor(0.5 * (v.length - 1))],
                v[(int) Math.min(v.length - 1, Math.ceil(0.99 * (v.length - 1)))], v[v.length - 1], budget);
    }

    static String json(RenderJob.Produced p) {
        Render.Outcome r = p.outcome();
        Findings f = r.findings();
        Json j = new Json();
        j.beginObject();
        j.name("input").value(p.options().input().toString());
        j.name("output").value(p.options().output().toString());
        j.name("midi").value(p.options().midi() == null ? null : p.options().midi().toString());
        j.name("song").value(p.options().song() == null ? null : p.options().song().toString());
        j.name("seconds").value(r.seconds(), 3);
        j.name("wallSeconds").value(r.wallSeconds() + p.synthSeconds(), 3);
        j.name("synthSeconds").value(p.synthSeconds(), 3);
        j.name("mixScale").value(p.mixScale(), 4);

        j.name("heard").beginObject();
        j.name("tempoBpm").value(f.tempo().bpm(), 2);
        j.name("key").value(f.key() == null || f.key().last() == null ? null : f.key().last().toString());
        j.name("onsets").beginArray();
        for (Findings.OnsetRow o : f.onsets()) {
            j.value(o.time(), 4);
        }
        j.endArray();
        j.name("beats").beginArray();
        for (Findings.BeatRow b : f.beats()) {
            j.value(b.time(), 4);
        }
        j.endArray();
        j.name("chords").beginArray();
        for (Findings.ChordRow c : f.chords()) {
            j.beginObject().name("start").value(c.start(), 3).name("end").value(c.end(), 3).name("label")
                    .value(c.label()).endObject();
        }
        j.endArray();
        j.endObject();

        j.name("band").beginObject();
        double entry = r.played().isEmpty() ? Double.NaN : r.played().get(0).onNanos() / 1e9;
        j.name("entrySeconds").value(entry, 4);
        j.name("bandmates").beginArray();
        for (Map.Entry<String, io.perfsuite.api.band.Role> e : r.roles().entrySet()) {
            long n = r.played().stream().filter(x -> x.bandmate().equals(e.getKey())).count();
            j.beginObject().name("id").value(e.getKey()).name("role").value(e.getValue().name()).name("notes")
                    .value(n).endObject();
        }
        j.endArray();
        j.name("notes").beginArray();
        for (OfflineNoteScheduler.PlayedNote n : r.played()) {
            j.beginObject().name("bandmate").value(n.bandmate()).name("channel").value(n.channel()).name("note")
                    .value(n.note()).name("velocity").value(n.velocity()).name("beat").value(n.beat(), 4)
                    .name("on").value(n.onNanos() / 1e9, 5).name("off").value(n.offNanos() / 1e9, 5).endObject();
        }
        j.endArray();
        j.name("beats").beginArray();
        for (Render.BeatContext c : r.contexts()) {
            j.beginObject().name("t").value(c.seconds(), 4).name("beat").value((long) c.beat()).name("bpm")
                    .value(c.bpm(), 2).name("chord").value(c.chord()).name("section").value(c.section()).endObject();
        }
        j.endArray();
        j.endObject();

        OfflineNoteScheduler.Counts c = r.counts();
        j.name("scheduler").beginObject().name("scheduled").value(c.scheduled()).name("played").value(c.played())
                .name("late").value(c.late()).name("droppedLate").value(c.droppedLate()).name("rejected")
                .value(c.rejected()).name("unrouted").value(c.unrouted()).name("maxLateMillis")
                .value(c.maxLateMillis(), 3).name("analysisDropped").value(r.analysisDropped()).endObject();

        j.name("latency").beginObject();
        j.name("design").beginObject();
        DESIGN.forEach((k, v) -> j.name(k).value(v / 1000, 1));
        j.endObject();
        j.name("note").value("compute time per stage, measured in this render; audio in/out, Ableton, network, "
                + "OSC and animation are not part of an offline render");
        j.name("stages").beginArray();
        for (Stage s : stages(r)) {
            j.beginObject().name("stage").value(s.name()).name("design").value(s.design()).name("count")
                    .value(s.count()).name("p50Micros").value(s.p50(), 2).name("p99Micros").value(s.p99(), 2)
                    .name("maxMicros").value(s.max(), 2).name("budgetMicros").value(s.budgetMicros(), 0)
                    .name("p99WithinBudget").value(s.p99() <= s.budgetMicros()).endObject();
        }
        j.endArray();
        j.endObject();

        j.name("quality").beginObject();
        j.name("annotations").beginArray();
        for (java.nio.file.Path a : p.truth().files()) {
            j.value(a.getFileName().toString());
        }
        j.endArray();
        j.name("drumsOnBeat").beginObject().name("medianMillis").value(p.onBeat().median(), 2).name("p90Millis")
                .value(p.onBeat().p90(), 2).name("hits").value(p.onBeat().hits()).name("fromSeconds")
                .value(p.onBeat().from(), 3).endObject();
        j.name("chordTones").beginObject().name("share").value(p.tones().share(), 4).name("seconds")
                .value(p.tones().seconds(), 2).name("notes").value(p.tones().notes()).endObject();
        j.endObject();
        j.endObject();
        return j.toString();
    }
}
