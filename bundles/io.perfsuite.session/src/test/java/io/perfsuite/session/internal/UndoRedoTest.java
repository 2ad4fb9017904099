// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.band.Role;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.session.QueuedCommand;

/** Undo and redo in setup and rehearsal; refused in performance. */
class UndoRedoTest {

    @Test
    void undoAndRedoWalkTheHistory() {
        try (Harness h = new Harness()) {
            h.session.setMode(SystemMode.REHEARSAL);
            h.submit("tempo-nudge", "bpm=+2");
            h.submit("intensity-up", "by=0.2");
            h.submit("half-time");
            h.step();
            assertEquals(122, h.ctx().tempo().bpm(), 1e-9);
            assertEquals(0.7, h.ctx().intensity(), 1e-9);
            assertEquals(Feel.HALF_TIME, h.ctx().feel());
            Optional<QueuedCommand> undone = h.session.undo();
            assertEquals("half-time", undone.orElseThrow().name());
            h.step();
            assertEquals(Feel.NORMAL, h.ctx().feel());
            assertEquals("intensity-up", h.session.undo().orElseThrow().name());
            h.step();
            assertEquals(0.5, h.ctx().intensity(), 1e-9);
            assertEquals("intensity-up", h.session.redo().orElseThrow().name());
            h.step();
            assertEquals(0.7, h.ctx().intensity(), 1e-9);
            assertEquals("half-time", h.session.redo().orElseThrow().name());
            assertTrue(h.session.redo().isEmpty());
            h.step();
            assertEquals(Feel.HALF_TIME, h.ctx().feel());
            h.session.undo();
            h.session.undo();
            h.session.undo();
            h.step();
            assertEquals(120, h.ctx().tempo().bpm(), 1e-9);
            assertEquals(0.5, h.ctx().intensity(), 1e-9);
            assertTrue(h.session.undo().isEmpty());
        }
    }

    @Test
    void aNewCommandForgetsWhatCouldBeRedone() {
        try (Harness h = new Harness()) {
            h.submit("fill");
            h.step();
            h.session.undo();
            h.step();
            assertFalse(h.ctx().has(Cue.FILL));
            h.submit("intensity-down");
            h.step();
            assertTrue(h.session.redo().isEmpty());
        }
    }

    @Test
    void commandsWithoutUndoAreSkippedByUndo() {
        try (Harness h = new Harness()) {
            h.submit("intensity-up");
            h.submit("count-in", "bars=0");
            h.step();
            assertTrue(h.ctx().playing());
            assertEquals("intensity-up", h.session.undo().orElseThrow().name());
            h.step();
            assertTrue(h.ctx().playing(), "count-in cannot be undone: the band plays on");
            assertEquals(0.5, h.ctx().intensity(), 1e-9);
        }
    }

    @Test
    void sectionAndMuteCommandsUndoToWhereTheyWere() throws Exception {
        try (Harness h = new Harness()) {
            h.session.load(Paths.get("examples/songs/blue-morning.yaml"));
            h.step();
            h.bind(new TestAgents.Player("keys", Role.KEYS));
            h.start();
            h.submit(Quantization.NOW, "goto-section", "name=Chorus");
            h.submit(Quantization.NOW, "mute", "id=keys");
            h.step();
            h.untilBeat(4);
            assertEquals("Chorus", h.ctx().section().name());
            assertEquals(java.util.Set.of("keys"), h.session.songView().muted());
            h.session.undo();
            h.session.undo();
            h.untilBeat(5);
            assertEquals("Intro", h.ctx().section().name());
            assertTrue(h.session.songView().muted().isEmpty());
        }
    }

    @Test
    void performanceRefusesUndoAndForgetsTheRehearsal() {
        try (Harness h = new Harness()) {
            h.session.setMode(SystemMode.REHEARSAL);
            h.submit("intensity-up");
            h.step();
            h.session.setMode(SystemMode.PERFORMANCE);
            h.step();
            assertEquals(SystemMode.PERFORMANCE, h.ctx().mode());
            IllegalStateException e = assertThrows(IllegalStateException.class, h.session::undo);
            assertTrue(e.getMessage().contains("performance"));
            assertThrows(IllegalStateException.class, h.session::redo);
            h.submit("intensity-up");
            h.step();
            h.session.setMode(SystemMode.REHEARSAL);
            assertEquals("intensity-up", h.session.undo().orElseThrow().name());
            h.step();
            assertEquals(0.6, h.ctx().intensity(), 1e-9, "the command from before the show was forgotten");
            assertTrue(h.session.undo().isEmpty());
        }
    }

    @Test
    void performanceRefusesSongChangesWhilePlaying() throws Exception {
        try (Harness h = new Harness()) {
            h.session.load(Paths.get("examples/setlist.yaml"));
            h.step();
            h.session.setMode(SystemMode.PERFORMANCE);
            h.start();
            assertThrows(IllegalStateException.class, () -> h.submit("next-song"));
            assertThrows(IllegalStateException.class,
                    () -> h.session.load(Paths.get("examples/songs/slow-waltz.yaml")));
            h.submit(Quantization.NOW, "stop");
            h.step();
            h.submit("next-song");
            h.step();
            assertEquals(84, h.ctx().tempo().bpm(), 1e-9, "between songs it is allowed");
        }
    }
}
