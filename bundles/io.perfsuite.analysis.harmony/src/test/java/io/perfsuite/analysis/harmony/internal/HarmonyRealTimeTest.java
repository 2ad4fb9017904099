// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import io.perfsuite.audio.testkit.EngineTestKit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.audio.internal.AudioEngine;

/** The harmony analyser on the engine's audio thread allocates nothing, while chords and keys keep changing. */
class HarmonyRealTimeTest {

    @Test
    void allocatesNothingOnTheAudioThread() throws Exception {
        // C, Am, G, F, 1 s each, then 0.5 s of silence, over and over: chord changes, N and key decisions
        AudioEngine engine = new AudioEngine(Harness.BLOCK, Harness.FFT, 1 << 16);
        engine.addAnalyser(new HarmonyAnalyser(Harness.config(java.util.Map.of("keyHoldSeconds", 1.0))));
        AtomicLong chords = new AtomicLong();
        AtomicLong keys = new AtomicLong();
        engine.addListener(e -> {
            if (e instanceof AnalysisEvent.ChordHeard) {
                chords.incrementAndGet();
            } else if (e instanceof AnalysisEvent.KeyHeard) {
                keys.incrementAndGet();
            }
        });
        engine.start(Signals.loop(Signals.progression(44100, HarmonyAccuracyTest.PROGRESSION, 1.0, 0, 0.5)),
                AudioEngine.Clock.OFFLINE);
        try {
            EngineTestKit.awaitBlocks(engine, 2_000);
            long chordsBefore = chords.get();
            EngineTestKit.Allocation a = EngineTestKit.audioThreadAllocation(engine);
            long measured = a.blocks();
            assertTrue(measured >= 10_000);
            assertEquals(0, a.bytes(), "bytes allocated by the audio thread: " + a);
            assertTrue(chords.get() - chordsBefore > 50, "chord changes while measuring: "
                    + (chords.get() - chordsBefore));
            AudioEngine.AnalyserStats s = engine.stats().stream().filter(x -> x.id().equals("harmony"))
                    .findFirst().orElseThrow();
            System.out.printf("real time: %d blocks without allocation, %d chord and %d key reports in all;"
                    + " compute time per block p50 %.1f us, p99 %.1f us, max %.1f us%n", measured, chords.get(),
                    keys.get(), s.p50Micros(), s.p99Micros(), s.maxMicros());
        } finally {
            engine.stop();
        }
    }
}
