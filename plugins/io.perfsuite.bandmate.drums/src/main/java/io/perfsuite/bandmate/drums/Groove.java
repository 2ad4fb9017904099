// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

/**
 * One grid step as a {@link DrumPattern} sees it, and the hits it writes. The drummer owns one instance and
 * refills it for every step, so patterns run without allocating.
 */
final class Groove {

    /** More hits than a drummer has limbs, so a pattern never runs out. */
    static final int MAX_HITS = 8;

    int beatInBar;
    int step;
    int beatsPerBar;
    /** 0..1, already shaped by the section. */
    double intensity;
    /** An intro or breakdown: keep time, little else. */
    boolean sparse;
    /** A chorus: open up (ride or open hats). */
    boolean full;
    /** The runtime is degraded to the minimal band: no ornaments (ghost notes). */
    boolean minimal;
    /** A seeded value in [0, 1) for this step, for variation that replays identically. */
    double chance;

    final int[] keys = new int[MAX_HITS];
    final double[] velocities = new double[MAX_HITS];
    int count;

    /** @return whether this beat of the bar carries the backbeat (2 and 4 in 4/4; 2 and 3 in 3/4) */
    boolean backbeat() {
        if (beatsPerBar == 3) {
            return beatInBar > 0;
        }
        return beatInBar % 2 == 1;
    }

    /** @return whether this step is on the beat */
    boolean onBeat() {
        return step == 0;
    }

    /**
     * Scales a loudness by the intensity, so a soft passage is soft without the pattern thinking about it.
     *
     * @param full the velocity at full intensity
     * @return the velocity to play
     */
    double vel(double full) {
        return full * (0.55 + 0.45 * intensity);
    }

    /**
     * Adds a hit; beyond {@link #MAX_HITS} hits are ignored.
     *
     * @param key      General MIDI percussion key
     * @param velocity unclamped velocity
     */
    void hit(int key, double velocity) {
        if (count < MAX_HITS) {
            keys[count] = key;
            velocities[count] = velocity;
            count++;
        }
    }
}
