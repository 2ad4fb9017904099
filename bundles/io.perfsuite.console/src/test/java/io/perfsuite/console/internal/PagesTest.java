// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.band.BandRoster;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.session.AgentStatus;

class PagesTest {

    private static final String EVIL = "<script>alert('x')</script>";

    /** A report in the shape perfsuite:audio prints. */
    static final String AUDIO_RUNNING = String.format(Locale.ROOT,
            "Audio engine %s: %d blocks, %d frames, %d events dropped%n", "running", 1200, 307200, 0)
            + String.format(Locale.ROOT, "  %-24s %10s %10s %10s %10s%n", "analyser", "blocks", "p50 µs", "p99 µs",
                    "max µs")
            + String.format(Locale.ROOT, "  %-24s %10d %10.1f %10.1f %10.1f%s%n", "chain", 1200, 90.0, 150.0, 400.0, "")
            + String.format(Locale.ROOT, "  %-24s %10d %10.1f %10.1f %10.1f%s%n", "pitch.yin", 1200, 45.2, 80.0, 310.5,
                    "")
            + String.format(Locale.ROOT, "  %-24s %10d %10.1f %10.1f %10.1f%s%n", "onset", 300, 10.0, 20.0, 30.0,
                    "  FAILED java.lang.IllegalStateException: boom");

    /** A report in the shape perfsuite:midiout prints. */
    static final String MIDI_RUNNING = "MIDI scheduler (clock: session)\n"
            + "  outputs:   synth\n"
            + "  channels:  drums=9:0\n"
            + "  bandmates: drums\n"
            + String.format(Locale.ROOT, "  scheduled %d, played %d, late %d, dropped (late) %d, released %d, "
                    + "overflow %d, rejected %d, output faults %d%n", 700, 640, 3, 2, 0, 0, 0, 0)
            + String.format(Locale.ROOT, "  pending %d, sounding notes %d%n", 12, 1)
            + String.format(Locale.ROOT, "  timing error over %d events: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, "
                    + "max %.1f µs%n", 640, 20.5, 1800.0, 2500.0, 4000.0);

    private static AgentsPage.View view(List<AgentStatus> agents, List<BandRoster.Member> members,
            Map<String, String> styles, EngineReports.Audio audio, EngineReports.Midi midi) {
        return new AgentsPage.View(agents, members, styles, Map.of("osc#47", "io.perfsuite.control 1.0.0"),
                List.of(new AgentsPage.ServiceInfo("pitch.yin", "io.perfsuite.analysis.pitch 1.0.0", "Active", 7),
                        new AgentsPage.ServiceInfo("onset", "io.perfsuite.analysis.onset 1.0.0", "Active", 8)),
                List.of(new AgentsPage.ServiceInfo("synth", "io.perfsuite.midi 1.0.0", "Active", 9),
                        new AgentsPage.ServiceInfo("spare", "io.perfsuite.midi 1.0.0", "Active", 10)),
                new AgentsPage.ServiceInfo("scheduler", "io.perfsuite.midi 1.0.0", "Active", 11), audio, midi, true);
    }

    @Test
    void theAgentsPageEscapesWhatPluginsName() {
        BandRoster.Member evil = new BandRoster.Member(EVIL, Role.DRUMS, 42, "x\"><img src=x onerror=alert(1)>", "1.0",
                null);
        List<AgentStatus> agents = List.of(new AgentStatus(EVIL, "bandmate", 3, 0, 1, true, 100_000, 10_000, 20_000,
                30_000, 15_000));
        StringWriter out = new StringWriter();
        AgentsPage.render(new PrintWriter(out), view(agents, List.of(evil), Map.of(EVIL, EVIL), null, null));
        String html = out.toString();
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertTrue(html.contains("<td>20.0</td>"), "p99 in microseconds: " + html);
        assertTrue(html.contains("<b>degraded</b>"), html);
    }

