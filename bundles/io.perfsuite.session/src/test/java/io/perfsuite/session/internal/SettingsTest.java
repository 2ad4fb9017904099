// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.band.Role;

/** The configuration's defaults and checks, and where the journal goes. */
class SettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Settings s = TestConfig.settings();
        assertEquals(120, s.tempoBpm);
        assertEquals(1, s.planAheadBeats);
        assertEquals(250_000, s.bandmateBudgetNanos);
        assertEquals(250_000, s.listenerBudgetNanos);
        assertEquals(5_000_000, s.agentDeadlineNanos);
        assertEquals(1_000_000, s.stepBudgetNanos);
        assertEquals(Set.of(Role.DRUMS, Role.BASS, Role.CLICK), s.essentialRoles);
        assertEquals(3, s.faultsInARow);
        assertEquals(5, s.faultsInWindow);
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestConfig.settings("tempo", 1000.0));
        assertTrue(e.getMessage().startsWith("tempo"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestConfig.settings("meter", "4-4"));
        assertThrows(IllegalArgumentException.class, () -> TestConfig.settings("planAheadBeats", 9));
        e = assertThrows(IllegalArgumentException.class,
                () -> TestConfig.settings("essentialRoles", new String[] {"DRUMS", "TUBA"}));
        assertTrue(e.getMessage().contains("TUBA"));
        assertEquals(Set.of(Role.DRUMS, Role.KEYS), TestConfig.settings("essentialRoles",
                new String[] {"drums, keys"}).essentialRoles);
    }

    @Test
    void aBadModifiedConfigurationKeepsThePreviousOne() {
        try (Harness h = new Harness()) {
            h.session.modified(TestConfig.config("tempo", 500.0));
            assertEquals(120, h.session.settings().tempoBpm);
            h.session.modified(TestConfig.config("intensityStep", 0.25));
            assertEquals(0.25, h.session.settings().intensityStep);
            h.submit("intensity-up");
            h.step();
            assertEquals(0.75, h.ctx().intensity(), 1e-9);
        }
    }

    @Test
    void theJournalGoesToTheHomeOrATempFolder() {
        assertEquals(Paths.get("/srv/show/journal"), DefaultSessionManager.journalDir("/srv/show",
                TestConfig.config()));
        assertEquals(Paths.get(System.getProperty("java.io.tmpdir"), "perfsuite", "journal").toAbsolutePath(),
                DefaultSessionManager.journalDir(null, TestConfig.config()));
        assertEquals(Paths.get("/var/j"), DefaultSessionManager.journalDir("/srv/show",
                TestConfig.config("journalDir", "/var/j")));
        assertNull(DefaultSessionManager.journalDir("/srv/show", TestConfig.config("journal", false)));
    }
}
