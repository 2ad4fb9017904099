// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli;

import static io.perfsuite.audio.testkit.EngineTestKit.defaults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.perfsuite.analysis.beat.internal.BeatAnalyser;
import io.perfsuite.analysis.dynamics.internal.DynamicsAnalyser;
import io.perfsuite.analysis.harmony.internal.HarmonyAnalyser;
import io.perfsuite.analysis.onset.internal.OnsetAnalyser;
import io.perfsuite.analysis.pitch.internal.PitchAnalyser;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.FileSource;
import io.perfsuite.audio.internal.source.TestSignalSource;
import io.perfsuite.audio.testkit.EngineTestKit;

/**
 * The full default analysis chain (dynamics, onset, beat, pitch, harmony) in one engine, as the runtime runs it:
 * the audio thread allocates nothing, and each analyser's compute time per block is reported against the 2 ms
 * analysis budget.
 */
class FullChainTest {

    static List<Analyser> defaultChain() {
        return List.of(new DynamicsAnalyser(defaults(DynamicsAnalyser.Config.class)),
                new OnsetAnalyser(defaults(OnsetAnalyser.Config.class)),
                new BeatAnalyser(defaults(BeatAnalyser.Config.class)),
                new PitchAnalyser(defaults(PitchAnalyser.Config.class)),
                new HarmonyAnalyser(defaults(HarmonyAnalyser.Config.class)));
    }

    @Test
    void theAudioThreadAllocatesNothingWithTheFullDefaultChain() throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        defaultChain().forEach(engine::addAnalyser);
        Map<Class<?>, Long> kinds = new ConcurrentHashMap<>();
        engine.addListener(e -> kinds.merge(e.getClass(), 1L, Long::sum));
        // a chord of harmonic-rich notes with clicks on the beat: every analyser has something to report
        TestSignalSource chord = TestSignalSource.sines(44100, new double[] {130.81, 261.63, 329.63, 392.0, 523.25},
                new double[] {0.2, 0.15, 0.12, 0.12, 0.08});
        engine.start(chord, AudioEngine.Clock.OFFLINE);
        try {
            EngineTestKit.Allocation a = EngineTestKit.audioThreadAllocation(engine);
            assertTrue(a.blocks() >= 10_000, "measured over " + a.blocks() + " blocks");
            assertEquals(0, a.bytes(), "bytes allocated by the audio thread over " + a.blocks()
                    + " blocks with the full default chain");
            assertEquals(6, engine.stats().size(), "the chain and its five analysers, none failed: " + engine.stats());
            assertTrue(engine.stats().stream().allMatch(s -> s.failure() == null), engine.stats().toString());
        } finally {
            engine.stop();
        }
        assertTrue(kinds.size() >= 3, "pitch, levels and chords at least: " + kinds.keySet());
    }

    @Test
    void computeTimePerBlockOnARecording() throws Exception {
        String root = System.getProperty("perfsuite.data");
        Path bach = root == null ? null : Path.of(root, "bach-bwv846-prelude1/bwv846-prelude1_bars1-19.wav");
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        defaultChain().forEach(engine::addAnalyser);
        engine.addListener(e -> { });
        boolean recording = bach != null && Files.exists(bach);
        engine.start(recording ? new FileSource(bach)
                : TestSignalSource.sine(44100, 440, 0.5).withLength(44100 * 76), AudioEngine.Clock.OFFLINE);
        long started = System.nanoTime();
        assertTrue(engine.awaitEnd(Duration.ofSeconds(120)));
        double seconds = (System.nanoTime() - started) / 1e9;
        double audioSeconds = engine.frames() / 44100.0;
        System.out.printf("full default chain on %s: %.1f s of audio in %.2f s (%.0fx real time), %d blocks%n",
                recording ? "the Bach prelude" : "a generated sine (no shared data)", audioSeconds, seconds,
                audioSeconds / seconds, engine.blocks());
        for (AudioEngine.AnalyserStats s : engine.stats()) {
            System.out.printf("  %-10s p50 %7.1f µs  p99 %7.1f µs  max %8.1f µs%n", s.id(), s.p50Micros(),
                    s.p99Micros(), s.maxMicros());
        }
        assertEquals(0, engine.droppedEvents(), "no result lost");
    }
}
