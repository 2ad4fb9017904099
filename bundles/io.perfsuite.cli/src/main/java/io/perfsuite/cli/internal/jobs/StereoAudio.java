// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Audio as two float channels in memory, for mixing a render: read from any PCM WAV/AIFF/AU the JDK can decode (a
 * mono file is put on both sides; more than two channels are folded onto two), written as 16-bit stereo WAV.
 *
 * @param rate  frames per second
 * @param left  left channel, -1..1
 * @param right right channel, -1..1
 */
record StereoAudio(float rate, float[] left, float[] right) {

    /** @return frames */
    int frames() {
        return left.length;
    }

    /** @return the duration in seconds */
    double seconds() {
        return left.length / (double) rate;
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @return its audio
     * @throws IOException if it cannot be read or decoded (the message says why)
     */
    static StereoAudio read(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat src = in.getFormat();
            int channels = src.getChannels();
            if (channels < 1) {
                throw new IOException(file + ": no audio channels");
            }
            AudioFormat floats = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, src.getSampleRate(), 32, channels,
                    4 * channels, src.getSampleRate(), false);
            AudioInputStream converted;
            try {
                converted = AudioSystem.getAudioInputStream(floats, in);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": cannot decode " + src, e);
            }
            byte[] bytes = converted.readAllBytes();
            int frames = bytes.length / (4 * channels);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] l = new float[frames];
            float[] r = new float[frames];
            for (int f = 0; f < frames; f++) {
                float sumL = 0;
                float sumR = 0;
                for (int c = 0; c < channels; c++) {
                    float v = b.getFloat((f * channels + c) * 4);
                    if (!Float.isFinite(v)) {
                        v = 0;
                    }
                    if (channels == 1) {
                        sumL = v;
                        sumR = v;
                    } else if (c % 2 == 0) {
                        sumL += v;
                    } else {
                        sumR += v;
                    }
                }
                int perSide = Math.max(1, channels / 2);
                l[f] = channels == 1 ? sumL : sumL / perSide;
                r[f] = channels == 1 ? sumR : sumR / Math.max(1, channels - perSide);
            }
            return new StereoAudio(src.getSampleRate(), l, r);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": not an audio file the JDK can read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Mixes two signals of the same rate: {@code a * gainA + b * gainB}, as long as the longer one; if the sum
     * would clip, the whole mix is scaled down so its peak is at -1 dBFS (no limiter colouring the sound).
     *
     * @param a     first
     * @param gainA its gain
     * @param b     second
     * @param gainB its gain
     * @param frames the length of the result in frames
     * @return the mix, and the scale applied
     */
    static Mixed mix(StereoAudio a, double gainA, StereoAudio b, double gainB, int frames) {
        if (a.rate != b.rate) {
            throw new IllegalArgumentException("sample rates differ: " + a.rate + " and " + b.rate);
        }
        float[] l = new float[frames];
        float[] r = new float[frames];
        float peak = 0;
        for (int i = 0; i < frames; i++) {
            double vl = 0;
            double vr = 0;
            if (i < a.frames()) {
                vl += a.left[i] * gainA;
                vr += a.right[i] * gainA;
            }
            if (i < b.frames()) {
                vl += b.left[i] * gainB;
                vr += b.right[i] * gainB;
            }
            l[i] = (float) vl;
            r[i] = (float) vr;
            peak = Math.max(peak, Math.max(Math.abs(l[i]), Math.abs(r[i])));
        }
        double ceiling = Math.pow(10, -1 / 20.0);
        double scale = peak > ceiling ? ceiling / peak : 1;
        if (scale != 1) {
            for (int i = 0; i < frames; i++) {
                l[i] *= (float) scale;
                r[i] *= (float) scale;
            }
        }
        return new Mixed(new StereoAudio(a.rate, l, r), scale);
    }

    /** @param audio the mix @param scale the gain applied against clipping (1 when none) */
    record Mixed(StereoAudio audio, double scale) {
    }

    /** @return the RMS level of both channels in dBFS (-inf for digital silence) */
    double rmsDbfs() {
        double sum = 0;
        for (int i = 0; i < left.length; i++) {
            sum += left[i] * (double) left[i] + right[i] * (double) right[i];
        }
        return 10 * Math.log10(sum / Math.max(1, 2.0 * left.length));
    }

    /**
     * @param thresholdDbfs a level, e.g. -50
     * @return the end (s) of the last 50 ms window whose RMS is above the level, 0 if none
     */
    double audibleUntil(double thresholdDbfs) {
        int window = Math.max(1, Math.round(rate * 0.05f));
        double floor = Math.pow(10, thresholdDbfs / 10);
        double end = 0;
        for (int start = 0; start + window <= left.length; start += window) {
            double sum = 0;
            for (int i = start; i < start + window; i++) {
                sum += left[i] * (double) left[i] + right[i] * (double) right[i];
            }
            if (sum / (2.0 * window) > floor) {
                end = (start + window) / (double) rate;
            }
        }
        return end;
    }

    /**
     * Writes 16-bit stereo PCM WAV, through a temporary file so a failed write never leaves half a file.
     *
     * @param file the file (replaced)
     * @throws IOException if it cannot be written
     */
    void write(Path file) throws IOException {
        byte[] bytes = new byte[left.length * 4];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < left.length; i++) {
            b.putShort(pcm16(left[i]));
            b.putShort(pcm16(right[i]));
        }
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".render", ".wav.tmp");
        try (InputStream data = new ByteArrayInputStream(bytes);
                AudioInputStream stream = new AudioInputStream(data, format, left.length)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static short pcm16(float v) {
        float c = Math.max(-1f, Math.min(1f, v));
        return (short) Math.round(c * 32767);
    }
}
