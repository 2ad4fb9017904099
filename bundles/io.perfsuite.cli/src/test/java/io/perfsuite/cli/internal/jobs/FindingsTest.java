// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.audio.FileAnalysis;

/** How the events of a run become what the jobs print and score: fed hand-made events. */
class FindingsTest {

    static final float RATE = 1000;
    static final int BLOCK = 10;

    static Findings findings(EventLog log, double seconds) {
        return Findings.of(new FileAnalysis.Result(Path.of("x.wav"), RATE, (long) (seconds * RATE), BLOCK,
                List.of("test"), 1_000_000, List.of()), log);
    }

    static long frame(double seconds) {
        return Math.round(seconds * RATE);
    }

    @Test
    void aChordRevisedBackInTimeReplacesTheSegmentItOverlaps() {
        EventLog log = new EventLog();
        log.heard(new AnalysisEvent.ChordHeard(frame(0), 0, Chord.parse("C:maj"), 0.9));
        log.heard(new AnalysisEvent.ChordHeard(frame(2), 0, Chord.parse("G:maj"), 0.6));
        // decided later, but began before the G: the G was a wrong turn
        log.heard(new AnalysisEvent.ChordHeard(frame(1.5), 0, Chord.parse("A:min"), 0.8));
        log.heard(new AnalysisEvent.ChordHeard(frame(3), 0, Chord.parse("A:min"), 0.7));
        log.heard(new AnalysisEvent.ChordHeard(frame(4), 0, Chord.parse("F:maj"), 0.7));
        assertEquals(List.of(new Findings.ChordRow(0, 1.5, "C:maj", 0.9), new Findings.ChordRow(1.5, 4, "A:min", 0.8),
                new Findings.ChordRow(4, 5, "F:maj", 0.7)), findings(log, 5).chords());
    }

    @Test
    void theTempoIsTheMedianOfTheLastPeriodsAndItsChangesAreListed() {
        EventLog log = new EventLog();
        double t = 0;
        for (int i = 0; i < 20; i++) {
            log.heard(new AnalysisEvent.Beat(frame(t), 0, 0.5, 0, 0, 0.8));
            t += 0.5;
        }
        for (int i = 0; i < 20; i++) {
            log.heard(new AnalysisEvent.Beat(frame(t), 0, 0.4, 0, 0, 0.8));
            t += 0.4;
        }
        Findings.Tempo tempo = findings(log, t).tempo();
        assertEquals(150, tempo.bpm(), 1e-9);
        assertEquals(Findings.TEMPO_BEATS, tempo.beats());
        assertEquals(2, tempo.changes().size(), tempo.changes().toString());
        assertEquals(120, tempo.changes().get(0).bpm(), 1e-9);
        assertEquals(150, tempo.changes().get(1).bpm(), 1e-9);
        assertEquals(Double.NaN, findings(new EventLog(), 1).tempo().bpm());
    }

    @Test
    void pitchFramesBecomeNotesWithGlitchesBridgedAndFlickersDropped() {
        EventLog log = new EventLog();
        int f = 0;
        for (int i = 0; i < 10; i++) {
            log.heard(new AnalysisEvent.Pitch(f++ * BLOCK, 0, 440, 0.95));
        }
        log.heard(new AnalysisEvent.Pitch(f++ * BLOCK, 0, 659.3, 0.95)); // one block of E5: a glitch
        for (int i = 0; i < 10; i++) {
            log.heard(new AnalysisEvent.Pitch(f++ * BLOCK, 0, 441, 0.9));
        }
        for (int i = 0; i < 5; i++) {
            log.heard(new AnalysisEvent.Pitch(f++ * BLOCK, 0, 0, 0.3));
        }
        for (int i = 0; i < 2; i++) {
            log.heard(new AnalysisEvent.Pitch(f++ * BLOCK, 0, 523.25, 0.9)); // 20 ms of C5: a flicker
        }
        for (int i = 0; i < 4; i++) {
            log.heard(new AnalysisEvent.Pitch(f++ * BLOCK, 0, 523.25, 0.5)); // not confident
        }
        List<Findings.NoteRow> notes = findings(log, f * BLOCK / RATE).notes();
        assertEquals(1, notes.size(), notes.toString());
        Findings.NoteRow a4 = notes.get(0);
        assertEquals("A4", a4.name());
        assertEquals(69, a4.midi());
        assertEquals(0, a4.start());
        assertEquals(0.21, a4.end(), 1e-9);
        assertEquals(20, a4.frames(), "the glitch is bridged, not counted");
        assertEquals(440.5, a4.medianHz(), 1e-9);
    }

    @Test
    void theKeyLastDecidedAndTheKeyHeldLongest() {
        EventLog log = new EventLog();
        assertNull(findings(log, 10).key());
        log.heard(new AnalysisEvent.KeyHeard(frame(1), 0, Key.parse("C major"), 0.7));
        log.heard(new AnalysisEvent.KeyHeard(frame(6), 0, Key.parse("G major"), 0.8));
        log.heard(new AnalysisEvent.KeyHeard(frame(7), 0, Key.parse("C major"), 0.6));
        log.heard(new AnalysisEvent.KeyHeard(frame(9), 0, Key.parse("A minor"), 0.9));
        Findings.KeySummary key = findings(log, 10).key();
        assertEquals(Key.parse("A minor"), key.last());
        assertEquals(9, key.decidedAt());
        assertEquals(1, key.firstDecidedAt());
        assertEquals(Key.parse("C major"), key.longest());
        assertEquals(7, key.longestSeconds(), 1e-9);
        assertEquals(4, key.changes().size());
    }

    @Test
    void loudnessIsGatedAndAveragedAsEnergy() {
        EventLog log = new EventLog();
        for (int i = 0; i < 100; i++) {
            boolean loud = i % 2 == 0;
            log.heard(new AnalysisEvent.Level(i * BLOCK, 0, loud ? -10 : Double.NEGATIVE_INFINITY, loud ? -3 : -90,
                    loud ? -20 : -80, i == 10));
        }
        Findings.Loudness l = findings(log, 1).loudness();
        assertEquals(-20, l.integratedLufs(), 1e-9, "-80 LUFS is under the absolute gate");
        assertEquals(-20, l.shortTermMaxLufs(), 1e-9);
        assertEquals(-3, l.peakDbfs(), 1e-9);
        assertEquals(-10 - 10 * Math.log10(2), l.rmsDbfs(), 1e-9, "half the blocks silent");
        assertEquals(1, l.accents());
    }
}