    @Test
    void theAgentsPageListsAnalysersBandmatesOutputsAndTheScheduler() {
        EngineReports.Audio audio = EngineReports.audio(AUDIO_RUNNING);
        EngineReports.Midi midi = EngineReports.midi(MIDI_RUNNING);
        BandRoster.Member drums = new BandRoster.Member("drums", Role.DRUMS, 42, "io.perfsuite.bandmate.drums",
                "1.0.0", null);
        List<AgentStatus> agents = List.of(new AgentStatus("drums", "bandmate", 30, 0, 2, false, 100_000, 10_000,
                20_000, 90_000, 15_000), new AgentStatus("osc#47", "listener", 5, 0, 0, false, 250_000, 1_000,
                2_000, 3_000, 1_000));
        List<AgentsPage.Row> rows = AgentsPage.rows(view(agents, List.of(drums), Map.of("drums", "funk"), audio,
                midi));
        AgentsPage.Row pitch = row(rows, "analyser", "pitch.yin");
        assertEquals("io.perfsuite.analysis.pitch 1.0.0", pitch.bundle());
        assertEquals(1200L, pitch.calls());
        assertEquals(45_200L, pitch.p50Nanos());
        assertEquals(80_000L, pitch.p99Nanos());
        assertEquals(310_500L, pitch.maxNanos());
        AgentsPage.Row onset = row(rows, "analyser", "onset");
        assertEquals("failed", onset.state());
        assertTrue(onset.note().contains("java.lang.IllegalStateException: boom"), onset.note());
        assertEquals(150_000L, row(rows, "audio engine", "chain").p99Nanos());
        AgentsPage.Row d = row(rows, "bandmate", "drums");
        assertEquals("funk", d.style());
        assertEquals(2L, d.misses());
        assertEquals("io.perfsuite.bandmate.drums 1.0.0", d.bundle());
        assertEquals("io.perfsuite.control 1.0.0", row(rows, "listener", "osc#47").bundle());
        assertEquals("Active", row(rows, "output", "synth").state());
        assertEquals("registered, not bound by the scheduler", row(rows, "output", "spare").note());
        AgentsPage.Row s = row(rows, "scheduler", "MIDI scheduler");
        assertEquals(5L, s.misses(), "late + dropped");
        assertEquals(1_800_000L, s.p99Nanos());
        assertEquals(640L, s.calls());
    }

    @Test
    void theAgentsPageSaysWhenNothingRuns() {
        StringWriter out = new StringWriter();
        AgentsPage.render(new PrintWriter(out), new AgentsPage.View(null, null, Map.of(), Map.of(), List.of(),
                List.of(), null, null, null, false));
        assertTrue(out.toString().contains("No session is running"));
        assertTrue(out.toString().contains("No band roster"));
        assertTrue(out.toString().contains("the Gogo shell, which is not running"));
    }

    @Test
    void anAnalyserIsExplainedWhenTheEngineIsIdle() {
        List<AgentsPage.Row> rows = AgentsPage.rows(view(List.of(), List.of(), Map.of(),
                EngineReports.audio("Audio engine idle (source: none); 5 analysers bound\n"), null));
        assertEquals("the audio engine is idle (source: none)", row(rows, "analyser", "pitch.yin").note());
        assertNull(row(rows, "analyser", "pitch.yin").p99Nanos());
    }

