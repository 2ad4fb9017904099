// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.AudioEngineStatus;
import io.perfsuite.audio.FileAnalysis;

/** The audio engine's status service turned into the pages' figures and report text. */
class EngineStatusReportTest {

    @Test
    void aRunningEngineGivesTheChainAndEachAnalyser() {
        EngineReports.Audio a = EngineReports.audio(new AudioEngineStatus.Snapshot("running", "test", 2, 1200,
                307_200, 0, List.of(new FileAnalysis.Timing("chain", 1200, 60.5, 140.25, 900, null),
                        new FileAnalysis.Timing("onset", 1200, 9.5, 36, 400, null),
                        new FileAnalysis.Timing("pitch", 1100, 21, 54, 120, "java.lang.IllegalStateException"))));
        assertEquals("running", a.state());
        assertEquals(1200, a.blocks());
        assertEquals(140.25, a.chain().p99Micros());
        assertEquals(36, a.timing("onset").p99Micros());
        assertEquals("java.lang.IllegalStateException", a.timing("pitch").failure());
        assertTrue(a.text().contains("FAILED java.lang.IllegalStateException"), a.text());
        // the report text reads back into the same figures through the shell-format reader
        EngineReports.Audio reread = EngineReports.audio(a.text());
        assertEquals(a.timings().size(), reread.timings().size());
        assertEquals(a.chain().p50Micros(), reread.chain().p50Micros(), 0.05);
    }

    @Test
    void anIdleEngineSaysItsSource() {
        EngineReports.Audio a = EngineReports.audio(new AudioEngineStatus.Snapshot("idle", "none", 5, 0, 0, 0,
                List.of()));
        assertEquals("idle", a.state());
        assertEquals("none", a.source());
        assertNull(a.chain());
        assertTrue(a.text().startsWith("Audio engine idle (source: none); 5 analysers bound"), a.text());
    }

    @Test
    void theSchedulersStatusGivesItsTimingAndItsReportText() {
        EngineReports.Midi m = EngineReports.midi(new io.perfsuite.midi.SchedulerStatus.Snapshot(true, "session",
                List.of("synth", "file"), 900, 3, 1, 880, 0.8, 35.3, 690, 3100));
        assertTrue(m.running() && m.readable());
        assertEquals(List.of("synth", "file"), m.outputs());
        assertEquals(35.3, m.p99Micros());
        assertTrue(m.text().contains("p99 35.3 µs") && m.text().contains("outputs:   synth, file"), m.text());
        assertTrue(!EngineReports.midi(new io.perfsuite.midi.SchedulerStatus.Snapshot(false, "none, notes wait",
                List.of(), 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)).running());
    }
}
