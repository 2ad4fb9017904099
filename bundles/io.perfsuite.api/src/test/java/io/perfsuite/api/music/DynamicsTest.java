// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tests {@link Dynamics}. */
class DynamicsTest {

    @Test
    void toDbfs() {
        assertEquals(0.0, Dynamics.toDbfs(1.0), 0.0);
        assertEquals(-6.0206, Dynamics.toDbfs(0.5), 1e-4);
        assertEquals(-20.0, Dynamics.toDbfs(0.1), 1e-12);
        assertEquals(-3.0103, Dynamics.toDbfs(Math.sqrt(0.5)), 1e-4);
        assertEquals(6.0206, Dynamics.toDbfs(2.0), 1e-4);
        assertEquals(Double.NEGATIVE_INFINITY, Dynamics.toDbfs(0.0), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, Dynamics.toDbfs(-0.0), 0.0);
        for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dynamics.toDbfs(bad));
            assertEquals("linear amplitude must be a finite number >= 0, got " + bad, e.getMessage());
        }
    }

    @Test
    void silence() {
        assertEquals(Double.NEGATIVE_INFINITY, Dynamics.SILENCE.rmsDbfs(), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, Dynamics.SILENCE.peakDbfs(), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, Dynamics.SILENCE.loudness(), 0.0);
        assertTrue(Dynamics.SILENCE.isSilent());
        assertEquals(Dynamics.SILENCE, new Dynamics(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
    }

    @Test
    void levels() {
        Dynamics loud = new Dynamics(-12.5, -0.3, -14.0);
        assertEquals(-12.5, loud.rmsDbfs(), 0.0);
        assertEquals(-0.3, loud.peakDbfs(), 0.0);
        assertEquals(-14.0, loud.loudness(), 0.0);
        assertFalse(loud.isSilent());
        assertEquals(6.0, new Dynamics(6.0, 6.0, 6.0).peakDbfs(), 0.0);
        assertEquals(new Dynamics(-12.5, -0.3, -14.0), loud);
    }

    @Test
    void rejectsBadLevels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dynamics(Double.NaN, 0.0, 0.0));
        assertEquals("RMS level must be at most +6 dBFS (or -Infinity for silence), got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dynamics(-10.0, 6.5, -10.0));
        assertEquals("peak level must be at most +6 dBFS (or -Infinity for silence), got 6.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Dynamics(-10.0, 0.0, Double.POSITIVE_INFINITY));
        assertEquals("loudness must be at most +6 LUFS (or -Infinity for silence), got Infinity", e.getMessage());
    }
}
