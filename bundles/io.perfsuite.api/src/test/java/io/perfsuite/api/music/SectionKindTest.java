// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Tests {@link SectionKind}. */
class SectionKindTest {

    @Test
    void fromNameIgnoresCaseSeparatorsAndNumbers() {
        assertEquals(SectionKind.PRE_CHORUS, SectionKind.fromName("pre-chorus"));
        assertEquals(SectionKind.PRE_CHORUS, SectionKind.fromName("Pre Chorus"));
        assertEquals(SectionKind.PRE_CHORUS, SectionKind.fromName("prechorus"));
        assertEquals(SectionKind.PRE_CHORUS, SectionKind.fromName("PRE_CHORUS"));
        assertEquals(SectionKind.PRE_CHORUS, SectionKind.fromName("Pre-Chorus 2"));
        assertEquals(SectionKind.VERSE, SectionKind.fromName("Verse 2"));
        assertEquals(SectionKind.VERSE, SectionKind.fromName("verse"));
        assertEquals(SectionKind.VERSE, SectionKind.fromName("VERSE12"));
        assertEquals(SectionKind.CHORUS, SectionKind.fromName("Chorus"));
        assertEquals(SectionKind.CHORUS, SectionKind.fromName(" chorus 3 "));
        assertEquals(SectionKind.BREAKDOWN, SectionKind.fromName("Break-down"));
        assertEquals(SectionKind.CUSTOM, SectionKind.fromName("Custom"));
        for (SectionKind kind : SectionKind.values()) {
            assertEquals(kind, SectionKind.fromName(kind.name()));
            assertEquals(kind, SectionKind.fromName(kind.name().toLowerCase() + " 1"));
        }
    }

    @Test
    void anythingElseIsCustom() {
        assertEquals(SectionKind.CUSTOM, SectionKind.fromName("Interlude"));
        assertEquals(SectionKind.CUSTOM, SectionKind.fromName("Guitar solo"));
        assertEquals(SectionKind.CUSTOM, SectionKind.fromName("Chorus A"));
        assertEquals(SectionKind.CUSTOM, SectionKind.fromName("2nd verse"));
        assertEquals(SectionKind.CUSTOM, SectionKind.fromName(""));
        assertEquals(SectionKind.CUSTOM, SectionKind.fromName("   "));
        assertEquals(SectionKind.CUSTOM, SectionKind.fromName("42"));
        assertThrows(NullPointerException.class, () -> SectionKind.fromName(null));
    }
}
