// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import java.util.ArrayList;
import java.util.List;

import io.perfsuite.api.band.NoteSink;

/** A sink that keeps the notes and checks the contract on each: inside the window, MIDI ranges, positive length. */
final class Recorder implements NoteSink {

    record Planned(double beat, int note, int velocity, double duration) {
    }

    final List<Planned> notes = new ArrayList<>();
    private double from = Double.NEGATIVE_INFINITY;
    private double to = Double.POSITIVE_INFINITY;

    /** Sets the window the next notes must fall in. */
    Recorder window(double windowFrom, double windowTo) {
        this.from = windowFrom;
        this.to = windowTo;
        return this;
    }

    @Override
    public void note(double beat, int note, int velocity, double durationBeats) {
        if (!(beat >= from && beat < to)) {
            throw new AssertionError("note at " + beat + " outside the window [" + from + ", " + to + ")");
        }
        if (note < 0 || note > 127 || velocity < 1 || velocity > 127 || !(durationBeats > 0)) {
            throw new AssertionError("bad note " + note + " velocity " + velocity + " duration " + durationBeats);
        }
        notes.add(new Planned(beat, note, velocity, durationBeats));
    }

    @Override
    public void control(double beat, int controller, int value) {
        throw new AssertionError("no controllers expected");
    }

    /** @return the notes with a key, in order */
    List<Planned> with(int key) {
        return notes.stream().filter(p -> p.note() == key).toList();
    }
}
