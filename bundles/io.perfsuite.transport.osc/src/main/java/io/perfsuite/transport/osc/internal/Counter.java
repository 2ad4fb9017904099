// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import io.perfsuite.transport.osc.OscStats;

/** The counters of an endpoint, in the order of {@link OscStats}'s components. */
enum Counter {
    RECEIVED, ACCEPTED, DISALLOWED, OVERSIZED, RATE_LIMITED, TRUNCATED, MALFORMED, BAD_TYPE_TAG, INTERNAL_ERRORS,
    DELIVERED, UNHANDLED, HANDLER_ERRORS, SENT, SEND_ERRORS
}
