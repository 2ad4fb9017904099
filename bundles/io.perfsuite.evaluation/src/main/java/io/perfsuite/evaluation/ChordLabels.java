// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.perfsuite.api.music.Chord;

/**
 * Validates Harte chord labels and encodes them as {@link EncodedChord} exactly as mir_eval 0.7 does for its
 * comparisons. This differs on purpose from {@link Chord#pitchClassMask()} in a few places the reference numbers
 * depend on:
 * <ul>
 *   <li>the root is always sounding, even in {@code C:(3)} or after an omission {@code *1}; the bass is always
 *       sounding;</li>
 *   <li>added and omitted degrees are an unordered set of their written forms: each distinct form adds or
 *       removes one unit and a semitone sounds when its total is positive, so {@code C:maj(*3)} drops the third;
 *       </li>
 *   <li>degrees of an octave and above ({@code 9}, {@code 11}, {@code 13}, {@code b9}, ...) are dropped, and the
 *       extended shorthands count as their seventh chord ({@code 9} as {@code 7}, {@code maj13} as
 *       {@code maj7}); only the segmentation scores fold them into the octave (the "reduced" encoding);</li>
 *   <li>shorthands that the grammar accepts but the reference table lacks ({@code aug7}, {@code maj11}) are
 *       rejected.</li>
 * </ul>
 * Accepted grammar: {@code N}, {@code X}, or a root {@code A..G} followed by any number of {@code b} or of
 * {@code #}, optionally {@code :shorthand}, {@code :shorthand(list)} or {@code :(list)}, optionally {@code /degree};
 * a list is comma separated degrees each optionally prefixed by {@code *}; a degree is any number of {@code b}
 * or of {@code #} followed by 1..13.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChordLabels {

    private static final List<String> GRAMMAR_SHORTHANDS = List.of("maj", "min", "dim", "aug", "1", "5", "sus2",
            "sus4", "maj6", "min6", "7", "maj7", "min7", "dim7", "hdim7", "minmaj7", "aug7", "9", "maj9", "min9",
            "11", "maj11", "min11", "13", "maj13", "min13");

    private static final Pattern LABEL = buildPattern();

    /** Shorthand to semitones above the root (as a 12-bit mask). */
    private static final Map<String, Integer> QUALITIES = Map.ofEntries(
            Map.entry("maj", mask(0, 4, 7)),
            Map.entry("min", mask(0, 3, 7)),
            Map.entry("aug", mask(0, 4, 8)),
            Map.entry("dim", mask(0, 3, 6)),
            Map.entry("sus4", mask(0, 5, 7)),
            Map.entry("sus2", mask(0, 2, 7)),
            Map.entry("7", mask(0, 4, 7, 10)),
            Map.entry("maj7", mask(0, 4, 7, 11)),
            Map.entry("min7", mask(0, 3, 7, 10)),
            Map.entry("minmaj7", mask(0, 3, 7, 11)),
            Map.entry("maj6", mask(0, 4, 7, 9)),
            Map.entry("min6", mask(0, 3, 7, 9)),
            Map.entry("dim7", mask(0, 3, 6, 9)),
            Map.entry("hdim7", mask(0, 3, 6, 10)),
            Map.entry("maj9", mask(0, 4, 7, 11)),
            Map.entry("min9", mask(0, 3, 7, 10)),
            Map.entry("9", mask(0, 4, 7, 10)),
            Map.entry("b9", mask(0, 4, 7, 10)),
            Map.entry("#9", mask(0, 4, 7, 10)),
            Map.entry("min11", mask(0, 3, 7, 10)),
            Map.entry("11", mask(0, 4, 7, 10)),
            Map.entry("#11", mask(0, 4, 7, 10)),
            Map.entry("maj13", mask(0, 4, 7, 11)),
            Map.entry("min13", mask(0, 3, 7, 10)),
            Map.entry("13", mask(0, 4, 7, 10)),
            Map.entry("b13", mask(0, 4, 7, 10)),
            Map.entry("1", mask(0)),
            Map.entry("5", mask(0, 7)),
            Map.entry("", 0));

    /** Extended shorthand to its base shorthand and the upper degrees it implies (reduced encoding only). */
    private static final Map<String, Reduction> REDUCTIONS = Map.ofEntries(
            Map.entry("minmaj7", new Reduction("min", List.of("7"))),
            Map.entry("maj9", new Reduction("maj7", List.of("9"))),
            Map.entry("min9", new Reduction("min7", List.of("9"))),
            Map.entry("9", new Reduction("7", List.of("9"))),
            Map.entry("b9", new Reduction("7", List.of("b9"))),
            Map.entry("#9", new Reduction("7", List.of("#9"))),
            Map.entry("11", new Reduction("7", List.of("9", "11"))),
            Map.entry("#11", new Reduction("7", List.of("9", "#11"))),
            Map.entry("13", new Reduction("7", List.of("9", "11", "13"))),
            Map.entry("b13", new Reduction("7", List.of("9", "11", "b13"))),
            Map.entry("min11", new Reduction("min7", List.of("9", "11"))),
            Map.entry("maj13", new Reduction("maj7", List.of("9", "11", "13"))),
            Map.entry("min13", new Reduction("min7", List.of("9", "11", "13"))));

    /** Natural degrees 1..13 to semitones above the root. */
    private static final int[] DEGREE_SEMITONES = {0, 0, 2, 4, 5, 7, 9, 11, 12, 14, 16, 17, 19, 21};

    /** Natural pitch letters to pitch classes. */
    private static final Map<Character, Integer> LETTERS = Map.of('C', 0, 'D', 2, 'E', 4, 'F', 5, 'G', 7, 'A', 9,
            'B', 11);

    private ChordLabels() {
    }

    private static Pattern buildPattern() {
        String accidentals = "(?:b*|#*)";
        String degree = accidentals + "(?:1[0-3]?|[2-9])";
        String component = "\\*?" + degree;
        String list = "\\(" + component + "(?:," + component + ")*\\)";
        String shorthands = GRAMMAR_SHORTHANDS.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        String root = "[A-G]" + accidentals;
        String chord = root + "(?::(?:(?:" + shorthands + ")(?:" + list + ")?|" + list + "))?(?:/" + degree + ")?";
        return Pattern.compile("N|X|" + chord);
    }

    private static int mask(int... semitones) {
        int m = 0;
        for (int s : semitones) {
            m |= 1 << s;
        }
        return m;
    }

    /**
     * Tells whether a label follows the accepted grammar (see the class description). A label that passes can
     * still fail {@link #encode} when its shorthand is {@code aug7} or {@code maj11}.
     *
     * @param label the label
     * @return true if it is well formed
     */
    public static boolean isValid(String label) {
        return label != null && LABEL.matcher(label).matches();
    }

    /**
     * Encodes a label for the comparison rules (upper degrees dropped, extended shorthands as sevenths).
     *
     * @param label the label
     * @return the encoding
     * @throws IllegalArgumentException if the label is not valid or uses an unsupported shorthand
     */
    public static EncodedChord encode(String label) {
        return encode(label, false);
    }

    /**
     * Encodes a chord of the project's music model for the comparison rules, through its label.
     *
     * @param chord the chord
     * @return the encoding
     * @throws IllegalArgumentException if the chord's label is outside the accepted grammar
     */
    public static EncodedChord encode(Chord chord) {
        return encode(chord.toString(), false);
    }

    /**
     * Encodes a label.
     *
     * @param label the label
     * @param reduceExtended true for the reduced encoding used by the segmentation scores: extended shorthands
     *     become their base shorthand plus upper degrees, and degrees of an octave or more are folded into the
     *     octave instead of dropped
     * @return the encoding
     * @throws IllegalArgumentException if the label is not valid or uses an unsupported shorthand
     */
    public static EncodedChord encode(String label, boolean reduceExtended) {
        if (label == null) {
            throw new IllegalArgumentException("chord label is null");
        }
        if (label.equals("N")) {
            return EncodedChord.NO_CHORD;
        }
        if (label.equals("X")) {
            return EncodedChord.UNKNOWN;
        }
        if (!isValid(label)) {
            throw new IllegalArgumentException("invalid chord label \"" + label + "\"");
        }
        String head = label;
        String bassDegree = "1";
        int slash = head.indexOf('/');
        if (slash >= 0) {
            bassDegree = head.substring(slash + 1);
            head = head.substring(0, slash);
        }
        Set<String> degrees = new LinkedHashSet<>();
        int open = head.indexOf('(');
        if (open >= 0) {
            String inner = head.substring(open + 1, head.length() - 1);
            head = head.substring(0, open);
            for (String item : inner.split(",", -1)) {
                degrees.add(item.strip());
            }
        }
        String quality = degrees.isEmpty() ? "maj" : "";
        String rootText = head;
        int colon = head.indexOf(':');
        if (colon >= 0) {
            rootText = head.substring(0, colon);
            String written = head.substring(colon + 1);
            if (!written.isEmpty()) {
                quality = written.toLowerCase(Locale.ROOT);
            }
        }
        if (reduceExtended) {
            Reduction reduction = REDUCTIONS.get(quality);
            if (reduction != null) {
                quality = reduction.base();
                degrees.addAll(reduction.extensions());
            }
        }
        Integer qualityMask = QUALITIES.get(quality);
        if (qualityMask == null) {
            throw new IllegalArgumentException("chord label \"" + label + "\": unsupported shorthand \"" + quality
                    + "\"");
        }
        int[] counts = new int[12];
        for (int s = 0; s < 12; s++) {
            counts[s] = qualityMask >> s & 1;
        }
        counts[0] = 1;
        for (String degree : degrees) {
            int sign = 1;
            String text = degree;
            if (text.startsWith("*")) {
                sign = -1;
                text = text.replace("*", "");
            }
            int semitone = degreeSemitones(text, label);
            if (semitone < 12 || reduceExtended) {
                counts[Math.floorMod(semitone, 12)] += sign;
            }
        }
        int bass = Math.floorMod(degreeSemitones(bassDegree, label), 12);
        int semitones = 0;
        for (int s = 0; s < 12; s++) {
            if (counts[s] > 0) {
                semitones |= 1 << s;
            }
        }
        semitones |= 1 << bass;
        return new EncodedChord(rootPitchClass(rootText), semitones, bass, false);
    }

    /** Semitones above the root of a degree such as {@code b3}, {@code #5}, {@code 9} (not wrapped). */
    private static int degreeSemitones(String degree, String label) {
        int offset = 0;
        String number = degree;
        if (number.startsWith("#")) {
            offset = count(number, '#');
            number = number.replace("#", "");
        } else if (number.startsWith("b")) {
            offset = -count(number, 'b');
            number = number.replace("b", "");
        }
        int value;
        try {
            value = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > 13 || !number.equals(Integer.toString(value))) {
            throw new IllegalArgumentException("chord label \"" + label + "\": bad scale degree \"" + degree + "\"");
        }
        return DEGREE_SEMITONES[value] + offset;
    }

    private static int rootPitchClass(String root) {
        int semitone = LETTERS.get(root.charAt(0));
        for (int i = 1; i < root.length(); i++) {
            semitone += root.charAt(i) == '#' ? 1 : -1;
        }
        return Math.floorMod(semitone, 12);
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private record Reduction(String base, List<String> extensions) {
    }
}
