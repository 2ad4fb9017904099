// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.beat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.TestSignalSource;
import io.perfsuite.audio.testkit.EngineTestKit;

/** The beat tracker on the engine's audio thread allocates nothing. */
class BeatRealTimeTest {

    @Test
    void allocatesNothingOnTheAudioThread() throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        engine.addAnalyser(new BeatAnalyser(EngineTestKit.defaults(BeatAnalyser.Config.class)));
        engine.addListener(e -> { });
        engine.start(TestSignalSource.clicks(44100, 480, 0.8), AudioEngine.Clock.OFFLINE);
        try {
            EngineTestKit.Allocation a = EngineTestKit.audioThreadAllocation(engine);
            assertTrue(a.blocks() >= 10_000, "measured over " + a.blocks() + " blocks");
            assertEquals(0, a.bytes(), "bytes allocated by the audio thread over " + a.blocks() + " blocks");
            engine.stats().stream().filter(s -> s.id().equals("beat")).forEach(s -> System.out.printf(
                    "beat tracker compute per block: p50 %.1f µs, p99 %.1f µs, max %.1f µs over %d blocks%n",
                    s.p50Micros(), s.p99Micros(), s.maxMicros(), s.blocks()));
        } finally {
            engine.stop();
        }
    }
}
