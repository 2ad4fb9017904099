// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Onset detection scores, as computed by {@link OnsetMetrics#evaluate}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param fMeasure harmonic mean of precision and recall
 * @param precision matched estimated onsets over all estimated onsets
 * @param recall matched reference onsets over all reference onsets
 */
public record OnsetScores(double fMeasure, double precision, double recall) {

    /**
     * Returns the scores under the names the reference implementation uses.
     *
     * @return an insertion-ordered map: {@code "F-measure"}, {@code "Precision"}, {@code "Recall"}
     */
    public Map<String, Double> byName() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("F-measure", fMeasure);
        map.put("Precision", precision);
        map.put("Recall", recall);
        return map;
    }
}
