// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.Arrays;

/**
 * Small numeric routines that reproduce, operation for operation, the array semantics the reference metric
 * definitions rely on (round half to even at a decimal place, floored modulo, sorted-array search, piecewise
 * linear and zero-order-hold interpolation), so that the metrics agree with the reference outputs to the last
 * few bits rather than merely approximately.
 *
 * <p>Stateless and thread-safe.
 */
final class NumericSupport {

    private static final double LN2 = Math.log(2.0);

    private NumericSupport() {
    }

    /**
     * Rounds to a number of decimals the way array libraries do: scale by {@code 10^decimals}, round half to
     * even, scale back.
     *
     * @param x the value
     * @param decimals the number of decimals, at least 0
     * @return the rounded value
     */
    static double roundDecimals(double x, int decimals) {
        double scale = Math.pow(10.0, decimals);
        return Math.rint(x * scale) / scale;
    }

    /**
     * Floored modulo whose result takes the sign of the divisor, computed from the truncated remainder
     * ({@code %}, which equals C {@code fmod}) with the usual sign correction.
     *
     * @param a the dividend
     * @param b the divisor, not zero
     * @return {@code a mod b}, in {@code [0, b)} for positive {@code b} and {@code (b, 0]} for negative {@code b}
     */
    static double floorMod(double a, double b) {
        double mod = a % b;
        if (mod != 0.0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod;
    }

    /**
     * Base-2 logarithm.
     *
     * @param x a positive value
     * @return {@code log2(x)}
     */
    static double log2(double x) {
        return Math.log(x) / LN2;
    }

    /**
     * Index of the first element not less than {@code key} in a non-decreasing array.
     *
     * @param sorted the array
     * @param key the value
     * @return the insertion point on the left of equal elements
     */
    static int searchLeft(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Index of the first element greater than {@code key} in a non-decreasing array.
     *
     * @param sorted the array
     * @param key the value
     * @return the insertion point on the right of equal elements
     */
    static int searchRight(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Piecewise linear interpolation of {@code (xp, fp)} at {@code x}, clamped to the end values outside the
     * range; on a knot the knot value is returned exactly.
     *
     * @param x the abscissa
     * @param xp the knots, non-decreasing, not empty
     * @param fp the values at the knots
     * @return the interpolated value
     */
    static double interpolateLinear(double x, double[] xp, double[] fp) {
        int n = xp.length;
        if (Double.isNaN(x)) {
            return x;
        }
        int j = searchRight(xp, x) - 1;
        if (j < 0) {
            return fp[0];
        }
        if (j >= n - 1) {
            return fp[n - 1];
        }
        if (xp[j] == x) {
            return fp[j];
        }
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        double value = slope * (x - xp[j]) + fp[j];
        if (Double.isNaN(value)) {
            value = slope * (x - xp[j + 1]) + fp[j + 1];
            if (Double.isNaN(value) && fp[j] == fp[j + 1]) {
                value = fp[j];
            }
        }
        return value;
    }

    /**
     * Zero-order hold: the value of the last knot at or before {@code x} (the last value at and after the last
     * knot).
     *
     * @param x the abscissa, not before the first knot
     * @param xp the knots, increasing, not empty
     * @param fp the values at the knots
     * @return the held value
     */
    static double interpolateHold(double x, double[] xp, double[] fp) {
        int j = Math.min(searchRight(xp, x), xp.length) - 1;
        return fp[Math.max(j, 0)];
    }

    /**
     * Median, the mean of the two middle values for an even count.
     *
     * @param values the values, not empty
     * @return the median
     */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n % 2 == 1) {
            return sorted[n / 2];
        }
        return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /**
     * Mean.
     *
     * @param values the values
     * @return the arithmetic mean, NaN for no values
     */
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Sample standard deviation (divisor {@code n - 1}).
     *
     * @param values the values
     * @return the standard deviation, NaN for fewer than two values
     */
    static double sampleStandardDeviation(double[] values) {
        int n = values.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            double d = v - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }

    /**
     * Normalises an index that may count from the end (-1 is the last element).
     *
     * @param index the index, at least {@code -length}
     * @param length the array length
     * @return the non-negative index
     */
    static int wrapIndex(int index, int length) {
        return index < 0 ? index + length : index;
    }

    /**
     * Copies {@code values[start, end)} with start and end interpreted like slice bounds: negative values count
     * from the end, and out-of-range values are clamped.
     *
     * @param values the array
     * @param start slice start
     * @param end slice end (exclusive)
     * @return the slice, possibly empty
     */
    static double[] slice(double[] values, int start, int end) {
        int n = values.length;
        int s = start < 0 ? Math.max(start + n, 0) : Math.min(start, n);
        int e = end < 0 ? Math.max(end + n, 0) : Math.min(end, n);
        return e <= s ? new double[0] : Arrays.copyOfRange(values, s, e);
    }

    /**
     * Checks that event times are finite, at most {@code maxTime} and non-decreasing.
     *
     * @param what a description for the message, e.g. {@code "reference beats"}
     * @param events the event times
     * @param maxTime the largest allowed time
     * @throws IllegalArgumentException if the events are not valid
     */
    static void validateEvents(String what, double[] events, double maxTime) {
        for (int i = 0; i < events.length; i++) {
            if (!(events[i] <= maxTime)) {
                throw new IllegalArgumentException(what + ": event " + i + " at " + events[i]
                        + " s is not a time of at most " + maxTime + " s (were the times given in seconds?)");
            }
            if (i > 0 && events[i] < events[i - 1]) {
                throw new IllegalArgumentException(what + ": events must be in increasing order, but event " + i
                        + " (" + events[i] + " s) comes before event " + (i - 1) + " (" + events[i - 1] + " s)");
            }
        }
    }
}
