// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Performer instructions as objects (the Command pattern): queued by the session, carried out at a quantization
 * point, undoable in rehearsal, and journaled by name and arguments so a session can be replayed. Plugins add their
 * own commands by implementing {@link io.perfsuite.api.command.Command}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.command;
