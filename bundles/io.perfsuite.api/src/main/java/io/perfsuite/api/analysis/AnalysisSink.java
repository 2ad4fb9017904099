// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.analysis;

import org.osgi.annotation.versioning.ProviderType;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

/**
 * Where analysers report what they hear. The engine implements it over preallocated single-producer rings that the
 * session drains on its own thread, so reporting does not allocate, lock or block. Positions are sample frames
 * since the stream started; the engine turns them into time stamps.
 *
 * <p><b>Threading:</b> audio thread only, during {@link Analyser#process}. Chord and key objects passed in must be
 * immutable and preferably preallocated (e.g. one per candidate, made in {@link Analyser#prepare}).
 */
@ProviderType
public interface AnalysisSink {

    /**
     * A fundamental frequency estimate.
     *
     * @param frame      where it was measured
     * @param hz         frequency in Hz, or 0 when unvoiced
     * @param confidence 0 to 1
     */
    void pitch(long frame, double hz, double confidence);

    /**
     * A note or hit started.
     *
     * @param frame    where
     * @param strength detection strength, 0 to 1
     */
    void onset(long frame, double strength);

    /**
     * A beat happened (reported as it happens, causally), with the prediction of the next one.
     *
     * @param frame          where the beat was
     * @param periodSeconds  the current beat period
     * @param nextBeatFrame  the predicted position of the next beat
     * @param beatInBar      1-based position in the bar, or 0 when the downbeat is not known
     * @param confidence     0 to 1
     */
    void beat(long frame, double periodSeconds, long nextBeatFrame, int beatInBar, double confidence);

    /**
     * The current chord. Reported once the analyser has decided, which is later than the change itself; the
     * frame says where the chord began as far as the analyser can tell from the past.
     *
     * @param frame      where the chord began
     * @param chord      the chord, possibly {@link Chord#NO_CHORD}
     * @param confidence 0 to 1
     */
    void chord(long frame, Chord chord, double confidence);

    /**
     * The current key. The frame says where the analyser places the change, from the past only.
     *
     * @param frame      where the key took over
     * @param key        the key
     * @param confidence 0 to 1
     */
    void key(long frame, Key key, double confidence);

    /**
     * Levels of the block.
     *
     * @param frame     where
     * @param rmsDbfs   RMS level in dBFS
     * @param peakDbfs  peak level in dBFS
     * @param loudness  short-term loudness (LUFS-like)
     * @param accent    whether this block carries an accent
     */
    void dynamics(long frame, double rmsDbfs, double peakDbfs, double loudness, boolean accent);
}
