// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Decodes the shared real recordings (skipped without them, failing under PERFSUITE_CI=1). */
class RecordingsTest {

    private static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }

    private static void assertInRange(float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= -1f && x[i] <= 1f)) {
                throw new AssertionError("sample " + i + " is " + x[i] + ", outside [-1, 1]");
            }
        }
    }

    @Test
    void bachPreludeIs76SecondsOf44kMono() throws IOException {
        Path file = SharedData.file("bach-bwv846-prelude1/bwv846-prelude1_bars1-19.wav");

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals(44100f, audio.sampleRate());
        assertEquals(1, audio.channels());
        assertEquals("PCM_SIGNED 16 bit", audio.encoding());
        assertEquals(76.0, audio.durationSeconds(), 0.1);
        assertInRange(audio.mono());
        assertTrue(rms(audio.mono()) > 0.01, "a piano is playing, RMS " + rms(audio.mono()));
    }

    @Test
    void egfxsetNoteIs48k24Bit() throws IOException {
        Path file = SharedData.file("single-notes/egfxset/Clean_Middle_6-22.wav");

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals(48000f, audio.sampleRate());
        assertEquals(1, audio.channels());
        assertEquals("PCM_SIGNED 24 bit", audio.encoding());
        assertEquals(1.0, audio.durationSeconds(), 0.05);
        assertInRange(audio.mono());
        assertTrue(rms(audio.mono()) > 0.001, "a guitar note, RMS " + rms(audio.mono()));
    }

    @Test
    void trumpetLoopIsAbout5point33Seconds() throws IOException {
        Path file = SharedData.file("trumpet-loop-90bpm/sorohanro_-_solo-trumpet-06.mono.wav");

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals(44100f, audio.sampleRate());
        assertEquals(5.33, audio.durationSeconds(), 0.02);
        assertInRange(audio.mono());
        assertTrue(rms(audio.mono()) > 0.01, "a trumpet is playing, RMS " + rms(audio.mono()));
    }

    @Test
    void aFileSourcePlaysTheTrumpetToTheEnd() throws IOException {
        Path file = SharedData.file("trumpet-loop-90bpm/sorohanro_-_solo-trumpet-06.mono.wav");
        FileSource source = new FileSource(file);
        source.open(1000);
        float[] all = AudioTestFiles.readInBlocks(source, 10 * 44100, AudioTestFiles.ODD_SIZES);
        assertEquals(AudioFiles.decode(file).frames(), all.length);
        assertTrue(source.describe().startsWith("file sorohanro_-_solo-trumpet-06.mono.wav (44100 Hz, 1 ch, "
                + "PCM_SIGNED 16 bit, 5.3 s)"), source.describe());
        source.close();
    }
}
