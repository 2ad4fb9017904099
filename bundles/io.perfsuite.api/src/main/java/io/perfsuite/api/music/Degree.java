// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

/**
 * A chord degree in Harte (2005) syntax: an interval above a chord's root written as a major-scale step number
 * 1..13 with an optional accidental, e.g. {@code 3}, {@code b3}, {@code #5}, {@code bb7}, {@code #11}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param number the scale step, 1..13 (8..13 are the steps of the second octave)
 * @param accidental the alteration in semitones, -2 ({@code bb}) to +2 ({@code ##})
 */
public record Degree(int number, int accidental) {

    /** The root, degree {@code 1}. */
    public static final Degree ROOT = new Degree(1, 0);
    /** Semitones above the root of the major-scale steps 1..7. */
    private static final int[] MAJOR_STEPS = {0, 2, 4, 5, 7, 9, 11};
    /** Cached instances, indexed by (number - 1) * 5 + accidental + 2. */
    private static final Degree[] CACHE = new Degree[13 * 5];

    static {
        for (int n = 1; n <= 13; n++) {
            for (int a = -2; a <= 2; a++) {
                CACHE[(n - 1) * 5 + a + 2] = n == 1 && a == 0 ? ROOT : new Degree(n, a);
            }
        }
    }

    /**
     * Validates the step number and the accidental.
     *
     * @param number the scale step, 1..13
     * @param accidental the alteration in semitones, -2..2
     * @throws IllegalArgumentException if either is out of range
     */
    public Degree {
        if (number < 1 || number > 13) {
            throw new IllegalArgumentException("chord degree number must be in 1..13, got " + number);
        }
        if (accidental < -2 || accidental > 2) {
            throw new IllegalArgumentException("chord degree accidental must be in -2..2 (bb, b, none, #, ##), got "
                    + accidental);
        }
    }

    /**
     * Returns the (cached) degree with the given step number and accidental.
     *
     * @param number the scale step, 1..13
     * @param accidental the alteration in semitones, -2..2
     * @return the degree, never null
     * @throws IllegalArgumentException if either is out of range
     */
    public static Degree of(int number, int accidental) {
        if (number < 1 || number > 13 || accidental < -2 || accidental > 2) {
            return new Degree(number, accidental); // throws with the right message
        }
        return CACHE[(number - 1) * 5 + accidental + 2];
    }

    /**
     * Parses a degree: an optional {@code b}, {@code bb}, {@code #} or {@code ##} followed by a step number
     * 1..13 without sign or leading zero, e.g. {@code "3"}, {@code "b7"}, {@code "#5"}, {@code "bb7"},
     * {@code "#11"}.
     *
     * @param text the degree
     * @return the degree, never null
     * @throws IllegalArgumentException if the text is null or not a degree; the message quotes the text
     */
    public static Degree parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("chord degree is null");
        }
        String reason = syntaxError(text);
        if (reason != null) {
            throw new IllegalArgumentException("chord degree \"" + text + "\": " + reason);
        }
        return parseValid(text);
    }

    /**
     * Returns why the text is not a degree, or null if it is one.
     *
     * @param text the text to check, not null
     * @return the reason, e.g. "missing step number 1..13", or null
     */
    static String syntaxError(String text) {
        int pos = 0;
        if (!text.isEmpty() && (text.charAt(0) == 'b' || text.charAt(0) == '#')) {
            char sign = text.charAt(0);
            while (pos < text.length() && text.charAt(pos) == sign) {
                pos++;
            }
            if (pos > 2) {
                return "too many accidentals (at most bb or ##)";
            }
        }
        if (pos == text.length()) {
            return "missing step number 1..13";
        }
        int number = 0;
        for (int i = pos; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return "unexpected '" + c + "' (expected an optional b, bb, # or ## and a step number 1..13)";
            }
            if (i == pos && c == '0') {
                return "step number must be 1..13 without leading zero";
            }
            number = Math.min(number * 10 + (c - '0'), 1000);
        }
        if (number > 13) {
            return "step number must be 1..13, got " + text.substring(pos);
        }
        return null;
    }

    /** Parses a text for which {@link #syntaxError(String)} returned null. */
    static Degree parseValid(String text) {
        int pos = 0;
        while (text.charAt(pos) == 'b' || text.charAt(pos) == '#') {
            pos++;
        }
        int accidental = pos == 0 ? 0 : text.charAt(0) == 'b' ? -pos : pos;
        int number = 0;
        for (int i = pos; i < text.length(); i++) {
            number = number * 10 + (text.charAt(i) - '0');
        }
        return CACHE[(number - 1) * 5 + accidental + 2];
    }

    /**
     * Returns the interval above the root in semitones: the major-scale step (0, 2, 4, 5, 7, 9, 11 for 1..7, plus
     * 12 for 8..13) plus the accidental. For example {@code b7} is 10, {@code 9} is 14, {@code #11} is 18 and
     * {@code 13} is 21; {@code bb1} is -2.
     *
     * @return the semitones above the root
     */
    public int semitones() {
        int index = number - 1;
        return MAJOR_STEPS[index % 7] + 12 * (index / 7) + accidental;
    }

    /**
     * Returns the pitch class of this degree above a root.
     *
     * @param root the chord root
     * @return the pitch class {@link #semitones()} above {@code root}
     */
    public PitchClass above(PitchClass root) {
        return root.transpose(semitones());
    }

    /**
     * Returns the degree as written in Harte syntax, e.g. {@code "b7"}, {@code "#11"}, {@code "3"}.
     *
     * @return the degree text
     */
    @Override
    public String toString() {
        switch (accidental) {
            case -2:
                return "bb" + number;
            case -1:
                return "b" + number;
            case 1:
                return "#" + number;
            case 2:
                return "##" + number;
            default:
                return Integer.toString(number);
        }
    }
}
