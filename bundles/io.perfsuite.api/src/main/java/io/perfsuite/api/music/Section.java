// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A section of a song: its name as shown to the band (e.g. {@code "Verse 2"}), its kind, its length in bars, and the
 * song's style hints for the band in it (e.g. {@code drums=funk}, {@code bass=walking}).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param name the displayed name, not blank
 * @param kind the function of the section
 * @param lengthBars the length in bars, 0 for open-ended (repeat until cued)
 * @param styles style hints by bandmate id or role name in lower case (e.g. {@code "keys-2"}, {@code "drums"});
 *               immutable, empty when the song gives none
 */
public record Section(String name, SectionKind kind, int lengthBars, Map<String, String> styles) {

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
        styles = Map.copyOf(Objects.requireNonNull(styles, "styles"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("section name must not be blank, got \"" + name + "\"");
        }
        if (lengthBars < 0) {
            throw new IllegalArgumentException("section \"" + name + "\": length must be at least 0 bars "
                    + "(0 = open-ended), got " + lengthBars);
        }
    }

    /**
     * A section without style hints.
     *
     * @param name the displayed name, not blank
     * @param kind the kind
     * @param lengthBars the length in bars, at least 0
     */
    public Section(String name, SectionKind kind, int lengthBars) {
        this(name, kind, lengthBars, Map.of());
    }

    /**
     * @param hints style hints by bandmate id or role name
     * @return this section with those hints
     */
    public Section withStyles(Map<String, String> hints) {
        return new Section(name, kind, lengthBars, hints);
    }

    /**
     * The style the song asks of a bandmate in this section: the hint for its id, else for its role.
     *
     * @param bandmateId the bandmate's id, e.g. "keys-2"
     * @param role       its role name in lower case, e.g. "keys"
     * @return the style name, or empty when the song says nothing
     */
    public Optional<String> styleFor(String bandmateId, String role) {
        String s = styles.get(bandmateId);
        return Optional.ofNullable(s != null ? s : styles.get(role));
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
