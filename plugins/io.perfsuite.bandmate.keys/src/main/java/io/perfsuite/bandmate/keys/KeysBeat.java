// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.keys;

/**
 * One beat as a {@link KeysStyle} sees it, and the chord hits it writes. The keyboardist owns one instance and
 * refills it for each beat, so styles run without allocating.
 */
final class KeysBeat {

    static final int MAX_HITS = 4;

    int beatInBar;
    int beatsPerBar;
    /** 0..1, already shaped by the section. */
    double intensity;
    boolean sparse;
    /** Whether the chord changes at this beat (a new chord to strike) and at the next (one to anticipate). */
    boolean changesHere;
    boolean changesNext;
    /**
     * Whether this is the first beat after a break in the windows (the band started, the player joined, or its
     * notes were released because the music jumped or the heard chord changed): nothing of this player sounds, so a
     * held voicing must be struck here rather than wait for the next bar line.
     */
    boolean reentry;
    /** Pattern beats until the chord is expected to change, +infinity when unknown. */
    double untilChange;
    /** Seeded values in [0, 1): one for the whole bar (to pick a rhythm), one for this beat. */
    double barChance;
    double chance;

    final double[] offsets = new double[MAX_HITS];
    final double[] durations = new double[MAX_HITS];
    final double[] velocities = new double[MAX_HITS];
    final boolean[] anticipations = new boolean[MAX_HITS];
    int count;

    /** @return whether this beat is the last of the bar */
    boolean lastBeat() {
        return beatInBar == beatsPerBar - 1;
    }

    /** Scales a loudness by the intensity. */
    double vel(double full) {
        return full * (0.55 + 0.45 * intensity);
    }

    /**
     * Adds a chord hit.
     *
     * @param offset     where in the beat, in pattern beats, 0 &lt;= offset &lt; 1
     * @param duration   in pattern beats
     * @param velocity   unclamped velocity
     * @param anticipate whether it plays the next beat's chord (a push into a change)
     */
    void hit(double offset, double duration, double velocity, boolean anticipate) {
        if (count < MAX_HITS) {
            offsets[count] = offset;
            durations[count] = duration;
            velocities[count] = velocity;
            anticipations[count] = anticipate;
            count++;
        }
    }
}
