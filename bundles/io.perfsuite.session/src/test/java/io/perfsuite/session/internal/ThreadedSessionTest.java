// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.music.Chord;

/**
 * The session with its own thread on the real clock, as in the show: it wakes for hand-offs and beats. Generous
 * timeouts only; nothing here asserts timing.
 */
class ThreadedSessionTest {

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void theSessionThreadPlaysFollowsAndStops() throws Exception {
        DefaultSessionManager session = new DefaultSessionManager(TestConfig.settings("tempo", 180.0,
                "bandmateBudgetMicros", 200_000, "agentDeadlineMicros", 200_000, "stepBudgetMicros", 1_000_000, "warmUpPlans", 0), System::nanoTime, null,
                true);
        try {
            TestAgents.Player drums = new TestAgents.Player("drums", Role.DRUMS);
            session.bindBandmate(drums, java.util.Map.of("service.id", 1L));
            TestAgents.Recorder beats = new TestAgents.Recorder();
            session.bindContextListener(beats, java.util.Map.of("service.id", 2L, "perfsuite.context.changes",
                    "BEAT"));
            TestAgents.RecordingScheduler scheduler = new TestAgents.RecordingScheduler();
            session.bindNoteScheduler(scheduler);
            session.submit(session.create("count-in", java.util.Map.of("bars", "0")));
            await(() -> session.context().playing() && session.context().beat() >= 4, "four beats");
            session.heard(new AnalysisEvent.ChordHeard(0, System.nanoTime(), Chord.parse("E:7"), 0.9));
            await(() -> session.context().chord().equals(Chord.parse("E:7")), "the heard chord");
            assertFalse(drums.windows.isEmpty());
            for (int i = 1; i < drums.windows.size(); i++) {
                assertEquals(drums.windows.get(i - 1).to(), drums.windows.get(i).from());
            }
            for (int i = 1; i < beats.beats().size(); i++) {
                assertEquals(beats.beats().get(i - 1).beat() + 1, beats.beats().get(i).beat());
            }
            assertTrue(beats.all().contains(ContextChange.BEAT));
            session.submit(session.create("stop", java.util.Map.of()), Quantization.NOW);
            await(() -> !session.context().playing(), "the stop");
            assertEquals(1, scheduler.releasedAll);
        } finally {
            session.close();
        }
    }
}
