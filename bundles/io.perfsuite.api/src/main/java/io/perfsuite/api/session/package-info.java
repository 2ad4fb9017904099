// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The session manager as a service: the current musical context, the queue of performer commands, undo and redo,
 * system modes, songs and setlists, and the supervision figures of the agents it calls. Control surfaces, the
 * console and tools use it; plugins add commands by registering {@link io.perfsuite.api.session.CommandFactory}
 * services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.session;
