// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The beat tracking scores of one estimate against one reference, as computed by {@link BeatMetrics#evaluate}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param fMeasure F-measure of beats matched within ±70 ms
 * @param cemgil Cemgil's Gaussian-error accuracy against the reference as annotated
 * @param cemgilBestMetricLevel the best Cemgil accuracy over the reference's metrical variations
 * @param gotoScore Goto's binary score (1 or 0)
 * @param pScore McKinney's P-score
 * @param cmlC correct metric level, longest continuously correct segment (CMLc)
 * @param cmlT correct metric level, all correct beats (CMLt)
 * @param amlC any metric level, continuous (AMLc)
 * @param amlT any metric level, total (AMLt)
 * @param informationGain information gain of the beat error histogram, normalised to [0, 1]
 */
public record BeatScores(double fMeasure, double cemgil, double cemgilBestMetricLevel, double gotoScore,
        double pScore, double cmlC, double cmlT, double amlC, double amlT, double informationGain) {

    /**
     * Returns the scores under the names the reference implementation uses, in its order.
     *
     * @return an insertion-ordered map from metric name (e.g. {@code "Correct Metric Level Total"}) to value
     */
    public Map<String, Double> byName() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("F-measure", fMeasure);
        map.put("Cemgil", cemgil);
        map.put("Cemgil Best Metric Level", cemgilBestMetricLevel);
        map.put("Goto", gotoScore);
        map.put("P-score", pScore);
        map.put("Correct Metric Level Continuous", cmlC);
        map.put("Correct Metric Level Total", cmlT);
        map.put("Any Metric Level Continuous", amlC);
        map.put("Any Metric Level Total", amlT);
        map.put("Information gain", informationGain);
        return map;
    }
}
