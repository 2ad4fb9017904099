// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import static io.perfsuite.audio.internal.source.AudioTestFiles.ODD_SIZES;
import static io.perfsuite.audio.internal.source.AudioTestFiles.encode;
import static io.perfsuite.audio.internal.source.AudioTestFiles.format;
import static io.perfsuite.audio.internal.source.AudioTestFiles.readInBlocks;
import static io.perfsuite.audio.internal.source.AudioTestFiles.sine;
import static io.perfsuite.audio.internal.source.AudioTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioFormat.Encoding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads decoded files block by block. */
class FileSourceTest {

    @TempDir
    Path dir;

    private static DecodedAudio ramp(int frames) {
        float[] mono = new float[frames];
        for (int i = 0; i < frames; i++) {
            mono[i] = (i % 2000) / 2000f - 0.5f;
        }
        return new DecodedAudio(44100, 1, "PCM_FLOAT 32 bit", mono);
    }

    @Test
    void readsOfVaryingSizeDeliverTheSameSequenceAsOneBigRead() throws IOException {
        DecodedAudio audio = ramp(12_345);
        FileSource whole = new FileSource(audio, "ramp");
        whole.open(audio.frames());
        float[] once = new float[audio.frames()];
        assertEquals(audio.frames(), whole.read(once, audio.frames()));
        assertEquals(-1, whole.read(once, 1), "-1 once everything was read");

        FileSource pieces = new FileSource(audio, "ramp");
        pieces.open(1000);
        float[] inBlocks = readInBlocks(pieces, audio.frames() + 500, ODD_SIZES);

        assertArrayEquals(once, inBlocks, "blocks of 0, 1, 255, 256, 1000 frames");
        assertArrayEquals(audio.mono(), once);
        assertEquals(-1, pieces.read(new float[1000], 1000), "end of file");
        assertEquals(-1, pieces.read(new float[1000], 0), "still the end, even for 0 frames");
    }

    @Test
    void theLastReadIsShortThenMinusOne() throws IOException {
        FileSource source = new FileSource(ramp(1000), "ramp");
        source.open(256);
        float[] buffer = new float[256];
        int total = 0;
        int n;
        int reads = 0;
        while ((n = source.read(buffer, 256)) >= 0) {
            total += n;
            reads++;
        }
        assertEquals(1000, total);
        assertEquals(4, reads, "256 + 256 + 256 + 232");
        assertEquals(1000, source.position());
    }

    @Test
    void aZeroFrameReadDeliversNothingAndKeepsThePosition() throws IOException {
        FileSource source = new FileSource(ramp(10), "ramp");
        source.open(4);
        float[] buffer = {7, 7, 7, 7};
        assertEquals(0, source.read(buffer, 0));
        assertEquals(7f, buffer[0], "nothing written");
        assertEquals(1, source.read(buffer, 1));
        assertEquals(-0.5f, buffer[0], "still the first frame");
    }

    @Test
    void opensARealFileAndDescribesIt() throws IOException {
        double[] x = sine(440, 0.5, 44100, 44100);
        AudioFormat f = format(Encoding.PCM_SIGNED, 44100, 16, 2, false);
        Path file = write(dir.resolve("song.wav"), AudioFileFormat.Type.WAVE, f, encode(f, x, x));
        FileSource source = new FileSource(file);

        assertEquals("file song.wav (not decoded yet)", source.describe());
        source.open(512);

        assertEquals("file song.wav (44100 Hz, 2 ch, PCM_SIGNED 16 bit, 1.0 s)", source.describe());
        assertEquals(44100f, source.sampleRate());
        assertFalse(source.isLive());
        float[] all = readInBlocks(source, 50_000, 512);
        assertEquals(44100, all.length, "every frame, then the end");
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], all[i], 1e-3, "frame " + i);
        }
        source.close();
        // an offline run of a short file can end, and close it, before the caller asks for the rate
        assertEquals(44100f, source.sampleRate(), "the rate is still known after close");
    }

    @Test
    void openingABadFileFailsWithItsName() throws IOException {
        Path file = Files.write(dir.resolve("notes.txt"), "not audio at all".getBytes());
        FileSource source = new FileSource(file);

        IOException e = assertThrows(IOException.class, () -> source.open(256));

        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertThrows(IllegalStateException.class, source::sampleRate, "no rate without a decoded file");
    }

    @Test
    void readBeforeOpenIsAnErrorAndAfterCloseTheEnd() throws IOException {
        FileSource source = new FileSource(ramp(100), "ramp");
        float[] buffer = new float[16];
        assertThrows(IllegalStateException.class, () -> source.read(buffer, 16));
        source.open(16);
        assertEquals(16, source.read(buffer, 16));
        source.close();
        assertEquals(-1, source.read(buffer, 16));
        source.open(16);
        assertEquals(16, source.read(buffer, 16), "opening again rewinds");
        assertEquals(-0.5f, buffer[0]);
    }

    @Test
    void askingForMoreThanMaxFramesIsAProgrammingError() throws IOException {
        FileSource source = new FileSource(ramp(100), "ramp");
        source.open(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> source.read(new float[32], 17));
        assertTrue(e.getMessage().contains("maxFrames is 16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> source.read(new float[8], 9), "buffer too small");
        assertThrows(IllegalArgumentException.class, () -> source.open(0));
    }
}
