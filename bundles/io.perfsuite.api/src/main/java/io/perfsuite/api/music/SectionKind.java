// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import java.util.Locale;

/**
 * The function of a song section, as a band would name it on a set list or chart.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum SectionKind {
    /** The intro. */
    INTRO("intro"),
    /** A verse. */
    VERSE("verse"),
    /** The pre-chorus, leading into the chorus. */
    PRE_CHORUS("prechorus"),
    /** The chorus (refrain). */
    CHORUS("chorus"),
    /** The bridge (middle eight). */
    BRIDGE("bridge"),
    /** A solo. */
    SOLO("solo"),
    /** A breakdown, a sparse or stripped-down passage. */
    BREAKDOWN("breakdown"),
    /** The outro, often faded or looped. */
    OUTRO("outro"),
    /** A final ending (a button, a hit, a ritardando). */
    ENDING("ending"),
    /** Any other section, named freely. */
    CUSTOM("custom");

    private final String key;

    SectionKind(String key) {
        this.key = key;
    }

    /**
     * Derives the kind from a section name, ignoring case, spaces, hyphens, underscores and a trailing number:
     * {@code "Chorus"}, {@code "pre-chorus"}, {@code "Pre Chorus"}, {@code "prechorus"} and {@code "PRE_CHORUS"}
     * give {@link #PRE_CHORUS} or {@link #CHORUS} as expected, {@code "Verse 2"} gives {@link #VERSE}, and any
     * other name gives {@link #CUSTOM}.
     *
     * @param name the section name
     * @return the kind, never null; {@link #CUSTOM} for unknown names
     * @throws NullPointerException if {@code name} is null
     */
    public static SectionKind fromName(String name) {
        String lower = name.toLowerCase(Locale.ROOT).strip();
        int end = lower.length();
        while (end > 0 && lower.charAt(end - 1) >= '0' && lower.charAt(end - 1) <= '9') {
            end--;
        }
        StringBuilder letters = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = lower.charAt(i);
            if (c == ' ' || c == '-' || c == '_' || c == '\t') {
                continue;
            }
            letters.append(c);
        }
        String normalized = letters.toString();
        for (SectionKind kind : values()) {
            if (kind.key.equals(normalized)) {
                return kind;
            }
        }
        return CUSTOM;
    }
}
