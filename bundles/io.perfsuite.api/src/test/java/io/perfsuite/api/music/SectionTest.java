// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Tests {@link Section}. */
class SectionTest {

    @Test
    void namedDerivesTheKind() {
        Section verse = Section.named("Verse 2", 16);
        assertEquals("Verse 2", verse.name());
        assertEquals(SectionKind.VERSE, verse.kind());
        assertEquals(16, verse.lengthBars());
        assertFalse(verse.isOpenEnded());
        assertEquals(SectionKind.PRE_CHORUS, Section.named("Pre Chorus", 4).kind());
        assertEquals(SectionKind.CUSTOM, Section.named("Interlude", 8).kind());
        assertEquals(new Section("Verse 2", SectionKind.VERSE, 16), verse);
    }

    @Test
    void zeroBarsIsOpenEnded() {
        Section vamp = new Section("Vamp", SectionKind.CUSTOM, 0);
        assertTrue(vamp.isOpenEnded());
        assertTrue(Section.named("Solo", 0).isOpenEnded());
    }

    @Test
    void rejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Section(" ", SectionKind.CUSTOM, 4));
        assertEquals("section name must not be blank, got \" \"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Section.named("", 4));
        assertEquals("section name must not be blank, got \"\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Section.named("Bridge", -1));
        assertEquals("section \"Bridge\": length must be at least 0 bars (0 = open-ended), got -1", e.getMessage());
        assertThrows(NullPointerException.class, () -> new Section(null, SectionKind.CUSTOM, 4));
        assertThrows(NullPointerException.class, () -> new Section("Intro", null, 4));
        assertThrows(NullPointerException.class, () -> Section.named(null, 4));
    }

    @Test
    void styleHintsGoByBandmateIdThenRoleAndAreImmutable() {
        Map<String, String> hints = new HashMap<>(Map.of("drums", "funk",
                "keys-2", "pads", "keys", "comping"));
        Section chorus = Section.named("Chorus", 8).withStyles(hints);
        hints.put("bass", "walking");

        assertEquals(Optional.of("funk"), chorus.styleFor("drums", "drums"));
        assertEquals(Optional.of("pads"), chorus.styleFor("keys-2", "keys"));
        assertEquals(Optional.of("comping"), chorus.styleFor("keys", "keys"));
        assertEquals(Optional.empty(), chorus.styleFor("bass", "bass"), "copied, not shared");
        assertTrue(Section.named("Verse", 8).styles().isEmpty());
        assertEquals(new Section("Chorus", SectionKind.CHORUS, 8, Map.of()), Section.named("Chorus", 8));
        assertThrows(UnsupportedOperationException.class, () -> chorus.styles().put("x", "y"));
    }
}
