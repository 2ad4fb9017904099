// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc;

/**
 * The counters of an endpoint. Every datagram read from the socket is counted once in {@link #received()} and once
 * more in exactly one of {@link #accepted()} or the drop counters ({@link #disallowed()} through
 * {@link #internalErrors()}), so {@code received == accepted + dropped()}. Messages of accepted packets are counted in
 * {@link #delivered()} or {@link #unhandled()}.
 *
 * @param received       datagrams read from the socket
 * @param accepted       datagrams that passed every check and decoded as OSC
 * @param disallowed     dropped: the sender is not in the allow-list (checked before anything else)
 * @param oversized      dropped: larger than the maximum packet size (checked before parsing)
 * @param rateLimited    dropped: the sender exceeded its packet rate (checked before parsing)
 * @param truncated      dropped: the packet ends before what it declares (a string, a blob, a bundle element)
 * @param malformed      dropped: not OSC (bad alignment, address, padding, sizes, trailing bytes, nesting)
 * @param badTypeTag     dropped: a missing, unknown or unbalanced type tag
 * @param internalErrors dropped: a fault of the endpoint itself while handling the packet (should stay 0)
 * @param delivered      messages given to at least one handler
 * @param unhandled      messages no handler's address prefix matched
 * @param handlerErrors  handler calls that threw
 * @param sent           datagrams sent
 * @param sendErrors     sends the operating system refused
 */
public record OscStats(long received, long accepted, long disallowed, long oversized, long rateLimited,
        long truncated, long malformed, long badTypeTag, long internalErrors, long delivered, long unhandled,
        long handlerErrors, long sent, long sendErrors) {

    /** @return every datagram dropped, whatever the reason */
    public long dropped() {
        return disallowed + oversized + rateLimited + truncated + malformed + badTypeTag + internalErrors;
    }
}
