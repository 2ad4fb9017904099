// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.jobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A test recording the test writes itself, with its annotations derived from the same parameters: a click on every
 * beat at a given tempo; over it, a C major triad (C4 E4 G4, a few harmonics each) for the first 8 s, then an A4
 * (440 Hz) alone to the end (if the recording is longer). 16-bit mono WAV at 44.1 kHz.
 */
final class Signals {

    static final float RATE = 44100;
    /** When the A4 replaces the triad (s): a beat, so the change is an onset on a click. */
    static final double CHANGE = 8.0;

    private Signals() {
    }

    /**
     * Writes the recording and its annotations ({@code .beats}, {@code .onsets}, {@code .tempo}, {@code .key},
     * {@code .chords.lab}) into a folder.
     *
     * @param folder  the folder
     * @param base    the base name
     * @param bpm     the click tempo
     * @param seconds the length
     * @return the recording
     */
    static Path clickTrackWithTones(Path folder, String base, double bpm, double seconds) throws IOException {
        int n = (int) (seconds * RATE);
        double[] x = new double[n];
        double period = 60 / bpm;
        Random noise = new Random(7);
        StringBuilder beats = new StringBuilder("# time beat-in-bar\n");
        StringBuilder onsets = new StringBuilder();
        for (int k = 0; k * period < seconds - 0.05; k++) {
            double t = k * period;
            int start = (int) Math.round(t * RATE);
            // a 20 ms click: decaying noise and a 2 kHz ping, clearly percussive over the tones
            for (int i = 0; i < (int) (0.02 * RATE) && start + i < n; i++) {
                double env = Math.exp(-i / (0.003 * RATE));
                x[start + i] += 0.45 * env * (0.6 * (noise.nextDouble() * 2 - 1)
                        + 0.4 * Math.sin(2 * Math.PI * 2000 * i / RATE));
            }
            beats.append(String.format(Locale.ROOT, "%.6f\t%d%n", t, k % 4 + 1));
            onsets.append(String.format(Locale.ROOT, "%.6f%n", t));
        }
        double change = Math.min(CHANGE, seconds);
        addTone(x, new double[] {261.63, 329.63, 392.00}, 0, change, 0.12);
        if (change < seconds) {
            addTone(x, new double[] {440}, change, seconds, 0.25);
        }
        Path wav = folder.resolve(base + ".wav");
        write(wav, x);
        Files.writeString(folder.resolve(base + ".beats"), beats);
        Files.writeString(folder.resolve(base + ".onsets"), onsets);
        Files.writeString(folder.resolve(base + ".tempo"), String.format(Locale.ROOT, "%.4f%n", bpm));
        Files.writeString(folder.resolve(base + ".key"), "C major\n");
        // a lone A is no chord: root position of A only, which the majmin rule leaves out of its count
        String lab = String.format(Locale.ROOT, "0.000000\t%.6f\tC:maj%n", change);
        if (change < seconds) {
            lab += String.format(Locale.ROOT, "%.6f\t%.6f\tA:(1)%n", change, seconds);
        }
        Files.writeString(folder.resolve(base + ".chords.lab"), lab);
        return wav;
    }

    /** Adds notes with three decaying harmonics each, from {@code from} to {@code to} (s), 10 ms fades. */
    private static void addTone(double[] x, double[] hz, double from, double to, double amplitude) {
        int a = (int) (from * RATE);
        int b = Math.min(x.length, (int) (to * RATE));
        int fade = (int) (0.01 * RATE);
        for (int i = a; i < b; i++) {
            double env = Math.min(1, Math.min((i - a) / (double) fade, (b - i) / (double) fade));
            double t = (i - a) / (double) RATE;
            for (double f : hz) {
                x[i] += amplitude * env * (Math.sin(2 * Math.PI * f * t) + 0.5 * Math.sin(2 * Math.PI * 2 * f * t)
                        + 0.25 * Math.sin(2 * Math.PI * 3 * f * t)) / 1.75;
            }
        }
    }

    /**
     * Writes 16-bit mono PCM WAV.
     *
     * @param file    the file
     * @param samples the samples, clipped to [-1, 1]
     */
    static void write(Path file, double[] samples) throws IOException {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int v = (int) Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
