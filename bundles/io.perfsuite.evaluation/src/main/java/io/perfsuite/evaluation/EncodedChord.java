// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * A chord label reduced to the numbers the chord comparison rules work on (the encoding of mir_eval 0.7).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param root the root pitch class (0 = C), -1 for {@code N} and {@code X}
 * @param semitones the sounding semitones relative to the root as a 12-bit mask (bit 0 = root, bit 3 = minor
 *     third, ...), 0 for {@code N}; meaningless for {@code X}
 * @param bass the bass as semitones above the root (0..11), -1 for {@code N} and {@code X}
 * @param unknown true for {@code X}, whose semitones compare unequal to every other chord
 */
public record EncodedChord(int root, int semitones, int bass, boolean unknown) {

    /** The encoding of {@code N}. */
    public static final EncodedChord NO_CHORD = new EncodedChord(-1, 0, -1, false);
    /** The encoding of {@code X}. */
    public static final EncodedChord UNKNOWN = new EncodedChord(-1, 0, -1, true);

    /**
     * Tells whether a semitone above the root sounds.
     *
     * @param semitone 0..11
     * @return true if its bit is set (false for {@code X})
     */
    public boolean has(int semitone) {
        return !unknown && (semitones >> semitone & 1) == 1;
    }

    /**
     * Returns the sounding pitch classes as an absolute 12-bit mask (bit 0 = C). {@code X} counts as all twelve
     * pitch classes, as in the reference MIREX rule.
     *
     * @return the absolute mask
     */
    public int chroma() {
        if (unknown) {
            return 0xFFF;
        }
        int shift = Math.floorMod(root, 12);
        return ((semitones << shift) | (semitones >>> (12 - shift))) & 0xFFF;
    }
}
