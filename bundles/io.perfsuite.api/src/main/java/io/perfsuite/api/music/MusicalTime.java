// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import java.util.Objects;

/**
 * A position in bars and beats, counted from 1 as musicians count: bar 1 beat 1 is the start of the song,
 * {@code fraction} is the part of the beat that has elapsed.
 *
 * <p>Positions before the start (a count-in) have a bar number of 0 or less: with 4/4, beat -1 of the absolute
 * beat count is bar 0 beat 4, beat -4 is bar 0 beat 1 and beat -5 is bar -1 beat 4. Bar 0 is thus the count-in
 * bar right before the song.
 *
 * <p>The record alone does not know the meter; {@link #of(double, Meter)} and {@link #toBeats(Meter)} check that
 * the beat fits the given meter. The natural order ({@link #compareTo(MusicalTime)}) is by bar, then beat, then
 * fraction, which is the time order for positions in the same meter.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param bar the 1-based bar; 0 and below for the count-in
 * @param beat the 1-based beat within the bar
 * @param fraction the elapsed part of the beat, in [0, 1)
 */
public record MusicalTime(int bar, int beat, double fraction) implements Comparable<MusicalTime> {

    /**
     * Validates the position.
     *
     * @param bar any bar number (positive in the song, 0 or less in the count-in)
     * @param beat the 1-based beat, at least 1
     * @param fraction in [0, 1)
     * @throws IllegalArgumentException if {@code beat} is below 1 or {@code fraction} is NaN or outside [0, 1)
     */
    public MusicalTime {
        if (beat < 1) {
            throw new IllegalArgumentException("beat must be at least 1 (beats count from 1), got " + beat);
        }
        if (!(fraction >= 0.0 && fraction < 1.0)) {
            throw new IllegalArgumentException("beat fraction must be in [0, 1), got " + fraction);
        }
        fraction += 0.0; // turns -0.0 into 0.0 so that equals() treats them alike
    }

    /**
     * Returns the position of an absolute beat count in a meter: beat 0.0 is bar 1 beat 1, beat 4.5 in 4/4 is
     * bar 2 beat 1 with fraction 0.5, and negative beats fall in the count-in (bar 0 and below).
     *
     * <p>{@code of(b, m).toBeats(m) == b} exactly for every non-negative {@code b}, and for negative {@code b}
     * whose fractional part is a binary fraction (such as -0.5, -0.25 or tick positions); other negative values
     * round trip within one ulp, because their fraction in [0, 1) cannot always be represented exactly.
     *
     * @param beatsSinceStart the number of beats since the start of bar 1, finite
     * @param meter the meter
     * @return the position, never null
     * @throws IllegalArgumentException if the beat count is NaN, infinite or so large that the bar does not fit
     *     in an int
     * @throws NullPointerException if {@code meter} is null
     */
    public static MusicalTime of(double beatsSinceStart, Meter meter) {
        Objects.requireNonNull(meter, "meter");
        double limit = (double) meter.beatsPerBar() * Integer.MAX_VALUE / 2;
        if (!(Math.abs(beatsSinceStart) < limit)) {
            throw new IllegalArgumentException("beat count must be a finite number of magnitude below " + limit
                    + " for meter " + meter + ", got " + beatsSinceStart);
        }
        double whole = Math.floor(beatsSinceStart);
        double fraction = beatsSinceStart - whole;
        if (fraction >= 1.0) { // a tiny negative number: -1e-20 - (-1) rounds to 1.0
            whole += 1.0;
            fraction = 0.0;
        }
        long beatIndex = (long) whole;
        int beatsPerBar = meter.beatsPerBar();
        int bar = (int) Math.floorDiv(beatIndex, beatsPerBar) + 1;
        int beat = Math.floorMod(beatIndex, beatsPerBar) + 1;
        return new MusicalTime(bar, beat, fraction);
    }

    /**
     * Returns the absolute beat count of this position in a meter, the inverse of {@link #of(double, Meter)}.
     *
     * @param meter the meter
     * @return the beats since the start of bar 1 (negative in the count-in)
     * @throws IllegalArgumentException if the beat is greater than the meter's beats per bar
     * @throws NullPointerException if {@code meter} is null
     */
    public double toBeats(Meter meter) {
        Objects.requireNonNull(meter, "meter");
        if (beat > meter.beatsPerBar()) {
            throw new IllegalArgumentException("beat " + beat + " of " + this + " does not fit in meter " + meter
                    + " with " + meter.beatsPerBar() + " beats per bar");
        }
        long whole = ((long) bar - 1) * meter.beatsPerBar() + (beat - 1);
        return whole + fraction;
    }

    /**
     * Tells whether this is the first beat of a bar, exactly on the beat.
     *
     * @return true if {@code beat == 1} and {@code fraction == 0}
     */
    public boolean isDownbeat() {
        return beat == 1 && fraction == 0.0;
    }

    /**
     * Orders by bar, then beat, then fraction.
     *
     * @param other the position to compare with
     * @return negative, zero or positive as this position is before, at or after {@code other}
     */
    @Override
    public int compareTo(MusicalTime other) {
        int byBar = Integer.compare(bar, other.bar);
        if (byBar != 0) {
            return byBar;
        }
        int byBeat = Integer.compare(beat, other.beat);
        return byBeat != 0 ? byBeat : Double.compare(fraction, other.fraction);
    }

    /**
     * Returns the position as {@code bar.beat}, followed by {@code +} and the fraction truncated to two decimals
     * when the position is not exactly on the beat: {@code "3.2"}, {@code "3.2+0.50"}, {@code "0.4"} (count-in).
     *
     * @return the printed position
     */
    @Override
    public String toString() {
        String position = bar + "." + beat;
        if (fraction == 0.0) {
            return position;
        }
        int hundredths = (int) (fraction * 100.0);
        return position + "+0." + (hundredths < 10 ? "0" : "") + hundredths;
    }
}
