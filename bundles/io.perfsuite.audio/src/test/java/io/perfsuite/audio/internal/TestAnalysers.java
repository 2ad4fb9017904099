// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.api.analysis.AudioBlock;

/** Small real-time-safe analysers for the engine's tests. */
final class TestAnalysers {

    private TestAnalysers() {
    }

    /** Reports the frequency of the loudest bin of the shared spectrum, once per block. */
    static final class PeakPitch implements Analyser {
        volatile long calls;

        @Override
        public String id() {
            return "test.peak-pitch";
        }

        @Override
        public void prepare(float sampleRate, int maxBlockSize, int fftSize) {
        }

        @Override
        public void process(AudioBlock block, AnalysisSink out) {
            float[] m = block.magnitudes();
            int peak = 1;
            for (int k = 2; k < m.length; k++) {
                if (m[k] > m[peak]) {
                    peak = k;
                }
            }
            out.pitch(block.startFrame(), peak * block.sampleRate() / block.fftSize(), 1.0);
            calls++;
        }
    }

    /** Reports the block's levels, and an onset when the RMS jumps by 12 dB. */
    static final class Levels implements Analyser {
        private double previousDb = -200;

        @Override
        public String id() {
            return "test.levels";
        }

        @Override
        public void prepare(float sampleRate, int maxBlockSize, int fftSize) {
            previousDb = -200;
        }

        @Override
        public void process(AudioBlock block, AnalysisSink out) {
            float[] s = block.samples();
            double sum = 0;
            double peak = 0;
            for (int i = 0; i < block.length(); i++) {
                sum += s[i] * s[i];
                peak = Math.max(peak, Math.abs(s[i]));
            }
            double rmsDb = 10 * Math.log10(sum / Math.max(1, block.length()) + 1e-20);
            double peakDb = 20 * Math.log10(peak + 1e-20);
            boolean accent = rmsDb - previousDb > 12;
            if (accent) {
                out.onset(block.startFrame(), 1.0);
            }
            out.dynamics(block.startFrame(), rmsDb, peakDb, rmsDb, accent);
            previousDb = rmsDb;
        }
    }

    /** Throws on its n-th block. */
    static final class Faulty implements Analyser {
        private final int failAt;
        volatile int calls;

        Faulty(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public String id() {
            return "test.faulty";
        }

        @Override
        public void prepare(float sampleRate, int maxBlockSize, int fftSize) {
        }

        @Override
        public void process(AudioBlock block, AnalysisSink out) {
            if (++calls == failAt) {
                throw new IllegalStateException("analyser bug on block " + calls);
            }
        }
    }
}
