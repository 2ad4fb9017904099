// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.Map;

import io.perfsuite.api.music.ChordQuality;
import io.perfsuite.api.music.Degree;
import io.perfsuite.api.music.PitchName;
import io.perfsuite.evaluation.ChordLabels;

/**
 * Converts lead-sheet chord symbols, as Chordino writes them ({@code C}, {@code Fm}, {@code F6}, {@code G7},
 * {@code Bb7/D}, {@code Gm6}, {@code Bbaug}, {@code N}), to Harte labels ({@code C:maj}, {@code F:min},
 * {@code F:maj6}, {@code G:7}, {@code Bb:7/3}, {@code G:min6}, {@code Bb:aug}, {@code N}), so a peer's chords are
 * scored by the same rules as ours. The bass after {@code /} becomes a degree above the root, spelled as the
 * chord spells it when the chord has that interval ({@code #5} in an augmented chord, {@code bb7} in a diminished
 * seventh), otherwise from a fixed table ({@code b3}, {@code 3}, {@code 5}, {@code b7}, ...).
 *
 * <p>Stateless and thread-safe.
 */
final class ChordNames {

    /** Chord symbol suffix to Harte shorthand: Chordino's default dictionary and the usual spellings. */
    private static final Map<String, String> SUFFIXES = Map.ofEntries(
            Map.entry("", "maj"), Map.entry("maj", "maj"), Map.entry("M", "maj"),
            Map.entry("m", "min"), Map.entry("min", "min"), Map.entry("-", "min"),
            Map.entry("6", "maj6"), Map.entry("m6", "min6"),
            Map.entry("7", "7"), Map.entry("maj7", "maj7"), Map.entry("M7", "maj7"),
            Map.entry("m7", "min7"), Map.entry("min7", "min7"),
            Map.entry("dim", "dim"), Map.entry("o", "dim"), Map.entry("dim7", "dim7"), Map.entry("o7", "dim7"),
            Map.entry("aug", "aug"), Map.entry("+", "aug"),
            Map.entry("m7b5", "hdim7"), Map.entry("hdim7", "hdim7"),
            Map.entry("mmaj7", "minmaj7"), Map.entry("mM7", "minmaj7"),
            Map.entry("9", "9"), Map.entry("maj9", "maj9"), Map.entry("m9", "min9"),
            Map.entry("sus2", "sus2"), Map.entry("sus4", "sus4"), Map.entry("5", "5"),
            Map.entry("7sus4", "sus4(b7)"), Map.entry("add9", "maj(9)"));

    /** Degree spelling of each interval above the root, for a bass the chord itself does not spell. */
    private static final String[] BASS_DEGREES = {"1", "b2", "2", "b3", "3", "4", "b5", "5", "b6", "6", "b7", "7"};

    private ChordNames() {
    }

    /**
     * @param symbol a chord symbol, e.g. {@code "Bb7/D"}
     * @return the Harte label, e.g. {@code "Bb:7/3"}; {@code N} for no chord; {@code X} (unknown, scored as
     *     a miss) for a symbol this table does not know
     */
    static String harte(String symbol) {
        String s = symbol == null ? "" : symbol.strip();
        if (s.equals("N") || s.isEmpty()) {
            return "N";
        }
        int rootEnd = noteEnd(s, 0);
        if (rootEnd < 0) {
            return "X";
        }
        String head = s;
        String bassText = null;
        int slash = s.indexOf('/', rootEnd);
        if (slash >= 0) {
            head = s.substring(0, slash);
            bassText = s.substring(slash + 1);
        }
        String shorthand = SUFFIXES.get(head.substring(rootEnd));
        if (shorthand == null) {
            return "X";
        }
        PitchName root;
        try {
            root = PitchName.parse(s.substring(0, rootEnd));
        } catch (IllegalArgumentException e) {
            return "X";
        }
        StringBuilder label = new StringBuilder().append(root).append(':').append(shorthand);
        if (bassText != null) {
            PitchName bass;
            try {
                if (noteEnd(bassText, 0) != bassText.length()) {
                    return "X";
                }
                bass = PitchName.parse(bassText);
            } catch (IllegalArgumentException e) {
                return "X";
            }
            int interval = root.pitchClass().intervalTo(bass.pitchClass());
            if (interval != 0) {
                label.append('/').append(bassDegree(shorthand, interval));
            }
        }
        String harte = label.toString();
        try {
            ChordLabels.encode(harte); // the metrics' own check: what they cannot read is unknown
            return harte;
        } catch (IllegalArgumentException e) {
            return "X";
        }
    }

    /** The degree of a bass note the given semitones above the root, spelled as the chord spells it if it can. */
    private static String bassDegree(String shorthand, int interval) {
        String base = shorthand.contains("(") ? shorthand.substring(0, shorthand.indexOf('(')) : shorthand;
        try {
            for (Degree d : ChordQuality.fromLabel(base).degrees()) {
                if (Math.floorMod(d.semitones(), 12) == interval) {
                    return d.toString();
                }
            }
        } catch (IllegalArgumentException e) {
            // not a plain shorthand: the table below spells it
        }
        return BASS_DEGREES[interval];
    }

    /** The end of a note name (letter A-G, then any b or # signs) at {@code from}, or -1. */
    private static int noteEnd(String s, int from) {
        if (from >= s.length() || "ABCDEFG".indexOf(s.charAt(from)) < 0) {
            return -1;
        }
        int i = from + 1;
        while (i < s.length() && (s.charAt(i) == 'b' || s.charAt(i) == '#')) {
            i++;
        }
        return i;
    }
}
