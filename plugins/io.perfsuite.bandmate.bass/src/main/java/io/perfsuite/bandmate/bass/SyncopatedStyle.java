// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

/**
 * Syncopated funk: short sixteenths with rests, octave pops, the seventh or fifth before the bar line, and the next
 * chord's root pushed on the last eighth before a change. Seeded choices vary it bar to bar; the intensity adds
 * notes.
 */
final class SyncopatedStyle implements BassStyle {

    static final SyncopatedStyle INSTANCE = new SyncopatedStyle();

    @Override
    public String name() {
        return "syncopated";
    }

    @Override
    public void beat(BassBeat b) {
        int root = b.root();
        int octave = b.above(12) <= b.highest ? b.above(12) : root;
        if (b.beatInBar == 0) {
            b.note(0, root, b.vel(115), 0.4);
            if (b.intensity > 0.5) {
                b.note(0.75, octave, b.vel(90), 0.15);
            }
        } else if (b.lastBeat()) {
            b.note(0, b.seventh(), b.vel(95), 0.2);
            if (b.change) {
                b.note(0.5, b.nextRoot(), b.vel(110), 0.45);
            } else {
                b.note(0.5, octave, b.vel(92), 0.15);
            }
        } else {
            if (b.chance < 0.5 + 0.4 * b.intensity) {
                b.note(0.5, b.beatInBar % 2 == 1 ? b.fifth() : root, b.vel(100), 0.2);
            }
            if (b.intensity > 0.65 && b.chance2 < 0.6) {
                b.note(0.75, octave, b.vel(80), 0.12);
            }
        }
    }
}
