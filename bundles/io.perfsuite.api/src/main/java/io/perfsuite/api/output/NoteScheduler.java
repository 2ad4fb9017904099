// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.output;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes the notes the bandmates planned, in musical time, and plays each at its moment through the
 * {@link NoteOutput}s. The MIDI generation bundle implements it; the session calls it with what each bandmate's
 * {@code plan} wrote. Beats are turned into {@link System#nanoTime()} as late as possible, with the latest context,
 * so a note planned a beat ahead still lands on a beat that drifted since.
 *
 * <p><b>Threading:</b> called on the session thread only. Implementations must not block, lock, allocate per note,
 * log or do I/O: they hand the note to their scheduler thread through preallocated storage.
 */
@ProviderType
public interface NoteScheduler {

    /**
     * Schedules a note.
     *
     * @param bandmateId    the bandmate that planned it (routes it to its channel and program)
     * @param beat          when it starts, in beats since the start of the song
     * @param note          MIDI note number, 0..127
     * @param velocity      1..127
     * @param durationBeats how long it lasts, in beats, &gt; 0
     */
    void note(String bandmateId, double beat, int note, int velocity, double durationBeats);

    /**
     * Schedules a controller change.
     *
     * @param bandmateId the bandmate
     * @param beat       when
     * @param controller 0..119
     * @param value      0..127
     */
    void control(String bandmateId, double beat, int controller, int value);

    /**
     * Drops what a bandmate has scheduled and not yet played, and ends its sounding notes now (mute, leave, reset).
     *
     * @param bandmateId the bandmate
     */
    void release(String bandmateId);

    /** Drops everything scheduled and ends every sounding note now (stop, new song, shutdown). */
    void releaseAll();
}
