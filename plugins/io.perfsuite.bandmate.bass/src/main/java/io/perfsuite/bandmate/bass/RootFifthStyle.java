// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

/**
 * Root and fifth: the root on 1, the fifth in the middle of the bar; busier passages fill the other beats and then
 * the eighths, and push the next chord's root on the last eighth before a change.
 */
final class RootFifthStyle implements BassStyle {

    static final RootFifthStyle INSTANCE = new RootFifthStyle();

    @Override
    public String name() {
        return "root-fifth";
    }

    @Override
    public void beat(BassBeat b) {
        boolean eighths = b.intensity > 0.7;
        boolean anticipate = b.change && b.lastBeat() && b.intensity > 0.4;
        int pitch;
        if (b.beatInBar == 0) {
            pitch = b.root();
        } else if (b.beatInBar == b.beatsPerBar / 2 || (b.beatsPerBar == 3 && b.beatInBar == 2)) {
            pitch = b.fifth();
        } else if (b.intensity > 0.45) {
            pitch = b.beatInBar < b.beatsPerBar / 2 ? b.root() : b.fifth();
        } else {
            pitch = -1;
        }
        double length = eighths || anticipate ? 0.45 : nextNoteIn(b) - 0.05;
        if (pitch >= 0) {
            b.note(0, pitch, b.vel(b.beatInBar == 0 ? 110 : 95), length);
        }
        if (anticipate) {
            b.note(0.5, b.nextRoot(), b.vel(105), 0.5);
        } else if (eighths && pitch >= 0) {
            b.note(0.5, pitch, b.vel(85), 0.45);
        }
    }

    /** @return how many beats until this style's next note, so a sparse line sustains */
    private static int nextNoteIn(BassBeat b) {
        if (b.intensity > 0.45) {
            return 1;
        }
        int middle = b.beatsPerBar == 3 ? 2 : Math.max(1, b.beatsPerBar / 2);
        return b.beatInBar < middle ? middle - b.beatInBar : b.beatsPerBar - b.beatInBar;
    }
}
