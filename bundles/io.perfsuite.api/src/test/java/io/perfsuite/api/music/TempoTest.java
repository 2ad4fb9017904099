// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Tests {@link Tempo}. */
class TempoTest {

    @Test
    void beatDurations() {
        Tempo tempo = new Tempo(120.0);
        assertEquals(0.5, tempo.beatSeconds(), 0.0);
        assertEquals(500_000_000L, tempo.beatNanos());
        assertEquals(1.0, new Tempo(60.0).beatSeconds(), 0.0);
        assertEquals(60_000_000_000L, new Tempo(1.0).beatNanos());
        assertEquals(60_000_000L, new Tempo(1000.0).beatNanos());
        assertEquals(434_782_609L, new Tempo(138.0).beatNanos());
    }

    @Test
    void ofBeatSeconds() {
        assertEquals(new Tempo(120.0), Tempo.ofBeatSeconds(0.5));
        assertEquals(90.0, Tempo.ofBeatSeconds(60.0 / 90.0).bpm(), 1e-12);
        assertEquals(1.0, Tempo.ofBeatSeconds(60.0).bpm(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tempo.ofBeatSeconds(0.0));
        assertEquals("beat duration must be a finite number > 0 s, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tempo.ofBeatSeconds(Double.NaN));
        assertEquals("beat duration must be a finite number > 0 s, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tempo.ofBeatSeconds(120.0));
        assertEquals("beat duration 120.0 s gives 0.5 BPM, outside 1..1000 BPM", e.getMessage());
    }

    @Test
    void scaled() {
        assertEquals(new Tempo(240.0), new Tempo(120.0).scaled(2.0));
        assertEquals(new Tempo(60.0), new Tempo(120.0).scaled(0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tempo(120.0).scaled(0));
        assertEquals("tempo factor must be a finite number > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Tempo(120.0).scaled(Double.POSITIVE_INFINITY));
        assertEquals("tempo factor must be a finite number > 0, got Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Tempo(600.0).scaled(2.0));
        assertEquals("tempo 600.0 BPM scaled by 2.0 gives 1200.0 BPM, outside 1..1000 BPM", e.getMessage());
    }

    @Test
    void bounds() {
        assertEquals(1.0, new Tempo(1.0).bpm(), 0.0);
        assertEquals(1000.0, new Tempo(1000.0).bpm(), 0.0);
        for (double bad : new double[] {0.999, 1000.001, 0.0, -120.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tempo(bad));
            assertEquals("tempo must be a finite number in 1..1000 BPM, got " + bad, e.getMessage());
        }
    }

    @Test
    void printing() {
        assertEquals("120.0 BPM", new Tempo(120).toString());
        assertEquals("92.5 BPM", new Tempo(92.5).toString());
    }
}
