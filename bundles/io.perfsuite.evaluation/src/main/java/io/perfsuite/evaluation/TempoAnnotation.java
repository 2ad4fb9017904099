// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * A MIREX-style tempo annotation: two tempi and the relative salience of the first, as in the mir_eval tempo
 * files ({@code "60.0 120.0 0.25"}).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param first the first tempo (BPM), usually the slower one
 * @param second the second tempo (BPM)
 * @param weight the salience of {@code first} relative to {@code second}, in [0, 1]
 */
public record TempoAnnotation(double first, double second, double weight) {

    /**
     * Returns both tempi.
     *
     * @return {@code {first, second}}
     */
    public double[] tempi() {
        return new double[] {first, second};
    }
}
