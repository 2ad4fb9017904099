// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maximum-cardinality bipartite matching (Hopcroft and Karp's layered augmenting paths) and the windowed event
 * matching built on it.
 *
 * <p>The size of a maximum matching is unique, but which pairs are matched is not; metrics that average over the
 * matched pairs (the note overlap ratio) depend on it. This implementation therefore visits vertices in a fixed,
 * documented order (insertion order of the adjacency map, then the order of each adjacency list), starting from
 * a greedy matching in that order, so that it returns the same pairs as the reference implementation, which
 * visits its graph in the same order.
 *
 * <p>Stateless and thread-safe.
 */
final class Matching {

    /** Marks a left vertex of the first layer (no predecessor); vertex ids are non-negative. */
    private static final int FREE = -1;

    private Matching() {
    }

    /**
     * Finds a maximum matching.
     *
     * @param graph left vertex to its right neighbours; iteration order matters for which pairs come out, so
     *     pass an insertion-ordered map; vertex ids must be non-negative
     * @return right vertex to its matched left vertex, sorted by right vertex
     */
    static TreeMap<Integer, Integer> maximumMatching(LinkedHashMap<Integer, List<Integer>> graph) {
        Map<Integer, Integer> matched = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Integer>> entry : graph.entrySet()) {
            for (int right : entry.getValue()) {
                if (!matched.containsKey(right)) {
                    matched.put(right, entry.getKey());
                    break;
                }
            }
        }
        while (true) {
            Map<Integer, List<Integer>> rightPredecessors = new LinkedHashMap<>();
            List<Integer> freeRights = new ArrayList<>();
            Map<Integer, Integer> leftPredecessor = new LinkedHashMap<>();
            for (int left : graph.keySet()) {
                leftPredecessor.put(left, FREE);
            }
            for (int left : matched.values()) {
                leftPredecessor.remove(left);
            }
            List<Integer> layer = new ArrayList<>(leftPredecessor.keySet());
            while (!layer.isEmpty() && freeRights.isEmpty()) {
                Map<Integer, List<Integer>> nextLayer = new LinkedHashMap<>();
                for (int left : layer) {
                    for (int right : graph.get(left)) {
                        if (!rightPredecessors.containsKey(right)) {
                            nextLayer.computeIfAbsent(right, k -> new ArrayList<>()).add(left);
                        }
                    }
                }
                layer = new ArrayList<>();
                for (Map.Entry<Integer, List<Integer>> entry : nextLayer.entrySet()) {
                    int right = entry.getKey();
                    rightPredecessors.put(right, entry.getValue());
                    Integer partner = matched.get(right);
                    if (partner != null) {
                        layer.add(partner);
                        leftPredecessor.put(partner, right);
                    } else {
                        freeRights.add(right);
                    }
                }
            }
            if (freeRights.isEmpty()) {
                return new TreeMap<>(matched);
            }
            for (int right : freeRights) {
                augment(right, matched, rightPredecessors, leftPredecessor);
            }
        }
    }

    /** Searches back through the layers from a right vertex for an alternating path and flips it. */
    private static boolean augment(int right, Map<Integer, Integer> matched,
            Map<Integer, List<Integer>> rightPredecessors, Map<Integer, Integer> leftPredecessor) {
        List<Integer> candidates = rightPredecessors.remove(right);
        if (candidates == null) {
            return false;
        }
        for (int left : candidates) {
            Integer previous = leftPredecessor.remove(left);
            if (previous != null) {
                if (previous == FREE || augment(previous, matched, rightPredecessors, leftPredecessor)) {
                    matched.put(right, left);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Builds the adjacency map from estimate index to reference indices for a dense hit test, visiting the pairs
     * reference-major (all estimates of reference 0, then of reference 1, ...), and matches it.
     *
     * @param references number of reference items
     * @param estimates number of estimated items
     * @param hit whether reference {@code i} and estimate {@code j} may be paired
     * @return matched pairs {@code [reference, estimate]} sorted by reference index
     */
    static List<int[]> matchDense(int references, int estimates, PairTest hit) {
        LinkedHashMap<Integer, List<Integer>> graph = new LinkedHashMap<>();
        for (int i = 0; i < references; i++) {
            for (int j = 0; j < estimates; j++) {
                if (hit.test(i, j)) {
                    graph.computeIfAbsent(j, k -> new ArrayList<>()).add(i);
                }
            }
        }
        return pairs(maximumMatching(graph));
    }

    /**
     * Matches event times: reference {@code i} and estimate {@code j} may pair when
     * {@code est[j] - window <= ref[i] <= est[j] + window} (bounds computed in floating point exactly so).
     *
     * @param reference reference event times, non-decreasing
     * @param estimated estimated event times
     * @param window the tolerance in seconds
     * @return matched pairs {@code [reference, estimate]} sorted by reference index
     */
    static List<int[]> matchEvents(double[] reference, double[] estimated, double window) {
        LinkedHashMap<Integer, List<Integer>> graph = new LinkedHashMap<>();
        for (int j = 0; j < estimated.length; j++) {
            int start = NumericSupport.searchLeft(reference, estimated[j] - window);
            int end = NumericSupport.searchRight(reference, estimated[j] + window);
            for (int i = start; i < end; i++) {
                graph.computeIfAbsent(j, k -> new ArrayList<>()).add(i);
            }
        }
        return pairs(maximumMatching(graph));
    }

    private static List<int[]> pairs(TreeMap<Integer, Integer> matching) {
        List<int[]> pairs = new ArrayList<>(matching.size());
        for (Map.Entry<Integer, Integer> entry : matching.entrySet()) {
            pairs.add(new int[] {entry.getKey(), entry.getValue()});
        }
        return pairs;
    }

    /**
     * The harmonic mean of precision and recall (F1), 0 when both are 0.
     *
     * @param precision precision
     * @param recall recall
     * @return the F-measure
     */
    static double fMeasure(double precision, double recall) {
        if (precision == 0 && recall == 0) {
            return 0.0;
        }
        return 2.0 * precision * recall / (precision + recall);
    }

    /** Whether a reference item and an estimated item may be paired. */
    @FunctionalInterface
    interface PairTest {
        /**
         * @param reference reference index
         * @param estimate estimate index
         * @return true if the pair is admissible
         */
        boolean test(int reference, int estimate);
    }
}
