// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import io.perfsuite.api.band.kit.Harmony;

/**
 * One beat of the bass line as a {@link BassStyle} sees it, with pitch helpers, and the notes it writes. The
 * bassist owns one instance and refills it for each beat, so styles run without allocating.
 */
final class BassBeat {

    static final int MAX_NOTES = 8;

    int beatInBar;
    int beatsPerBar;
    /** 0..1, already shaped by the section. */
    double intensity;
    /** An intro or breakdown: long roots only. */
    boolean sparse;
    /** The harmony of this beat and of the next (see {@link Harmony#resolve}). */
    int harmony;
    int nextHarmony;
    /** Whether the harmony changes at the next beat. */
    boolean change;
    /** Seeded values in [0, 1) for this beat. */
    double chance;
    double chance2;
    int lowest;
    int highest;

    final double[] offsets = new double[MAX_NOTES];
    final int[] pitches = new int[MAX_NOTES];
    final double[] velocities = new double[MAX_NOTES];
    final double[] durations = new double[MAX_NOTES];
    int count;

    /** @return whether this beat is the last of the bar */
    boolean lastBeat() {
        return beatInBar == beatsPerBar - 1;
    }

    /** @return the root of this beat's chord: the lowest such pitch in the register, as bassists anchor low */
    int root() {
        return lowest + Math.floorMod(Harmony.root(harmony) - lowest, 12);
    }

    /** @return the root of the next beat's chord */
    int nextRoot() {
        return lowest + Math.floorMod(Harmony.root(nextHarmony) - lowest, 12);
    }

    /** @return a pitch an interval above the root, an octave lower if it would leave the register */
    int above(int interval) {
        int p = root() + interval;
        return p > highest ? p - 12 : p;
    }

    /** @return the chord's fifth (diminished or augmented if that is what it has) */
    int fifth() {
        if (Harmony.hasInterval(harmony, 7)) {
            return above(7);
        }
        if (Harmony.hasInterval(harmony, 6)) {
            return above(6);
        }
        return Harmony.hasInterval(harmony, 8) ? above(8) : above(7);
    }

    /** @return the chord's third, or its fifth when it has none (sus, power) */
    int third() {
        if (Harmony.hasInterval(harmony, 4)) {
            return above(4);
        }
        return Harmony.hasInterval(harmony, 3) ? above(3) : fifth();
    }

    /** @return the chord's seventh, or the octave when it has none */
    int seventh() {
        if (Harmony.hasInterval(harmony, 10)) {
            return above(10);
        }
        return Harmony.hasInterval(harmony, 11) ? above(11) : above(12);
    }

    /**
     * An approach note into a target a step away: a chord tone of this beat if one is a semitone or a tone away
     * (so the line stays inside the harmony), otherwise a chromatic neighbour.
     *
     * @param target the pitch to lead into
     * @return the approach pitch
     */
    int approach(int target) {
        int[] steps = chance < 0.5 ? BELOW_FIRST : ABOVE_FIRST;
        for (int step : steps) {
            int p = target + step;
            if (p >= lowest && p <= highest && Harmony.contains(harmony, p)) {
                return p;
            }
        }
        int side = chance2 < 0.5 ? -1 : 1;
        int p = target + side;
        return p < lowest || p > highest ? target - side : p;
    }

    private static final int[] BELOW_FIRST = {-1, 1, -2, 2};
    private static final int[] ABOVE_FIRST = {1, -1, 2, -2};

    /** Scales a loudness by the intensity. */
    double vel(double full) {
        return full * (0.6 + 0.4 * intensity);
    }

    /**
     * Adds a note.
     *
     * @param offset   where in the beat, in pattern beats, 0 &lt;= offset &lt; 1
     * @param pitch    MIDI note
     * @param velocity unclamped velocity
     * @param duration in pattern beats
     */
    void note(double offset, int pitch, double velocity, double duration) {
        if (count < MAX_NOTES) {
            offsets[count] = offset;
            pitches[count] = pitch;
            velocities[count] = velocity;
            durations[count] = duration;
            count++;
        }
    }
}
