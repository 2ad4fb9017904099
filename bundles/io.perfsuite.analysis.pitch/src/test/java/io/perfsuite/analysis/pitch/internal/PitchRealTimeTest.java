// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.pitch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.TestSignalSource;

/** The pitch analyser on the engine's audio thread allocates nothing. */
class PitchRealTimeTest {

    @Test
    void allocatesNothingOnTheAudioThread() throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        engine.addAnalyser(new PitchAnalyser(PitchAccuracyTest.defaults()));
        engine.addListener(e -> { });
        // a harmonic tone: every block is voiced, so the whole YIN path (dip, descent, parabola) runs
        engine.start(TestSignalSource.sines(44100, new double[] {220, 440, 660, 880, 1100},
                new double[] {0.3, 0.2, 0.1, 0.1, 0.05}), AudioEngine.Clock.OFFLINE);
        try {
            Thread audio = engine.audioThread();
            await(engine, 20_000);
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long blocks = engine.blocks();
            long before = threads.getThreadAllocatedBytes(audio.getId());
            await(engine, blocks + 12_000);
            long after = threads.getThreadAllocatedBytes(audio.getId());
            assertTrue(engine.blocks() - blocks >= 10_000);
            assertEquals(0, after - before, "bytes allocated by the audio thread over "
                    + (engine.blocks() - blocks) + " blocks");
        } finally {
            engine.stop();
        }
    }

    static void await(AudioEngine engine, long blocks) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (engine.blocks() < blocks) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(5);
        }
    }
}
