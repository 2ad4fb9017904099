// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Threads that keep time: {@link io.perfsuite.api.thread.RealtimePriority} puts the calling thread under Linux's
 * real-time scheduling where the process may, and says why not where it may not.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.thread;
