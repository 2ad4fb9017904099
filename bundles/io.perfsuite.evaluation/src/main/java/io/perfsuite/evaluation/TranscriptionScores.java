// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Note transcription scores, as computed by {@link TranscriptionMetrics#evaluate}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param precision notes matched on onset, pitch and offset, over the estimated notes
 * @param recall the same over the reference notes
 * @param fMeasure their harmonic mean
 * @param averageOverlapRatio mean overlap ratio of the matched pairs (0 without pairs)
 * @param precisionNoOffset notes matched on onset and pitch only, over the estimated notes
 * @param recallNoOffset the same over the reference notes
 * @param fMeasureNoOffset their harmonic mean
 * @param averageOverlapRatioNoOffset mean overlap ratio of those pairs
 * @param onsetPrecision onsets matched regardless of pitch, over the estimated notes
 * @param onsetRecall the same over the reference notes
 * @param onsetFMeasure their harmonic mean
 * @param offsetPrecision offsets matched regardless of pitch, over the estimated notes
 * @param offsetRecall the same over the reference notes
 * @param offsetFMeasure their harmonic mean
 */
public record TranscriptionScores(double precision, double recall, double fMeasure, double averageOverlapRatio,
        double precisionNoOffset, double recallNoOffset, double fMeasureNoOffset,
        double averageOverlapRatioNoOffset, double onsetPrecision, double onsetRecall, double onsetFMeasure,
        double offsetPrecision, double offsetRecall, double offsetFMeasure) {

    /**
     * Returns the scores under the names the reference implementation uses, in its order.
     *
     * @return an insertion-ordered map, e.g. {@code "F-measure_no_offset"}
     */
    public Map<String, Double> byName() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("Precision", precision);
        map.put("Recall", recall);
        map.put("F-measure", fMeasure);
        map.put("Average_Overlap_Ratio", averageOverlapRatio);
        map.put("Precision_no_offset", precisionNoOffset);
        map.put("Recall_no_offset", recallNoOffset);
        map.put("F-measure_no_offset", fMeasureNoOffset);
        map.put("Average_Overlap_Ratio_no_offset", averageOverlapRatioNoOffset);
        map.put("Onset_Precision", onsetPrecision);
        map.put("Onset_Recall", onsetRecall);
        map.put("Onset_F-measure", onsetFMeasure);
        map.put("Offset_Precision", offsetPrecision);
        map.put("Offset_Recall", offsetRecall);
        map.put("Offset_F-measure", offsetFMeasure);
        return map;
    }
}
