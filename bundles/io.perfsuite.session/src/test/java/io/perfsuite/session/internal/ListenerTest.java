// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.ContextListener;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.session.AgentStatus;

/** The ContextListener whiteboard: what each listener hears, and listeners that misbehave. */
class ListenerTest {

    @Test
    void listenersHearOnlyTheChangesTheyAskFor() {
        try (Harness h = new Harness()) {
            TestAgents.Recorder everything = new TestAgents.Recorder();
            TestAgents.Recorder bars = new TestAgents.Recorder();
            TestAgents.Recorder modes = new TestAgents.Recorder();
            h.bind(everything);
            h.bind(bars, ContextChange.BAR);
            h.bind(modes, ContextChange.MODE, ContextChange.TRANSPORT);
            h.start();
            h.untilBeat(8);
            h.session.setMode(SystemMode.REHEARSAL);
            h.step();
            assertTrue(everything.all().containsAll(EnumSet.of(ContextChange.BEAT, ContextChange.BAR,
                    ContextChange.TRANSPORT, ContextChange.MODE)));
            assertEquals(List.of(0.0, 4.0, 8.0), bars.contexts.stream().map(MusicalContext::beat).toList());
            for (Set<ContextChange> c : bars.changes) {
                assertTrue(c.contains(ContextChange.BAR));
                assertTrue(c.contains(ContextChange.BEAT), "the listener gets the whole change set");
            }
            assertEquals(2, modes.contexts.size(), "start (TRANSPORT) and the mode change");
            assertTrue(modes.changes.get(1).contains(ContextChange.MODE));
            assertThrows(UnsupportedOperationException.class, () -> everything.changes.get(0).add(ContextChange.KEY));
            long previous = -1;
            for (MusicalContext c : everything.contexts) {
                assertTrue(c.sequence() > previous, "snapshots in order");
                previous = c.sequence();
            }
        }
    }

    @Test
    void theFilterIsReadAgainWhenTheListenersPropertiesChange() {
        try (Harness h = new Harness()) {
            TestAgents.Recorder r = new TestAgents.Recorder();
            h.session.bindContextListener(r, Map.of("service.id", 1L, ContextListener.PROP_CHANGES, "MODE"));
            h.start();
            assertTrue(r.contexts.isEmpty());
            h.session.updatedContextListener(r, Map.of("service.id", 1L, ContextListener.PROP_CHANGES,
                    "bar, transport"));
            h.untilBeat(4);
            assertEquals(1, r.contexts.size());
            h.session.unbindContextListener(r);
            h.untilBeat(8);
            assertEquals(1, r.contexts.size());
        }
    }

    @Test
    void aThrowingListenerIsIsolatedAndDegradedWhileTheOthersHearEverything() {
        try (Harness h = new Harness()) {
            ContextListener thrower = (c, w) -> {
                throw new IllegalStateException("bad listener");
            };
            TestAgents.Recorder good = new TestAgents.Recorder();
            h.bind(thrower, ContextChange.BEAT);
            h.bind(good, ContextChange.BEAT);
            h.start();
            h.untilBeat(10);
            assertEquals(12, good.contexts.size());
            AgentStatus bad = h.session.agents().stream().filter(a -> a.kind().equals("listener") && a.faults() > 0)
                    .findFirst().orElseThrow();
            assertTrue(bad.degraded());
            assertEquals(3, bad.calls(), "skipped once degraded");
            AgentStatus fine = h.session.agents().stream().filter(a -> a.kind().equals("listener") && a.faults() == 0)
                    .findFirst().orElseThrow();
            assertFalse(fine.degraded());
            assertEquals(12, fine.calls());
            assertTrue(fine.maxNanos() > 0);
        }
    }

    @Test
    void aSlowListenerOverrunsItsBudget() {
        try (Harness h = new Harness("listenerBudgetMicros", 500)) {
            ContextListener slow = (c, w) -> {
                long until = System.nanoTime() + 2_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            };
            h.bind(slow, ContextChange.BEAT);
            h.start();
            h.untilBeat(6);
            AgentStatus s = h.session.agents().get(0);
            assertEquals(3, s.overruns());
            assertTrue(s.degraded());
            assertEquals(500_000, s.budgetNanos());
            assertTrue(s.p50Nanos() >= 2_000_000 * 0.99);
        }
    }
}
