// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import io.perfsuite.api.session.AgentStatus;

/**
 * Timing of one of the session's own stages (not an agent): e.g. a command from its submission, or from its
 * quantization point when it had to wait for one, to the moment the session thread carried it out. Reported with the
 * agents, kind {@code "stage"}, so the shell and the console show it beside them.
 *
 * <p><b>Threading:</b> {@link #record} on the session thread only; {@link #status()} from any thread.
 */
final class StageStats {

    private static final long MAX_NANOS = 10_000_000_000L;

    private final String id;
    private final long budgetNanos;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, MAX_NANOS, 2);
    private final Histogram total = new Histogram(1, MAX_NANOS, 2);
    private Histogram interval;
    private volatile long count;
    private volatile long overBudget;
    private volatile long last;

    StageStats(String id, long budgetNanos) {
        this.id = id;
        this.budgetNanos = budgetNanos;
    }

    /** @param nanos how long the stage took; negative values (clock steps) are ignored */
    void record(long nanos) {
        if (nanos < 0) {
            return;
        }
        recorder.recordValue(Math.min(Math.max(1, nanos), MAX_NANOS));
        last = nanos;
        count = count + 1; // one writer
        if (nanos > budgetNanos) {
            overBudget = overBudget + 1;
        }
    }

    AgentStatus status() {
        synchronized (this) {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            boolean any = total.getTotalCount() > 0;
            return new AgentStatus(id, "stage", count, 0, overBudget, false, budgetNanos,
                    any ? total.getValueAtPercentile(50) : 0, any ? total.getValueAtPercentile(99) : 0,
                    total.getMaxValue(), last);
        }
    }
}
