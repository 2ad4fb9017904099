// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.util.Objects;

/**
 * What an endpoint is configured with, checked. Immutable.
 *
 * @param name          the endpoint's name
 * @param bindHost      the address to bind ("127.0.0.1", "0.0.0.0", "::")
 * @param port          the UDP port, 0 for any free port
 * @param allowList     who may send
 * @param maxPacketSize larger datagrams are dropped unread
 * @param rateLimit     packets per second per sender host, 0 for no limit
 * @param rateBurst     packets a sender may send at once after a pause
 * @param receiveBuffer the socket's receive buffer (SO_RCVBUF), in bytes; 0 keeps the system's default
 * @param errorReply    the OSC address that answers an allowed sender's undecodable or oversized packet, or "" for
 *                      no answer
 */
record EndpointSettings(String name, String bindHost, int port, AllowList allowList, int maxPacketSize,
        int rateLimit, int rateBurst, int receiveBuffer, String errorReply) {

    /** The largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65507;

    /** @throws IllegalArgumentException if a value is out of range (the message names it) */
    EndpointSettings {
        Objects.requireNonNull(allowList, "allowList");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an OSC endpoint needs a name");
        }
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("endpoint " + name + ": bind host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("endpoint " + name + ": port must be 0..65535, was " + port);
        }
        if (maxPacketSize < 16 || maxPacketSize > MAX_DATAGRAM) {
            throw new IllegalArgumentException("endpoint " + name + ": max packet size must be 16.." + MAX_DATAGRAM
                    + ", was " + maxPacketSize);
        }
        if (rateLimit < 0 || rateBurst < 1) {
            throw new IllegalArgumentException("endpoint " + name + ": rate limit must be >= 0 and burst >= 1, were "
                    + rateLimit + " and " + rateBurst);
        }
        if (receiveBuffer < 0) {
            throw new IllegalArgumentException("endpoint " + name + ": receive buffer must be >= 0");
        }
        errorReply = errorReply == null ? "" : errorReply.trim();
        if (!errorReply.isEmpty() && !errorReply.matches("/[!-~&&[^ #*,?\\[\\]{}]]*")) {
            throw new IllegalArgumentException("endpoint " + name + ": error reply address \"" + errorReply
                    + "\" is not a plain OSC address");
        }
        name = name.trim();
        bindHost = bindHost.trim();
    }

    /**
     * @param other other settings
     * @return whether both use the same socket (changing anything else does not need a new one)
     */
    boolean sameSocket(EndpointSettings other) {
        return bindHost.equals(other.bindHost) && port == other.port && receiveBuffer == other.receiveBuffer;
    }
}