    private static AgentsPage.Row row(List<AgentsPage.Row> rows, String kind, String id) {
        return rows.stream().filter(r -> r.kind().equals(kind) && r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + id + " in " + rows));
    }

    @Test
    void theBudgetAddsUpToTenMilliseconds() {
        assertEquals(10.0, LatencyBudget.totalMs(), 1e-9);
        assertEquals(13, LatencyBudget.STAGES.size());
    }

    private static LatencyBudget.Stage stage(String name) {
        return LatencyBudget.STAGES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static LatencyBudget.Inputs inputs(List<AgentStatus> agents, EngineReports.Audio audio,
            EngineReports.Midi midi) {
        return new LatencyBudget.Inputs(agents, audio, midi, Set.of("io.perfsuite.midi", "io.perfsuite.audio"),
                List.of("synth"));
    }

    @Test
    void theAgentsStageIsTheSumOfTheBandmatesP99() {
        List<AgentStatus> agents = List.of(
                new AgentStatus("drums", "bandmate", 10, 0, 0, false, 100_000, 1_000, 30_000, 40_000, 2_000),
                new AgentStatus("bass", "bandmate", 10, 0, 0, false, 100_000, 1_000, 20_000, 40_000, 2_000),
                new AgentStatus("idle", "bandmate", 0, 0, 0, false, 100_000, 0, 0, 0, 0),
                new AgentStatus("osc", "listener", 10, 0, 0, false, 100_000, 1_000, 500_000, 40_000, 2_000),
                new AgentStatus("session.command", "stage", 4, 0, 0, false, 0, 1_000, 2_500_000, 3_000_000, 2_000));
        LatencyBudget.Inputs in = inputs(agents, null, null);
        LatencyBudget.Measured m = LatencyBudget.measure(stage("agents"), in);
        assertEquals(50_000L, m.p99Nanos());
        assertTrue(m.note().contains("2 bandmate"), m.note());
        assertEquals(2_500_000L, LatencyBudget.measure(LatencyBudget.COMMAND_STAGE, in).p99Nanos());
        assertEquals("no session is running", LatencyBudget.measure(stage("agents"), inputs(null, null, null)).note());
    }

    @Test
    void analysisAndMidiComeFromTheEngineReports() {
        LatencyBudget.Inputs in = inputs(List.of(), EngineReports.audio(AUDIO_RUNNING),
                EngineReports.midi(MIDI_RUNNING));
        LatencyBudget.Measured analysis = LatencyBudget.measure(stage("analysis"), in);
        assertEquals(150_000L, analysis.p99Nanos());
        assertTrue(analysis.note().contains("over 1200 blocks"), analysis.note());
        assertEquals(1_800_000L, LatencyBudget.measure(stage("MIDI generation"), in).p99Nanos());
        assertNull(LatencyBudget.measure(stage("audio in"), in).p99Nanos());
        assertTrue(LatencyBudget.measure(stage("audio out"), in).note().contains("synth"));
        assertEquals("no MCP client in this runtime", LatencyBudget.measure(stage("musical-AI MCP"), in).note());
        assertEquals("no OSC transport in this runtime", LatencyBudget.measure(stage("OSC"), in).note());

        LatencyBudget.Inputs idle = inputs(List.of(),
                EngineReports.audio("Audio engine idle (source: none); 5 analysers bound\n"),
                EngineReports.midi(MIDI_RUNNING.replaceAll("over 640 events", "over 0 events")));
        assertEquals("no audio interface: the audio engine is idle (source: none)",
                LatencyBudget.measure(stage("audio in"), idle).note());
        assertNull(LatencyBudget.measure(stage("analysis"), idle).p99Nanos());
        assertEquals("no note played yet", LatencyBudget.measure(stage("MIDI generation"), idle).note());
        assertEquals("the audio engine's report could not be read", LatencyBudget.measure(stage("analysis"),
                inputs(List.of(), EngineReports.audio("something else\n"), null)).note());
    }

    @Test
    void theLatencyPageShowsBudgetBesideMeasurement() {
        StringWriter out = new StringWriter();
        LatencyPage.render(new PrintWriter(out), inputs(List.of(
                new AgentStatus("drums", "bandmate", 10, 0, 0, false, 100_000, 1_000, 1_500_000, 2_000_000, 2)),
                EngineReports.audio(AUDIO_RUNNING), null));
        String html = out.toString();
        assertTrue(html.contains("<td>agents</td><td>1.0</td><td>1.500</td>"), html);
        assertTrue(html.contains("over budget"), html);
        assertTrue(html.contains("<td>analysis</td><td>2.0</td><td>0.150</td>"), html);
        assertTrue(html.contains("<b>10.0</b>"), html);
        assertTrue(html.contains("2 of 13 stages measured, against 3.0 ms of budget"), html);
    }

    @Test
    void theLivePageCarriesTheUsersTokenAndTheButtons() throws Exception {
        CsrfGuard csrf = new CsrfGuard();
        LivePage page = new LivePage(csrf);
        page.bindSession(new FakeSession());
        HttpFakes.Response resp = new HttpFakes.Response();
        page.renderContent(new HttpFakes.Request("GET", "/").basic("perfsuite", "pw").build(), resp.proxy);
        String html = resp.text();
        assertTrue(html.contains("data-csrf='" + csrf.token("perfsuite") + "'"), html);
        for (String[] b : LivePage.BUTTONS) {
            assertTrue(html.contains("data-command='" + b[0] + "'"), b[0]);
        }
        assertTrue(html.contains("<option value='tap-tempo'>tap-tempo</option>"), html);
        assertTrue(html.contains("new EventSource(api + 'events')"), "the script is inlined");
    }
}
