// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.DegradationLevel;

/** Degradation levels: down under overload, back up after a quiet period, or forced. */
class DegradationTest {

    @Test
    void overloadStepsDownOneLevelAtATimeAndQuietStepsBackUp() {
        // each plan call is within its own (large) budget, but together they overrun the 1 ms step budget
        try (Harness h = new Harness("bandmateBudgetMicros", 100_000, "stepBudgetMicros", 1000,
                "overloadWindowBeats", 4, "overloadBeats", 2, "recoverBeats", 4)) {
            TestAgents.Slow heavy = new TestAgents.Slow("heavy", Role.KEYS, 1_500_000);
            TestAgents.Player drums = new TestAgents.Player("drums", Role.DRUMS);
            h.bind(heavy);
            h.bind(drums);
            TestAgents.Recorder levels = new TestAgents.Recorder();
            h.bind(levels, ContextChange.DEGRADATION);
            h.start();
            while (h.ctx().degradation() != DegradationLevel.MINIMAL) {
                h.nextBeat();
            }
            assertTrue(h.ctx().beat() <= 8, "two overloaded beats per step, four steps: " + h.ctx().beat());
            assertEquals(List.of(DegradationLevel.NO_VISUAL_DETAIL, DegradationLevel.NO_MCP,
                    DegradationLevel.NO_ANIMATION, DegradationLevel.MINIMAL), levels(levels));
            int heavyCalls = heavy.windows.size();
            h.nextBeat();
            h.nextBeat();
            assertEquals(heavyCalls, heavy.windows.size(), "at MINIMAL the keys are not planned: no more overload");
            // the load goes away: one level back up every 4 quiet beats (a preempted beat only delays it)
            heavy.busyNanos = 0;
            double quietFrom = h.ctx().beat();
            int guard = 0;
            while (h.ctx().degradation() != DegradationLevel.FULL && guard++ < 400) {
                h.nextBeat();
            }
            assertEquals(DegradationLevel.FULL, h.ctx().degradation());
            assertTrue(h.ctx().beat() - quietFrom >= 4 * 4 - 2, "four levels, about four quiet beats each");
            List<DegradationLevel> all = levels(levels);
            assertEquals(List.of(DegradationLevel.NO_ANIMATION, DegradationLevel.NO_MCP,
                    DegradationLevel.NO_VISUAL_DETAIL, DegradationLevel.FULL),
                    all.subList(all.size() - 4, all.size()));
        }
    }

    @Test
    void aLoadOnlyTheLowerLevelCarriesDoesNotMakeTheLevelFlap() {
        try (Harness h = new Harness("bandmateBudgetMicros", 100_000, "stepBudgetMicros", 1000,
                "overloadWindowBeats", 4, "overloadBeats", 2, "recoverBeats", 4)) {
            TestAgents.Slow heavy = new TestAgents.Slow("heavy", Role.KEYS, 1_500_000);
            h.bind(heavy);
            h.start();
            List<Double> stepUps = new ArrayList<>();
            DegradationLevel before = h.ctx().degradation();
            while (h.ctx().beat() < 120) {
                h.nextBeat();
                DegradationLevel now = h.ctx().degradation();
                if (before == DegradationLevel.MINIMAL && now == DegradationLevel.NO_ANIMATION) {
                    stepUps.add(h.ctx().beat());
                }
                before = now;
            }
            assertTrue(stepUps.size() >= 3, "it tries again: " + stepUps);
            double firstGap = stepUps.get(1) - stepUps.get(0);
            double lastGap = stepUps.get(stepUps.size() - 1) - stepUps.get(stepUps.size() - 2);
            assertTrue(lastGap > firstGap, "and waits longer each time: " + stepUps);
        }
    }

    private static List<DegradationLevel> levels(TestAgents.Recorder r) {
        return r.contexts.stream().map(c -> c.degradation()).toList();
    }

    @Test
    void aForcedLevelHoldsUntilGivenBackToTheRule() {
        try (Harness h = new Harness("stepBudgetMicros", 1000, "overloadWindowBeats", 2, "overloadBeats", 1,
                "recoverBeats", 2)) {
            h.start();
            h.session.setDegradation(DegradationLevel.NO_ANIMATION);
            h.untilBeat(20);
            assertEquals(DegradationLevel.NO_ANIMATION, h.ctx().degradation(),
                    "quiet beats do not lift a forced level");
            h.submit("degrade", "level=auto");
            h.step();
            assertEquals(DegradationLevel.FULL, h.ctx().degradation());
        }
    }
}
