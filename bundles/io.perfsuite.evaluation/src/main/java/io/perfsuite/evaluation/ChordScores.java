// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chord recognition scores, as computed by {@link ChordMetrics#evaluate}: the duration-weighted accuracy under
 * each {@link ChordRule}, and the segmentation scores.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param root accuracy under {@link ChordRule#ROOT}
 * @param thirds accuracy under {@link ChordRule#THIRDS}
 * @param thirdsInv accuracy under {@link ChordRule#THIRDS_INV}
 * @param triads accuracy under {@link ChordRule#TRIADS}
 * @param triadsInv accuracy under {@link ChordRule#TRIADS_INV}
 * @param tetrads accuracy under {@link ChordRule#TETRADS}
 * @param tetradsInv accuracy under {@link ChordRule#TETRADS_INV}
 * @param majmin accuracy under {@link ChordRule#MAJMIN}
 * @param majminInv accuracy under {@link ChordRule#MAJMIN_INV}
 * @param sevenths accuracy under {@link ChordRule#SEVENTHS}
 * @param seventhsInv accuracy under {@link ChordRule#SEVENTHS_INV}
 * @param mirex accuracy under {@link ChordRule#MIREX}
 * @param underSegmentation 1 minus the directional Hamming distance from the estimated to the reference
 *     segmentation (1 = no under-segmentation)
 * @param overSegmentation 1 minus the directional Hamming distance from the reference to the estimated
 *     segmentation (1 = no over-segmentation)
 * @param segmentation the smaller of the two
 */
public record ChordScores(double root, double thirds, double thirdsInv, double triads, double triadsInv,
        double tetrads, double tetradsInv, double majmin, double majminInv, double sevenths, double seventhsInv,
        double mirex, double underSegmentation, double overSegmentation, double segmentation) {

    /**
     * Returns the accuracy under a rule.
     *
     * @param rule the rule
     * @return the weighted accuracy
     */
    public double accuracy(ChordRule rule) {
        return switch (rule) {
            case ROOT -> root;
            case THIRDS -> thirds;
            case THIRDS_INV -> thirdsInv;
            case TRIADS -> triads;
            case TRIADS_INV -> triadsInv;
            case TETRADS -> tetrads;
            case TETRADS_INV -> tetradsInv;
            case MAJMIN -> majmin;
            case MAJMIN_INV -> majminInv;
            case SEVENTHS -> sevenths;
            case SEVENTHS_INV -> seventhsInv;
            case MIREX -> mirex;
        };
    }

    /**
     * Returns the scores under the names the reference implementation uses, in its order.
     *
     * @return an insertion-ordered map: {@code "thirds"}, ..., {@code "underseg"}, {@code "overseg"},
     *     {@code "seg"}
     */
    public Map<String, Double> byName() {
        Map<String, Double> map = new LinkedHashMap<>();
        ChordRule[] order = {ChordRule.THIRDS, ChordRule.THIRDS_INV, ChordRule.TRIADS, ChordRule.TRIADS_INV,
            ChordRule.TETRADS, ChordRule.TETRADS_INV, ChordRule.ROOT, ChordRule.MIREX, ChordRule.MAJMIN,
            ChordRule.MAJMIN_INV, ChordRule.SEVENTHS, ChordRule.SEVENTHS_INV};
        for (ChordRule rule : order) {
            map.put(rule.metricName(), accuracy(rule));
        }
        map.put("underseg", underSegmentation);
        map.put("overseg", overSegmentation);
        map.put("seg", segmentation);
        return map;
    }
}
