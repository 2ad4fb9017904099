// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.Set;

import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.ContextListener;

/**
 * A bound context listener, its change filter and its supervision. Created on a DS thread; the session thread calls
 * the listener; the filter is replaced (never changed in place) by the DS thread when the service properties change.
 */
final class ListenerSlot {

    final ContextListener listener;
    final String id;
    final long serviceId;
    final AgentStats stats;
    /** The changes it wants (immutable), or null for all; replaced when its service properties change. */
    volatile Set<ContextChange> filter;

    ListenerSlot(ContextListener listener, String id, long serviceId, Set<ContextChange> filter, long budgetNanos) {
        this.listener = listener;
        this.id = id;
        this.serviceId = serviceId;
        this.filter = filter;
        this.stats = new AgentStats(id, "listener", budgetNanos);
    }
}
