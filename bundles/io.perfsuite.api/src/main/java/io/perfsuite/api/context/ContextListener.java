// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.context;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Observer of the musical context, found on the service whiteboard: register an implementation as an OSGi service
 * and the session calls it.
 *
 * <p><b>Threading:</b> called on the session thread only, one call at a time, in snapshot order. An implementation
 * must return quickly (the session times every call against the agents' budget, 1 ms for all of them together),
 * must not block, and must not call back into the session synchronously. A listener that throws or overruns is
 * isolated for that step and counted; repeated faults mark it degraded. The snapshot it receives is immutable and
 * may be kept.
 */
@ConsumerType
public interface ContextListener {

    /**
     * Optional service property: the names of the {@link ContextChange}s this listener wants (a String or String[]);
     * without it the listener receives every change.
     */
    String PROP_CHANGES = "perfsuite.context.changes";

    /**
     * Tells the listener that a new context was published.
     *
     * @param context the new snapshot, never null
     * @param changes what changed since the previous snapshot, never empty, immutable
     */
    void contextChanged(MusicalContext context, Set<ContextChange> changes);
}
