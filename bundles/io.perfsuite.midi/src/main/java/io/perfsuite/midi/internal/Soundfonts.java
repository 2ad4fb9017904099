// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where General MIDI soundfonts are found when none is configured. Stateless. */
public final class Soundfonts {

    /** Debian's fluid-soundfont-gm (best) and timgm6mb-soundfont (small), in order of preference. */
    static final List<Path> KNOWN = List.of(Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2"),
            Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2"), Path.of("/usr/share/soundfonts/FluidR3_GM.sf2"));

    private Soundfonts() {
    }

    /**
     * @param configured a configured path, or blank for the first known one present
     * @return the soundfont to load, or null for the JDK's built-in set
     */
    public static Path choose(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return KNOWN.stream().filter(Files::isReadable).findFirst().orElse(null);
    }
}
