// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * The CPU time of the calling thread, in nanoseconds: what an agent call computed, without the time the thread was
 * preempted by others. The design's budgets are compute (agents 1 ms of compute per beat); on a two-core machine
 * with real-time audio and MIDI threads, the wall time of a 20 µs call can exceed 100 µs when the session thread
 * is descheduled in the middle of it, and that is not the agent's fault. Where the JVM cannot measure thread CPU
 * time, the wall clock stands in.
 *
 * <p>Reading it is a system call (clock_gettime with a thread clock on Linux, well under a microsecond) and
 * allocates nothing.
 */
final class ComputeClock {

    private ComputeClock() {
    }

    /** @return the calling thread's CPU time clock, or the wall clock where the JVM has none */
    static LongSupplier currentThread() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isCurrentThreadCpuTimeSupported()) {
            return System::nanoTime;
        }
        try {
            if (!bean.isThreadCpuTimeEnabled()) {
                bean.setThreadCpuTimeEnabled(true);
            }
        } catch (UnsupportedOperationException | SecurityException e) {
            return System::nanoTime;
        }
        return bean::getCurrentThreadCpuTime;
    }

    /** @return whether {@link #currentThread()} measures CPU time here (rather than falling back to wall time) */
    static boolean measuresCpu() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled();
    }
}
