// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.beat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.TestSignalSource;

/** The beat tracker on the engine's audio thread allocates nothing. */
class BeatRealTimeTest {

    @Test
    void allocatesNothingOnTheAudioThread() throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        engine.addAnalyser(new BeatAnalyser(BeatAccuracyTest.defaults()));
        engine.addListener(e -> { });
        engine.start(TestSignalSource.clicks(44100, 480, 0.8), AudioEngine.Clock.OFFLINE);
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
            engine.stats().stream().filter(s -> s.id().equals("beat")).forEach(s -> System.out.printf(
                    "beat tracker compute per block: p50 %.1f µs, p99 %.1f µs, max %.1f µs over %d blocks%n",
                    s.p50Micros(), s.p99Micros(), s.maxMicros(), s.blocks()));
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
