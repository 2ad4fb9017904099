// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.beat.internal;

import static io.perfsuite.audio.testkit.EngineTestKit.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.AudioSource;
import io.perfsuite.audio.internal.source.FileSource;
import io.perfsuite.audio.internal.source.TestSignalSource;
import io.perfsuite.audio.testkit.EngineTestKit;
import io.perfsuite.evaluation.Annotations;
import io.perfsuite.evaluation.BeatMetrics;
import io.perfsuite.evaluation.BeatScores;

/** The beat tracker run causally through the real engine, scored with the mir_eval beat metrics. */
class BeatAccuracyTest {

    static List<AnalysisEvent.Beat> track(AudioSource source) throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 14);
        engine.addAnalyser(new BeatAnalyser(EngineTestKit.defaults(BeatAnalyser.Config.class)));
        List<AnalysisEvent.Beat> beats = new CopyOnWriteArrayList<>();
        engine.addListener(e -> {
            if (e instanceof AnalysisEvent.Beat b) {
                beats.add(b);
            }
        });
        engine.start(source, AudioEngine.Clock.OFFLINE);
        assertTrue(engine.awaitEnd(Duration.ofSeconds(60)));
        return beats;
    }

    static double[] times(List<AnalysisEvent.Beat> beats) {
        return beats.stream().mapToDouble(b -> b.nanos() / 1e9).toArray();
    }

    /** The tempo the tracker holds at the end: median of the periods over the last half of the beats. */
    static double finalBpm(List<AnalysisEvent.Beat> beats) {
        double[] bpm = beats.subList(beats.size() / 2, beats.size()).stream()
                .mapToDouble(b -> 60 / b.periodSeconds()).sorted().toArray();
        return bpm[bpm.length / 2];
    }

    static BeatScores score(String name, List<AnalysisEvent.Beat> beats, double[] reference) {
        BeatScores s = BeatMetrics.evaluate(reference, times(beats));
        System.out.printf("beats %s: F %.3f, CMLt %.3f, AMLt %.3f, tempo %.1f BPM, %d beats%n", name,
                s.fMeasure(), s.cmlT(), s.amlT(), finalBpm(beats), beats.size());
        return s;
    }

    @Test
    void followsAClickTrack() throws Exception {
        List<AnalysisEvent.Beat> beats = track(TestSignalSource.clicks(44100, 120, 0.8).withLength(44100 * 20));
        double[] reference = new double[40];
        Arrays.setAll(reference, i -> i * 0.5);
        BeatScores s = score("clicks 120", beats, reference);
        assertEquals(120, finalBpm(beats), 120 * 0.02);
        assertTrue(s.fMeasure() >= 0.95, "F " + s.fMeasure());
        for (AnalysisEvent.Beat b : beats) {
            assertTrue(b.nextBeatFrame() > b.frame(), "the next beat is predicted after this one");
        }
    }

    @Test
    void funkGroove() throws Exception {
        Path dir = data("groove-funk-138");
        List<AnalysisEvent.Beat> beats = track(new FileSource(dir.resolve("1_funk-groove1_138_beat_4-4.fluidsynth.wav")));
        BeatScores s = score("groove", beats,
                Annotations.readBeatTimes(dir.resolve("1_funk-groove1_138_beat_4-4.fluidsynth.beats")));
        double tempo = Annotations.readTempo(dir.resolve("1_funk-groove1_138_beat_4-4.fluidsynth.tempo"));
        assertEquals(tempo, finalBpm(beats), tempo * 0.04, "tempo within 4 %");
        assertTrue(s.fMeasure() >= 0.90, "beat F " + s.fMeasure() + " (aubio 0.59, qm 0.99)");
        assertTrue(s.amlT() >= 0.90, "AMLt " + s.amlT());
    }

    @Test
    void bachPrelude() throws Exception {
        Path dir = data("bach-bwv846-prelude1");
        List<AnalysisEvent.Beat> beats = track(new FileSource(dir.resolve("bwv846-prelude1_bars1-19.wav")));
        BeatScores s = score("bach", beats, Annotations.readBeatTimes(dir.resolve("bwv846-prelude1_bars1-19.beats")));
        assertTrue(s.amlT() >= 0.90, "AMLt " + s.amlT());
    }
}
