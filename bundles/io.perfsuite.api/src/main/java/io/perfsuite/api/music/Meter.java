// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

/**
 * A time signature: beats per bar over the note value of one beat, e.g. 4/4 or 6/8.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param beatsPerBar the number of beats in a bar, 1..32
 * @param beatUnit the note value of a beat as the denominator of the time signature: 1, 2, 4, 8, 16 or 32
 */
public record Meter(int beatsPerBar, int beatUnit) {

    /** Common time, 4/4. */
    public static final Meter COMMON = new Meter(4, 4);

    /**
     * Validates the time signature.
     *
     * @param beatsPerBar the number of beats in a bar, 1..32
     * @param beatUnit 1, 2, 4, 8, 16 or 32
     * @throws IllegalArgumentException if either value is not allowed
     */
    public Meter {
        if (beatsPerBar < 1 || beatsPerBar > 32) {
            throw new IllegalArgumentException("beats per bar must be in 1..32, got " + beatsPerBar);
        }
        if (beatUnit < 1 || beatUnit > 32 || Integer.bitCount(beatUnit) != 1) {
            throw new IllegalArgumentException("beat unit must be one of 1, 2, 4, 8, 16, 32, got " + beatUnit);
        }
    }

    /**
     * Parses a time signature written {@code beats/unit}, e.g. {@code "4/4"}, {@code "6/8"}, {@code "12/8"}.
     *
     * @param text the time signature, digits only around a single {@code /}
     * @return the meter, never null
     * @throws IllegalArgumentException if the text is null, malformed or out of range; the message quotes it
     */
    public static Meter parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("meter is null");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("meter \"" + text + "\": missing \"/\" (expected e.g. \"4/4\")");
        }
        int beats = parseNumber(text, text.substring(0, slash), "beats per bar");
        int unit = parseNumber(text, text.substring(slash + 1), "beat unit");
        try {
            return new Meter(beats, unit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("meter \"" + text + "\": " + e.getMessage(), e);
        }
    }

    private static int parseNumber(String text, String part, String what) {
        if (part.isEmpty() || part.length() > 3) {
            throw new IllegalArgumentException("meter \"" + text + "\": " + what + " must be a number of 1 to 3 "
                    + "digits, got \"" + part + "\"");
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("meter \"" + text + "\": " + what + " must be a number, got \""
                        + part + "\"");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Returns the time signature as {@code "4/4"}.
     *
     * @return the printed meter
     */
    @Override
    public String toString() {
        return beatsPerBar + "/" + beatUnit;
    }
}
