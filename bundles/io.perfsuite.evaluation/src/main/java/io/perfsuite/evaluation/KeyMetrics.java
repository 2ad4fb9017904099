// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.Locale;
import java.util.Map;

import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Mode;

/**
 * The key detection score of mir_eval 0.7 ({@code weighted_score}): 1.0 for the same tonic and mode, 0.5 when
 * the estimate is a perfect fifth above the reference in the same mode, 0.3 for the relative key (estimated
 * minor nine semitones above a major reference, or estimated major three semitones above a minor reference),
 * 0.2 for the parallel key (same tonic, other mode), otherwise 0.
 *
 * <p>Labels have the form {@code "<tonic> <mode>"}, e.g. {@code "C major"}, {@code "F# minor"}, {@code "eb minor"}
 * (the tonic's case is ignored, any whitespace separates), with mode {@code major}, {@code minor} or
 * {@code other}; the tonic may be {@code X} (no key), and the label may be {@code X} alone. Tonics are a letter
 * with at most one sharp or flat among C, C#, Db, D, D#, Eb, E, F, F#, Gb, G, G#, Ab, A, A#, Bb, B.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyMetrics {

    private static final Map<String, Integer> TONICS = Map.ofEntries(Map.entry("c", 0), Map.entry("c#", 1),
            Map.entry("db", 1), Map.entry("d", 2), Map.entry("d#", 3), Map.entry("eb", 3), Map.entry("e", 4),
            Map.entry("f", 5), Map.entry("f#", 6), Map.entry("gb", 6), Map.entry("g", 7), Map.entry("g#", 8),
            Map.entry("ab", 8), Map.entry("a", 9), Map.entry("a#", 10), Map.entry("bb", 10), Map.entry("b", 11));

    private KeyMetrics() {
    }

    /**
     * Scores an estimated key label against a reference key label.
     *
     * @param reference the reference label, e.g. {@code "C major"}
     * @param estimated the estimated label
     * @return 1.0, 0.5, 0.3, 0.2 or 0.0
     * @throws IllegalArgumentException if a label is not a valid key label
     */
    public static double weightedScore(String reference, String estimated) {
        ParsedKey ref = parse(reference);
        ParsedKey est = parse(estimated);
        if (ref.tonic == est.tonic && ref.mode.equals(est.mode)) {
            return 1.0;
        }
        if (ref.tonic < 0 || est.tonic < 0) {
            return 0.0;
        }
        int up = Math.floorMod(est.tonic - ref.tonic, 12);
        if (est.mode.equals(ref.mode) && up == 7) {
            return 0.5;
        }
        if (!est.mode.equals(ref.mode) && ref.mode.equals("major") && up == 9) {
            return 0.3;
        }
        if (!est.mode.equals(ref.mode) && ref.mode.equals("minor") && up == 3) {
            return 0.3;
        }
        if (!est.mode.equals(ref.mode) && ref.tonic == est.tonic) {
            return 0.2;
        }
        return 0.0;
    }

    /**
     * Scores keys of the project's music model. Major and minor keep their meaning; the church modes other than
     * major (Ionian) and minor (Aeolian) all count as mode {@code other}, so for them the scheme gives 1.0 for the
     * same tonic with any such mode, 0.5 for such a key a fifth above, 0.2 for the same tonic in major or minor
     * and never the relative 0.3. Tonics are compared by pitch class, so {@code Cb major} is {@code B major}.
     *
     * @param reference the reference key
     * @param estimated the estimated key
     * @return the weighted score
     */
    public static double weightedScore(Key reference, Key estimated) {
        return weightedScore(label(reference), label(estimated));
    }

    /**
     * Returns the label of a key in the reference format with the tonic spelled with a sharp where needed, e.g.
     * {@code "F# minor"} for both F# minor and Gb minor; modes other than major and minor become {@code other}.
     *
     * @param key the key
     * @return the label
     */
    public static String label(Key key) {
        String mode = key.mode() == Mode.MAJOR ? "major" : key.mode() == Mode.MINOR ? "minor" : "other";
        return key.tonic().pitchClass().sharpName() + " " + mode;
    }

    /**
     * Checks a key label.
     *
     * @param label the label
     * @throws IllegalArgumentException if it is not valid; the message quotes the label
     */
    public static void validate(String label) {
        parse(label);
    }

    private static ParsedKey parse(String label) {
        if (label == null) {
            throw new IllegalArgumentException("key label is null");
        }
        String[] parts = label.strip().split("\\s+");
        if (parts.length == 1 && parts[0].equalsIgnoreCase("x")) {
            return new ParsedKey(-1, "");
        }
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("key label \"" + label + "\" is not in the form \"<tonic> <mode>\" "
                    + "or \"X\"");
        }
        String tonic = parts[0].toLowerCase(Locale.ROOT);
        String mode = parts[1];
        if (tonic.equals("x")) {
            throw new IllegalArgumentException("key label \"" + label + "\": mode " + mode
                    + " is invalid, the unknown key X has no mode");
        }
        Integer semitone = TONICS.get(tonic);
        if (semitone == null) {
            throw new IllegalArgumentException("key label \"" + label + "\": tonic " + parts[0]
                    + " is invalid; expected e.g. D, C#, Eb or X");
        }
        if (!mode.equals("major") && !mode.equals("minor") && !mode.equals("other")) {
            throw new IllegalArgumentException("key label \"" + label + "\": mode \"" + mode
                    + "\" is invalid; must be major, minor or other");
        }
        return new ParsedKey(semitone, mode);
    }

    private record ParsedKey(int tonic, String mode) {
    }
}
