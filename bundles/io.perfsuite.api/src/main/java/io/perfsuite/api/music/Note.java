// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

/**
 * A pitched note: a MIDI note number and a deviation from it in cents (hundredths of an equal-tempered
 * semitone). MIDI 69 is A4 and, with the default reference, sounds at 440 Hz; MIDI 60 is middle C, C4
 * (scientific pitch notation, so MIDI 0 is C-1 and MIDI 127 is G9).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param midi the MIDI note number, 0..127
 * @param cents the deviation from the equal-tempered note in cents, -50..+50
 */
public record Note(int midi, double cents) {

    /** The default tuning reference: A4 = 440 Hz. */
    public static final double A4_HZ = 440.0;
    /** The MIDI note number of A4. */
    public static final int A4_MIDI = 69;
    /** Below this many cents in magnitude, {@link #toString()} prints no cents. */
    private static final double PRINT_THRESHOLD_CENTS = 0.5;
    /** Cached in-tune notes, indexed by MIDI number. */
    private static final Note[] IN_TUNE = new Note[128];

    static {
        for (int i = 0; i < IN_TUNE.length; i++) {
            IN_TUNE[i] = new Note(i, 0.0);
        }
    }

    /**
     * Validates the note number and the cents.
     *
     * @param midi the MIDI note number, 0..127
     * @param cents the deviation in cents, finite and in -50..+50
     * @throws IllegalArgumentException if either value is out of range
     */
    public Note {
        if (midi < 0 || midi > 127) {
            throw new IllegalArgumentException("MIDI note number must be in 0..127, got " + midi);
        }
        if (!(cents >= -50.0 && cents <= 50.0)) {
            throw new IllegalArgumentException("cents must be a finite number in -50..+50, got " + cents);
        }
        cents += 0.0; // turns -0.0 into 0.0 so that equals() treats them alike
    }

    /**
     * Returns the in-tune note with the given MIDI number (0 cents).
     *
     * @param midi the MIDI note number, 0..127
     * @return the (cached) note, never null
     * @throws IllegalArgumentException if {@code midi} is outside 0..127
     */
    public static Note of(int midi) {
        if (midi < 0 || midi > 127) {
            throw new IllegalArgumentException("MIDI note number must be in 0..127, got " + midi);
        }
        return IN_TUNE[midi];
    }

    /**
     * Returns the note nearest to a frequency, with A4 = 440 Hz, and the deviation from it in cents.
     *
     * @param hz the frequency in Hz
     * @return the nearest note, never null
     * @throws IllegalArgumentException if the frequency is NaN, infinite, not positive, or so low or high that
     *     the nearest note is outside MIDI 0..127
     */
    public static Note fromFrequency(double hz) {
        return fromFrequency(hz, A4_HZ);
    }

    /**
     * Returns the note nearest to a frequency, with the given tuning of A4, and the deviation from it in cents.
     * Exactly half-way between two notes, the upper note is chosen (with -50 cents).
     *
     * @param hz the frequency in Hz
     * @param a4Hz the frequency of A4 in Hz, e.g. 440 or 442
     * @return the nearest note, never null
     * @throws IllegalArgumentException if either frequency is NaN, infinite or not positive, or if the nearest
     *     note is outside MIDI 0..127
     */
    public static Note fromFrequency(double hz, double a4Hz) {
        checkReference(a4Hz);
        if (!(hz > 0.0) || Double.isInfinite(hz)) {
            throw new IllegalArgumentException("frequency must be a finite number > 0 Hz, got " + hz);
        }
        double exact = A4_MIDI + 12.0 * Math.log(hz / a4Hz) / Math.log(2.0);
        if (!(exact >= -0.5 && exact < 127.5)) {
            throw new IllegalArgumentException("frequency " + hz + " Hz is outside the MIDI note range (MIDI 0..127 "
                    + "within 50 cents, i.e. about " + frequency(-0.5, a4Hz) + " Hz to " + frequency(127.5, a4Hz)
                    + " Hz with A4 = " + a4Hz + " Hz)");
        }
        int midi = (int) Math.floor(exact + 0.5);
        double cents = Math.max(-50.0, Math.min(50.0, (exact - midi) * 100.0));
        if (cents == 0.0) {
            return IN_TUNE[midi];
        }
        return new Note(midi, cents);
    }

