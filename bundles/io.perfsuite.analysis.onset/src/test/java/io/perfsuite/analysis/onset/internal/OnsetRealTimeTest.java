// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.onset.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.TestSignalSource;
import io.perfsuite.audio.testkit.EngineTestKit;

/** The onset analyser on the engine's audio thread allocates nothing. */
class OnsetRealTimeTest {

    @Test
    void allocatesNothingOnTheAudioThread() throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        engine.addAnalyser(new OnsetAnalyser(EngineTestKit.defaults(OnsetAnalyser.Config.class)));
        engine.addListener(e -> { });
        engine.start(TestSignalSource.clicks(44100, 480, 0.8), AudioEngine.Clock.OFFLINE);
        try {
            EngineTestKit.Allocation a = EngineTestKit.audioThreadAllocation(engine);
            assertTrue(a.blocks() >= 10_000, "measured over " + a.blocks() + " blocks");
            assertEquals(0, a.bytes(), "bytes allocated by the audio thread over " + a.blocks() + " blocks");
        } finally {
            engine.stop();
        }
    }
}
