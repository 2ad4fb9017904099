// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.ArrayList;
import java.util.List;

import io.perfsuite.api.output.NoteOutput;

/**
 * A test output that records every call into preallocated arrays (no allocation per event), with the time it was
 * called, so tests can check order, timing and balance.
 */
final class RecordingOutput implements NoteOutput {

    static final int ON = 0;
    static final int OFF = 1;
    static final int CC = 2;
    static final int PROGRAM = 3;
    static final int ALL_OFF = 4;

    private final String id;
    final int[] kind;
    final int[] channel;
    final int[] data1;
    final int[] data2;
    final long[] scheduled;
    final long[] actual;
    volatile int count;

    RecordingOutput(String id, int capacity) {
        this.id = id;
        kind = new int[capacity];
        channel = new int[capacity];
        data1 = new int[capacity];
        data2 = new int[capacity];
        scheduled = new long[capacity];
        actual = new long[capacity];
    }

    @Override
    public String id() {
        return id;
    }

    private void add(int k, long t, int ch, int d1, int d2) {
        long now = System.nanoTime();
        int i = count;
        if (i < kind.length) {
            kind[i] = k;
            channel[i] = ch;
            data1[i] = d1;
            data2[i] = d2;
            scheduled[i] = t;
            actual[i] = now;
            count = i + 1;
        }
    }

    @Override
    public void noteOn(long nanoTime, int ch, int note, int velocity) {
        add(ON, nanoTime, ch, note, velocity);
    }

    @Override
    public void noteOff(long nanoTime, int ch, int note) {
        add(OFF, nanoTime, ch, note, 0);
    }

    @Override
    public void controlChange(long nanoTime, int ch, int controller, int value) {
        add(CC, nanoTime, ch, controller, value);
    }

    @Override
    public void programChange(long nanoTime, int ch, int program) {
        add(PROGRAM, nanoTime, ch, program, 0);
    }

    @Override
    public void allNotesOff(long nanoTime) {
        add(ALL_OFF, nanoTime, 0, 0, 0);
    }

    /** @return the events of one kind as "ch:d1" strings, in order */
    List<String> of(int k) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (kind[i] == k) {
                out.add(channel[i] + ":" + data1[i]);
            }
        }
        return out;
    }

    /** @return note-ons minus note-offs per channel and key, summed over keys that end unbalanced */
    int unbalanced() {
        int[] n = new int[16 * 128];
        for (int i = 0; i < count; i++) {
            if (kind[i] == ON) {
                n[channel[i] * 128 + data1[i]]++;
            } else if (kind[i] == OFF) {
                n[channel[i] * 128 + data1[i]]--;
            } else if (kind[i] == ALL_OFF) {
                java.util.Arrays.fill(n, 0);
            }
        }
        int sum = 0;
        for (int v : n) {
            sum += Math.abs(v);
        }
        return sum;
    }
}
