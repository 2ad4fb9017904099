// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import io.perfsuite.audio.internal.AudioSource;

/**
 * Test helpers: generate signals, encode them into bytes of any linear format, write real audio files with
 * {@link AudioSystem#write}, and read sources in blocks of varying size. Stateless and thread-safe.
 */
final class AudioTestFiles {

    /** Block sizes that exercise empty, single-frame, odd, even and large reads. */
    static final int[] ODD_SIZES = {0, 1, 255, 256, 1000};

    private AudioTestFiles() {
    }

    /**
     * @param hz frequency
     * @param amplitude peak
     * @param rate sample rate
     * @param frames length
     * @return {@code amplitude * sin(2 pi hz n / rate)}
     */
    static double[] sine(double hz, double amplitude, float rate, int frames) {
        double[] x = new double[frames];
        for (int n = 0; n < frames; n++) {
            x[n] = amplitude * Math.sin(2 * Math.PI * hz * n / rate);
        }
        return x;
    }

    /**
     * @param x samples
     * @param factor multiplier
     * @return a scaled copy
     */
    static double[] scaled(double[] x, double factor) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * factor;
        }
        return y;
    }

    /**
     * Encodes channels (each in [-1, 1]) into interleaved bytes of a linear PCM or float format.
     *
     * @param format PCM_SIGNED, PCM_UNSIGNED or PCM_FLOAT, whole bytes per sample, either byte order
     * @param channels one array per channel, equal lengths
     * @return the bytes
     */
    static byte[] encode(AudioFormat format, double[]... channels) {
        int bytesPerSample = format.getSampleSizeInBits() / 8;
        int frames = channels[0].length;
        byte[] out = new byte[frames * channels.length * bytesPerSample];
        int bits = 8 * bytesPerSample;
        int p = 0;
        for (int n = 0; n < frames; n++) {
            for (double[] channel : channels) {
                long v;
                if (AudioFormat.Encoding.PCM_FLOAT.equals(format.getEncoding())) {
                    v = bytesPerSample == 4 ? Float.floatToIntBits((float) channel[n])
                            : Double.doubleToLongBits(channel[n]);
                } else {
                    double full = Math.scalb(1.0, bits - 1) - 1;
                    v = Math.round(channel[n] * full);
                    if (AudioFormat.Encoding.PCM_UNSIGNED.equals(format.getEncoding())) {
                        v += 1L << (bits - 1);
                    }
                }
                for (int b = 0; b < bytesPerSample; b++) {
                    int shift = format.isBigEndian() ? 8 * (bytesPerSample - 1 - b) : 8 * b;
                    out[p + b] = (byte) (v >>> shift);
                }
                p += bytesPerSample;
            }
        }
        return out;
    }

    /**
     * @return a linear format with whole bytes per sample
     */
    static AudioFormat format(AudioFormat.Encoding encoding, float rate, int bits, int channels, boolean bigEndian) {
        return new AudioFormat(encoding, rate, bits, channels, bits / 8 * channels, rate, bigEndian);
    }

    /**
     * Writes an audio file through the JDK.
     *
     * @param file where
     * @param type WAVE, AIFF, AU
     * @param format the format of {@code bytes}
     * @param bytes interleaved frames
     * @return {@code file}
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when the JDK cannot write that type with that format
     */
    static Path write(Path file, AudioFileFormat.Type type, AudioFormat format, byte[] bytes) throws IOException {
        long frames = bytes.length / format.getFrameSize();
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, frames)) {
            AudioSystem.write(in, type, file.toFile());
        }
        return file;
    }

    /**
     * Reads {@code total} frames (or up to the end) from an opened source, in blocks whose sizes cycle through
     * {@code sizes}.
     *
     * @return the frames delivered, possibly fewer than {@code total} when the source ended
     */
    static float[] readInBlocks(AudioSource source, int total, int... sizes) {
        float[] all = new float[total];
        float[] block = new float[max(sizes)];
        int at = 0;
        int i = 0;
        int emptyInARow = 0;
        while (at < total) {
            int size = Math.min(sizes[i++ % sizes.length], total - at);
            int n = source.read(block, size);
            if (n < 0) {
                break;
            }
            if (n > size) {
                throw new AssertionError("read " + n + " frames when " + size + " were asked");
            }
            emptyInARow = n == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow > sizes.length) {
                throw new AssertionError("the source keeps returning 0 frames at frame " + at);
            }
            System.arraycopy(block, 0, all, at, n);
            at += n;
        }
        return at == total ? all : Arrays.copyOf(all, at);
    }

    private static int max(int[] sizes) {
        int m = 1;
        for (int s : sizes) {
            m = Math.max(m, s);
        }
        return m;
    }
}
