// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.SystemMode;

/**
 * The shell commands through the real Gogo runtime: its parser, its method lookup (do is a Java keyword) and its
 * argument coercion, with the functions the generated DS descriptor declares.
 */
class SessionCommandsTest {

    @TempDir
    Path home;
    private Harness h;
    private ThreadIOImpl io;
    private CommandProcessorImpl processor;
    private CommandSession shell;

    @BeforeEach
    void setUp() throws Exception {
        h = new Harness(home.resolve("journal"));
        io = new ThreadIOImpl();
        io.start();
        processor = new CommandProcessorImpl(io);
        SessionCommands commands = new SessionCommands(h.session, home);
        for (String function : declaredFunctions()) {
            processor.addCommand("perfsuite", commands, function);
        }
        shell = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    @AfterEach
    void tearDown() {
        shell.close();
        processor.stop();
        io.stop();
        h.close();
    }

    /** @return the osgi.command.function values of the DS descriptor bnd generated */
    private static List<String> declaredFunctions() throws Exception {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/"
                + SessionCommands.class.getName() + ".xml"));
        Matcher m = Pattern.compile("name=\"osgi.command.function\"[^>]*>([^<]*)<").matcher(xml);
        assertTrue(m.find(), xml);
        List<String> out = new ArrayList<>();
        for (String line : m.group(1).split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        return out;
    }

    private String run(String line) throws Exception {
        Object result = shell.execute(line);
        return String.valueOf(result);
    }

    @Test
    void theDescriptorDeclaresEveryFunction() throws Exception {
        assertEquals(List.of("status", "do", "queue", "cancel", "undo", "redo", "mode", "load", "replay", "agents",
                "commands"), declaredFunctions());
    }

    @Test
    void doQueuesACommandWithArgumentsAndAQuantization() throws Exception {
        String out = run("perfsuite:do tempo-nudge bpm=+2 @now");
        assertTrue(out.startsWith("queued #1 tempo-nudge {bpm=+2} @now"), out);
        h.step();
        assertEquals(122, h.ctx().tempo().bpm(), 1e-9);
        assertTrue(run("perfsuite:do launch-rocket").startsWith("error: unknown command \"launch-rocket\""));
        assertTrue(run("perfsuite:do tempo-nudge bpm=x").contains("is not a number"));
        assertTrue(run("perfsuite:do fill @later").contains("unknown quantization @later"));
    }

    @Test
    void queueCancelUndoRedoAndMode() throws Exception {
        h.start();
        String queued = run("perfsuite:do half-time");
        assertTrue(queued.contains("@bar (due at beat 4)"), queued);
        String queue = run("perfsuite:queue");
        assertTrue(queue.contains("#2 half-time @bar"), queue);
        assertEquals("cancelled 2", run("perfsuite:cancel 2"));
        assertTrue(run("perfsuite:cancel 2").startsWith("error:"));
        assertEquals("Queue empty\n", run("perfsuite:queue"));
        run("perfsuite:do double-time @now");
        h.step();
        assertEquals(Feel.DOUBLE_TIME, h.ctx().feel());
        assertTrue(run("perfsuite:undo").startsWith("undone #3 double-time"));
        h.step();
        assertEquals(Feel.NORMAL, h.ctx().feel());
        assertTrue(run("perfsuite:redo").startsWith("redone #3"));
        assertEquals("mode PERFORMANCE", run("perfsuite:mode performance"));
        assertEquals(SystemMode.PERFORMANCE, h.session.mode);
        assertTrue(run("perfsuite:undo").startsWith("error: undo is refused in performance"));
        assertTrue(run("perfsuite:mode backstage").startsWith("error: unknown mode"));
        assertEquals("mode PERFORMANCE", run("perfsuite:mode"));
    }

    @Test
    void statusLoadAgentsAndCommands() throws Exception {
        String loaded = run("perfsuite:load examples/setlist.yaml");
        assertTrue(loaded.contains("loaded 3 songs") && loaded.contains(" 1 Blue Morning"), loaded);
        h.step();
        Files.writeString(home.resolve("bad.yaml"), "title: X\ntempo: -3\nsections:\n  - {name: A, bars: 2}\n");
        String bad = run("perfsuite:load " + home.resolve("bad.yaml"));
        assertTrue(bad.contains("line 2: bad tempo") && bad.contains("the current song is kept"), bad);
        h.bind(new TestAgents.Player("drums", Role.DRUMS));
        h.start();
        String status = run("perfsuite:status");
        assertTrue(status.contains("Session SETUP, playing"), status);
        assertTrue(status.contains("Song 1/3 \"Blue Morning\""), status);
        assertTrue(status.contains("[Intro (4)]"), status);
        assertTrue(status.contains("96.0 BPM"), status);
        assertTrue(status.contains("Chord F#:min, next D"), status);
        String agents = run("perfsuite:agents");
        assertTrue(agents.contains("drums") && agents.contains("bandmate"), agents);
        String commands = run("perfsuite:commands");
        assertTrue(commands.contains("tempo-nudge") && commands.contains("bpm=+2 | -2"), commands);
    }

    @Test
    void replayFromTheShell() throws Exception {
        run("perfsuite:do intensity-up @now");
        h.step();
        Path journal = h.session.journal().file();
        assertTrue(h.session.journal().awaitWritten(3, 5000));
        try (Harness other = new Harness()) {
            SessionCommands commands = new SessionCommands(other.session, home);
            String out = commands.replay(journal.toString());
            assertTrue(out.startsWith("Replayed") && out.contains("1 commands"), out);
            other.step();
            assertEquals(0.6, other.ctx().intensity(), 1e-9);
            assertTrue(commands.replay("no-such-journal.jsonl").startsWith("error: cannot read"));
        }
    }
}
