// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.command;

/** When a queued command takes effect, relative to the musical grid. */
public enum Quantization {
    /** As soon as the session thread takes it. */
    NOW,
    /** On the next beat. */
    BEAT,
    /** On the next bar line. */
    BAR,
    /** On the next phrase boundary (a group of bars, four unless the song says otherwise). */
    PHRASE,
    /** At the end of the current section. */
    SECTION_END
}
