// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import io.perfsuite.api.output.NoteOutput;

/**
 * A {@link NoteOutput} of this bundle that also wants to know which bandmate each event belongs to (the MIDI file
 * recorder writes one track per bandmate, while several bandmates may share a channel). The scheduler calls these
 * methods instead of the plain ones when an output implements this interface; the id is an existing string, so
 * passing it allocates nothing.
 *
 * <p><b>Threading:</b> as {@link NoteOutput}: the scheduler thread only.
 */
interface TrackedNoteOutput extends NoteOutput {

    /** As {@link #noteOn(long, int, int, int)}, from a bandmate (null for none). */
    void noteOn(long nanoTime, int channel, int note, int velocity, String bandmateId);

    /** As {@link #noteOff(long, int, int)}, from a bandmate (null for none). */
    void noteOff(long nanoTime, int channel, int note, String bandmateId);

    /** As {@link #controlChange(long, int, int, int)}, from a bandmate (null for none). */
    void controlChange(long nanoTime, int channel, int controller, int value, String bandmateId);

    /** As {@link #programChange(long, int, int)}, for a bandmate (null for none). */
    void programChange(long nanoTime, int channel, int program, String bandmateId);

    @Override
    default void noteOn(long nanoTime, int channel, int note, int velocity) {
        noteOn(nanoTime, channel, note, velocity, null);
    }

    @Override
    default void noteOff(long nanoTime, int channel, int note) {
        noteOff(nanoTime, channel, note, null);
    }

    @Override
    default void controlChange(long nanoTime, int channel, int controller, int value) {
        controlChange(nanoTime, channel, controller, value, null);
    }

    @Override
    default void programChange(long nanoTime, int channel, int program) {
        programChange(nanoTime, channel, program, null);
    }
}
