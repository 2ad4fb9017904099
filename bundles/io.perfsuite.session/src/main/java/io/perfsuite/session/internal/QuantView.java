// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import io.perfsuite.api.command.Quantization;

/**
 * What it takes to find a quantization point: published by the session thread with each snapshot, so a submitting
 * thread can tell the caller when its command will run, and used by the session thread itself for the real point.
 *
 * @param playing      whether the band plays (stopped, every command runs at once)
 * @param beatsPerBar  the meter's beats per bar
 * @param sectionStart the beat at which the current section's first bar starts
 * @param sectionBars  the current section's length in bars, 0 when open-ended
 * @param phraseBars   bars per phrase
 *
 * <p>Immutable; any thread.
 */
record QuantView(boolean playing, int beatsPerBar, long sectionStart, int sectionBars, int phraseBars) {

    /**
     * @param q        the quantization
     * @param position the musical position when the command was submitted
     * @return the beat at which it is due, or NaN for at once (NOW, or the band is stopped)
     */
    double due(Quantization q, double position) {
        if (!playing || q == Quantization.NOW) {
            return Double.NaN;
        }
        long next = (long) Math.floor(position) + 1;
        switch (q) {
            case BEAT:
                return next;
            case BAR:
                return barAtOrAfter(next);
            case SECTION_END:
                if (sectionBars > 0) {
                    long end = sectionStart + (long) sectionBars * beatsPerBar;
                    if (end >= next) {
                        return end;
                    }
                }
                return phrase(next); // an open-ended section has no end: its next phrase is the musical point
            case PHRASE:
            default:
                return phrase(next);
        }
    }

    private long barAtOrAfter(long beat) {
        return Math.floorDiv(beat + beatsPerBar - 1, beatsPerBar) * beatsPerBar;
    }

    private long phrase(long next) {
        long bar = barAtOrAfter(next);
        long barsFromStart = Math.floorDiv(bar - sectionStart, beatsPerBar);
        long late = Math.floorMod(barsFromStart, phraseBars);
        return late == 0 ? bar : bar + (phraseBars - late) * beatsPerBar;
    }
}
