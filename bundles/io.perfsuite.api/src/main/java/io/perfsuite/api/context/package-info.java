// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one musical context the whole band follows: an immutable {@link io.perfsuite.api.context.MusicalContext}
 * snapshot published by the session, and the {@link io.perfsuite.api.context.ContextListener} whiteboard that
 * observes it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.context;
