// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.pitch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.TestSignalSource;
import io.perfsuite.audio.testkit.EngineTestKit;

/** The pitch analyser on the engine's audio thread allocates nothing. */
class PitchRealTimeTest {

    @Test
    void allocatesNothingOnTheAudioThread() throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        engine.addAnalyser(new PitchAnalyser(EngineTestKit.defaults(PitchAnalyser.Config.class)));
        engine.addListener(e -> { });
        // a harmonic tone: every block is voiced, so the whole YIN path (dip, descent, parabola) runs
        engine.start(TestSignalSource.sines(44100, new double[] {220, 440, 660, 880, 1100},
                new double[] {0.3, 0.2, 0.1, 0.1, 0.05}), AudioEngine.Clock.OFFLINE);
        try {
            EngineTestKit.Allocation a = EngineTestKit.audioThreadAllocation(engine);
            assertTrue(a.blocks() >= 10_000, "measured over " + a.blocks() + " blocks");
            assertEquals(0, a.bytes(), "bytes allocated by the audio thread over " + a.blocks() + " blocks");
        } finally {
            engine.stop();
        }
    }
}
