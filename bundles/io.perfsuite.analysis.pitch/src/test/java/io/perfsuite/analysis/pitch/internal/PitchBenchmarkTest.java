// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.pitch.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.TestSignalSource;

/**
 * Prints the analyser's compute time per block on a minute of a harmonic tone, from the engine's own statistics;
 * a measurement, not an assertion. The first run is in a cold JVM (its p99 and max include the JIT's warm-up),
 * the others after it.
 */
class PitchBenchmarkTest {

    @Test
    void computeTimePerBlock() throws Exception {
        run(44100, "cold JVM");
        run(44100, "warm");
        run(48000, "warm");
    }

    static void run(float rate, String label) throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        engine.addAnalyser(new PitchAnalyser(PitchAccuracyTest.defaults()));
        engine.addListener(e -> { });
        long started = System.nanoTime();
        // G3 with four harmonics
        engine.start(TestSignalSource.sines(rate, new double[] {196, 392, 588, 784, 980},
                new double[] {0.3, 0.2, 0.1, 0.1, 0.05}).withLength(60L * (long) rate), AudioEngine.Clock.OFFLINE);
        assertTrue(engine.awaitEnd(Duration.ofSeconds(120)));
        double seconds = (System.nanoTime() - started) / 1e9;
        for (AudioEngine.AnalyserStats s : engine.stats()) {
            System.out.printf("pitch benchmark (%s), 60 s harmonic tone at %.0f Hz, block 256: %-5s p50 %6.1f us,"
                    + " p99 %6.1f us, max %7.1f us over %d blocks%n", label, rate, s.id(), s.p50Micros(),
                    s.p99Micros(), s.maxMicros(), s.blocks());
        }
        System.out.printf("pitch benchmark (%s) at %.0f Hz: 60 s of audio in %.2f s wall time (%.0fx real time)%n",
                label, rate, seconds, 60 / seconds);
    }
}
