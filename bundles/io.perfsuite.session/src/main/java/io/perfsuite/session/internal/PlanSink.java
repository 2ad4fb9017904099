// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import io.perfsuite.api.band.NoteSink;
import io.perfsuite.api.output.NoteScheduler;

/**
 * The {@link NoteSink} a bandmate writes into during one {@code plan} call. It checks each event and keeps it in
 * preallocated arrays; only when the call returned in time does the session {@link #forward} the window to the
 * {@link NoteScheduler}, so a bandmate that throws or overruns leaves its window silent instead of half played.
 *
 * <p><b>Threading:</b> session thread only. One instance is reused for every call.
 */
final class PlanSink implements NoteSink {

    /** Events one bandmate may plan for one window; more is a runaway plugin, not music. */
    static final int CAPACITY = 512;

    private final double[] beats = new double[CAPACITY];
    private final double[] durations = new double[CAPACITY];
    private final int[] numbers = new int[CAPACITY]; // note or controller
    private final int[] values = new int[CAPACITY]; // velocity or controller value, negative for a controller
    private int size;
    private double from;
    private double to;
    private boolean open;
    private int invalid;

    /** Starts a window. */
    void begin(double fromBeat, double toBeat) {
        this.from = fromBeat;
        this.to = toBeat;
        this.size = 0;
        this.invalid = 0;
        this.open = true;
    }

    /** Ends the call: later writes (a bandmate that kept the sink) are refused. */
    void end() {
        open = false;
    }

    /** @return how many events were refused in this window */
    int invalid() {
        return invalid;
    }

    /** @return how many events were kept in this window */
    int size() {
        return size;
    }

    @Override
    public void note(double beat, int note, int velocity, double durationBeats) {
        check(beat);
        if (note < 0 || note > 127) {
            throw refuse("note must be 0..127, was " + note);
        }
        if (velocity < 1 || velocity > 127) {
            throw refuse("velocity must be 1..127, was " + velocity);
        }
        if (!(durationBeats > 0) || Double.isInfinite(durationBeats)) {
            throw refuse("duration must be a finite number of beats > 0, was " + durationBeats);
        }
        add(beat, note, velocity, durationBeats);
    }

    @Override
    public void control(double beat, int controller, int value) {
        check(beat);
        if (controller < 0 || controller > 119) {
            throw refuse("controller must be 0..119, was " + controller);
        }
        if (value < 0 || value > 127) {
            throw refuse("controller value must be 0..127, was " + value);
        }
        add(beat, controller, -1 - value, 0);
    }

    private void check(double beat) {
        if (!open) {
            throw refuse("the sink is only valid during the plan call it was passed to");
        }
        if (!(beat >= from && beat < to)) {
            throw refuse("beat " + beat + " is outside the planned window [" + from + ", " + to + ")");
        }
        if (size == CAPACITY) {
            throw refuse("more than " + CAPACITY + " events in one window");
        }
    }

    private IllegalArgumentException refuse(String reason) {
        invalid++;
        return new IllegalArgumentException(reason);
    }

    private void add(double beat, int number, int value, double duration) {
        beats[size] = beat;
        numbers[size] = number;
        values[size] = value;
        durations[size] = duration;
        size++;
    }

    /**
     * Sends the window's events to the scheduler.
     *
     * @param scheduler where to, or null (the events are dropped)
     * @param bandmateId whose they are
     */
    void forward(NoteScheduler scheduler, String bandmateId) {
        if (scheduler == null) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (values[i] >= 0) {
                scheduler.note(bandmateId, beats[i], numbers[i], values[i], durations[i]);
            } else {
                scheduler.control(bandmateId, beats[i], numbers[i], -1 - values[i]);
            }
        }
    }
}
