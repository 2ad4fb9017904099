// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

/** The agents' compute clock counts what the thread computed, not the time it waited. */
class ComputeClockTest {

    @Test
    void itCountsComputeAndNotSleep() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (linux) {
            assertTrue(ComputeClock.measuresCpu(), "HotSpot on Linux measures thread CPU time");
        } else if (!ComputeClock.measuresCpu()) {
            System.out.println("NOTICE: no thread CPU time on this JVM; agent budgets fall back to the wall clock");
            return;
        }
        LongSupplier cpu = ComputeClock.currentThread();
        long c0 = cpu.getAsLong();
        long w0 = System.nanoTime();
        Thread.sleep(50);
        long sleptCpu = cpu.getAsLong() - c0;
        long sleptWall = System.nanoTime() - w0;
        assertTrue(sleptWall >= 50_000_000L);
        assertTrue(sleptCpu < 10_000_000L, "50 ms asleep computed " + sleptCpu + " ns");

        long c1 = cpu.getAsLong();
        long w1 = System.nanoTime();
        double x = 1;
        while (System.nanoTime() - w1 < 20_000_000L) {
            x = Math.sqrt(x + 1);
        }
        long busyCpu = cpu.getAsLong() - c1;
        long busyWall = System.nanoTime() - w1;
        // a busy thread computes all the time it runs; on a loaded machine it may be preempted for part of it
        assertTrue(busyCpu > 2_000_000L && busyCpu <= busyWall + 1_000_000L,
                "20 ms busy: " + busyCpu + " ns of CPU in " + busyWall + " ns (" + x + ")");
    }
}
