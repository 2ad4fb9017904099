// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

/**
 * One of the twelve pitch classes of equal temperament, independent of octave and spelling.
 *
 * <p>The constant's {@linkplain #semitone() semitone} counts up from C = 0 to B = 11. Enum constants are
 * immutable and thread-safe.
 */
public enum PitchClass {
    /** C, semitone 0. */
    C("C", "C"),
    /** C sharp / D flat, semitone 1. */
    C_SHARP("C#", "Db"),
    /** D, semitone 2. */
    D("D", "D"),
    /** D sharp / E flat, semitone 3. */
    D_SHARP("D#", "Eb"),
    /** E, semitone 4. */
    E("E", "E"),
    /** F, semitone 5. */
    F("F", "F"),
    /** F sharp / G flat, semitone 6. */
    F_SHARP("F#", "Gb"),
    /** G, semitone 7. */
    G("G", "G"),
    /** G sharp / A flat, semitone 8. */
    G_SHARP("G#", "Ab"),
    /** A, semitone 9. */
    A("A", "A"),
    /** A sharp / B flat, semitone 10. */
    A_SHARP("A#", "Bb"),
    /** B, semitone 11. */
    B("B", "B");

    private static final PitchClass[] VALUES = values();

    private final String sharpName;
    private final String flatName;

    PitchClass(String sharpName, String flatName) {
        this.sharpName = sharpName;
        this.flatName = flatName;
    }

    /**
     * Returns the pitch class that lies the given number of semitones above C.
     *
     * @param semitone any int; it is taken modulo 12, so -1 is B and 12 is C
     * @return the pitch class, never null
     */
    public static PitchClass of(int semitone) {
        return VALUES[Math.floorMod(semitone, 12)];
    }

    /**
     * Parses a spelled note name such as {@code "Eb"}, {@code "C#"} or {@code "Bbb"} and returns its pitch class.
     *
     * @param name the note name, as accepted by {@link PitchName#parse(String)}
     * @return the pitch class, never null
     * @throws IllegalArgumentException if the name is not a valid note name
     */
    public static PitchClass parse(String name) {
        return PitchName.parse(name).pitchClass();
    }

    /**
     * Returns the number of semitones above C.
     *
     * @return 0 for C up to 11 for B
     */
    public int semitone() {
        return ordinal();
    }

    /**
     * Returns the pitch class the given number of semitones above (or, if negative, below) this one.
     *
     * @param semitones any int, positive for up, negative for down
     * @return the transposed pitch class, never null
     */
    public PitchClass transpose(int semitones) {
        return VALUES[Math.floorMod(ordinal() + Math.floorMod(semitones, 12), 12)];
    }

    /**
     * Returns the upward interval from this pitch class to another one.
     *
     * @param other the target pitch class
     * @return the number of semitones, 0..11, to go up from this pitch class to {@code other}
     */
    public int intervalTo(PitchClass other) {
        return Math.floorMod(other.ordinal() - ordinal(), 12);
    }

    /**
     * Returns the name spelled with a sharp for the black keys, e.g. {@code "C#"}.
     *
     * @return the sharp spelling, never null
     */
    public String sharpName() {
        return sharpName;
    }

    /**
     * Returns the name spelled with a flat for the black keys, e.g. {@code "Db"}.
     *
     * @return the flat spelling, never null
     */
    public String flatName() {
        return flatName;
    }
}
