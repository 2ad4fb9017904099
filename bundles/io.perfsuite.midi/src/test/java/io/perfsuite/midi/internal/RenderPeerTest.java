// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import io.perfsuite.midi.testkit.MidiTestKit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.midi.OfflineRenderer;

/**
 * A Standard MIDI File we write, played by a real synthesizer (FluidSynth) and by our offline renderer: both must
 * sound (RMS above a floor) for as long as the recorded sequence. FluidSynth is a peer: without it the test is
 * skipped with a notice, unless PERFSUITE_CI=1, where its absence fails.
 */
class RenderPeerTest {

    @TempDir
    Path dir;

    /**
     * @return {seconds, rms, audible}: length, RMS, and the end of the last 50 ms window louder than -40 dBFS
     *     (a synthesizer renders release tails after the last event; FluidSynth renders until its voices end)
     */
    static double[] measure(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(16, f.getSampleSizeInBits());
            byte[] all = in.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(all).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            double sum = 0;
            int n = all.length / 2;
            for (int i = 0; i < n; i++) {
                double v = b.getShort(i * 2) / 32768.0;
                sum += v * v;
            }
            double seconds = all.length / (double) f.getFrameSize() / f.getFrameRate();
            int window = (int) (f.getFrameRate() * 0.05) * f.getChannels();
            double audible = 0;
            for (int start = 0; start + window <= n; start += window) {
                double w = 0;
                for (int i = start; i < start + window; i++) {
                    double v = b.getShort(i * 2) / 32768.0;
                    w += v * v;
                }
                if (Math.sqrt(w / window) > 0.01) {
                    audible = (start + window) / (double) f.getChannels() / f.getFrameRate();
                }
            }
            return new double[] {seconds, Math.sqrt(sum / Math.max(1, n)), audible};
        }
    }

    @Test
    void fluidSynthPlaysOurMidiFile() throws Exception {
        Path mid = MidiFileRecorderTest.record(dir, false);
        assertNotNull(mid);
        double expected = MidiSystem.getSequence(mid.toFile()).getMicrosecondLength() / 1e6;
        Path wav = dir.resolve("fluid.wav");
        MidiTestKit.fluidSynthRender(mid, wav);
        double[] m = measure(wav);
        System.out.printf("fluidsynth: %.2f s rendered, audible until %.2f s (sequence %.2f s), RMS %.4f%n", m[0],
                m[2], expected, m[1]);
        assertTrue(m[1] > 0.005, "not silent: RMS " + m[1]);
        assertTrue(Math.abs(m[2] - expected) < 1.0, "audible " + m[2] + " s, sequence " + expected + " s");
    }

    @Test
    void ourOfflineRendererPlaysTheSameFile() throws Exception {
        Path mid = MidiFileRecorderTest.record(dir, false);
        Sequence s = MidiSystem.getSequence(mid.toFile());
        double expected = s.getMicrosecondLength() / 1e6;
        Path sf2 = MidiTestKit.gmSoundfont(); // null: the JDK's built-in set, which is always there
        OfflineRenderer.Result r = new OfflineRenderer(sf2, 44100).render(s, 0.0, dir.resolve("ours.wav"));
        double[] m = measure(r.file());
        System.out.printf("OfflineRenderer (%s): %.2f s, audible until %.2f s (sequence %.2f s), RMS %.4f, "
                + "%.1fx real time (includes loading the soundfont)%n", sf2 == null ? "built-in set"
                : sf2.getFileName(), m[0], m[2], expected, m[1], r.speed());
        assertTrue(m[1] > 0.005, "not silent: RMS " + m[1]);
        assertTrue(Math.abs(m[0] - expected) < 1.0, "duration " + m[0] + " s, sequence " + expected + " s");
        assertTrue(Math.abs(m[2] - expected) < 1.0, "audible " + m[2] + " s, sequence " + expected + " s");
    }

    @Test
    void offlineRendererRendersTimedEventsWithTheBuiltInSet() throws Exception {
        java.util.List<OfflineRenderer.Event> events = new java.util.ArrayList<>();
        events.add(OfflineRenderer.Event.program(0, 0, 0));
        for (int i = 0; i < 8; i++) {
            events.add(OfflineRenderer.Event.noteOn(i * 0.25, 0, 60 + i, 100));
            events.add(OfflineRenderer.Event.noteOff(i * 0.25 + 0.2, 0, 60 + i));
        }
        OfflineRenderer.Result r = new OfflineRenderer(null, 44100).render(events, 0.5, dir.resolve("ev.wav"));
        double[] m = measure(r.file());
        assertEquals(2.45, m[0], 0.01);
        assertTrue(m[1] > 0.005, "not silent: RMS " + m[1]);
    }
}
