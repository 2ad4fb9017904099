// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * Onset detection metrics as in mir_eval 0.7: reference and estimated onsets are paired one to one by a maximum
 * bipartite matching, a pair being allowed when the onsets are at most the window apart (50 ms by default);
 * precision, recall and F-measure follow from the number of pairs. No trimming is done. An empty reference or
 * estimate scores 0 throughout.
 *
 * <p>Stateless and thread-safe.
 */
public final class OnsetMetrics {

    /** The default matching window (s). */
    public static final double WINDOW = 0.05;

    private static final double MAX_TIME = 30000.0;

    private OnsetMetrics() {
    }

    /**
     * Scores with the default 50 ms window.
     *
     * @param reference reference onset times (s), non-decreasing
     * @param estimated estimated onset times (s), non-decreasing
     * @return the scores
     * @throws IllegalArgumentException if a sequence is not non-decreasing or has times above 30000 s
     */
    public static OnsetScores evaluate(double[] reference, double[] estimated) {
        return evaluate(reference, estimated, WINDOW);
    }

    /**
     * Scores with a given window.
     *
     * @param reference reference onset times (s), non-decreasing
     * @param estimated estimated onset times (s), non-decreasing
     * @param window the largest allowed distance of a pair (s)
     * @return the scores
     * @throws IllegalArgumentException if a sequence is not non-decreasing or has times above 30000 s
     */
    public static OnsetScores evaluate(double[] reference, double[] estimated, double window) {
        NumericSupport.validateEvents("reference onsets", reference, MAX_TIME);
        NumericSupport.validateEvents("estimated onsets", estimated, MAX_TIME);
        if (reference.length == 0 || estimated.length == 0) {
            return new OnsetScores(0.0, 0.0, 0.0);
        }
        int matched = Matching.matchEvents(reference, estimated, window).size();
        double precision = (double) matched / estimated.length;
        double recall = (double) matched / reference.length;
        return new OnsetScores(Matching.fMeasure(precision, recall), precision, recall);
    }
}
