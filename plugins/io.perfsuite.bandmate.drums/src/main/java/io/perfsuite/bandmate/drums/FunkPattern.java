// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

/**
 * Funk: sixteenth hats accented on the eighths, an open hat on the "and" of the last beat, a syncopated kick (1,
 * the "a" of 1, the "and" of 2 and 3), snare on 2 and 4 with seeded ghost notes whose density follows the
 * intensity.
 */
final class FunkPattern implements DrumPattern {

    static final FunkPattern INSTANCE = new FunkPattern();

    @Override
    public String name() {
        return "funk";
    }

    @Override
    public int stepsPerBeat() {
        return 4;
    }

    @Override
    public void step(Groove g) {
        boolean lastBeat = g.beatInBar == g.beatsPerBar - 1;
        if (lastBeat && g.step == 2 && g.intensity > 0.4) {
            g.hit(OPEN_HAT, g.vel(90));
        } else if (!g.sparse || g.step % 2 == 0) {
            g.hit(CLOSED_HAT, g.vel(g.step % 2 == 0 ? 92 : 58));
        }
        if (g.backbeat()) {
            if (g.onBeat()) {
                g.hit(g.sparse ? SIDE_STICK : SNARE, g.vel(115));
            } else if (!g.minimal && !g.sparse && g.step != 2 && g.chance < 0.5 * g.intensity) {
                g.hit(SNARE, 30 + 12 * g.intensity);
            }
            if (g.step == 2 && g.beatInBar == 1) {
                g.hit(KICK, g.vel(92));
            }
        } else {
            if (g.onBeat() && (!g.sparse || g.beatInBar == 0)) {
                g.hit(KICK, g.vel(112));
            } else if (g.step == 3 && g.beatInBar == 0 && g.intensity > 0.6 && !g.sparse) {
                g.hit(KICK, g.vel(88));
            }
        }
    }
}
