// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SpectralFrontEndTest {

    @Test
    void fastLog1pMatchesTheJdkOverTheMagnitudeRange() {
        Random r = new Random(7);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            // magnitudes of a 2048-point spectrum span 0 to about 1,000 for full-scale input
            float x = (float) (Math.pow(10, -8 + 12 * r.nextDouble()));
            worst = Math.max(worst, Math.abs(SpectralFrontEnd.log1p(x) - Math.log1p(x)));
        }
        assertTrue(worst < 1e-5, "worst absolute error " + worst);
        assertEquals(0f, SpectralFrontEnd.log1p(0f));
        assertEquals(0f, SpectralFrontEnd.log1p(-1f), "a negative magnitude cannot happen; treated as 0");
        assertEquals(Float.POSITIVE_INFINITY, SpectralFrontEnd.log1p(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(SpectralFrontEnd.log1p(Float.NaN)) || SpectralFrontEnd.log1p(Float.NaN) == 0f);
    }

    @Test
    void logMagnitudesAreComputedOncePerBlockFromTheMagnitudes() {
        SpectralFrontEnd fe = new SpectralFrontEnd(1024);
        float[] block = new float[256];
        for (int b = 0; b < 8; b++) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (float) Math.sin(2 * Math.PI * 1000 * (b * 256 + i) / 44100.0);
            }
            fe.push(block, block.length);
            fe.compute();
            float[] logs = fe.logMagnitudes();
            assertSame(logs, fe.logMagnitudes(), "shared, not recomputed into a new array");
            float[] m = fe.magnitudes();
            for (int k = 0; k < m.length; k++) {
                assertEquals(Math.log1p(m[k]), logs[k], 1e-5 * Math.max(1, Math.log1p(m[k])), "bin " + k);
            }
        }
    }
}
