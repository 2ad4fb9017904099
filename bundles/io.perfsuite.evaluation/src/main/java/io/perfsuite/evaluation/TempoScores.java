// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * Tempo estimation scores (MIREX audio tempo estimation), as computed by {@link TempoMetrics#detection}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param pScore {@code weight * hit(first reference tempo) + (1 - weight) * hit(second reference tempo)}
 * @param oneCorrect whether at least one reference tempo was hit
 * @param bothCorrect whether both reference tempi were hit
 */
public record TempoScores(double pScore, boolean oneCorrect, boolean bothCorrect) {
}
