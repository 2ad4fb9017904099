// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

/**
 * A bass style (Strategy): the notes of one beat of the line. The bassist walks the beats of the window in pattern
 * time (scaled by the feel) and handles what all styles share: chords and the key, count-in, hold and ending.
 *
 * <p>Implementations are stateless and allocation-free; everything they vary on is in the {@link BassBeat}.
 */
interface BassStyle {

    /** @return the style's name in the configuration */
    String name();

    /**
     * Writes the notes of one beat with {@link BassBeat#note}.
     *
     * @param b the beat, its harmony and what follows
     */
    void beat(BassBeat b);

    /**
     * @param name a style name from the configuration (case-insensitive)
     * @return the style
     * @throws IllegalArgumentException for an unknown name
     */
    static BassStyle named(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "root-fifth":
            case "rootfifth":
                return RootFifthStyle.INSTANCE;
            case "walking":
                return WalkingStyle.INSTANCE;
            case "syncopated":
            case "funk":
                return SyncopatedStyle.INSTANCE;
            default:
                throw new IllegalArgumentException("unknown bass style \"" + name
                        + "\" (expected root-fifth, walking or syncopated)");
        }
    }
}
