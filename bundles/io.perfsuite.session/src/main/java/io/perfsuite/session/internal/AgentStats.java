// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import io.perfsuite.api.session.AgentStatus;

/**
 * Supervision of one agent the session calls (a bandmate's plan, a context listener): call times in a wait-free
 * recorder, fault counting, and the degraded state with its retry.
 *
 * <p>Rule: a call that throws, overruns or writes invalid output is a fault. A call overruns when it computes longer
 * than its budget (CPU time of the session thread during the call, see {@link ComputeClock}) or holds the session
 * thread past the agents' deadline (wall time: it blocked, slept or waited); time the session thread spent
 * preempted by other threads is neither. The recorded call times are wall times: what the session thread waited. After {@code faultsInARow}
 * faults in a row, or {@code faultsInWindow} among the last {@value #WINDOW} calls, the agent is degraded: the
 * session skips it until a retry beat, {@code retryBars} bars later. The retry is one call on probation: a good call
 * brings the agent back, a fault degrades it again for twice as long (up to eight times).
 *
 * <p><b>Threading:</b> {@link #record} and the fault state belong to the session thread. The counters are volatile
 * with that one writer, and {@link #status()} may be called from any thread: it drains the recorder under this
 * object's monitor, which the session thread never takes.
 */
final class AgentStats {

    /** How many recent calls the windowed fault rule looks at. */
    static final int WINDOW = 16;
    private static final long MAX_NANOS = 10_000_000_000L;
    private static final int MAX_BACKOFF = 8;

    final String id;
    final String kind;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, MAX_NANOS, 2);
    private final Histogram total = new Histogram(1, MAX_NANOS, 2);
    private Histogram interval;

    private volatile long calls;
    private volatile long faults;
    private volatile long overruns;
    private volatile long lastNanos;
    private volatile long budgetNanos;
    private volatile boolean degraded;

    private int inARow;
    private int window; // bit i set: the call i calls ago was a fault
    private long retryAtNanos;
    private int backoff = 1;
    private boolean probation;

    AgentStats(String id, String kind, long budgetNanos) {
        this.id = id;
        this.kind = kind;
        this.budgetNanos = budgetNanos;
    }

    /**
     * @param nowNanos the session clock
     * @return whether the agent may be called now (not degraded, or due for its retry)
     */
    boolean mayCall(long nowNanos) {
        if (!degraded) {
            return true;
        }
        if (nowNanos - retryAtNanos >= 0) {
            probation = true;
            return true;
        }
        return false;
    }

    boolean degraded() {
        return degraded;
    }

    /**
     * Records one call.
     *
     * @param nanos       how long it took (wall time)
     * @param cpuNanos    how long it computed (CPU time of the calling thread)
     * @param failed      whether it threw or wrote invalid output
     * @param budget      its compute budget
     * @param nowNanos    the session clock
     * @param retryNanos  how long a degraded agent waits for its retry (some bars, in time)
     * @param settings    the fault rule
     * @return true if the call is a fault (threw, invalid, or over budget after the warm-up calls)
     */
    boolean record(long nanos, long cpuNanos, boolean failed, long budget, long nowNanos, long retryNanos,
            Settings settings) {
        budgetNanos = budget;
        recorder.recordValue(Math.max(1, Math.min(nanos, MAX_NANOS)));
        lastNanos = nanos;
        calls++;
        boolean over = cpuNanos > budget || nanos > settings.agentDeadlineNanos;
        if (over) {
            overruns++;
        }
        // an overrun while the JIT is still compiling a new agent is counted but not held against it
        boolean fault = failed || (over && calls > settings.warmUpCalls);
        window = (window << 1) | (fault ? 1 : 0);
        if (fault) {
            faults++;
            inARow++;
        } else {
            inARow = 0;
        }
        if (probation) {
            probation = false;
            if (fault) {
                backoff = Math.min(backoff * 2, MAX_BACKOFF);
                degrade(nowNanos, retryNanos);
            } else {
                degraded = false;
                backoff = 1;
                window = 0;
                inARow = 0;
            }
        } else if (fault && (inARow >= settings.faultsInARow
                || Integer.bitCount(window & ((1 << WINDOW) - 1)) >= settings.faultsInWindow)) {
            degrade(nowNanos, retryNanos);
        }
        return fault;
    }

    private void degrade(long nowNanos, long retryNanos) {
        degraded = true;
        retryAtNanos = nowNanos + retryNanos * backoff;
        inARow = 0;
        window = 0;
    }

    /** @return the figures so far; any thread */
    AgentStatus status() {
        synchronized (this) {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            return new AgentStatus(id, kind, calls, faults, overruns, degraded, budgetNanos,
                    total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(50),
                    total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(99), total.getMaxValue(), lastNanos);
        }
    }
}
