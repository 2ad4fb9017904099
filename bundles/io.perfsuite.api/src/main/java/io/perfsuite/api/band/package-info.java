// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Bandmates: the plugins that play along. A bandmate is an OSGi service implementing
 * {@link io.perfsuite.api.band.Bandmate}; the platform finds it on the whiteboard, asks it to plan ahead on the
 * predicted beat grid, and plays what it planned on time. {@link io.perfsuite.api.band.BandRoster} tells who is in
 * the band right now.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.band;
