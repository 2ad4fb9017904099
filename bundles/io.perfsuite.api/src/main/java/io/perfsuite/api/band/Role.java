// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band;

/**
 * The part a bandmate plays. Outputs use it for defaults (General MIDI drums go to channel 10) and the session for
 * degradation (the minimal band keeps drums and bass).
 */
public enum Role {
    /** A drum kit: notes are General MIDI percussion keys. */
    DRUMS,
    /** Other percussion. */
    PERCUSSION,
    /** Bass lines. */
    BASS,
    /** Keyboards: pads, comping. */
    KEYS,
    /** Guitars. */
    GUITAR,
    /** Strings, brass, pads other than keys. */
    ENSEMBLE,
    /** A lead or melody voice. */
    LEAD,
    /** A click or count-in for the performer. */
    CLICK,
    /** Anything else. */
    OTHER
}
