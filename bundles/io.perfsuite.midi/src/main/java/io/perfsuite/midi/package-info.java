// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Offline rendering of timed MIDI events or a Standard MIDI File to a WAV file through the JDK's built-in
 * synthesizer ({@link io.perfsuite.midi.OfflineRenderer}), for the {@code render} and {@code demo} commands.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.perfsuite.midi;
