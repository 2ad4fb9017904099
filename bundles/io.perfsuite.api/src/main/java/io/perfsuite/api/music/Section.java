// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import java.util.Objects;

/**
 * A section of a song: its name as shown to the band (e.g. {@code "Verse 2"}), its kind and its length in bars.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param name the displayed name, not blank
 * @param kind the function of the section
 * @param lengthBars the length in bars, 0 for open-ended (repeat until cued)
 */
public record Section(String name, SectionKind kind, int lengthBars) {

    /**
     * Validates the section.
     *
     * @param name the displayed name, not blank
     * @param kind the kind
     * @param lengthBars the length in bars, at least 0
     * @throws NullPointerException if {@code name} or {@code kind} is null
     * @throws IllegalArgumentException if the name is blank or the length is negative
     */
    public Section {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("section name must not be blank, got \"" + name + "\"");
        }
        if (lengthBars < 0) {
            throw new IllegalArgumentException("section \"" + name + "\": length must be at least 0 bars "
                    + "(0 = open-ended), got " + lengthBars);
        }
    }

    /**
     * Returns a section whose kind is derived from its name by {@link SectionKind#fromName(String)}, e.g.
     * {@code named("Verse 2", 16)} is a 16-bar {@link SectionKind#VERSE}.
     *
     * @param name the displayed name, not blank
     * @param lengthBars the length in bars, 0 for open-ended
     * @return the section, never null
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or the length is negative
     */
    public static Section named(String name, int lengthBars) {
        Objects.requireNonNull(name, "name");
        return new Section(name, SectionKind.fromName(name), lengthBars);
    }

    /**
     * Tells whether the section has no fixed length and repeats until cued.
     *
     * @return true if {@code lengthBars == 0}
     */
    public boolean isOpenEnded() {
        return lengthBars == 0;
    }
}
