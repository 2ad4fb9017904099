// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Building blocks for bandmate plugins, so a third party's bandmate starts where the suite's own do: a
 * {@link io.perfsuite.api.band.kit.Timeline} of the song around a planning window (bars, chord and section changes
 * as observed, latched cues), a seeded {@link io.perfsuite.api.band.kit.Humanizer} whose output depends only on the
 * seed and the musical position (so replaying a window gives the same notes), chord-tone helpers
 * ({@link io.perfsuite.api.band.kit.Harmony}) and configuration checks
 * ({@link io.perfsuite.api.band.kit.PluginSettings}). Plain JDK code, allocation-free on the planning path; each
 * object is owned by one bandmate and used on the session thread.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.band.kit;
