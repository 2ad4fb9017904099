// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.Arrays;
import java.util.Collection;

/** Small numeric helpers of the jobs. Stateless. */
final class Stats {

    private Stats() {
    }

    /**
     * @param values the values (not changed)
     * @return the median (mean of the middle two for an even count), NaN when empty
     */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * @param values the values
     * @return the median, NaN when empty
     */
    static double median(Collection<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * @param hz        a frequency, positive
     * @param reference the reference frequency, positive
     * @return the interval from the reference to the frequency in cents
     */
    static double cents(double hz, double reference) {
        return 1200 * Math.log(hz / reference) / Math.log(2);
    }

    /**
     * @param midi a MIDI note number, possibly fractional
     * @return its frequency with A4 = 440 Hz
     */
    static double midiToHz(double midi) {
        return 440 * Math.pow(2, (midi - 69) / 12.0);
    }

    /**
     * @param hz a frequency, positive
     * @return the MIDI number of the nearest equal-tempered note (A4 = 440 Hz), unbounded
     */
    static int nearestMidi(double hz) {
        return (int) Math.round(69 + 12 * Math.log(hz / 440) / Math.log(2));
    }
}
