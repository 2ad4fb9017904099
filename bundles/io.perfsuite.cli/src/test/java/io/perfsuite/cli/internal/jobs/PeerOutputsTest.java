// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.evaluation.ChordSegment;
import io.perfsuite.evaluation.NoteEvent;
import io.perfsuite.evaluation.TimeSeries;

/** The peers' output formats, on lines as the stored outputs have them. */
class PeerOutputsTest {

    @Test
    void aubioTimesAndTempo() {
        assertArrayEquals(new double[] {1.755261, 2.244104}, PeerOutputs.firstColumn("2.244104\n1.755261\n\n"));
        assertEquals(148.68, PeerOutputs.aubioTempo("148.68 bpm (uncertain)\n"));
        assertEquals(120.81, PeerOutputs.aubioTempo("120.81 bpm\n"));
        assertTrue(Double.isNaN(PeerOutputs.aubioTempo("unknown bpm\n")));
    }

    @Test
    void vampTimesAndTempo() {
        assertArrayEquals(new double[] {0.499229025, 0.99845805},
                PeerOutputs.vampTimes(" 0.499229025: 120.19 bpm\n 0.998458050: 120.19 bpm\n"));
        assertArrayEquals(new double[] {0.255419501}, PeerOutputs.vampTimes(" 0.255419501: \n"));
        assertEquals(119.837, PeerOutputs.vampTempo(" 0.002902494, 9.999092971: 119.837 119.8 bpm\n", 76));
        // held longest: 130 from 1 s to the end of 10 s beats 140 over the first second
        assertEquals(130, PeerOutputs.vampTempo(" 0.0: 140 140 bpm\n 1.0: 130.0 130 bpm\n", 10));
        assertTrue(Double.isNaN(PeerOutputs.vampTempo("", 10)));
    }

    @Test
    void theKeyHeldLongest() {
        String bach = " 0.000000000: 1 C major\n 31.950657596: 8 G major\n 38.638004535: 1 C major\n"
                + " 46.068390023: 8 G major\n 53.498775510: 15 D minor\n 63.901315193: 1 C major\n";
        assertEquals("C major", PeerOutputs.vampKey(bach, 76));
        String groove = " 0.000000000: 5 E major\n 1.486077098: 18 F minor\n 5.201269841: 13 C minor\n"
                + " 7.430385488: 18 F minor\n 19.319002268: 9 Ab major\n";
        assertEquals("F minor", PeerOutputs.vampKey(groove, 28.5), "F minor 15.6 s in two stretches");
        assertEquals("Eb minor", PeerOutputs.vampKey(" 0.0: 16 Eb / D# minor\n", 5));
        assertNull(PeerOutputs.vampKey("", 5));
    }

    @Test
    void chordinoSegmentsLastUntilTheNextLineOrTheEnd() {
        List<ChordSegment> chords = PeerOutputs.vampChords(
                " 0.185759637: N\n 0.232199546: C\n 4.226031746: F6\n 7.941224490: Bb7/D\n", 10);
        assertEquals(List.of(new ChordSegment(0.185759637, 0.232199546, "N"),
                new ChordSegment(0.232199546, 4.226031746, "C:maj"), new ChordSegment(4.226031746, 7.94122449,
                        "F:maj6"), new ChordSegment(7.94122449, 10, "Bb:7/3")), chords);
    }

    @Test
    void pyinGapsAreUnvoiced() {
        TimeSeries t = PeerOutputs.vampPitch(" 1.00: 100\n 1.01: 101\n 1.02: 102\n 2.00: 200\n 2.01: 201\n");
        double[] times = t.times();
        double[] hz = t.values();
        // unvoiced from 0 to just before the first frame, in the gap, and after the last frame
        assertEquals(0, times[0]);
        assertEquals(0, hz[0]);
        assertEquals(0.99, times[1], 1e-9);
        assertEquals(0, hz[1]);
        assertEquals(100, hz[2]);
        assertEquals(1.03, times[5], 1e-9);
        assertEquals(0, hz[5]);
        assertEquals(1.99, times[6], 1e-9);
        assertEquals(0, hz[6]);
        assertEquals(201, hz[hz.length - 2]);
        assertEquals(0, hz[hz.length - 1]);
    }

    @Test
    void notes() {
        assertEquals(List.of(NoteEvent.ofMidi(0.029025, 0.301859, 60)),
                PeerOutputs.aubioNotes("0.029025\n60.000000\t0.029025\t0.301859\n"));
        assertEquals(List.of(new NoteEvent(0.5, 0.75, 65.6553)),
                PeerOutputs.vampNotes(" 0.5, 0.25: 65.6553 \n", false));
        assertEquals(List.of(NoteEvent.ofMidi(0.2, 0.38, 26)), PeerOutputs.vampNotes(" 0.2, 0.18: 26 \n", true));
    }

    @Test
    void readsWhatIsNextToARecordingAndSaysWhatItCannot(@TempDir Path folder) throws IOException {
        Path wav = folder.resolve("take.wav");
        Files.writeString(wav, "");
        Files.writeString(folder.resolve("take.wav.aubio.onsets.txt"), "0.5\n1.0\n");
        Files.writeString(folder.resolve("take.wav.aubio.beats.txt"), "");
        Files.writeString(folder.resolve("take.wav.vamp-qm.beats.txt"), "not a vamp line\n");
        Files.writeString(folder.resolve("take.wav.vamp-pyin.pitch.txt"), " 0.5: 440\n");
        Files.writeString(folder.resolve("take.wav.ffmpeg.loudness.txt"), "I: -15 LUFS\n");
        Files.writeString(folder.resolve("other.wav.vamp-qm.key.txt"), " 0.0: 1 C major\n");
        PeerOutputs.Read read = PeerOutputs.read(wav, 2);
        assertEquals(List.of(PeerOutputs.Peer.AUBIO, PeerOutputs.Peer.PYIN), List.copyOf(read.estimates().keySet()));
        Estimate aubio = read.estimates().get(PeerOutputs.Peer.AUBIO);
        assertArrayEquals(new double[] {0.5, 1.0}, aubio.onsets());
        assertArrayEquals(new double[0], aubio.beats(), "an empty output is an empty estimate, which scores 0");
        assertNull(aubio.key());
        assertEquals(1, read.problems().size(), read.problems().toString());
        assertTrue(read.problems().get(0).contains("take.wav.vamp-qm.beats.txt"), read.problems().toString());
        assertEquals(3, read.files().size());
    }
}
