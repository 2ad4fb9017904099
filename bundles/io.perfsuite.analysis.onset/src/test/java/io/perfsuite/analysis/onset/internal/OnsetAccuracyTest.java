// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.onset.internal;

import static io.perfsuite.audio.testkit.EngineTestKit.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.FileSource;
import io.perfsuite.audio.internal.source.TestSignalSource;
import io.perfsuite.audio.testkit.EngineTestKit;
import io.perfsuite.evaluation.OnsetMetrics;
import io.perfsuite.evaluation.OnsetScores;

/** The onset analyser run causally through the real engine, scored with the mir_eval onset F-measure (50 ms). */
class OnsetAccuracyTest {

    static double[] detect(io.perfsuite.audio.internal.AudioSource source) throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 14);
        engine.addAnalyser(new OnsetAnalyser(EngineTestKit.defaults(OnsetAnalyser.Config.class)));
        List<AnalysisEvent> events = new CopyOnWriteArrayList<>();
        engine.addListener(events::add);
        engine.start(source, AudioEngine.Clock.OFFLINE);
        assertTrue(engine.awaitEnd(Duration.ofSeconds(60)));
        return events.stream().filter(e -> e instanceof AnalysisEvent.Onset).mapToDouble(e -> e.nanos() / 1e9)
                .toArray();
    }

    static double[] times(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .mapToDouble(l -> Double.parseDouble(l.split("\\s+")[0])).toArray();
    }

    static OnsetScores score(String wav, String onsets) throws Exception {
        double[] estimated = detect(new FileSource(data(wav)));
        double[] reference = times(data(onsets));
        OnsetScores s = OnsetMetrics.evaluate(reference, estimated);
        System.out.printf("onsets %s: F %.3f (P %.3f, R %.3f), %d detected, %d annotated%n",
                Path.of(wav).getFileName(), s.fMeasure(), s.precision(), s.recall(), estimated.length,
                reference.length);
        return s;
    }

    @Test
    void clicksAreFoundWhereTheyAre() throws Exception {
        // 120 BPM clicks for 10 s: an onset every 0.5 s, first at 0
        double[] found = detect(TestSignalSource.clicks(44100, 120, 0.8).withLength(441000));
        double[] expected = new double[20];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i * 0.5;
        }
        OnsetScores s = OnsetMetrics.evaluate(expected, found, 0.02);
        assertEquals(1.0, s.fMeasure(), 1e-9, "every click within 20 ms, nothing else: " + java.util.Arrays
                .toString(found));
    }

    @Test
    void bachPrelude() throws Exception {
        OnsetScores s = score("bach-bwv846-prelude1/bwv846-prelude1_bars1-19.wav",
                "bach-bwv846-prelude1/bwv846-prelude1_bars1-19.onsets");
        assertTrue(s.fMeasure() >= 0.95, "onset F on Bach " + s.fMeasure() + " (aubio 1.00, qm 0.98)");
    }

    @Test
    void funkGroove() throws Exception {
        OnsetScores s = score("groove-funk-138/1_funk-groove1_138_beat_4-4.fluidsynth.wav",
                "groove-funk-138/1_funk-groove1_138_beat_4-4.fluidsynth.onsets");
        assertTrue(s.fMeasure() >= 0.80, "onset F on the groove " + s.fMeasure() + " (aubio 0.75, qm 0.74)");
    }
}
