// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.Arrays;

/**
 * Reference and estimated melody frames on one time base, as prepared by {@link MelodyMetrics#toCentVoicing}:
 * pitch in cents above 10 Hz (0 = no pitch) and voicing in [0, 1] per frame, all four arrays equally long.
 *
 * <p>This record is immutable and thread-safe: the arrays are copied in and out.
 *
 * @param referenceVoicing reference voicing (or reward) per frame
 * @param referenceCents reference pitch per frame (cents)
 * @param estimatedVoicing estimated voicing per frame
 * @param estimatedCents estimated pitch per frame (cents)
 */
public record CentVoicing(double[] referenceVoicing, double[] referenceCents, double[] estimatedVoicing,
        double[] estimatedCents) {

    /**
     * Copies the arrays and checks their lengths.
     *
     * @param referenceVoicing reference voicing
     * @param referenceCents reference pitch (cents)
     * @param estimatedVoicing estimated voicing
     * @param estimatedCents estimated pitch (cents)
     * @throws IllegalArgumentException if the lengths differ
     */
    public CentVoicing {
        int n = referenceVoicing.length;
        if (referenceCents.length != n || estimatedVoicing.length != n || estimatedCents.length != n) {
            throw new IllegalArgumentException("all voicing and pitch arrays must have the same length");
        }
        referenceVoicing = referenceVoicing.clone();
        referenceCents = referenceCents.clone();
        estimatedVoicing = estimatedVoicing.clone();
        estimatedCents = estimatedCents.clone();
    }

    /**
     * @return a copy of the reference voicing
     */
    @Override
    public double[] referenceVoicing() {
        return referenceVoicing.clone();
    }

    /**
     * @return a copy of the reference pitch (cents)
     */
    @Override
    public double[] referenceCents() {
        return referenceCents.clone();
    }

    /**
     * @return a copy of the estimated voicing
     */
    @Override
    public double[] estimatedVoicing() {
        return estimatedVoicing.clone();
    }

    /**
     * @return a copy of the estimated pitch (cents)
     */
    @Override
    public double[] estimatedCents() {
        return estimatedCents.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CentVoicing that && Arrays.equals(referenceVoicing, that.referenceVoicing)
                && Arrays.equals(referenceCents, that.referenceCents)
                && Arrays.equals(estimatedVoicing, that.estimatedVoicing)
                && Arrays.equals(estimatedCents, that.estimatedCents);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(referenceVoicing) + 31 * Arrays.hashCode(referenceCents)
                + 961 * Arrays.hashCode(estimatedVoicing) + 29791 * Arrays.hashCode(estimatedCents);
    }

    @Override
    public String toString() {
        return "CentVoicing[" + referenceVoicing.length + " frames]";
    }
}
