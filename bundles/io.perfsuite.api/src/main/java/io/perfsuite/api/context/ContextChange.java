// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.context;

/** What changed from one {@link MusicalContext} snapshot to the next, as told to {@link ContextListener}s. */
public enum ContextChange {
    /** A beat was passed. */
    BEAT,
    /** A bar line was passed (always comes with {@link #BEAT}). */
    BAR,
    /** The tempo estimate changed. */
    TEMPO,
    /** The current or predicted chord changed. */
    CHORD,
    /** The key changed. */
    KEY,
    /** The section changed. */
    SECTION,
    /** Dynamics or intensity changed. */
    DYNAMICS,
    /** The system mode changed. */
    MODE,
    /** The degradation level changed. */
    DEGRADATION,
    /** Playing started or stopped. */
    TRANSPORT,
    /** The feel (half time, double time) or the cues in force changed. */
    CUE
}
