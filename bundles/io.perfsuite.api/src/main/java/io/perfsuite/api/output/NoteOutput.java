// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.output;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A destination for the notes the band plays: the built-in synthesizer, a MIDI device (a virtual port into
 * Ableton Live), a Standard MIDI File recorder. Register an implementation as an OSGi service; the scheduler sends
 * every event to every output whose filter matches, at the event's time.
 *
 * <p>Each call carries the {@link System#nanoTime()} at which the event is meant to sound; the scheduler calls at or
 * just before that time, so a real-time output sends immediately and a recorder uses the time stamp.
 *
 * <p><b>Threading:</b> called on the scheduler thread only, never concurrently. Implementations must not block,
 * allocate per event, lock, log or do I/O on that thread: an output that writes to a file or a slow device queues
 * the event to a thread of its own. An output that throws is isolated and counted; the band plays on through the
 * others. Values are valid MIDI (channel 0..15, data 0..127); the scheduler checks them before calling.
 */
@ConsumerType
public interface NoteOutput {

    /** Service property naming the output, e.g. "synth", "midi:IAC Driver Bus 1", "file". */
    String PROP_ID = "perfsuite.output.id";

    /** @return this output's name, constant over its life */
    String id();

    /**
     * Starts a note.
     *
     * @param nanoTime when it should sound
     * @param channel  MIDI channel, 0..15
     * @param note     MIDI note number, 0..127
     * @param velocity 1..127
     */
    void noteOn(long nanoTime, int channel, int note, int velocity);

    /**
     * Ends a note.
     *
     * @param nanoTime when it should end
     * @param channel  MIDI channel, 0..15
     * @param note     MIDI note number, 0..127
     */
    void noteOff(long nanoTime, int channel, int note);

    /**
     * Changes a controller.
     *
     * @param nanoTime   when
     * @param channel    MIDI channel, 0..15
     * @param controller 0..127
     * @param value      0..127
     */
    void controlChange(long nanoTime, int channel, int controller, int value);

    /**
     * Selects a program (an instrument).
     *
     * @param nanoTime when
     * @param channel  MIDI channel, 0..15
     * @param program  0..127
     */
    void programChange(long nanoTime, int channel, int program);

    /**
     * Silences everything this output is sounding, on every channel: sent on stop, on shutdown and when a bandmate
     * leaves with notes held. Must be safe to call at any time, repeatedly.
     *
     * @param nanoTime when
     */
    void allNotesOff(long nanoTime);
}
