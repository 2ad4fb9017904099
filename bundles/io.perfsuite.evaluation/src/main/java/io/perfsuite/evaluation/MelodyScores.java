// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Melody (predominant f0) extraction scores, as computed by {@link MelodyMetrics#evaluate}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param voicingRecall fraction of voiced reference frames estimated as voiced
 * @param voicingFalseAlarm fraction of unvoiced reference frames estimated as voiced
 * @param rawPitchAccuracy fraction of voiced reference frames whose estimated pitch is within 50 cents
 * @param rawChromaAccuracy as {@code rawPitchAccuracy}, ignoring octave errors
 * @param overallAccuracy fraction of all frames right in voicing and, where voiced, in pitch
 */
public record MelodyScores(double voicingRecall, double voicingFalseAlarm, double rawPitchAccuracy,
        double rawChromaAccuracy, double overallAccuracy) {

    /**
     * Returns the scores under the names the reference implementation uses, in its order.
     *
     * @return an insertion-ordered map, e.g. {@code "Raw Pitch Accuracy"}
     */
    public Map<String, Double> byName() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("Voicing Recall", voicingRecall);
        map.put("Voicing False Alarm", voicingFalseAlarm);
        map.put("Raw Pitch Accuracy", rawPitchAccuracy);
        map.put("Raw Chroma Accuracy", rawChromaAccuracy);
        map.put("Overall Accuracy", overallAccuracy);
        return map;
    }
}
