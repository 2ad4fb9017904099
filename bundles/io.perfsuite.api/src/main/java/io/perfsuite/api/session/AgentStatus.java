// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.session;

import java.util.Objects;

/**
 * Supervision figures of one agent the session calls (a bandmate's plan, a context listener), as counted since the
 * agent joined.
 *
 * @param id          the agent's id (a bandmate id, or a listener's component name)
 * @param kind        "bandmate" or "listener"; "stage" for a step of the session's own (e.g. "session.command": a
 *                    command from its submission, or its quantization point, to being carried out)
 * @param calls       calls made
 * @param faults      calls that threw or gave invalid output
 * @param overruns    calls that took longer than the budget
 * @param degraded    whether repeated faults have taken the agent out of the show (it is retried later)
 * @param budgetNanos the per-call budget
 * @param p50Nanos    median call time
 * @param p99Nanos    99th percentile call time
 * @param maxNanos    longest call
 * @param lastNanos   the last call's time
 */
public record AgentStatus(String id, String kind, long calls, long faults, long overruns, boolean degraded,
        long budgetNanos, long p50Nanos, long p99Nanos, long maxNanos, long lastNanos) {

    /** @throws NullPointerException if a reference is null */
    public AgentStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }
}
