// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.api.band.Role;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.session.internal.journal.Journal;
import io.perfsuite.session.internal.journal.JournalReader;

/** The journal: one JSON line per event, readable after the session, and replayable into a new session. */
class JournalTest {

    private static final Path BLUE = Paths.get("examples/songs/blue-morning.yaml").toAbsolutePath();

    private static List<Map<String, Object>> lines(Path file) throws Exception {
        return JournalReader.read(file).lines().stream().map(JournalReader.Line::fields).toList();
    }

    private static Path journalFile(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            List<Path> all = files.sorted().toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void everyEventIsALineWrittenAsItHappens(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness(dir)) {
            Journal journal = h.session.journal();
            assertTrue(journal.file().getFileName().toString().matches("session-\\d{8}-\\d{6}\\.jsonl"));
            h.session.setMode(SystemMode.REHEARSAL);
            h.submit("tempo-nudge", "bpm=+2");
            long cancelled = h.submit(Quantization.BAR, "fill").id();
            h.session.cancel(cancelled);
            h.step();
            h.session.undo();
            h.step();
            h.session.redo();
            h.step();
            assertTrue(journal.awaitWritten(8, 5000), "written without closing: " + journal.written());
            // the file is complete while the session still runs: what a kill -9 would leave
            List<Map<String, Object>> lines = lines(journal.file());
            assertEquals(List.of("start", "mode", "submit", "submit", "cancel", "execute", "undo", "redo"),
                    lines.stream().map(l -> l.get("event")).toList());
            Map<String, Object> execute = lines.get(5);
            assertEquals("tempo-nudge", execute.get("name"));
            assertEquals(Map.of("bpm", "+2"), execute.get("args"));
            assertEquals("NOW", execute.get("quantization"));
            assertTrue(execute.get("time").toString().endsWith("Z"));
            assertEquals("REHEARSAL", lines.get(1).get("detail"));
        }
    }

    @Test
    void aFailedCommandIsJournaledAsAFailure(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness(dir)) {
            h.submit("next-song"); // no setlist
            h.step();
            h.close();
            List<Map<String, Object>> lines = lines(journalFile(dir));
            Map<String, Object> fail = lines.get(lines.size() - 1);
            assertEquals("fail", fail.get("event"));
            assertTrue(fail.get("detail").toString().contains("no setlist"));
        }
    }

    @Test
    void theJournalSurvivesTheSessionAndANewSessionStartsItsOwn(@TempDir Path dir) throws Exception {
        Path first;
        try (Harness h = new Harness(dir)) {
            h.submit("intensity-up");
            h.step();
            first = h.session.journal().file();
        }
        long lines = Files.readAllLines(first).size();
        assertEquals(3, lines);
        try (Harness h = new Harness(dir)) {
            assertNotEquals(first, h.session.journal().file());
            h.submit("intensity-down");
            h.step();
        }
        assertEquals(lines, Files.readAllLines(first).size(), "the old journal is left as it was");
        assertTrue(Files.readString(first).endsWith("\n"));
    }

    @Test
    void replayReproducesTheResultingContext(@TempDir Path dir) throws Exception {
        MusicalContext original;
        Map<String, Object> originalMuted;
        Path file;
        try (Harness h = new Harness(dir.resolve("a"))) {
            h.session.setMode(SystemMode.REHEARSAL);
            h.session.load(BLUE);
            h.step();
            h.bind(new TestAgents.Player("keys", Role.KEYS));
            h.start();
            h.submit("tempo-nudge", "bpm=+3");
            h.submit("intensity-up", "by=0.25");
            h.submit("next-section");
            h.submit("mute", "id=keys");
            h.submit("double-time");
            h.untilBeat(4);
            h.session.undo(); // double-time
            h.submit(Quantization.NOW, "hold", "state=on");
            h.submit(Quantization.NOW, "degrade", "level=no_mcp");
            h.step();
            h.submit("fill");
            h.submit(Quantization.NOW, "goto-section", "name=Chorus");
            h.untilBeat(6);
            original = h.ctx();
            originalMuted = Map.of("muted", h.session.songView().muted());
            file = h.session.journal().file();
        }
        try (Harness h = new Harness(dir.resolve("b"))) {
            h.session.setMode(SystemMode.REHEARSAL);
            DefaultSessionManager.ReplayReport report = h.session.replay(file);
            assertTrue(report.warnings().isEmpty(), report.warnings().toString());
            assertEquals(10, report.commands());
            assertEquals(1, report.undos());
            assertEquals(1, report.loads());
            h.step();
            MusicalContext replayed = h.ctx();
            assertEquals(original.tempo().bpm(), replayed.tempo().bpm(), 1e-9);
            assertEquals(original.intensity(), replayed.intensity(), 1e-9);
            assertEquals(original.section(), replayed.section());
            assertEquals(original.nextSection(), replayed.nextSection());
            assertEquals(original.feel(), replayed.feel());
            assertEquals(original.cues(), replayed.cues());
            assertEquals(original.degradation(), replayed.degradation());
            assertEquals(original.key(), replayed.key());
            assertEquals(original.meter(), replayed.meter());
            assertEquals(original.playing(), replayed.playing());
            assertEquals(originalMuted, Map.of("muted", h.session.songView().muted()));
        }
    }

    @Test
    void aTruncatedLastLineIsToleratedWithAClearMessage(@TempDir Path dir) throws Exception {
        Path file;
        try (Harness h = new Harness(dir.resolve("a"))) {
            h.submit("intensity-up");
            h.submit("intensity-up");
            h.step();
            file = h.session.journal().file();
        }
        // what a kill -9 in the middle of a write leaves
        Files.writeString(file, "{\"time\":\"2025-01-01T00:00:00Z\",\"event\":\"execute\",\"name\":\"intens",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Harness h = new Harness()) {
            DefaultSessionManager.ReplayReport report = h.session.replay(file);
            assertEquals(2, report.commands());
            assertEquals(1, report.warnings().size());
            assertTrue(report.warnings().get(0).contains("truncated"), report.warnings().get(0));
            assertTrue(report.toString().contains("warning"));
            h.step();
            assertEquals(0.7, h.ctx().intensity(), 1e-9);
        }
    }

    @Test
    void unknownCommandsAndDamagedLinesAreSkippedAndNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"event\":\"start\"}",
                "{\"event\":\"execute\",\"name\":\"launch-rocket\",\"args\":{}}",
                "not json at all",
                "{\"event\":\"execute\",\"name\":\"tempo\",\"args\":{\"bpm\":\"90\"}}",
                ""));
        try (Harness h = new Harness()) {
            DefaultSessionManager.ReplayReport report = h.session.replay(file);
            assertEquals(1, report.commands());
            assertEquals(2, report.warnings().size());
            assertTrue(report.warnings().get(0).contains("line 3"));
            assertTrue(report.warnings().get(1).contains("launch-rocket"));
            h.step();
            assertEquals(90, h.ctx().tempo().bpm(), 1e-9);
            h.session.setMode(SystemMode.PERFORMANCE);
            assertThrows(IllegalStateException.class, () -> h.session.replay(file));
        }
    }

    @Test
    void noJournalWhenTheFolderCannotBeCreated(@TempDir Path dir) throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");
        try (Harness h = new Harness(notAFolder.resolve("journal"))) {
            assertEquals(null, h.session.journal());
            h.submit("intensity-up");
            h.step();
            assertEquals(0.6, h.ctx().intensity(), 1e-9, "the show goes on without a journal");
            assertFalse(Files.isDirectory(notAFolder));
        }
    }
}
