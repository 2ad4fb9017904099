// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

/**
 * Swing: the ride's "ding, ding-a-ding" with swung (triplet) eighths, the hi-hat foot on 2 and 4 as the backbeat,
 * a feathered kick on every beat, and seeded snare comping on the last triplet as the intensity rises.
 */
final class SwingPattern implements DrumPattern {

    static final SwingPattern INSTANCE = new SwingPattern();

    @Override
    public String name() {
        return "swing";
    }

    @Override
    public int stepsPerBeat() {
        return 3;
    }

    @Override
    public void step(Groove g) {
        if (g.onBeat()) {
            g.hit(RIDE, g.vel(g.backbeat() ? 100 : 88));
            if (g.backbeat()) {
                g.hit(PEDAL_HAT, g.vel(85));
            }
            if (!g.sparse || g.beatInBar == 0) {
                // feathered: felt more than heard
                g.hit(KICK, 28 + 14 * g.intensity);
            }
        } else if (g.step == 2) {
            if (g.backbeat()) {
                g.hit(RIDE, g.vel(70));
            } else if (!g.minimal && !g.sparse && g.chance < 0.3 * g.intensity) {
                g.hit(SNARE, g.vel(55));
            }
        }
    }
}
