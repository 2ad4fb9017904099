// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import com.illposed.osc.OSCPacket;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One OSC endpoint: a UDP socket that receives, checks and decodes packets for the {@link OscHandler} whiteboard, and
 * sends through the same socket, so a reply leaves from the port the peer sent to (TouchOSC and Open Stage Control
 * expect that). The transport bundle registers one service per factory configuration, with the configuration's
 * properties as service properties ({@value #PROP_NAME} among them).
 *
 * <p><b>Threading:</b> every method may be called from any thread. The {@code send} methods encode into a buffer of
 * the endpoint under a short lock and hand the datagram to the operating system; they never wait for the peer, but
 * they are I/O: not for the audio thread nor the session thread.
 */
@ProviderType
public interface OscEndpoint {

    /** Service property (and configuration property) with the endpoint's name, e.g. "control". */
    String PROP_NAME = "name";

    /** @return the endpoint's name, as configured */
    String name();

    /** @return the address the socket is bound to (the real port when port 0 was configured) */
    InetSocketAddress localAddress();

    /**
     * Sends a message.
     *
     * @param to      where to, e.g. the sender of a {@link OscReceived}
     * @param message the message; its address must be a plain address (no pattern characters)
     * @return true if the datagram was handed to the operating system, false if that failed (counted in
     *     {@link OscStats#sendErrors()} and logged at most every few seconds)
     * @throws IllegalArgumentException if the message cannot be encoded or is larger than a UDP datagram
     * @throws IllegalStateException    if the endpoint is closed
     */
    boolean send(SocketAddress to, OscMessage message);

    /**
     * Sends a message built from an address and arguments, see {@link OscMessage#of(String, Object...)}.
     *
     * @param to        where to
     * @param address   the OSC address
     * @param arguments the arguments
     * @return as {@link #send(SocketAddress, OscMessage)}
     * @throws IllegalArgumentException if an argument has no OSC type or the message cannot be encoded
     * @throws IllegalStateException    if the endpoint is closed
     */
    default boolean send(SocketAddress to, String address, Object... arguments) {
        return send(to, OscMessage.of(address, arguments));
    }

    /**
     * Sends a JavaOSC packet as it is: a message, or a bundle with its time tag.
     *
     * @param to     where to
     * @param packet the packet
     * @return as {@link #send(SocketAddress, OscMessage)}
     * @throws IllegalArgumentException if the packet cannot be encoded or is larger than a UDP datagram
     * @throws IllegalStateException    if the endpoint is closed
     */
    boolean send(SocketAddress to, OSCPacket packet);

    /** @return the endpoint's counters since it was configured */
    OscStats stats();
}
