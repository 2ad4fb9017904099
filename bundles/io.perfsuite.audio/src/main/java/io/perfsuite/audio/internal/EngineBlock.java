// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import io.perfsuite.api.analysis.AudioBlock;

/** The engine's one reusable {@link AudioBlock}; the audio thread sets it before each pass over the chain. */
final class EngineBlock implements AudioBlock {

    private final float[] samples;
    private final SpectralFrontEnd spectrum;
    private float sampleRate;
    private int length;
    private long startFrame;
    private long startNanos;

    EngineBlock(int maxBlockSize, SpectralFrontEnd spectrum) {
        this.samples = new float[maxBlockSize];
        this.spectrum = spectrum;
    }

    float[] buffer() {
        return samples;
    }

    void set(int length, long startFrame, long startNanos, float sampleRate) {
        this.length = length;
        this.startFrame = startFrame;
        this.startNanos = startNanos;
        this.sampleRate = sampleRate;
    }

    @Override
    public float[] samples() {
        return samples;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public long startFrame() {
        return startFrame;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public float sampleRate() {
        return sampleRate;
    }

    @Override
    public float[] magnitudes() {
        return spectrum.magnitudes();
    }

    @Override
    public float[] logMagnitudes() {
        return spectrum.logMagnitudes();
    }

    @Override
    public int fftSize() {
        return spectrum.fftSize();
    }
}
