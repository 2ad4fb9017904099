// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

/**
 * A walking line: quarter notes, the root on 1, chord tones in between, and on the last beat an approach tone a
 * semitone or a tone from the next chord's root (a chord tone when one lies there). Below intensity 0.35 it plays
 * "in two": root and fifth in half notes.
 */
final class WalkingStyle implements BassStyle {

    static final WalkingStyle INSTANCE = new WalkingStyle();

    @Override
    public String name() {
        return "walking";
    }

    @Override
    public void beat(BassBeat b) {
        if (b.intensity < 0.35) {
            int half = Math.max(1, b.beatsPerBar / 2);
            if (b.beatInBar == 0) {
                b.note(0, b.root(), b.vel(100), half - 0.05);
            } else if (b.beatInBar == half) {
                b.note(0, b.fifth(), b.vel(90), b.beatsPerBar - half - 0.05);
            }
            return;
        }
        int pitch;
        if (b.beatInBar == 0) {
            pitch = b.root();
        } else if (b.lastBeat()) {
            pitch = b.change || b.chance2 < 0.3 ? b.approach(b.nextRoot()) : b.fifth();
        } else if (b.beatInBar == 1) {
            pitch = b.chance < 0.6 ? b.third() : b.fifth();
        } else {
            pitch = b.chance < 0.5 ? b.fifth() : b.above(12) <= b.highest ? b.above(12) : b.third();
        }
        b.note(0, pitch, b.vel(b.beatInBar == 0 ? 100 : 88), 0.92);
    }
}
