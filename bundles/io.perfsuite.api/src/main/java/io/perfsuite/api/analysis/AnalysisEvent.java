// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.analysis;

import java.util.Objects;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

/**
 * What an analyser heard, as delivered off the audio thread to {@link AnalysisListener}s. Immutable.
 *
 * <p>Every event carries the sample frame it refers to (since the stream started) and the matching time on the
 * engine's clock in nanoseconds: {@link System#nanoTime()} for live input, a virtual clock that starts at the
 * first sample when a file is analysed offline, so results are the same either way.
 */
public sealed interface AnalysisEvent {

    /** @return the sample frame the event refers to */
    long frame();

    /** @return the engine-clock time of that frame, in nanoseconds */
    long nanos();

    /**
     * A fundamental frequency estimate.
     *
     * @param frame      the frame
     * @param nanos      its time
     * @param hz         frequency in Hz, 0 when unvoiced
     * @param confidence 0 to 1
     */
    record Pitch(long frame, long nanos, double hz, double confidence) implements AnalysisEvent {
    }

    /**
     * A note or hit started.
     *
     * @param frame    the frame
     * @param nanos    its time
     * @param strength 0 to 1
     */
    record Onset(long frame, long nanos, double strength) implements AnalysisEvent {
    }

    /**
     * A beat, reported as it happened, with the prediction of the next one.
     *
     * @param frame          the frame of the beat
     * @param nanos          its time
     * @param periodSeconds  the beat period
     * @param nextBeatFrame  the predicted frame of the next beat
     * @param beatInBar      1-based position in the bar, 0 when unknown
     * @param confidence     0 to 1
     */
    record Beat(long frame, long nanos, double periodSeconds, long nextBeatFrame, int beatInBar, double confidence)
            implements AnalysisEvent {
    }

    /**
     * The chord sounding.
     *
     * @param frame      the frame
     * @param nanos      its time
     * @param chord      the chord
     * @param confidence 0 to 1
     */
    record ChordHeard(long frame, long nanos, Chord chord, double confidence) implements AnalysisEvent {
        /** @throws NullPointerException if the chord is null */
        public ChordHeard {
            Objects.requireNonNull(chord, "chord");
        }
    }

    /**
     * The key.
     *
     * @param frame      the frame
     * @param nanos      its time
     * @param key        the key
     * @param confidence 0 to 1
     */
    record KeyHeard(long frame, long nanos, Key key, double confidence) implements AnalysisEvent {
        /** @throws NullPointerException if the key is null */
        public KeyHeard {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Levels.
     *
     * @param frame    the frame
     * @param nanos    its time
     * @param rmsDbfs  RMS level in dBFS
     * @param peakDbfs peak level in dBFS
     * @param loudness short-term loudness
     * @param accent   whether this is an accent
     */
    record Level(long frame, long nanos, double rmsDbfs, double peakDbfs, double loudness, boolean accent)
            implements AnalysisEvent {
    }
}
