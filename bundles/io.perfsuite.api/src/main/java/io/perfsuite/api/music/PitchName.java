// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

/**
 * A spelled note name without octave: a letter A-G and an accidental, e.g. {@code Eb}, {@code C#} or
 * {@code Bbb}. Unlike {@link PitchClass}, the spelling is kept: {@code Db} and {@code C#} are different names
 * of the same pitch class.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param letter the upper-case note letter, {@code 'A'} to {@code 'G'}
 * @param accidental the alteration in semitones, -2 ({@code bb}) to +2 ({@code ##})
 */
public record PitchName(char letter, int accidental) {

    /** The letters in the order C D E F G A B. */
    private static final String LETTERS = "CDEFGAB";
    /** The semitone of each natural letter, in the order of {@link #LETTERS}. */
    private static final int[] NATURAL_SEMITONES = {0, 2, 4, 5, 7, 9, 11};
    /** Cached instances, indexed by letter index * 5 + accidental + 2. */
    private static final PitchName[] CACHE = new PitchName[35];
    /** Sharp spellings, indexed by semitone. */
    private static final PitchName[] SHARP_SPELLINGS = new PitchName[12];

    static {
        for (int i = 0; i < LETTERS.length(); i++) {
            for (int a = -2; a <= 2; a++) {
                CACHE[i * 5 + a + 2] = new PitchName(LETTERS.charAt(i), a);
            }
        }
        for (PitchClass pc : PitchClass.values()) {
            String name = pc.sharpName();
            SHARP_SPELLINGS[pc.semitone()] = CACHE[LETTERS.indexOf(name.charAt(0)) * 5 + (name.length() - 1) + 2];
        }
    }

    /**
     * Validates the letter and the accidental.
     *
     * @param letter the upper-case note letter, {@code 'A'} to {@code 'G'}
     * @param accidental the alteration in semitones, -2 to +2
     * @throws IllegalArgumentException if the letter is not A-G or the accidental is outside -2..2
     */
    public PitchName {
        if (LETTERS.indexOf(letter) < 0) {
            throw new IllegalArgumentException("note letter must be one of A-G, got '" + letter + "'");
        }
        if (accidental < -2 || accidental > 2) {
            throw new IllegalArgumentException("accidental must be in -2..2 (bb, b, none, #, ##), got " + accidental);
        }
    }

    /**
     * Returns the (cached) name with the given letter and accidental.
     *
     * @param letter the upper-case note letter, {@code 'A'} to {@code 'G'}
     * @param accidental the alteration in semitones, -2 to +2
     * @return the note name, never null
     * @throws IllegalArgumentException if the letter is not A-G or the accidental is outside -2..2
     */
    public static PitchName of(char letter, int accidental) {
        int index = LETTERS.indexOf(letter);
        if (index < 0 || accidental < -2 || accidental > 2) {
            return new PitchName(letter, accidental); // throws with the right message
        }
        return CACHE[index * 5 + accidental + 2];
    }

    /**
     * Returns the usual name of a pitch class, spelled with a sharp for the black keys ({@code C#}, not
     * {@code Db}).
     *
     * @param pitchClass the pitch class
     * @return the sharp spelling, never null
     */
    public static PitchName of(PitchClass pitchClass) {
        return SHARP_SPELLINGS[pitchClass.semitone()];
    }

    /**
     * Parses a note name: an upper-case letter A-G followed by nothing, {@code b}, {@code bb}, {@code #} or
     * {@code ##}. Examples: {@code "E"}, {@code "Eb"}, {@code "C#"}, {@code "Bbb"}, {@code "F##"}.
     *
     * @param text the note name
     * @return the note name, never null
     * @throws IllegalArgumentException if the text is null or not a note name; the message quotes the text
     */
    public static PitchName parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("note name is null");
        }
        int length = parsePrefix(text, 0);
        if (length < 0) {
            throw new IllegalArgumentException("note name \"" + text + "\": " + describePrefixError(text, 0));
        }
        if (length != text.length()) {
            throw new IllegalArgumentException("note name \"" + text + "\": unexpected \""
                    + text.substring(length) + "\" after \"" + text.substring(0, length)
                    + "\" (expected a letter A-G followed by b, bb, # or ##)");
        }
        return CACHE[LETTERS.indexOf(text.charAt(0)) * 5 + accidentalOf(text, 1, length) + 2];
    }

    /**
     * Returns the pitch class this name sounds as, e.g. {@code B} for {@code Cb}.
     *
     * @return the pitch class, never null
     */
    public PitchClass pitchClass() {
        return PitchClass.of(naturalSemitone() + accidental);
    }

    /**
     * Returns the name as written, e.g. {@code "Eb"}, {@code "C#"}, {@code "Bbb"}.
     *
     * @return the spelled name
     */
    @Override
    public String toString() {
        switch (accidental) {
            case -2:
                return letter + "bb";
            case -1:
                return letter + "b";
            case 1:
                return letter + "#";
            case 2:
                return letter + "##";
            default:
                return String.valueOf(letter);
        }
    }

    /** Returns the index of the letter in C D E F G A B, 0..6. */
    int letterIndex() {
        return LETTERS.indexOf(letter);
    }

    /** Returns the semitone of the natural letter, 0..11. */
    int naturalSemitone() {
        return NATURAL_SEMITONES[letterIndex()];
    }

    /**
     * Returns the name whose letter lies {@code letterSteps} letters above this one and which sounds as
     * {@code target}, falling back to the sharp spelling when no accidental in -2..2 fits.
     */
    PitchName spelledStepsAbove(int letterSteps, PitchClass target) {
        int index = Math.floorMod(letterIndex() + letterSteps, 7);
        int alteration = Math.floorMod(target.semitone() - NATURAL_SEMITONES[index] + 6, 12) - 6;
        if (alteration < -2 || alteration > 2) {
            return of(target);
        }
        return CACHE[index * 5 + alteration + 2];
    }

    /**
     * Returns the length of the note name that starts at {@code start} (letter plus accidentals), or -1 if
     * there is no valid note name there. Accidentals may not be mixed and there may be at most two.
     */
    static int parsePrefix(String text, int start) {
        if (start >= text.length() || LETTERS.indexOf(text.charAt(start)) < 0) {
            return -1;
        }
        int end = start + 1;
        if (end < text.length() && (text.charAt(end) == 'b' || text.charAt(end) == '#')) {
            char sign = text.charAt(end);
            while (end < text.length() && text.charAt(end) == sign) {
                end++;
            }
            if (end - start - 1 > 2) {
                return -1;
            }
        }
        return end;
    }

    /** Explains why {@link #parsePrefix} failed at {@code start}. */
    static String describePrefixError(String text, int start) {
        if (start >= text.length()) {
            return "missing note letter (expected A-G)";
        }
        char c = text.charAt(start);
        if (LETTERS.indexOf(c) < 0) {
            return "bad note letter '" + c + "' (expected upper-case A-G)";
        }
        return "too many accidentals (at most bb or ##)";
    }

    /** Reads the accidental written between {@code from} and {@code to} (only b or # characters). */
    static int accidentalOf(String text, int from, int to) {
        int count = to - from;
        return count == 0 ? 0 : text.charAt(from) == 'b' ? -count : count;
    }

    /** Parses a note name that has already been found valid by {@link #parsePrefix}. */
    static PitchName ofValidPrefix(String text, int start, int end) {
        return CACHE[LETTERS.indexOf(text.charAt(start)) * 5 + accidentalOf(text, start + 1, end) + 2];
    }
}
