// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band.kit;

import java.util.Optional;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

/**
 * Turns a chord into a root and a pitch-class mask, falling back to the key's tonic triad when the chord is N or X
 * (the performer plays something the analysis could not name, but the key still says where home is).
 */
public final class Harmony {

    private Harmony() {
    }

    /**
     * @param chord the chord
     * @param key   the key, if known
     * @return the root pitch class in bits 12..15 and the 12-bit pitch-class mask below, or -1 when neither the
     *     chord nor the key says anything
     */
    public static int resolve(Chord chord, Optional<Key> key) {
        if (Timeline.isChord(chord)) {
            return chord.root().pitchClass().semitone() << 12 | chord.pitchClassMask();
        }
        if (key.isEmpty()) {
            return -1;
        }
        Key k = key.get();
        int tonic = k.tonic().pitchClass().semitone();
        int mask = 0;
        for (int degree = 0; degree <= 4; degree += 2) {
            mask |= 1 << ((tonic + k.mode().step(degree)) % 12);
        }
        return tonic << 12 | mask;
    }

    /** @return the root pitch class of a resolved harmony */
    public static int root(int harmony) {
        return harmony >>> 12;
    }

    /** @return the pitch-class mask of a resolved harmony */
    public static int mask(int harmony) {
        return harmony & 0xFFF;
    }

    /** @return whether a pitch (MIDI note) belongs to a resolved harmony */
    public static boolean contains(int harmony, int pitch) {
        return (mask(harmony) & 1 << Math.floorMod(pitch, 12)) != 0;
    }

    /** @return whether an interval above the root (0..11) is in the harmony */
    public static boolean hasInterval(int harmony, int interval) {
        return (mask(harmony) & 1 << ((root(harmony) + interval) % 12)) != 0;
    }
}
