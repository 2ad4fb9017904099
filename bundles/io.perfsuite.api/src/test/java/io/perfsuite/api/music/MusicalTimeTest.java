// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests {@link MusicalTime}. */
class MusicalTimeTest {

    private static final Meter[] METERS = {
        Meter.COMMON, new Meter(3, 4), new Meter(6, 8), new Meter(7, 8), new Meter(5, 4), new Meter(12, 8),
        new Meter(1, 4), new Meter(2, 2), new Meter(32, 32),
    };

    @Test
    void startIsBarOneBeatOne() {
        MusicalTime start = MusicalTime.of(0.0, Meter.COMMON);
        assertEquals(new MusicalTime(1, 1, 0.0), start);
        assertTrue(start.isDownbeat());
        assertEquals("1.1", start.toString());
        assertEquals(new MusicalTime(1, 1, 0.0), MusicalTime.of(-0.0, Meter.COMMON));
    }

    @Test
    void positionsInCommonTime() {
        assertEquals(new MusicalTime(1, 2, 0.0), MusicalTime.of(1.0, Meter.COMMON));
        assertEquals(new MusicalTime(2, 1, 0.5), MusicalTime.of(4.5, Meter.COMMON));
        assertEquals(new MusicalTime(3, 2, 0.0), MusicalTime.of(9.0, Meter.COMMON));
        assertEquals(new MusicalTime(3, 2, 0.5), MusicalTime.of(9.5, Meter.COMMON));
        assertEquals("3.2", MusicalTime.of(9.0, Meter.COMMON).toString());
        assertEquals("3.2+0.50", MusicalTime.of(9.5, Meter.COMMON).toString());
        assertEquals("3.2+0.05", MusicalTime.of(9.05, Meter.COMMON).toString());
        assertEquals("3.2+0.99", MusicalTime.of(9.999, Meter.COMMON).toString());
        assertEquals(new MusicalTime(2, 2, 0.0), MusicalTime.of(5.0, new Meter(4, 8)));
    }

    @Test
    void otherMeters() {
        assertEquals(new MusicalTime(2, 1, 0.0), MusicalTime.of(6.0, new Meter(6, 8)));
        assertEquals(new MusicalTime(1, 6, 0.25), MusicalTime.of(5.25, new Meter(6, 8)));
        assertEquals(new MusicalTime(4, 1, 0.0), MusicalTime.of(9.0, new Meter(3, 4)));
        assertEquals(new MusicalTime(101, 1, 0.0), MusicalTime.of(100.0, new Meter(1, 4)));
    }

    @Test
    void countInUsesBarZeroAndBelow() {
        assertEquals(new MusicalTime(0, 4, 0.0), MusicalTime.of(-1.0, Meter.COMMON));
        assertEquals(new MusicalTime(0, 4, 0.5), MusicalTime.of(-0.5, Meter.COMMON));
        assertEquals(new MusicalTime(0, 1, 0.0), MusicalTime.of(-4.0, Meter.COMMON));
        assertEquals(new MusicalTime(-1, 4, 0.0), MusicalTime.of(-5.0, Meter.COMMON));
        assertEquals(new MusicalTime(0, 3, 0.0), MusicalTime.of(-1.0, new Meter(3, 4)));
        assertEquals("0.4+0.50", MusicalTime.of(-0.5, Meter.COMMON).toString());
        assertEquals("-1.4", MusicalTime.of(-5.0, Meter.COMMON).toString());
        assertEquals(-4.0, new MusicalTime(0, 1, 0.0).toBeats(Meter.COMMON), 0.0);
        assertTrue(new MusicalTime(0, 1, 0.0).isDownbeat());
    }

    @Test
    void tinyNegativeValuesDoNotProduceAFractionOfOne() {
        MusicalTime time = MusicalTime.of(-1e-20, Meter.COMMON);
        assertEquals(new MusicalTime(1, 1, 0.0), time);
        MusicalTime before = MusicalTime.of(-1e-12, Meter.COMMON);
        assertEquals(0, before.bar());
        assertEquals(4, before.beat());
        assertTrue(before.fraction() < 1.0);
    }

