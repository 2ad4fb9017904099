// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads the project's own ground truth and peer outputs in the shared data folder and reproduces the peer scores
 * the data README quotes (two decimals).
 */
class ProjectDataTest {

    private static Path bach() {
        return SharedData.folder("bach-bwv846-prelude1").resolve("bwv846-prelude1_bars1-19");
    }

    private static Path groove() {
        return SharedData.folder("groove-funk-138").resolve("1_funk-groove1_138_beat_4-4.fluidsynth");
    }

    private static Path with(Path stem, String suffix) {
        return Path.of(stem + suffix);
    }

    @Test
    void groundTruthFiles() throws IOException {
        Path bach = bach();
        assertEquals("C major", Annotations.readKey(with(bach, ".key")));
        assertEquals(60.0, Annotations.readTempo(with(bach, ".tempo")));
        assertEquals(304, Annotations.readNotesCsv(with(bach, ".notes.csv")).size());
        List<ChordSegment> chords = Annotations.readChords(with(bach, ".chords.lab"));
        assertEquals(new ChordSegment(4, 8, "D:min7/b7"), chords.get(1));
        assertEquals(1.0, ChordMetrics.evaluate(chords, chords).majmin(), 1e-12);
        List<BeatEvent> beats = Annotations.readBeats(with(bach, ".beats"));
        for (int i = 0; i < beats.size(); i++) {
            assertEquals(i % 4 == 0, beats.get(i).isDownbeat(), "4/4: beat " + i);
            assertEquals(i, beats.get(i).time(), 1e-9, "60 BPM: beat " + i);
        }
        assertEquals(410, Annotations.readNotesCsv(with(groove(), ".notes.csv")).size());
    }

    @Test
    void peerScoresQuotedInTheDataReadme() throws IOException {
        // the README's beat F-measures are mir_eval.beat.f_measure on the untrimmed sequences
        assertEquals(0.25, beatF(bach(), ".wav.aubio.beats.txt"), 0.005);
        assertEquals(0.59, beatF(groove(), ".wav.aubio.beats.txt"), 0.005);
        assertEquals(1.00, onsetF(bach(), ".wav.aubio.onsets.txt"), 0.005);
        assertEquals(0.75, onsetF(groove(), ".wav.aubio.onsets.txt"), 0.005);
    }

    private static double beatF(Path stem, String peer) throws IOException {
        return BeatMetrics.fMeasure(Annotations.readBeatTimes(with(stem, ".beats")),
                Annotations.readEvents(with(stem, peer)), BeatMetrics.F_MEASURE_WINDOW);
    }

    private static double onsetF(Path stem, String peer) throws IOException {
        return OnsetMetrics.evaluate(Annotations.readEvents(with(stem, ".onsets")),
                Annotations.readEvents(with(stem, peer))).fMeasure();
    }
}
