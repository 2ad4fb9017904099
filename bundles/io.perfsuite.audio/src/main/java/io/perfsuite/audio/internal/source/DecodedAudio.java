// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import java.util.Locale;
import java.util.Objects;

/**
 * A whole audio file decoded into memory and mixed down to mono.
 *
 * <p>The {@code mono} array is shared, not copied (a few minutes of audio are megabytes): whoever holds this record
 * must treat the array as read-only. {@link #equals} and {@link #hashCode} are the record defaults, so two
 * instances are equal only when they share the same array.
 *
 * <p><b>Threading:</b> immutable as long as nobody writes to {@code mono}; safe to hand to another thread through
 * any happens-before edge (thread start, volatile field, concurrent queue).
 *
 * @param sampleRate the file's sample rate in Hz (never resampled), greater than 0
 * @param channels how many channels the file had before the mix-down, at least 1
 * @param encoding the file's sample encoding, e.g. {@code "PCM_SIGNED 16 bit"} or {@code "PCM_FLOAT 32 bit"}
 * @param mono the samples, the average of all channels per frame, in [-1, 1]; one element per frame
 */
public record DecodedAudio(float sampleRate, int channels, String encoding, float[] mono) {

    /**
     * Checks the components.
     *
     * @param sampleRate in Hz, greater than 0
     * @param channels the channel count of the source, at least 1
     * @param encoding the source's sample encoding
     * @param mono the mixed-down samples, kept (not copied)
     * @throws IllegalArgumentException when the sample rate is not a positive finite number or channels is below 1
     * @throws NullPointerException when {@code encoding} or {@code mono} is null
     */
    public DecodedAudio {
        if (!(sampleRate > 0) || Float.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, was " + sampleRate);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, was " + channels);
        }
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(mono, "mono");
    }

    /** @return the number of frames, which is the length of {@link #mono()} */
    public int frames() {
        return mono.length;
    }

    /** @return the length in seconds: frames divided by the sample rate */
    public double durationSeconds() {
        return mono.length / (double) sampleRate;
    }

    /**
     * @return e.g. {@code "44100 Hz, 2 ch, PCM_SIGNED 16 bit, 76.0 s"}: the format and length, for descriptions
     */
    public String summary() {
        return formatRate(sampleRate) + " Hz, " + channels + " ch, " + encoding + ", "
                + String.format(Locale.ROOT, "%.1f s", durationSeconds());
    }

    @Override
    public String toString() {
        return "DecodedAudio[" + summary() + ", " + mono.length + " frames]";
    }

    /** @return the rate without a fraction when it is whole ({@code "44100"}), else with one ({@code "22050.5"}) */
    static String formatRate(float sampleRate) {
        if (sampleRate == Math.rint(sampleRate) && sampleRate < 1e9f) {
            return Long.toString((long) sampleRate);
        }
        return String.format(Locale.ROOT, "%.1f", sampleRate);
    }
}
