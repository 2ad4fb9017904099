// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link Bandmate} writes the notes it plans. The platform implements it over preallocated storage, so
 * writing a note does not allocate; notes are routed to the bandmate's channel and outputs by the platform.
 *
 * <p><b>Threading:</b> valid only during the {@link Bandmate#plan} call it was passed to, on that thread.
 */
@ProviderType
public interface NoteSink {

    /**
     * Plans one note.
     *
     * @param beat          when it starts, in beats since the start of the song (within the planned window)
     * @param note          MIDI note number, 0..127 (for drums: a General MIDI percussion key)
     * @param velocity      MIDI velocity, 1..127
     * @param durationBeats how long it lasts, in beats, &gt; 0
     * @throws IllegalArgumentException if a value is out of range (the note is dropped, nothing else is affected)
     */
    void note(double beat, int note, int velocity, double durationBeats);

    /**
     * Plans a controller change (sustain pedal, expression, modulation).
     *
     * @param beat       when, in beats since the start of the song
     * @param controller MIDI controller number, 0..119
     * @param value      0..127
     * @throws IllegalArgumentException if a value is out of range
     */
    void control(double beat, int controller, int value);
}
