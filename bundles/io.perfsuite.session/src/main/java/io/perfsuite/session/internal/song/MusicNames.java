// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.song;

import java.util.Map;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Mode;
import io.perfsuite.api.music.PitchName;

/**
 * Reads chord and key names as musicians write them on a chart ({@code Am7}, {@code F#m}, {@code Bb/D},
 * {@code Bb minor}) into the API's values. A chord with a colon or a parenthesis is taken as a Harte label and
 * parsed by {@link Chord#parse}, so both spellings work in one chart. Stateless and thread-safe.
 */
public final class MusicNames {

    /** Chart suffixes and the Harte shorthand (with optional component list) each stands for. */
    private static final Map<String, String> SUFFIXES = Map.ofEntries(
            Map.entry("", ""), Map.entry("M", ":maj"), Map.entry("maj", ":maj"),
            Map.entry("m", ":min"), Map.entry("min", ":min"), Map.entry("-", ":min"),
            Map.entry("7", ":7"), Map.entry("dom7", ":7"),
            Map.entry("maj7", ":maj7"), Map.entry("M7", ":maj7"), Map.entry("ma7", ":maj7"), Map.entry("Δ", ":maj7"),
            Map.entry("Δ7", ":maj7"),
            Map.entry("m7", ":min7"), Map.entry("min7", ":min7"), Map.entry("-7", ":min7"),
            Map.entry("dim", ":dim"), Map.entry("°", ":dim"), Map.entry("o", ":dim"),
            Map.entry("dim7", ":dim7"), Map.entry("°7", ":dim7"), Map.entry("o7", ":dim7"),
            Map.entry("m7b5", ":hdim7"), Map.entry("min7b5", ":hdim7"), Map.entry("-7b5", ":hdim7"),
            Map.entry("ø", ":hdim7"), Map.entry("ø7", ":hdim7"),
            Map.entry("aug", ":aug"), Map.entry("+", ":aug"),
            Map.entry("mMaj7", ":minmaj7"), Map.entry("mmaj7", ":minmaj7"), Map.entry("mM7", ":minmaj7"),
            Map.entry("minmaj7", ":minmaj7"),
            Map.entry("6", ":maj6"), Map.entry("m6", ":min6"), Map.entry("min6", ":min6"),
            Map.entry("9", ":9"), Map.entry("maj9", ":maj9"), Map.entry("M9", ":maj9"),
            Map.entry("m9", ":min9"), Map.entry("min9", ":min9"),
            Map.entry("11", ":11"), Map.entry("m11", ":min11"), Map.entry("min11", ":min11"),
            Map.entry("13", ":13"), Map.entry("maj13", ":maj13"), Map.entry("M13", ":maj13"),
            Map.entry("m13", ":min13"), Map.entry("min13", ":min13"),
            Map.entry("sus2", ":sus2"), Map.entry("sus4", ":sus4"), Map.entry("sus", ":sus4"),
            Map.entry("7sus4", ":sus4(b7)"), Map.entry("7sus", ":sus4(b7)"),
            Map.entry("add9", ":maj(9)"), Map.entry("madd9", ":min(9)"),
            Map.entry("5", ":5"));

    /** Harte degree of each interval above the root, for slash basses written as note names. */
    private static final String[] DEGREES = {"1", "b2", "2", "b3", "3", "4", "b5", "5", "b6", "6", "b7", "7"};

    private MusicNames() {
    }

    /**
     * Reads a chord name.
     *
     * @param text e.g. {@code C}, {@code Am}, {@code F#m7b5}, {@code Bb/D}, {@code G7sus4}, {@code N} (no chord),
     *             or a Harte label such as {@code A:min7} or {@code C:maj/3}
     * @return the chord
     * @throws IllegalArgumentException naming the chord and what is wrong with it
     */
    public static Chord chord(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty chord name");
        }
        String name = text.strip();
        if (name.equals("N") || name.equals("X") || name.indexOf(':') >= 0 || name.indexOf('(') >= 0) {
            try {
                return Chord.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown chord \"" + name + "\": " + e.getMessage(), e);
            }
        }
        int rootEnd = rootEnd(name);
        if (rootEnd < 0) {
            throw new IllegalArgumentException("unknown chord \"" + name + "\": it must start with a note A-G");
        }
        PitchName root = PitchName.parse(normalise(name.substring(0, rootEnd)));
        String rest = name.substring(rootEnd);
        String bassText = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            bassText = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String shorthand = SUFFIXES.get(rest);
        if (shorthand == null) {
            throw new IllegalArgumentException("unknown chord \"" + name + "\": unknown chord type \"" + rest
                    + "\" (e.g. m, 7, maj7, m7, dim, m7b5, sus4, 6, 9, or a Harte label such as C:min7)");
        }
        String bass = "";
        if (bassText != null) {
            bass = "/" + bassDegree(name, root, bassText);
        }
        String label = root + shorthand + bass;
        try {
            return Chord.parse(label.endsWith("/1") ? label.substring(0, label.length() - 2) : label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown chord \"" + name + "\": " + e.getMessage(), e);
        }
    }

    private static String bassDegree(String name, PitchName root, String bassText) {
        if (!bassText.isEmpty() && (Character.isDigit(bassText.charAt(bassText.length() - 1)))) {
            return bassText; // already a degree, Harte style: C/3, G7/b7
        }
        int end = rootEnd(bassText);
        if (end != bassText.length() || end < 0) {
            throw new IllegalArgumentException("unknown chord \"" + name + "\": bad bass note \"" + bassText + "\"");
        }
        PitchName bass = PitchName.parse(normalise(bassText));
        return DEGREES[root.pitchClass().intervalTo(bass.pitchClass())];
    }

    /** @return the end of a leading note name (letter and at most one accidental), or -1 */
    private static int rootEnd(String text) {
        if (text.isEmpty() || text.charAt(0) < 'A' || text.charAt(0) > 'G') {
            return -1;
        }
        if (text.length() > 1) {
            char c = text.charAt(1);
            if (c == '#' || c == 'b' || c == '♯' || c == '♭') {
                return 2;
            }
        }
        return 1;
    }

    private static String normalise(String note) {
        return note.replace('♯', '#').replace('♭', 'b');
    }

    /**
     * Reads a key name.
     *
     * @param text e.g. {@code C}, {@code F#m}, {@code Bbmin}, {@code Bb minor}, {@code D dorian}, {@code A:min}
     * @return the key
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    public static Key key(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty key");
        }
        String name = text.strip();
        if (name.indexOf(' ') >= 0 || name.indexOf(':') >= 0 || name.indexOf('\t') >= 0) {
            try {
                return Key.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown key \"" + name + "\": " + e.getMessage(), e);
            }
        }
        int rootEnd = rootEnd(name);
        if (rootEnd < 0) {
            throw new IllegalArgumentException("unknown key \"" + name + "\": it must start with a note A-G");
        }
        PitchName tonic = PitchName.parse(normalise(name.substring(0, rootEnd)));
        String suffix = name.substring(rootEnd);
        switch (suffix) {
            case "", "M", "maj", "major":
                return new Key(tonic, Mode.MAJOR);
            case "m", "min", "minor", "-":
                return new Key(tonic, Mode.MINOR);
            default:
                throw new IllegalArgumentException("unknown key \"" + name + "\": write e.g. \"E\", \"F#m\" or "
                        + "\"Bb minor\"");
        }
    }
}
