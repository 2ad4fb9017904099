// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.SectionKind;

class SectionStylesTest {

    private static String style(String name) {
        if (!name.equals("funk") && !name.equals("swing")) {
            throw new IllegalArgumentException("unknown " + name);
        }
        return name;
    }

    @Test
    void hintsByIdThenRoleForTheCurrentAndNextSectionElseTheConfiguration() {
        SectionStyles<String> s = new SectionStyles<>("drums-2", "drums", SectionStylesTest::style);
        Section verse = Section.named("Verse", 8).withStyles(Map.of("drums", "funk", "drums-2", "swing"));
        Section chorus = Section.named("Chorus", 8).withStyles(Map.of("drums", "funk"));
        Section bridge = Section.named("Bridge", 8).withStyles(Map.of("drums", "sidestick"));
        s.update(MusicalContext.initial(0).next().sections(verse, chorus).build());

        assertEquals("swing", s.forKind(SectionKind.VERSE, "rock"), "the hint for this player's id wins");
        assertEquals("funk", s.forKind(SectionKind.CHORUS, "rock"), "the next section's hint, by role");
        assertEquals("rock", s.forKind(SectionKind.OUTRO, "rock"), "no hint: the configured style");

        s.update(MusicalContext.initial(0).next().sections(bridge, null).build());
        assertEquals("rock", s.forKind(SectionKind.BRIDGE, "rock"), "an unknown style name is ignored");
        assertEquals("rock", s.forKind(SectionKind.CHORUS, "rock"), "the old next section is forgotten");
    }
}
