// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import static io.perfsuite.audio.internal.source.AudioTestFiles.encode;
import static io.perfsuite.audio.internal.source.AudioTestFiles.format;
import static io.perfsuite.audio.internal.source.AudioTestFiles.scaled;
import static io.perfsuite.audio.internal.source.AudioTestFiles.sine;
import static io.perfsuite.audio.internal.source.AudioTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioFormat.Encoding;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decodes real files written with {@code javax.sound.sampled} in many formats, and bad files. */
class AudioFilesTest {

    @TempDir
    Path dir;

    private static void assertSamples(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": frame count");
        for (int i = 0; i < expected.length; i++) {
            // the decoder delivers floats: compare with the expected value as a float
            if (!(Math.abs((float) expected[i] - actual[i]) <= tolerance)) {
                throw new AssertionError(what + ": frame " + i + " decoded as " + actual[i] + ", expected "
                        + expected[i] + " within " + tolerance);
            }
        }
    }

    @Test
    void wav16BitMono44kDecodesTheSine() throws IOException {
        double[] x = sine(440, 0.8, 44100, 44100);
        AudioFormat f = format(Encoding.PCM_SIGNED, 44100, 16, 1, false);
        Path file = write(dir.resolve("sine.wav"), AudioFileFormat.Type.WAVE, f, encode(f, x));

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals(44100f, audio.sampleRate());
        assertEquals(1, audio.channels());
        assertEquals("PCM_SIGNED 16 bit", audio.encoding());
        assertEquals(1.0, audio.durationSeconds(), 1e-9);
        assertSamples(x, audio.mono(), 1e-3, "16-bit mono");
    }

    @Test
    void wav24BitStereo48kMixesOppositeChannelsToSilenceAndEqualOnesToTheSignal() throws IOException {
        double[] x = sine(440, 0.9, 48000, 24000);
        AudioFormat f = format(Encoding.PCM_SIGNED, 48000, 24, 2, false);
        Path opposite = write(dir.resolve("opposite.wav"), AudioFileFormat.Type.WAVE, f,
                encode(f, x, scaled(x, -1)));
        Path equal = write(dir.resolve("equal.wav"), AudioFileFormat.Type.WAVE, f, encode(f, x, x));

        DecodedAudio cancelled = AudioFiles.decode(opposite);
        DecodedAudio same = AudioFiles.decode(equal);

        assertEquals(48000f, cancelled.sampleRate());
        assertEquals(2, cancelled.channels());
        assertEquals("PCM_SIGNED 24 bit", cancelled.encoding());
        assertEquals(0.5, cancelled.durationSeconds(), 1e-9);
        assertSamples(new double[x.length], cancelled.mono(), 1e-6, "L = x, R = -x");
        assertSamples(x, same.mono(), 1e-3, "L = R = x");
        // 24 bits resolve far finer than 16: the error stays near one 24-bit step
        assertSamples(x, same.mono(), 1e-6, "L = R = x at 24-bit precision");
    }

    @Test
    void wav8BitUnsignedDecodesAroundTheMidpoint() throws IOException {
        double[] x = sine(1000, 0.7, 8000, 8000);
        AudioFormat f = format(Encoding.PCM_UNSIGNED, 8000, 8, 1, false);
        Path file = write(dir.resolve("u8.wav"), AudioFileFormat.Type.WAVE, f, encode(f, x));

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals(8000f, audio.sampleRate());
        assertEquals("PCM_UNSIGNED 8 bit", audio.encoding());
        assertSamples(x, audio.mono(), 1.0 / 128 + 1e-6, "8-bit unsigned");
    }

    @Test
    void aiff16BitBigEndianStereoAveragesTheChannels() throws IOException {
        double[] x = sine(330, 0.6, 22050, 22050);
        AudioFormat f = format(Encoding.PCM_SIGNED, 22050, 16, 2, true);
        Path file = write(dir.resolve("stereo.aiff"), AudioFileFormat.Type.AIFF, f, encode(f, x, scaled(x, 0.5)));

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals(22050f, audio.sampleRate());
        assertEquals(2, audio.channels());
        assertEquals("PCM_SIGNED 16 bit", audio.encoding());
        assertSamples(scaled(x, 0.75), audio.mono(), 1e-3, "AIFF (x + x/2) / 2");
    }

    @Test
    void aiff24BitAndAu16BitBigEndianDecode() throws IOException {
        double[] x = sine(523.25, 0.5, 32000, 6400);
        AudioFormat f24 = format(Encoding.PCM_SIGNED, 32000, 24, 1, true);
        AudioFormat f16 = format(Encoding.PCM_SIGNED, 32000, 16, 1, true);
        Path aiff = write(dir.resolve("s24.aif"), AudioFileFormat.Type.AIFF, f24, encode(f24, x));
        Path au = write(dir.resolve("s16.au"), AudioFileFormat.Type.AU, f16, encode(f16, x));

        assertSamples(x, AudioFiles.decode(aiff).mono(), 1e-6, "AIFF 24-bit");
        DecodedAudio fromAu = AudioFiles.decode(au);
        assertEquals(32000f, fromAu.sampleRate());
        assertSamples(x, fromAu.mono(), 1e-3, "AU 16-bit");
    }

    @Test
    void wav32BitPcmAndFourChannelsAverage() throws IOException {
        double[] x = sine(200, 0.95, 44100, 4410);
        AudioFormat f = format(Encoding.PCM_SIGNED, 44100, 32, 4, false);
        // (x + x + x - x) / 4 = x / 2
        Path file = write(dir.resolve("quad32.wav"), AudioFileFormat.Type.WAVE, f,
                encode(f, x, x, x, scaled(x, -1)));

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals(4, audio.channels());
        assertEquals("PCM_SIGNED 32 bit", audio.encoding());
        assertSamples(scaled(x, 0.5), audio.mono(), 1e-7, "32-bit PCM, 4 channels");
    }

    @Test
    void wavFloat32And64DecodeExactlyAndClipOutOfRange() throws IOException {
        double[] x = sine(440, 0.99, 44100, 4410);
        x[10] = 1.5;
        x[11] = -3;
        x[12] = Double.NaN;
        double[] expected = x.clone();
        expected[10] = 1;
        expected[11] = -1;
        expected[12] = 0;
        for (int bits : new int[] {32, 64}) {
            AudioFormat f = format(Encoding.PCM_FLOAT, 44100, bits, 1, false);
            Path file = dir.resolve("float" + bits + ".wav");
            try {
                write(file, AudioFileFormat.Type.WAVE, f, encode(f, x));
            } catch (IllegalArgumentException e) {
                System.out.println("SKIPPED: this JDK cannot write " + bits + "-bit float WAV: " + e.getMessage());
                Assumptions.abort("JDK cannot write " + bits + "-bit float WAV");
            }
            DecodedAudio audio;
            try {
                audio = AudioFiles.decode(file);
            } catch (IOException e) {
                if (e.getCause() instanceof UnsupportedAudioFileException) {
                    System.out.println("SKIPPED: this JDK cannot read " + bits + "-bit float WAV: " + e.getMessage());
                    Assumptions.abort("JDK cannot read " + bits + "-bit float WAV");
                }
                throw e;
            }
            assertEquals("PCM_FLOAT " + bits + " bit", audio.encoding());
            assertSamples(expected, audio.mono(), bits == 32 ? 0 : 1e-7, bits + "-bit float");
        }
    }

    @Test
    void auFloatBigEndianDecodes() throws IOException {
        double[] x = sine(100, 0.5, 16000, 1600);
        AudioFormat f = format(Encoding.PCM_FLOAT, 16000, 32, 2, true);
        Path file = write(dir.resolve("float.au"), AudioFileFormat.Type.AU, f, encode(f, x, x));

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals("PCM_FLOAT 32 bit", audio.encoding());
        assertSamples(x, audio.mono(), 0, "AU big-endian float");
    }

    @Test
    void muLawGoesThroughTheJdkConverter() throws IOException {
        double[] x = sine(440, 0.5, 8000, 8000);
        AudioFormat pcm = format(Encoding.PCM_SIGNED, 8000, 16, 1, false);
        AudioFormat ulaw = new AudioFormat(Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        Path file = dir.resolve("ulaw.wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(encode(pcm, x)), pcm, x.length)) {
            AudioSystem.write(AudioSystem.getAudioInputStream(ulaw, in), AudioFileFormat.Type.WAVE, file.toFile());
        }

        DecodedAudio audio = AudioFiles.decode(file);

        assertEquals("ULAW 8 bit", audio.encoding());
        // u-law steps are at most 1024/32768 near full scale: half of that is the worst rounding error
        assertSamples(x, audio.mono(), 0.02, "u-law");
    }

    @Test
    void randomBytesAreNotAudio() throws IOException {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        Path file = Files.write(dir.resolve("junk.wav"), junk);

        IOException e = assertThrows(IOException.class, () -> AudioFiles.decode(file));

        assertTrue(e.getMessage().contains("junk.wav"), e.getMessage());
        assertTrue(e.getMessage().contains("not a WAV, AIFF or AU file the JDK can read"), e.getMessage());
        assertTrue(e.getMessage().contains("UnsupportedAudioFileException"), e.getMessage());
        assertInstanceOf(UnsupportedAudioFileException.class, e.getCause(), "the cause is kept");
    }

    @Test
    void anEmptyFileIsRejected() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.wav"));

        IOException e = assertThrows(IOException.class, () -> AudioFiles.decode(file));

        assertTrue(e.getMessage().contains("empty.wav"), e.getMessage());
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nowhere.wav");

        IOException e = assertThrows(NoSuchFileException.class, () -> AudioFiles.decode(file));

        assertTrue(e.getMessage().contains("nowhere.wav"), e.getMessage());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAnAudioFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.wav"));

        IOException e = assertThrows(IOException.class, () -> AudioFiles.decode(folder));

        assertTrue(e.getMessage().contains("folder.wav: is a directory"), e.getMessage());
    }

    /** Decision: a file cut short in its data decodes the complete frames that are there (and logs a warning). */
    @Test
    void aWavTruncatedInItsDataDecodesTheCompleteFramesPresent() throws IOException {
        double[] x = sine(440, 0.8, 44100, 10000);
        AudioFormat f = format(Encoding.PCM_SIGNED, 44100, 16, 2, false);
        Path whole = write(dir.resolve("whole.wav"), AudioFileFormat.Type.WAVE, f, encode(f, x, x));
        byte[] bytes = Files.readAllBytes(whole);
        int header = bytes.length - 10000 * 4;
        // cut after 4321 frames and 3 bytes of the next frame
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(bytes, header + 4321 * 4 + 3));

        DecodedAudio audio = AudioFiles.decode(cut);

        assertEquals(4321, audio.frames(), "the complete frames, no partial one");
        assertSamples(Arrays.copyOf(x, 4321), audio.mono(), 1e-3, "truncated WAV");
    }

    @Test
    void aWavWhoseDataIsGoneEntirelyIsAnError() throws IOException {
        double[] x = sine(440, 0.8, 44100, 1000);
        AudioFormat f = format(Encoding.PCM_SIGNED, 44100, 16, 1, false);
        Path whole = write(dir.resolve("whole.wav"), AudioFileFormat.Type.WAVE, f, encode(f, x));
        byte[] bytes = Files.readAllBytes(whole);
        Path headerOnly = Files.write(dir.resolve("header-only.wav"), Arrays.copyOf(bytes, bytes.length - 2000));

        IOException e = assertThrows(IOException.class, () -> AudioFiles.decode(headerOnly));

        assertTrue(e.getMessage().contains("header-only.wav"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("1000 frames"), e.getMessage());
    }

    @Test
    void aWavWithNoFramesIsEmpty() throws IOException {
        AudioFormat f = format(Encoding.PCM_SIGNED, 44100, 16, 1, false);
        Path file = write(dir.resolve("silent.wav"), AudioFileFormat.Type.WAVE, f, new byte[0]);

        IOException e = assertThrows(IOException.class, () -> AudioFiles.decode(file));

        assertTrue(e.getMessage().contains("silent.wav"), e.getMessage());
        assertTrue(e.getMessage().contains("no audio frames"), e.getMessage());
    }

    @Test
    void aWavCutInsideItsHeaderIsNotReadable() throws IOException {
        double[] x = sine(440, 0.8, 44100, 100);
        AudioFormat f = format(Encoding.PCM_SIGNED, 44100, 16, 1, false);
        byte[] bytes = Files.readAllBytes(write(dir.resolve("w.wav"), AudioFileFormat.Type.WAVE, f, encode(f, x)));
        Path cut = Files.write(dir.resolve("cut-header.wav"), Arrays.copyOf(bytes, 20));

        IOException e = assertThrows(IOException.class, () -> AudioFiles.decode(cut));

        assertTrue(e.getMessage().startsWith(cut.toString() + ": "), e.getMessage());
    }
}
