// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.Arrays;

/**
 * A sampled time series, e.g. an f0 track: one value per time stamp.
 *
 * <p>This record is immutable and thread-safe: the arrays are copied in and out.
 *
 * @param times time stamps (s)
 * @param values the value at each time stamp, e.g. a frequency in Hz (0 or negative for unvoiced frames)
 */
public record TimeSeries(double[] times, double[] values) {

    /**
     * Copies the arrays and checks that they have the same length.
     *
     * @param times time stamps (s)
     * @param values values
     * @throws IllegalArgumentException if the lengths differ
     */
    public TimeSeries {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length: " + times.length + " and "
                    + values.length);
        }
        times = times.clone();
        values = values.clone();
    }

    /**
     * @return a copy of the time stamps (s)
     */
    @Override
    public double[] times() {
        return times.clone();
    }

    /**
     * @return a copy of the values
     */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * @return the number of samples
     */
    public int size() {
        return times.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimeSeries that && Arrays.equals(times, that.times)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "TimeSeries[" + times.length + " samples]";
    }
}
