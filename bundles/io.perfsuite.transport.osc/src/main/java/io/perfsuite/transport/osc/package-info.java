// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * OSC over UDP for the platform's bundles: one {@link io.perfsuite.transport.osc.OscEndpoint} service per configured
 * endpoint (a socket with its sender allow-list, size and rate limits), and the
 * {@link io.perfsuite.transport.osc.OscHandler} whiteboard through which bundles receive the messages of an address
 * space. Argument values use the Java types of JavaOSC, the library underneath.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.transport.osc;
