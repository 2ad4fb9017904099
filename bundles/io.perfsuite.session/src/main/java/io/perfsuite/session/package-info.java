// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The session for file jobs: {@link io.perfsuite.session.OfflineSession} runs the show's session logic on a clock
 * the job moves, for renders that must behave exactly as the live band would.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.session;
