// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.session.internal.journal.Journal;
import io.perfsuite.session.internal.journal.JournalEntry;
import io.perfsuite.session.internal.journal.JournalReader;

/** The journal after the process is killed without a chance to close it (SIGKILL on Unix). */
class JournalCrashTest {

    /** The child process: journals some commands, says so, and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Journal journal = Journal.open(Paths.get(args[0]));
            for (int i = 0; i < 50; i++) {
                journal.record(JournalEntry.command("execute", i, i, "intensity-up", java.util.Map.of(), "NOW",
                        Double.NaN, i, null));
            }
            if (!journal.awaitWritten(51, 10_000)) {
                System.exit(2);
            }
            System.out.println("written " + journal.file());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void everyLineWrittenBeforeAKillIsInTheFile(@TempDir Path dir) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("written "));
            assertTrue(line != null, "the child wrote its journal");
            child.destroyForcibly(); // no shutdown hooks, no close: like kill -9
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            Path file = Paths.get(line.substring("written ".length()));
            JournalReader.Result result = JournalReader.read(file);
            assertTrue(result.warnings().isEmpty(), result.warnings().toString());
            List<JournalReader.Line> lines = result.lines();
            assertEquals(51, lines.size());
            assertEquals("start", lines.get(0).text("event"));
            assertEquals("49.0", lines.get(50).text("id"));
            assertTrue(Files.readString(file).endsWith("\n"));
        } finally {
            child.destroyForcibly();
        }
    }
}
