// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * Tempo metrics: the MIREX tempo detection score as defined in mir_eval 0.7, and a plain tolerance check for a
 * single tempo.
 *
 * <p>Stateless and thread-safe.
 */
public final class TempoMetrics {

    /** The default relative tolerance of {@link #detection}. */
    public static final double TOLERANCE = 0.08;

    private TempoMetrics() {
    }

    /**
     * Scores two estimated tempi against two weighted reference tempi with the default tolerance of 8 %.
     *
     * @param reference the reference tempi and the weight of the first
     * @param estimated the estimated tempi (its weight is not used)
     * @return the scores
     * @throws IllegalArgumentException if a tempo is negative or not finite, both reference tempi are 0, or the
     *     reference weight is outside [0, 1]
     */
    public static TempoScores detection(TempoAnnotation reference, TempoAnnotation estimated) {
        return detection(reference.tempi(), reference.weight(), estimated.tempi(), TOLERANCE);
    }

    /**
     * Scores two estimated tempi against two weighted reference tempi. A reference tempo {@code r > 0} is hit
     * when the nearer estimate {@code e} satisfies {@code |r - e| / r <= tolerance}; a reference tempo of 0 is
     * never hit.
     *
     * @param referenceTempi the two reference tempi (BPM), non-negative, not both 0
     * @param referenceWeight the weight of the first reference tempo, in [0, 1]
     * @param estimatedTempi the two estimated tempi (BPM), non-negative
     * @param tolerance the relative tolerance, in [0, 1]
     * @return the scores
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static TempoScores detection(double[] referenceTempi, double referenceWeight, double[] estimatedTempi,
            double tolerance) {
        validateTempi("reference", referenceTempi, true);
        validateTempi("estimated", estimatedTempi, false);
        if (!(referenceWeight >= 0 && referenceWeight <= 1)) {
            throw new IllegalArgumentException("reference weight " + referenceWeight + " is not in [0, 1]");
        }
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " is not in [0, 1]");
        }
        boolean[] hits = new boolean[2];
        for (int i = 0; i < 2; i++) {
            double ref = referenceTempi[i];
            if (ref > 0) {
                double relativeError = Double.POSITIVE_INFINITY;
                for (double est : estimatedTempi) {
                    relativeError = Math.min(relativeError, Math.abs(ref - est) / ref);
                }
                hits[i] = relativeError <= tolerance;
            }
        }
        double pScore = referenceWeight * (hits[0] ? 1 : 0) + (1.0 - referenceWeight) * (hits[1] ? 1 : 0);
        return new TempoScores(pScore, hits[0] || hits[1], hits[0] && hits[1]);
    }

    /**
     * Tells whether a single estimated tempo is within a relative tolerance of the reference:
     * {@code |estimated - reference| <= tolerance * reference}. Octave errors (half or double tempo) are not
     * forgiven.
     *
     * @param estimatedBpm the estimated tempo (BPM)
     * @param referenceBpm the reference tempo (BPM), positive
     * @param tolerance the relative tolerance, e.g. 0.04 for 4 %
     * @return true if the estimate is within the tolerance
     * @throws IllegalArgumentException if the reference is not positive or the tolerance is negative
     */
    public static boolean withinTolerance(double estimatedBpm, double referenceBpm, double tolerance) {
        if (!(referenceBpm > 0) || Double.isInfinite(referenceBpm)) {
            throw new IllegalArgumentException("reference tempo " + referenceBpm + " BPM is not positive");
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " is negative");
        }
        return Math.abs(estimatedBpm - referenceBpm) <= tolerance * referenceBpm;
    }

    private static void validateTempi(String what, double[] tempi, boolean reference) {
        if (tempi.length != 2) {
            throw new IllegalArgumentException(what + " tempi must be exactly two values, got " + tempi.length);
        }
        for (double t : tempi) {
            if (!Double.isFinite(t) || t < 0) {
                throw new IllegalArgumentException(what + " tempi " + tempi[0] + ", " + tempi[1]
                        + " must be non-negative numbers");
            }
        }
        if (reference && tempi[0] == 0 && tempi[1] == 0) {
            throw new IllegalArgumentException("reference tempi must have one value greater than zero");
        }
    }
}
