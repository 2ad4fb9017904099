// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.context;

/**
 * How much of the show the runtime is currently doing. Under overload the session steps down through these levels,
 * dropping what matters least first; audio is the last thing ever dropped.
 */
public enum DegradationLevel {
    /** Everything runs. */
    FULL,
    /** Visual detail (lighting effects, secondary animation) is dropped. */
    NO_VISUAL_DETAIL,
    /** Calls to MCP advisors are skipped; local rules decide. */
    NO_MCP,
    /** Avatar animation is stopped. */
    NO_ANIMATION,
    /** Audio only, and only the essential parts of the band. */
    MINIMAL;

    /** @return true if this level drops at least as much as {@code other} */
    public boolean atLeast(DegradationLevel other) {
        return compareTo(other) >= 0;
    }
}
