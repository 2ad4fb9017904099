// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.keys;

/**
 * Pads: a sustained voicing struck on each bar line, on each chord change and on re-entry (the first beat after a
 * break), held until the next of these; the intensity only sets how loud.
 */
final class PadsStyle implements KeysStyle {

    static final PadsStyle INSTANCE = new PadsStyle();

    /** Released a little before the next strike, so the re-attack is heard. */
    private static final double GAP = 0.05;

    @Override
    public String name() {
        return "pads";
    }

    @Override
    public void beat(KeysBeat b) {
        if (b.beatInBar == 0 || b.changesHere || b.reentry) {
            double length = Math.min(b.beatsPerBar - b.beatInBar, b.untilChange);
            b.hit(0, length - GAP, b.vel(b.sparse ? 60 : 75), false);
        }
    }
}
