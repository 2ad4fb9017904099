// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

/**
 * A tempo in beats per minute.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param bpm the beats per minute, finite and in 1..1000
 */
public record Tempo(double bpm) {

    /** The lowest tempo accepted, in BPM. */
    public static final double MIN_BPM = 1.0;
    /** The highest tempo accepted, in BPM. */
    public static final double MAX_BPM = 1000.0;

    /**
     * Validates the tempo.
     *
     * @param bpm the beats per minute
     * @throws IllegalArgumentException if {@code bpm} is NaN, infinite or outside 1..1000
     */
    public Tempo {
        if (!(bpm >= MIN_BPM && bpm <= MAX_BPM)) {
            throw new IllegalArgumentException("tempo must be a finite number in 1..1000 BPM, got " + bpm);
        }
    }

    /**
     * Returns the tempo whose beat lasts the given time.
     *
     * @param seconds the duration of one beat in seconds, e.g. 0.5 for 120 BPM
     * @return the tempo, never null
     * @throws IllegalArgumentException if {@code seconds} is NaN, infinite, not positive, or gives a tempo outside
     *     1..1000 BPM
     */
    public static Tempo ofBeatSeconds(double seconds) {
        if (!(seconds > 0.0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("beat duration must be a finite number > 0 s, got " + seconds);
        }
        double bpm = 60.0 / seconds;
        if (!(bpm >= MIN_BPM && bpm <= MAX_BPM)) {
            throw new IllegalArgumentException("beat duration " + seconds + " s gives " + bpm
                    + " BPM, outside 1..1000 BPM");
        }
        return new Tempo(bpm);
    }

    /**
     * Returns the duration of one beat.
     *
     * @return the beat duration in seconds
     */
    public double beatSeconds() {
        return 60.0 / bpm;
    }

    /**
     * Returns the duration of one beat, rounded to whole nanoseconds.
     *
     * @return the beat duration in nanoseconds
     */
    public long beatNanos() {
        return Math.round(60e9 / bpm);
    }

    /**
     * Returns this tempo multiplied by a factor, e.g. 2 for double time or 0.5 for half time.
     *
     * @param factor the factor, finite and positive
     * @return the scaled tempo, never null
     * @throws IllegalArgumentException if the factor is NaN, infinite or not positive, or the result is outside
     *     1..1000 BPM
     */
    public Tempo scaled(double factor) {
        if (!(factor > 0.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("tempo factor must be a finite number > 0, got " + factor);
        }
        double scaled = bpm * factor;
        if (!(scaled >= MIN_BPM && scaled <= MAX_BPM)) {
            throw new IllegalArgumentException("tempo " + bpm + " BPM scaled by " + factor + " gives " + scaled
                    + " BPM, outside 1..1000 BPM");
        }
        return new Tempo(scaled);
    }

    /**
     * Returns the tempo as {@code "120.0 BPM"}, with the full precision of the double.
     *
     * @return the printed tempo
     */
    @Override
    public String toString() {
        return bpm + " BPM";
    }
}
