// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band.kit;

/** Checks configuration values at activation, so a typo fails loudly there rather than silently on stage. */
public final class PluginSettings {

    private PluginSettings() {
    }

    /** @return the id, trimmed */
    public static String id(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("perfsuite.bandmate.id must not be blank");
        }
        return id.trim();
    }

    /** @return the value, if in range */
    public static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /**
     * @param entry a section style hint, "kind=style"
     * @return the kind and the style
     */
    public static String[] sectionStyle(String entry) {
        int eq = entry == null ? -1 : entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException("section style must read \"kind=style\", e.g. \"chorus=rock\", was \""
                    + entry + "\"");
        }
        return new String[] {entry.substring(0, eq).trim(), entry.substring(eq + 1).trim()};
    }
}
