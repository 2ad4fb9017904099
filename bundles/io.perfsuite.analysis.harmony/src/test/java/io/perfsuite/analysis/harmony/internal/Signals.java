// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import io.perfsuite.audio.internal.AudioSource;
import io.perfsuite.audio.internal.source.DecodedAudio;

/** Generated test audio: chords of harmonic-rich, piano-like notes. */
final class Signals {

    /** Harmonics per note; amplitude 1/h. */
    static final int HARMONICS = 8;

    private Signals() {
    }

    /** @return the frequency of a MIDI note, A4 = 69 = 440 Hz */
    static double hz(int midi) {
        return 440 * Math.pow(2, (midi - 69) / 12.0);
    }

    /**
     * Chords one after the other, each struck at its start and decaying like a piano (5 ms attack, then an
     * exponential decay with a 1.5 s time constant), with silence before and after.
     *
     * @param rate     the sample rate
     * @param chords   the MIDI notes of each chord
     * @param seconds  how long each chord lasts
     * @param before   silence before the first chord, in seconds
     * @param after    silence after the last chord, in seconds
     * @return the audio, peak 0.5
     */
    static DecodedAudio progression(float rate, int[][] chords, double seconds, double before, double after) {
        int each = (int) Math.round(seconds * rate);
        int lead = (int) Math.round(before * rate);
        int tail = (int) Math.round(after * rate);
        float[] out = new float[lead + chords.length * each + tail];
        double peak = 0;
        for (int c = 0; c < chords.length; c++) {
            int start = lead + c * each;
            for (int i = 0; i < each; i++) {
                double t = i / (double) rate;
                double envelope = Math.min(1, t / 0.005) * Math.exp(-t / 1.5);
                double sum = 0;
                for (int midi : chords[c]) {
                    double f = hz(midi);
                    for (int h = 1; h <= HARMONICS && h * f < rate / 2; h++) {
                        sum += Math.sin(2 * Math.PI * h * f * t + 0.7 * h * midi) / h;
                    }
                }
                out[start + i] = (float) (sum * envelope);
                peak = Math.max(peak, Math.abs(sum * envelope));
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] * 0.5 / peak);
        }
        return new DecodedAudio(rate, 1, "generated", out);
    }

    /**
     * An endless source that plays the given audio over and over; allocation-free, not live.
     *
     * @param audio the loop
     * @return the source
     */
    static AudioSource loop(DecodedAudio audio) {
        return new AudioSource() {
            private int position;

            @Override
            public void open(int maxFrames) {
                position = 0;
            }

            @Override
            public float sampleRate() {
                return audio.sampleRate();
            }

            @Override
            public int read(float[] buffer, int frames) {
                float[] data = audio.mono();
                for (int i = 0; i < frames; i++) {
                    buffer[i] = data[position];
                    position = position + 1 == data.length ? 0 : position + 1;
                }
                return frames;
            }

            @Override
            public boolean isLive() {
                return false;
            }

            @Override
            public String describe() {
                return "generated chord loop";
            }

            @Override
            public void close() {
            }
        };
    }
}
