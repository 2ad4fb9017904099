// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import java.util.List;
import java.util.Locale;

/**
 * A diatonic mode: major, (natural) minor and the other church modes, each with its seven scale steps in
 * semitones above the tonic.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Mode {
    /** Major (Ionian): 0 2 4 5 7 9 11. */
    MAJOR("major", 0),
    /** Natural minor (Aeolian): 0 2 3 5 7 8 10. */
    MINOR("minor", 5),
    /** Dorian: 0 2 3 5 7 9 10. */
    DORIAN("dorian", 1),
    /** Phrygian: 0 1 3 5 7 8 10. */
    PHRYGIAN("phrygian", 2),
    /** Lydian: 0 2 4 6 7 9 11. */
    LYDIAN("lydian", 3),
    /** Mixolydian: 0 2 4 5 7 9 10. */
    MIXOLYDIAN("mixolydian", 4),
    /** Locrian: 0 1 3 5 6 8 10. */
    LOCRIAN("locrian", 6);

    private final String label;
    private final int majorDegree;
    private final List<Integer> steps;

    Mode(String label, int majorDegree) {
        this.label = label;
        this.majorDegree = majorDegree;
        Integer[] values = new Integer[7];
        for (int i = 0; i < 7; i++) {
            values[i] = Math.floorMod(MajorScale.STEPS[(i + majorDegree) % 7] - MajorScale.STEPS[majorDegree], 12);
        }
        this.steps = List.of(values);
    }

    /** Holds the major scale; enum constructors may not read the enum's own static fields. */
    private static final class MajorScale {
        /** Semitones above the tonic of the major scale's seven steps. */
        static final int[] STEPS = {0, 2, 4, 5, 7, 9, 11};
    }

    /**
     * Returns the mode with the given name, ignoring case: the {@link #label()} ({@code "major"},
     * {@code "dorian"}, ...), the constant name, {@code "maj"}, {@code "min"}, {@code "ionian"} or
     * {@code "aeolian"}.
     *
     * @param name the mode name
     * @return the mode, never null
     * @throws IllegalArgumentException if the name is null or not a known mode
     */
    public static Mode fromName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("mode name is null");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "maj":
            case "ionian":
                return MAJOR;
            case "min":
            case "aeolian":
                return MINOR;
            default:
                for (Mode mode : values()) {
                    if (mode.label.equals(lower)) {
                        return mode;
                    }
                }
                throw new IllegalArgumentException("unknown mode \"" + name
                        + "\" (expected major, minor, dorian, phrygian, lydian, mixolydian or locrian)");
        }
    }

    /**
     * Returns the lower-case name as used in key labels, e.g. {@code "major"}.
     *
     * @return the label, never null
     */
    public String label() {
        return label;
    }

    /**
     * Returns the seven scale steps in semitones above the tonic, ascending from 0.
     *
     * @return an unmodifiable list of seven values in 0..11
     */
    public List<Integer> steps() {
        return steps;
    }

    /**
     * Returns one scale step.
     *
     * @param index the 0-based scale degree, 0..6 (0 is the tonic)
     * @return the semitones above the tonic
     * @throws IllegalArgumentException if {@code index} is outside 0..6
     */
    public int step(int index) {
        if (index < 0 || index > 6) {
            throw new IllegalArgumentException("scale step index must be in 0..6, got " + index);
        }
        return steps.get(index);
    }

    /**
     * Returns the 0-based degree of the major scale on which this mode starts: 0 for major, 1 for dorian, ...,
     * 5 for minor, 6 for locrian.
     *
     * @return the degree, 0..6
     */
    public int majorScaleDegree() {
        return majorDegree;
    }
}
