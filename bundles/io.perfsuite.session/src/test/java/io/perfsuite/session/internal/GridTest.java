// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The beat grid's arithmetic and its following of the performer. */
class GridTest {

    private static final long T0 = 5_000_000_000L;
    private static final double P = 500_000_000.0; // 120 BPM

    private static Grid.Outcome follow(Grid g, long beatNanos, double period) {
        return g.follow(beatNanos, period, 0.3, 0.25, 0.25, 0.08);
    }

    @Test
    void mapsTimeToBeatsBothWays() {
        Grid g = new Grid(T0, P);
        assertEquals(0.0, g.beatAt(T0));
        assertEquals(2.5, g.beatAt(T0 + 1_250_000_000L), 1e-12);
        assertEquals(T0 + 1_500_000_000L, g.timeOf(3));
        g.shift(-10);
        assertEquals(-7.0, g.beatAt(T0 + 1_500_000_000L), 1e-12);
        g.setPeriod(T0 + 1_500_000_000L, P / 2);
        assertEquals(-6.0, g.beatAt(T0 + 1_750_000_000L), 1e-12);
    }

    @Test
    void correctsASmallPhaseErrorByAFractionTowardsTheNearestBeat() {
        Grid g = new Grid(T0, P);
        long late = T0 + 4 * 500_000_000L + 50_000_000L; // beat 4, 0.1 beat late
        assertEquals(Grid.Outcome.SMOOTHED, follow(g, late, P));
        assertEquals(4.07, g.beatAt(late), 1e-9, "30% of the 0.1 beat error corrected");
    }

    @Test
    void aLargeErrorMovesTheGridOnlyWhenTheNextBeatConfirmsIt() {
        Grid g = new Grid(T0, P);
        long off = T0 + 4 * 500_000_000L + 200_000_000L; // 0.4 beat off: large
        assertEquals(Grid.Outcome.HELD, follow(g, off, P));
        assertEquals(4.4, g.beatAt(off), 1e-9, "one odd beat does not move the band");
        assertEquals(Grid.Outcome.JUMPED, follow(g, off + 500_000_000L, P));
        assertEquals(5.0, g.beatAt(off + 500_000_000L), 1e-9, "confirmed: the grid lands on the performer");
    }

    @Test
    void offBeatsBetweenGoodBeatsNeverMoveTheGrid() {
        Grid g = new Grid(T0, P);
        for (int i = 1; i < 20; i++) {
            long beat = T0 + i * 500_000_000L;
            follow(g, beat, P);
            follow(g, beat + 250_000_000L, P); // a tracker that also reports the "and"
        }
        assertEquals(20.0, g.beatAt(T0 + 20 * 500_000_000L), 0.01);
    }

    @Test
    void followsATempoChangeSmoothlyAndTakesALargeOneWhenConfirmed() {
        Grid g = new Grid(T0, P);
        double faster = P / 1.04; // 124.8 BPM: small change, smoothed
        long t = T0;
        for (int i = 0; i < 40; i++) {
            t += Math.round(faster);
            follow(g, t, faster);
        }
        assertEquals(124.8, g.bpm(), 0.05);
        double much = 60e9 / 150;
        t += Math.round(much);
        assertEquals(Grid.Outcome.HELD, follow(g, t, much));
        assertEquals(124.8, g.bpm(), 0.05);
        t += Math.round(much);
        follow(g, t, much);
        assertEquals(150, g.bpm(), 1e-6);
    }

    @Test
    void aTrackerAtDoubleOrHalfTempoIsFoldedToTheGridsLevel() {
        Grid g = new Grid(T0, P);
        follow(g, T0 + 500_000_000L, P / 2);
        assertEquals(120, g.bpm(), 1e-6);
        follow(g, T0 + 1_000_000_000L, P * 2);
        assertEquals(120, g.bpm(), 1e-6);
    }
}
