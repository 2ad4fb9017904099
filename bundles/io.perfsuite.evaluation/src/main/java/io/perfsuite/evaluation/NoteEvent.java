// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * A transcribed or annotated note: onset, offset and a constant pitch.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param onset onset time (s)
 * @param offset offset time (s)
 * @param frequency pitch as a fundamental frequency (Hz)
 */
public record NoteEvent(double onset, double offset, double frequency) {

    /**
     * Creates a note from a MIDI note number, using {@code 440 * 2^((midi - 69) / 12)} Hz.
     *
     * @param onset onset time (s)
     * @param offset offset time (s)
     * @param midi MIDI note number, possibly fractional
     * @return the note
     */
    public static NoteEvent ofMidi(double onset, double offset, double midi) {
        return new NoteEvent(onset, offset, midiToHz(midi));
    }

    /**
     * Converts a MIDI note number to Hz.
     *
     * @param midi MIDI note number, possibly fractional
     * @return {@code 440 * 2^((midi - 69) / 12)}
     */
    public static double midiToHz(double midi) {
        return 440.0 * Math.pow(2.0, (midi - 69.0) / 12.0);
    }
}