    @Test
    void roundTripsExactlyForManyBeatsAndMeters() {
        Random random = new Random(846);
        for (Meter meter : METERS) {
            for (int i = -2000; i <= 2000; i++) {
                assertRoundTrip(i / 64.0, meter); // exact tick positions, including the count-in
                assertRoundTrip(i / 3.0 + 1000.0, meter); // non-binary fractions, non-negative
            }
            for (int i = 0; i < 5000; i++) {
                assertRoundTrip(random.nextDouble() * 1e6, meter);
                assertRoundTrip(random.nextDouble() * 16.0, meter);
                assertRoundTrip(-random.nextInt(1 << 20) / 1024.0, meter);
            }
            assertRoundTrip(1e9, meter);
            assertRoundTrip(Math.nextDown(1.0), meter);
            assertRoundTrip(Double.MIN_VALUE, meter);
        }
    }

    @Test
    void negativeNonBinaryFractionsRoundTripWithinAnUlp() {
        Random random = new Random(4);
        for (Meter meter : METERS) {
            for (int i = 0; i < 2000; i++) {
                double beats = -random.nextDouble() * 1000.0;
                MusicalTime time = MusicalTime.of(beats, meter);
                assertEquals(beats, time.toBeats(meter), Math.ulp(beats) * 2 + Math.ulp(1.0));
                assertTrue(time.bar() <= 1);
            }
        }
    }

    private static void assertRoundTrip(double beats, Meter meter) {
        MusicalTime time = MusicalTime.of(beats, meter);
        assertTrue(time.beat() >= 1 && time.beat() <= meter.beatsPerBar(), time::toString);
        assertTrue(time.fraction() >= 0.0 && time.fraction() < 1.0, time::toString);
        assertEquals(beats, time.toBeats(meter), 0.0, () -> beats + " in " + meter + " -> " + time);
        assertEquals(time, MusicalTime.of(time.toBeats(meter), meter));
    }

    @Test
    void orderIsTimeOrder() {
        List<MusicalTime> times = new ArrayList<>();
        List<MusicalTime> sorted = new ArrayList<>();
        for (int i = -40; i < 200; i++) {
            sorted.add(MusicalTime.of(i * 0.25, new Meter(7, 8)));
        }
        times.addAll(sorted);
        Collections.shuffle(times, new Random(1));
        Collections.sort(times);
        assertEquals(sorted, times);
        assertTrue(new MusicalTime(2, 1, 0.0).compareTo(new MusicalTime(1, 4, 0.99)) > 0);
        assertTrue(new MusicalTime(1, 2, 0.1).compareTo(new MusicalTime(1, 2, 0.2)) < 0);
        assertEquals(0, new MusicalTime(1, 2, 0.0).compareTo(new MusicalTime(1, 2, -0.0)));
        assertEquals(new MusicalTime(1, 2, 0.0), new MusicalTime(1, 2, -0.0));
    }

    @Test
    void downbeat() {
        assertTrue(new MusicalTime(5, 1, 0.0).isDownbeat());
        assertFalse(new MusicalTime(5, 1, 0.01).isDownbeat());
        assertFalse(new MusicalTime(5, 2, 0.0).isDownbeat());
    }

    @Test
    void rejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MusicalTime(1, 0, 0.0));
        assertEquals("beat must be at least 1 (beats count from 1), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MusicalTime(1, 1, 1.0));
        assertEquals("beat fraction must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MusicalTime(1, 1, -0.1));
        assertEquals("beat fraction must be in [0, 1), got -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MusicalTime(1, 1, Double.NaN));
        assertEquals("beat fraction must be in [0, 1), got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MusicalTime(2, 5, 0.0).toBeats(Meter.COMMON));
        assertEquals("beat 5 of 2.5 does not fit in meter 4/4 with 4 beats per bar", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MusicalTime.of(Double.NaN, Meter.COMMON));
        assertTrue(e.getMessage().startsWith("beat count must be a finite number"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class,
                () -> MusicalTime.of(Double.NEGATIVE_INFINITY, Meter.COMMON));
        assertTrue(e.getMessage().endsWith("got -Infinity"), e::getMessage);
        e = assertThrows(IllegalArgumentException.class, () -> MusicalTime.of(1e12, new Meter(3, 4)));
        assertTrue(e.getMessage().endsWith("for meter 3/4, got 1.0E12"), e::getMessage);
        assertThrows(NullPointerException.class, () -> MusicalTime.of(1.0, null));
    }
}
