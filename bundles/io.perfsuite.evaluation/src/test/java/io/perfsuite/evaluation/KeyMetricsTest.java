// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.perfsuite.api.music.Key;
import org.junit.jupiter.api.Test;

/** The weighted key score on every relationship. */
class KeyMetricsTest {

    @Test
    void relationships() {
        assertEquals(1.0, KeyMetrics.weightedScore("C major", "C major"));
        assertEquals(1.0, KeyMetrics.weightedScore("Db major", "C# major"), "spelling does not matter");
        assertEquals(0.5, KeyMetrics.weightedScore("C major", "G major"), "estimate a fifth above");
        assertEquals(0.5, KeyMetrics.weightedScore("A minor", "E minor"));
        assertEquals(0.0, KeyMetrics.weightedScore("G major", "C major"), "a fifth below earns nothing");
        assertEquals(0.3, KeyMetrics.weightedScore("C major", "A minor"), "relative minor");
        assertEquals(0.3, KeyMetrics.weightedScore("A minor", "C major"), "relative major");
        assertEquals(0.2, KeyMetrics.weightedScore("C major", "C minor"), "parallel");
        assertEquals(0.0, KeyMetrics.weightedScore("C major", "D major"));
        assertEquals(0.0, KeyMetrics.weightedScore("C major", "E minor"));
    }

    @Test
    void caseWhitespaceAndTheUnknownKey() {
        assertEquals(1.0, KeyMetrics.weightedScore("eb minor", "Eb\tminor"));
        assertEquals(1.0, KeyMetrics.weightedScore("X", "x"));
        assertEquals(0.0, KeyMetrics.weightedScore("X", "C major"));
        assertEquals(1.0, KeyMetrics.weightedScore("C other", "C other"));
        assertEquals(0.2, KeyMetrics.weightedScore("C other", "C major"), "same tonic, other mode: parallel");
        assertEquals(0.5, KeyMetrics.weightedScore("C other", "G other"));
        assertEquals(0.0, KeyMetrics.weightedScore("C other", "A minor"));
    }

    @Test
    void invalidLabelsAreRejected() {
        for (String bad : new String[] {"H major", "C dorian", "C", "C major minor", "X major", "Cb major", ""}) {
            assertThrows(IllegalArgumentException.class, () -> KeyMetrics.weightedScore(bad, "C major"), bad);
        }
    }

    @Test
    void keysOfTheMusicModel() {
        assertEquals(1.0, KeyMetrics.weightedScore(Key.parse("Gb major"), Key.parse("F# major")));
        assertEquals(0.3, KeyMetrics.weightedScore(Key.parse("C major"), Key.parse("A:min")));
        assertEquals("B major", KeyMetrics.label(Key.parse("Cb major")));
        assertEquals("D other", KeyMetrics.label(Key.parse("D dorian")));
    }
}
