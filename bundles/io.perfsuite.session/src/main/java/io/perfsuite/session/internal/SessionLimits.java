// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

/** Bounds the session holds musical values to, shared by songs, commands and the beat follower. */
final class SessionLimits {

    /** Slowest tempo a song, a command or the performer can set: below, a beat tracker is guessing. */
    static final double MIN_BPM = 20;
    /** Fastest tempo: above, a beat tracker has locked to a subdivision. */
    static final double MAX_BPM = 400;
    /** Longest count-in, as {@code CommandTarget.countIn} allows. */
    static final int MAX_COUNT_IN_BARS = 4;

    private SessionLimits() {
    }

    /** @return the beat period in nanoseconds of a tempo in BPM */
    static double periodNanos(double bpm) {
        return 60e9 / bpm;
    }
}
