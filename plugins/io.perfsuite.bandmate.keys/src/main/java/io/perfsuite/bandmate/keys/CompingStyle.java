// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.keys;

/**
 * Comping: short chord stabs in a rhythm picked per bar (seeded) from a few patterns for the meter, thinned at low
 * intensity, with a push of the next chord on the last eighth before a change.
 */
final class CompingStyle implements KeysStyle {

    static final CompingStyle INSTANCE = new CompingStyle();

    /** Rhythms as bit masks of the bar's eighth notes (bit 0 = one), for 4/4. */
    private static final int[] FOUR = {0b01001001, 0b10010010, 0b10100100, 0b00010001, 0b10101010, 0b01010100};
    /** Rhythms for 3/4: "oom-pah-pah" stabs on 2 and 3, and two syncopated ones. */
    private static final int[] THREE = {0b010100, 0b101010, 0b001001};

    @Override
    public String name() {
        return "comping";
    }

    @Override
    public void beat(KeysBeat b) {
        int rhythm;
        if (b.beatsPerBar == 4) {
            rhythm = FOUR[(int) (b.barChance * FOUR.length)];
        } else if (b.beatsPerBar == 3) {
            rhythm = THREE[(int) (b.barChance * THREE.length)];
        } else {
            rhythm = 0xAAAAAAAA; // every offbeat
        }
        if (b.sparse) {
            rhythm &= 0b00010001; // the strongest beats only
            rhythm |= 1;
        }
        double length = b.intensity < 0.4 ? 0.9 : 0.4;
        for (int half = 0; half < 2; half++) {
            int eighth = 2 * b.beatInBar + half;
            if (eighth >= 32 || (rhythm & 1 << eighth) == 0) {
                continue;
            }
            // softer passages leave out some stabs, but never the one that pushes into a change
            boolean push = half == 1 && b.lastBeat() && b.changesNext;
            if (!push && eighth != 0 && b.chance >= 0.35 + b.intensity) {
                continue;
            }
            b.hit(half * 0.5, push ? 0.9 : length, b.vel(half == 0 ? 88 : 95), push);
        }
    }
}
