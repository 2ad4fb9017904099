// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import java.util.List;
import java.util.Objects;

/**
 * A musical key: a spelled tonic and a mode, e.g. {@code C major}, {@code F# minor}, {@code D dorian}.
 *
 * <p>{@link #equals(Object)} is the record's and so compares spelling: {@code Gb major} is not equal to
 * {@code F# major}. Use {@link #sameAs(Key)} to compare by sound.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param tonic the tonic as spelled
 * @param mode the mode
 */
public record Key(PitchName tonic, Mode mode) {

    /**
     * Checks that both components are given.
     *
     * @param tonic the tonic
     * @param mode the mode
     * @throws NullPointerException if an argument is null
     */
    public Key {
        Objects.requireNonNull(tonic, "tonic");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * Parses a key label. Accepted forms:
     * <ul>
     *   <li>the mir_eval key format: tonic, one or more spaces or tabs, mode, e.g. {@code "C major"},
     *       {@code "A\tminor"}, {@code "Eb major"}, {@code "F# minor"};</li>
     *   <li>the Harte-like form with a colon, e.g. {@code "C:maj"}, {@code "A:min"}, {@code "D:dorian"}.</li>
     * </ul>
     * The tonic letter may be lower case ({@code "eb minor"}, as mir_eval allows) and is stored upper case; the
     * mode is matched as by {@link Mode#fromName(String)}. Leading and trailing whitespace is ignored.
     *
     * @param text the key label
     * @return the key, never null
     * @throws IllegalArgumentException if the text is null or not a key label; the message quotes the text
     */
    public static Key parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("key label is null");
        }
        String trimmed = text.strip();
        int split = -1;
        int modeStart = -1;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ':' || c == ' ' || c == '\t') {
                split = i;
                modeStart = i + 1;
                if (c != ':') {
                    while (modeStart < trimmed.length()
                            && (trimmed.charAt(modeStart) == ' ' || trimmed.charAt(modeStart) == '\t')) {
                        modeStart++;
                    }
                }
                break;
            }
        }
        if (split < 0) {
            throw bad(text, "expected a tonic and a mode such as \"C major\", \"A\\tminor\" or \"A:min\"");
        }
        String tonicText = trimmed.substring(0, split);
        if (!tonicText.isEmpty() && tonicText.charAt(0) >= 'a' && tonicText.charAt(0) <= 'g') {
            tonicText = Character.toUpperCase(tonicText.charAt(0)) + tonicText.substring(1);
        }
        int tonicEnd = PitchName.parsePrefix(tonicText, 0);
        if (tonicEnd < 0) {
            throw bad(text, "bad tonic: " + PitchName.describePrefixError(tonicText, 0));
        }
        if (tonicEnd != tonicText.length()) {
            throw bad(text, "bad tonic \"" + trimmed.substring(0, split) + "\" (expected a letter A-G followed by "
                    + "b, bb, # or ##)");
        }
        String modeText = trimmed.substring(modeStart);
        if (modeText.isEmpty()) {
            throw bad(text, "missing mode after the tonic");
        }
        Mode mode;
        try {
            mode = Mode.fromName(modeText);
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
        return new Key(PitchName.ofValidPrefix(tonicText, 0, tonicEnd), mode);
    }

    private static IllegalArgumentException bad(String text, String reason) {
        return new IllegalArgumentException("key \"" + text + "\": " + reason);
    }

    /**
     * Returns the pitch classes of the scale, in scale order starting with the tonic.
     *
     * @return an unmodifiable list of seven pitch classes
     */
    public List<PitchClass> scale() {
        PitchClass first = tonic.pitchClass();
        PitchClass[] classes = new PitchClass[7];
        for (int i = 0; i < 7; i++) {
            classes[i] = first.transpose(mode.steps().get(i));
        }
        return List.of(classes);
    }

    /**
     * Tells whether a pitch class belongs to the scale of this key.
     *
     * @param pitchClass the pitch class
     * @return true if it is one of {@link #scale()}
     */
    public boolean contains(PitchClass pitchClass) {
        return mode.steps().contains(tonic.pitchClass().intervalTo(pitchClass));
    }

    /**
     * Returns the relative key, which shares this key's scale: the relative minor of a major key (C major to
     * A minor), the relative major of a minor key (A minor to C major), and for the other modes the major key
     * whose scale they use (D dorian to C major). The tonic is spelled on the matching letter (Eb major to
     * C minor, Bb minor to Db major) unless that would need more than two accidentals, in which case it is
     * spelled with sharps.
     *
     * @return the relative key, never null
     */
    public Key relative() {
        if (mode == Mode.MAJOR) {
            return new Key(tonic.spelledStepsAbove(5, tonic.pitchClass().transpose(9)), Mode.MINOR);
        }
        int degree = mode.majorScaleDegree();
        PitchClass majorTonic = tonic.pitchClass().transpose(-Mode.MAJOR.step(degree));
        return new Key(tonic.spelledStepsAbove(-degree, majorTonic), Mode.MAJOR);
    }

    /**
     * Compares by sound rather than spelling: same tonic pitch class and same mode, so {@code Gb major} is the
     * same as {@code F# major}.
     *
     * @param other the key to compare with
     * @return true if both keys have the same tonic pitch class and mode
     */
    public boolean sameAs(Key other) {
        return mode == other.mode && tonic.pitchClass() == other.tonic.pitchClass();
    }

    /**
     * Returns the key in the mir_eval style with a space, e.g. {@code "C major"}, {@code "F# minor"}.
     *
     * @return the key label
     */
    @Override
    public String toString() {
        return tonic + " " + mode.label();
    }
}
