// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import java.io.IOException;

/**
 * Where the engine's audio comes from: a file, the audio interface, a generated signal. Always delivered as mono
 * floats in [-1, 1] at the source's own sample rate.
 *
 * <p><b>Threading:</b> {@link #open()} and {@link #close()} are called off the audio thread; {@link #read} on the
 * audio thread only, after {@code open}: it must not allocate, lock or log. A live source blocks in {@code read}
 * until its input has the samples (that wait is the engine's clock); a file or generated source never blocks.
 */
public interface AudioSource extends AutoCloseable {

    /**
     * Prepares the source: opens the device, decodes the file, allocates every buffer {@link #read} will use.
     *
     * @param maxFrames the largest number of frames one {@code read} will ask for
     * @throws IOException with a message that says what is wrong (no such device, not an audio file…)
     */
    void open(int maxFrames) throws IOException;

    /** @return the sample rate in Hz; valid after {@link #open} */
    float sampleRate();

    /**
     * Reads the next mono samples.
     *
     * @param buffer where to write, from index 0
     * @param frames how many frames are wanted, at most the {@code maxFrames} given to {@link #open}
     * @return the number of frames written (0 to {@code frames}), or -1 at the end of the stream
     */
    int read(float[] buffer, int frames);

    /** @return whether the source is paced by a real device (true) or can be read as fast as wanted (false) */
    boolean isLive();

    /** @return a short description for logs and the console, e.g. "file song.wav (44100 Hz, 2 ch, 16 bit)" */
    String describe();

    /** Releases the device or memory. Never throws. */
    @Override
    void close();
}
