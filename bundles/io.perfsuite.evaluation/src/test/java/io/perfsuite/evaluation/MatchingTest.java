// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maximum matching and the windowed event matching. */
class MatchingTest {

    @Test
    void augmentsPastTheGreedyStart() {
        // greedy gives left 0 right 0, and left 1 (only right 0) nothing; the maximum needs 0-1 and 1-0
        LinkedHashMap<Integer, List<Integer>> graph = new LinkedHashMap<>();
        graph.put(0, List.of(0, 1));
        graph.put(1, List.of(0));
        assertEquals(Map.of(0, 1, 1, 0), Matching.maximumMatching(graph));
    }

    @Test
    void longerAlternatingPath() {
        LinkedHashMap<Integer, List<Integer>> graph = new LinkedHashMap<>();
        graph.put(0, List.of(0, 1));
        graph.put(1, List.of(1, 2));
        graph.put(2, List.of(0));
        graph.put(3, List.of(2, 3));
        assertEquals(4, Matching.maximumMatching(graph).size());
    }

    @Test
    void eventsWithinTheWindow() {
        List<int[]> pairs = Matching.matchEvents(new double[] {1.0, 2.0, 3.0}, new double[] {1.04, 2.5, 2.96}, 0.05);
        assertEquals(2, pairs.size());
        assertEquals(List.of(0, 0), List.of(pairs.get(0)[0], pairs.get(0)[1]));
        assertEquals(List.of(2, 2), List.of(pairs.get(1)[0], pairs.get(1)[1]));
    }

    @Test
    void fMeasure() {
        assertEquals(0.0, Matching.fMeasure(0, 0));
        assertEquals(0.5, Matching.fMeasure(0.5, 0.5), 1e-15);
        assertEquals(2.0 / 3, Matching.fMeasure(0.5, 1.0), 1e-15);
    }
}
