// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.keys;

/**
 * A keyboard style (Strategy): when chords sound within one beat, and for how long. The keyboardist voices them
 * (with voice leading) and handles what all styles share: chords and the key, count-in, hold and ending.
 *
 * <p>Implementations are stateless and allocation-free; everything they vary on is in the {@link KeysBeat}.
 */
interface KeysStyle {

    /** @return the style's name in the configuration */
    String name();

    /**
     * Writes the chord hits of one beat with {@link KeysBeat#hit}.
     *
     * @param b the beat and its circumstances
     */
    void beat(KeysBeat b);

    /**
     * @param name a style name from the configuration (case-insensitive)
     * @return the style
     * @throws IllegalArgumentException for an unknown name
     */
    static KeysStyle named(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "pads":
            case "pad":
                return PadsStyle.INSTANCE;
            case "comping":
                return CompingStyle.INSTANCE;
            default:
                throw new IllegalArgumentException("unknown keys style \"" + name + "\" (expected pads or comping)");
        }
    }
}
