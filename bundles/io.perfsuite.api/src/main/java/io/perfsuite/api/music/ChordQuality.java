// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import java.util.List;

/**
 * A chord quality: one of the shorthands of Harte et al. (2005), "Symbolic representation of musical chords",
 * with the extensions used by mir_eval, each defined by its list of {@linkplain Degree degrees} above the root.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum ChordQuality {
    /** Major triad, {@code maj}: 1, 3, 5. */
    MAJ("maj", "1", "3", "5"),
    /** Minor triad, {@code min}: 1, b3, 5. */
    MIN("min", "1", "b3", "5"),
    /** Diminished triad, {@code dim}: 1, b3, b5. */
    DIM("dim", "1", "b3", "b5"),
    /** Augmented triad, {@code aug}: 1, 3, #5. */
    AUG("aug", "1", "3", "#5"),
    /** Major seventh, {@code maj7}: 1, 3, 5, 7. */
    MAJ7("maj7", "1", "3", "5", "7"),
    /** Minor seventh, {@code min7}: 1, b3, 5, b7. */
    MIN7("min7", "1", "b3", "5", "b7"),
    /** Dominant seventh, {@code 7}: 1, 3, 5, b7. */
    DOM7("7", "1", "3", "5", "b7"),
    /** Diminished seventh, {@code dim7}: 1, b3, b5, bb7. */
    DIM7("dim7", "1", "b3", "b5", "bb7"),
    /** Half-diminished seventh, {@code hdim7}: 1, b3, b5, b7. */
    HDIM7("hdim7", "1", "b3", "b5", "b7"),
    /** Minor-major seventh, {@code minmaj7}: 1, b3, 5, 7. */
    MINMAJ7("minmaj7", "1", "b3", "5", "7"),
    /** Major sixth, {@code maj6}: 1, 3, 5, 6. */
    MAJ6("maj6", "1", "3", "5", "6"),
    /** Minor sixth, {@code min6}: 1, b3, 5, 6. */
    MIN6("min6", "1", "b3", "5", "6"),
    /** Dominant ninth, {@code 9}: 1, 3, 5, b7, 9. */
    DOM9("9", "1", "3", "5", "b7", "9"),
    /** Major ninth, {@code maj9}: 1, 3, 5, 7, 9. */
    MAJ9("maj9", "1", "3", "5", "7", "9"),
    /** Minor ninth, {@code min9}: 1, b3, 5, b7, 9. */
    MIN9("min9", "1", "b3", "5", "b7", "9"),
    /** Dominant eleventh, {@code 11}: 1, 3, 5, b7, 9, 11. */
    DOM11("11", "1", "3", "5", "b7", "9", "11"),
    /** Minor eleventh, {@code min11}: 1, b3, 5, b7, 9, 11. */
    MIN11("min11", "1", "b3", "5", "b7", "9", "11"),
    /** Dominant thirteenth, {@code 13}: 1, 3, 5, b7, 9, 11, 13. */
    DOM13("13", "1", "3", "5", "b7", "9", "11", "13"),
    /** Major thirteenth, {@code maj13}: 1, 3, 5, 7, 9, 11, 13. */
    MAJ13("maj13", "1", "3", "5", "7", "9", "11", "13"),
    /** Minor thirteenth, {@code min13}: 1, b3, 5, b7, 9, 11, 13. */
    MIN13("min13", "1", "b3", "5", "b7", "9", "11", "13"),
    /** Suspended second, {@code sus2}: 1, 2, 5. */
    SUS2("sus2", "1", "2", "5"),
    /** Suspended fourth, {@code sus4}: 1, 4, 5. */
    SUS4("sus4", "1", "4", "5"),
    /** Root only, {@code 1}: 1. */
    ROOT_ONLY("1", "1"),
    /** Power chord, {@code 5}: 1, 5. */
    POWER("5", "1", "5");

    private final String label;
    private final List<Degree> degrees;
    private final int intervalMask;

    ChordQuality(String label, String... degrees) {
        this.label = label;
        Degree[] parsed = new Degree[degrees.length];
        int mask = 0;
        for (int i = 0; i < degrees.length; i++) {
            parsed[i] = Degree.parse(degrees[i]);
            mask |= 1 << Math.floorMod(parsed[i].semitones(), 12);
        }
        this.degrees = List.of(parsed);
        this.intervalMask = mask;
    }

    /**
     * Returns the quality whose Harte shorthand is the given label, e.g. {@code "min7"} or {@code "7"}.
     * Matching is exact (case-sensitive), as in Harte syntax.
     *
     * @param label the shorthand
     * @return the quality, never null
     * @throws IllegalArgumentException if the label is null or not a known shorthand
     */
    public static ChordQuality fromLabel(String label) {
        if (label == null) {
            throw new IllegalArgumentException("chord shorthand is null");
        }
        for (ChordQuality quality : values()) {
            if (quality.label.equals(label)) {
                return quality;
            }
        }
        throw new IllegalArgumentException("unknown chord shorthand \"" + label + "\"");
    }

    /** Returns the quality with the given label, or null; used by the chord parser. */
    static ChordQuality findLabel(String label) {
        for (ChordQuality quality : values()) {
            if (quality.label.equals(label)) {
                return quality;
            }
        }
        return null;
    }

    /**
     * Returns the Harte shorthand, e.g. {@code "maj"}, {@code "min7"}, {@code "7"}.
     *
     * @return the label, never null
     */
    public String label() {
        return label;
    }

    /**
     * Returns the degrees of this quality in ascending order, starting with the root {@code 1}.
     *
     * @return an unmodifiable list, never null
     */
    public List<Degree> degrees() {
        return degrees;
    }

    /**
     * Returns the pitch-class set of this quality relative to the root as a 12-bit mask: bit {@code i} is set
     * when a degree lies {@code i} semitones (modulo 12) above the root. For example {@code maj} is
     * {@code 0b000010010001}.
     *
     * @return the interval mask
     */
    public int intervalMask() {
        return intervalMask;
    }
}
