// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

/**
 * Pop ballad: soft eighth-note hats, kick on 1 (and the "and" of 2 when it builds), side stick on 2 and 4 at low
 * intensity turning into a full snare as the song opens up.
 */
final class BalladPattern implements DrumPattern {

    static final BalladPattern INSTANCE = new BalladPattern();

    @Override
    public String name() {
        return "ballad";
    }

    @Override
    public int stepsPerBeat() {
        return 4;
    }

    @Override
    public void step(Groove g) {
        if (g.step % 2 == 0) {
            g.hit(g.full ? RIDE : CLOSED_HAT, g.vel(g.onBeat() ? 72 : 55));
        }
        if (g.onBeat()) {
            if (g.backbeat()) {
                boolean stick = g.sparse || g.intensity < 0.5;
                g.hit(stick ? SIDE_STICK : SNARE, g.vel(stick ? 75 : 100));
            } else if (g.beatInBar == 0 || (!g.sparse && g.intensity >= 0.5)) {
                g.hit(KICK, g.vel(g.beatInBar == 0 ? 100 : 80));
            }
        } else if (g.step == 2 && g.beatInBar == 1 && g.intensity >= 0.5 && !g.sparse) {
            g.hit(KICK, g.vel(80));
        }
    }
}
