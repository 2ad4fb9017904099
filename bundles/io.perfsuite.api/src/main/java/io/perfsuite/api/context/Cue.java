// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.context;

/**
 * A performer's cue to the whole band, carried in the {@link MusicalContext} so every bandmate sees it in the same
 * snapshot. The session sets and clears cues; bandmates decide how to play them in their style.
 */
public enum Cue {
    /** Play a fill into the next bar line (cleared by the session when that bar starts). */
    FILL,
    /** Hold: sustain the current chord and stop moving until the cue is cleared. */
    HOLD,
    /** Play an ending: finish at the end of the current bar (or section) and then stop. */
    ENDING,
    /** A count-in is running (negative beats): only time-keeping parts play. */
    COUNT_IN
}
