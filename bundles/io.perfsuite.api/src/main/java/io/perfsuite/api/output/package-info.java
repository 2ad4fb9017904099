// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Outputs of the band: {@link io.perfsuite.api.output.NoteOutput} services receive the timed MIDI events the
 * scheduler plays (a synthesizer, a MIDI port feeding Ableton Live, a MIDI file recorder).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.output;
