// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * One annotated beat.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param time the beat time (s)
 * @param beatInBar the position in the bar, 1 for a downbeat, or 0 when the file does not say
 */
public record BeatEvent(double time, int beatInBar) {

    /**
     * @return true if this is a downbeat (beat 1 of the bar)
     */
    public boolean isDownbeat() {
        return beatInBar == 1;
    }
}
