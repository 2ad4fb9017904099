// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which MIDI channel and program each bandmate plays on: entries configured by exact bandmate id
 * ({@code "keys-2=2:4"}), then defaults by id prefix ({@code drums} on channel 9, the General MIDI percussion
 * channel 10). An id that matches neither is unknown, and its notes are rejected.
 *
 * <p>Immutable and thread-safe.
 */
final class ChannelMap {

    /** A channel (0..15) and a program (0..127). */
    record Route(int channel, int program) {
        Route {
            if (channel < 0 || channel > 15 || program < 0 || program > 127) {
                throw new IllegalArgumentException("channel must be 0..15 and program 0..127, was " + channel + ":"
                        + program);
            }
        }

        @Override
        public String toString() {
            return channel + ":" + program;
        }
    }

    /** The defaults by prefix, longest first so "keys" is tried after "keys-bass" would be (if one were added). */
    static final List<Map.Entry<String, Route>> DEFAULTS = List.of(
            Map.entry("metronome", new Route(9, 0)),
            Map.entry("click", new Route(9, 0)),
            Map.entry("drums", new Route(9, 0)),
            Map.entry("perc", new Route(9, 0)),
            Map.entry("bass", new Route(1, 33)),
            Map.entry("keys", new Route(0, 0)),
            Map.entry("piano", new Route(0, 0)),
            Map.entry("guitar", new Route(3, 25)),
            Map.entry("pad", new Route(4, 89)),
            Map.entry("strings", new Route(5, 48)),
            Map.entry("lead", new Route(6, 81)));

    private final Map<String, Route> explicit;
    private final boolean prefixDefaults;

    private ChannelMap(Map<String, Route> explicit, boolean prefixDefaults) {
        this.explicit = explicit;
        this.prefixDefaults = prefixDefaults;
    }

    /**
     * Parses entries {@code id=channel:program} (channel 0..15; program optional, default 0), given as several
     * strings or comma-separated in one.
     *
     * @param entries        the configured entries, may be empty
     * @param prefixDefaults whether ids not configured fall back to the defaults by prefix
     * @return the map
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    static ChannelMap parse(String[] entries, boolean prefixDefaults) {
        Map<String, Route> map = new LinkedHashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String part : entry.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("channel map entry \"" + p + "\" is not id=channel:program");
                }
                String id = p.substring(0, eq).trim();
                String value = p.substring(eq + 1).trim();
                int colon = value.indexOf(':');
                try {
                    int channel = Integer.parseInt(colon < 0 ? value : value.substring(0, colon).trim());
                    int program = colon < 0 ? 0 : Integer.parseInt(value.substring(colon + 1).trim());
                    map.put(id, new Route(channel, program));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("channel map entry \"" + p + "\": channel 0..15 and program "
                            + "0..127 expected (" + e.getMessage() + ")");
                }
            }
        }
        return new ChannelMap(Map.copyOf(map), prefixDefaults);
    }

    /**
     * @param bandmateId a bandmate's id
     * @return its route, or null when the id is unknown
     */
    Route route(String bandmateId) {
        Route r = explicit.get(bandmateId);
        if (r != null || !prefixDefaults) {
            return r;
        }
        String lower = bandmateId.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Route> d : DEFAULTS) {
            if (lower.startsWith(d.getKey())) {
                return d.getValue();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        explicit.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        if (prefixDefaults) {
            b.append(b.length() == 0 ? "" : "; ").append("defaults by prefix: ");
            for (int i = 0; i < DEFAULTS.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(DEFAULTS.get(i).getKey()).append("*=")
                        .append(DEFAULTS.get(i).getValue());
            }
        }
        return b.toString();
    }
}
