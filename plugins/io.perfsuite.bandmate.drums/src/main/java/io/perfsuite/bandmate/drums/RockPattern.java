// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

/**
 * Straight rock: eighth-note hats (ride in a chorus), kick on 1 and 3, snare on 2 and 4; louder passages add the
 * kick on the "and" of 3, sparse ones drop the snare for the side stick.
 */
final class RockPattern implements DrumPattern {

    static final RockPattern INSTANCE = new RockPattern();

    @Override
    public String name() {
        return "rock";
    }

    @Override
    public int stepsPerBeat() {
        return 4;
    }

    @Override
    public void step(Groove g) {
        if (g.step % 2 == 0) {
            int cymbal = g.full ? RIDE : CLOSED_HAT;
            g.hit(cymbal, g.vel(g.onBeat() ? 100 : 78));
        }
        if (g.onBeat()) {
            if (g.backbeat()) {
                g.hit(g.sparse ? SIDE_STICK : SNARE, g.vel(g.sparse ? 80 : 112));
            } else if (!g.sparse || g.beatInBar == 0) {
                g.hit(KICK, g.vel(110));
            }
        } else if (g.step == 2 && g.beatInBar == 2 && g.beatsPerBar == 4 && g.intensity > 0.6 && !g.sparse) {
            g.hit(KICK, g.vel(95));
        }
    }
}
