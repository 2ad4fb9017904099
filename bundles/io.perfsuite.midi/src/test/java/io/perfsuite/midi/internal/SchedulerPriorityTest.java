// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.thread.RealtimePriority;

/**
 * The scheduler thread's real-time priority: applied where the process may (root or CAP_SYS_NICE, as on the CI
 * machine: under PERFSUITE_CI=1 on Linux it must), else the reason.
 */
class SchedulerPriorityTest {

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .contains("linux");

    @Test
    void theSchedulerThreadTakesItsConfiguredPolicy() throws Exception {
        MidiScheduler.Settings settings = MidiScheduler.Settings.defaults().withRealtimePriority(11);
        MidiScheduler s = new MidiScheduler(settings, ChannelMap.parse(new String[0], true));
        s.start();
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (s.policy().equals("not started") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            String policy = s.policy();
            System.out.println("scheduler thread: " + policy);
            assertTrue(policy.equals("real-time (SCHED_RR 11)") || policy.startsWith("normal ("), policy);
            if (LINUX && "1".equals(System.getenv("PERFSUITE_CI"))) {
                assertEquals("real-time (SCHED_RR 11)", policy);
            }
        } finally {
            s.stop();
        }
        assertThrows(IllegalArgumentException.class, () -> settings.withRealtimePriority(RealtimePriority.MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> settings.withRealtimePriority(-1));
        assertEquals(0, MidiScheduler.Settings.defaults().realtimePriority(), "a normal thread unless configured");
    }
}
