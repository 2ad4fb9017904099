// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

/** A sine that starts silent and enters after a given frame, endless or of a given length; allocation-free. */
final class SineSource implements AudioSource {
    private final float rate;
    private final double hz;
    private final long length;
    private final long silentFrames;
    private long position;

    SineSource(float rate, double hz, long length, long silentFrames) {
        this.rate = rate;
        this.hz = hz;
        this.length = length;
        this.silentFrames = silentFrames;
    }

    @Override
    public void open(int maxFrames) {
        position = 0;
    }

    @Override
    public float sampleRate() {
        return rate;
    }

    @Override
    public int read(float[] buffer, int frames) {
        if (length >= 0 && position >= length) {
            return -1;
        }
        int n = length < 0 ? frames : (int) Math.min(frames, length - position);
        for (int i = 0; i < n; i++) {
            long p = position + i;
            buffer[i] = p < silentFrames ? 0f : (float) (0.5 * Math.sin(2 * Math.PI * hz * p / rate));
        }
        position += n;
        return n;
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public String describe() {
        return "sine " + hz + " Hz";
    }

    @Override
    public void close() {
    }
}
