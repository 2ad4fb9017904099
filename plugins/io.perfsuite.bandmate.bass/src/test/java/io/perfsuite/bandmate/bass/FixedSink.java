// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import io.perfsuite.api.band.NoteSink;

/** A sink over preallocated arrays, like the platform's, so an allocation count sees only the bandmate. */
final class FixedSink implements NoteSink {

    final double[] beats = new double[1024];
    final int[] notes = new int[1024];
    int count;
    long total;

    @Override
    public void note(double beat, int note, int velocity, double durationBeats) {
        if (count < beats.length) {
            beats[count] = beat;
            notes[count] = note;
            count++;
        }
        total++;
    }

    @Override
    public void control(double beat, int controller, int value) {
        total++;
    }
}
