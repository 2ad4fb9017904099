// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.util.concurrent.atomic.AtomicLongArray;

import io.perfsuite.transport.osc.OscStats;

import static io.perfsuite.transport.osc.internal.Counter.*;

/**
 * An endpoint's counters. <b>Threading:</b> any thread may increment and read; a snapshot is not atomic across
 * counters (a packet being handled may show in one counter and not yet in the next).
 */
final class Counters {

    private final AtomicLongArray values = new AtomicLongArray(Counter.values().length);

    void increment(Counter c) {
        values.incrementAndGet(c.ordinal());
    }

    long get(Counter c) {
        return values.get(c.ordinal());
    }

    OscStats snapshot() {
        return new OscStats(get(RECEIVED), get(ACCEPTED), get(DISALLOWED), get(OVERSIZED), get(RATE_LIMITED),
                get(TRUNCATED), get(MALFORMED), get(BAD_TYPE_TAG), get(INTERNAL_ERRORS), get(DELIVERED),
                get(UNHANDLED), get(HANDLER_ERRORS), get(SENT), get(SEND_ERRORS));
    }
}