    /**
     * Parses a note name with octave in scientific pitch notation, e.g. {@code "A4"}, {@code "Bb3"},
     * {@code "F##2"}, {@code "C-1"} (MIDI 0) or {@code "G9"} (MIDI 127), optionally followed by a cents
     * deviation as printed by {@link #toString()}, e.g. {@code "A4+12c"} or {@code "A4-7.5c"}.
     *
     * @param text the note
     * @return the note, never null
     * @throws IllegalArgumentException if the text is null, malformed or outside MIDI 0..127; the message quotes
     *     the text
     */
    public static Note parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("note is null");
        }
        int nameEnd = PitchName.parsePrefix(text, 0);
        if (nameEnd < 0) {
            throw new IllegalArgumentException("note \"" + text + "\": " + PitchName.describePrefixError(text, 0));
        }
        PitchName name = PitchName.ofValidPrefix(text, 0, nameEnd);
        int pos = nameEnd;
        boolean negativeOctave = pos < text.length() && text.charAt(pos) == '-';
        if (negativeOctave) {
            pos++;
        }
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
            throw new IllegalArgumentException("note \"" + text + "\": missing octave number after \""
                    + text.substring(0, pos) + "\" (expected e.g. \"A4\", \"Bb3\" or \"C-1\")");
        }
        int octave = text.charAt(pos) - '0';
        pos++;
        if (pos < text.length() && isDigit(text.charAt(pos))) {
            throw new IllegalArgumentException("note \"" + text + "\": octave must be a single digit in -1..9");
        }
        if (negativeOctave) {
            if (octave != 1) {
                throw new IllegalArgumentException("note \"" + text + "\": octave must be in -1..9, got -" + octave);
            }
            octave = -1;
        }
        int midi = (octave + 1) * 12 + name.naturalSemitone() + name.accidental();
        if (midi < 0 || midi > 127) {
            throw new IllegalArgumentException("note \"" + text + "\": MIDI number " + midi
                    + " is outside 0..127 (C-1..G9)");
        }
        if (pos == text.length()) {
            return IN_TUNE[midi];
        }
        return new Note(midi, parseCents(text, pos));
    }

    private static double parseCents(String text, int pos) {
        char sign = text.charAt(pos);
        if ((sign != '+' && sign != '-') || !text.endsWith("c") || text.length() - pos < 3) {
            throw new IllegalArgumentException("note \"" + text + "\": unexpected \"" + text.substring(pos)
                    + "\" after the octave (expected a cents deviation such as \"+12c\" or \"-7c\")");
        }
        String number = text.substring(pos + 1, text.length() - 1);
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (!isDigit(c) && c != '.') {
                throw new IllegalArgumentException("note \"" + text + "\": bad cents value \"" + number + "\"");
            }
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("note \"" + text + "\": bad cents value \"" + number + "\"", e);
        }
        if (value > 50.0) {
            throw new IllegalArgumentException("note \"" + text + "\": cents must be in -50..+50, got "
                    + sign + number);
        }
        return sign == '-' ? -value : value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void checkReference(double a4Hz) {
        if (!(a4Hz > 0.0) || Double.isInfinite(a4Hz)) {
            throw new IllegalArgumentException("A4 reference frequency must be a finite number > 0 Hz, got " + a4Hz);
        }
    }

    private static double frequency(double midiWithFraction, double a4Hz) {
        return a4Hz * Math.pow(2.0, (midiWithFraction - A4_MIDI) / 12.0);
    }

    /**
     * Returns the frequency of this note, including its cents deviation, with A4 = 440 Hz.
     *
     * @return the frequency in Hz
     */
    public double frequency() {
        return frequency(midi + cents / 100.0, A4_HZ);
    }

    /**
     * Returns the frequency of this note, including its cents deviation, with the given tuning of A4.
     *
     * @param a4Hz the frequency of A4 in Hz
     * @return the frequency in Hz
     * @throws IllegalArgumentException if {@code a4Hz} is NaN, infinite or not positive
     */
    public double frequency(double a4Hz) {
        checkReference(a4Hz);
        return frequency(midi + cents / 100.0, a4Hz);
    }

    /**
     * Returns the pitch class of the MIDI note (ignoring the cents).
     *
     * @return the pitch class, never null
     */
    public PitchClass pitchClass() {
        return PitchClass.of(midi);
    }

    /**
     * Returns the octave number in scientific pitch notation: MIDI 60 (middle C) is in octave 4, MIDI 0 in -1.
     *
     * @return the octave, -1..9
     */
    public int octave() {
        return midi / 12 - 1;
    }

    /**
     * Returns the note name with octave, spelled with sharps and without cents, e.g. {@code "C#4"}.
     *
     * @return the name, never null
     */
    public String name() {
        return pitchClass().sharpName() + octave();
    }

    /**
     * Returns a copy of this note without the cents deviation.
     *
     * @return the in-tune note with the same MIDI number
     */
    public Note inTune() {
        return IN_TUNE[midi];
    }

    /**
     * Returns the name with octave, followed by the cents deviation rounded to whole cents when that is not
     * zero: {@code "A4"}, {@code "A4+12c"}, {@code "A4-7c"}. The result can be read back by
     * {@link #parse(String)} (to the nearest cent).
     *
     * @return the printed note
     */
    @Override
    public String toString() {
        if (Math.abs(cents) < PRINT_THRESHOLD_CENTS) {
            return name();
        }
        long rounded = cents > 0 ? Math.round(cents) : -Math.round(-cents); // half away from zero
        return name() + (rounded > 0 ? "+" : "") + rounded + "c";
    }
}
