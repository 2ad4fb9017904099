// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.Role;

/** A bound bandmate and its supervision. Created on a DS thread, then used by the session thread only. */
final class BandmateSlot {

    final Bandmate bandmate;
    final String id;
    final Role role;
    final long serviceId;
    final AgentStats stats;
    /** Session thread: has it joined the band (at a beat boundary)? */
    boolean active;
    /** Session thread: its notes were released for MINIMAL degradation. */
    boolean releasedForMinimal;
    /** Session thread: warm-up plan calls still to make before it plays (see SessionEngine#warmUp). */
    int warmUpLeft = -1;
    /** Session thread: warm-up calls on a newly selected song still to make while the band is stopped. */
    int rewarmLeft;
    /** Session thread: warm-up calls made so far (the made-up song's beat). */
    long warmUpCalls;

    BandmateSlot(Bandmate bandmate, String id, Role role, long serviceId, long budgetNanos) {
        this.bandmate = bandmate;
        this.id = id;
        this.role = role;
        this.serviceId = serviceId;
        this.stats = new AgentStats(id, "bandmate", budgetNanos);
    }
}
