// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import io.perfsuite.audio.testkit.EngineTestKit;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.AudioSource;
import io.perfsuite.audio.internal.source.AudioFiles;
import io.perfsuite.audio.internal.source.FileSource;
import io.perfsuite.evaluation.ChordSegment;

/** Shared pieces of the harmony tests: the configuration, a run through the engine, the data folder. */
final class Harness {

    /** Block and spectrum size of the runtime's defaults. */
    static final int BLOCK = 256;
    static final int FFT = 2048;

    private Harness() {
    }

    /** @return the configuration as shipped: every attribute at its metatype default */
    static HarmonyAnalyser.Config defaults() {
        return config(Map.of());
    }

    /**
     * @param overrides attribute values that replace the defaults
     * @return the configuration
     */
    static HarmonyAnalyser.Config config(Map<String, Object> overrides) {
        return EngineTestKit.config(HarmonyAnalyser.Config.class, overrides);
    }

    /** What one run heard, and what it cost. */
    record Run(List<AnalysisEvent> events, AudioEngine.AnalyserStats stats, double seconds) {

        List<AnalysisEvent.ChordHeard> chords() {
            return events.stream().filter(e -> e instanceof AnalysisEvent.ChordHeard)
                    .map(e -> (AnalysisEvent.ChordHeard) e).toList();
        }

        List<AnalysisEvent.KeyHeard> keys() {
            return events.stream().filter(e -> e instanceof AnalysisEvent.KeyHeard)
                    .map(e -> (AnalysisEvent.KeyHeard) e).toList();
        }

        /** @return the chord segments: each reported chord lasts until the next report, the last to the end */
        List<ChordSegment> segments() {
            List<AnalysisEvent.ChordHeard> chords = chords();
            List<ChordSegment> out = new ArrayList<>();
            for (int i = 0; i < chords.size(); i++) {
                double start = chords.get(i).nanos() / 1e9;
                double end = i + 1 < chords.size() ? chords.get(i + 1).nanos() / 1e9 : seconds;
                if (end > start) {
                    out.add(new ChordSegment(start, end, chords.get(i).chord().toString()));
                }
            }
            return out;
        }
    }

    /**
     * Runs the analyser over a file through the real engine, offline.
     *
     * @param file   the audio file
     * @param config the configuration
     * @return the events, the stats and the duration
     */
    static Run run(Path file, HarmonyAnalyser.Config config) throws Exception {
        return run(new FileSource(AudioFiles.decode(file), file.getFileName().toString()), config);
    }

    /**
     * Runs the analyser through the real engine, offline.
     *
     * @param source the audio; its sample rate must be known before it is opened
     * @param config the configuration
     * @return the events, the stats and the duration
     */
    static Run run(AudioSource source, HarmonyAnalyser.Config config) throws Exception {
        float rate = source.sampleRate();
        AudioEngine engine = new AudioEngine(BLOCK, FFT, 1 << 14);
        engine.addAnalyser(new HarmonyAnalyser(config));
        List<AnalysisEvent> events = new CopyOnWriteArrayList<>();
        engine.addListener(events::add);
        engine.start(source, AudioEngine.Clock.OFFLINE);
        assertTrue(engine.awaitEnd(Duration.ofSeconds(120)));
        AudioEngine.AnalyserStats stats = engine.stats().stream().filter(s -> s.id().equals("harmony"))
                .findFirst().orElseThrow();
        assertTrue(stats.failure() == null, "the analyser failed: " + stats.failure());
        assertTrue(engine.droppedEvents() == 0, "events dropped");
        return new Run(List.copyOf(events), stats, engine.frames() / (double) rate);
    }

    /**
     * A file of the shared data; skips the test when it is missing (fails it under PERFSUITE_CI=1).
     *
     * @param relative the path below the data folder
     * @return the file
     */
    static Path data(String relative) {
        return EngineTestKit.data(relative);
    }
}
