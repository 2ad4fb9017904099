// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the decoded messages of an address space, found on the service whiteboard: register an implementation as
 * an OSGi service with {@value #PROP_ADDRESS} (and usually {@value #PROP_ENDPOINT}) and the endpoints call it for
 * every message whose address starts with one of the prefixes. Messages of a bundle arrive one by one, each with the
 * time tag of the innermost bundle that held it; the endpoint does not wait for the time tag, it passes it on.
 *
 * <p><b>Threading:</b> called on the endpoint's receive thread, one message at a time, in arrival order. An
 * implementation must return quickly (a hand-off, a reply: well under a millisecond) and must not block, since every
 * packet on that endpoint waits behind it. Replies may be sent from inside the call. An exception thrown by the
 * handler is caught and counted ({@link OscStats#handlerErrors()}), never seen by the sender.
 */
@ConsumerType
public interface OscHandler {

    /**
     * Service property: the name(s) of the endpoints whose messages the handler wants (a String or String[]);
     * without it, every endpoint's.
     */
    String PROP_ENDPOINT = "perfsuite.osc.endpoint";

    /**
     * Service property: the address prefix(es) the handler takes (a String or String[]), e.g. {@code "/perfsuite"},
     * which matches {@code /perfsuite} and {@code /perfsuite/...} but not {@code /perfsuitex}; without it, "/"
     * (every address). Matching is on the literal address: OSC patterns in a received address are not expanded.
     */
    String PROP_ADDRESS = "perfsuite.osc.address";

    /**
     * Handles one received message.
     *
     * @param received the message with its sender, time tag and endpoint
     */
    void handle(OscReceived received);
}
