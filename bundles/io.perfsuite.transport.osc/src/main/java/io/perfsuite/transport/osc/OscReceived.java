// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A message as an endpoint received it.
 *
 * @param endpoint      the endpoint it arrived on, to reply through
 * @param sender        the address and port the datagram came from
 * @param message       the decoded message
 * @param timetag       the OSC time tag (NTP format, 64 bits) of the innermost bundle that held it, or
 *                      {@link #IMMEDIATELY} for a message sent on its own
 * @param receivedNanos {@link System#nanoTime()} right after the datagram was read from the socket
 */
public record OscReceived(OscEndpoint endpoint, InetSocketAddress sender, OscMessage message, long timetag,
        long receivedNanos) {

    /** The time tag that means "now" (and the one given to messages that were not in a bundle). */
    public static final long IMMEDIATELY = 1L;

    /** @throws NullPointerException if a reference is null */
    public OscReceived {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Sends a message back to the sender through the endpoint it came in on.
     *
     * @param address   the OSC address
     * @param arguments the arguments
     * @return as {@link OscEndpoint#send(java.net.SocketAddress, OscMessage)}
     */
    public boolean reply(String address, Object... arguments) {
        return endpoint.send(sender, OscMessage.of(address, arguments));
    }
}
