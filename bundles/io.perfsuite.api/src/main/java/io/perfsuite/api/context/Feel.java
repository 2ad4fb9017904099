// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.context;

/**
 * How the band subdivides the performer's pulse. The beat grid stays the performer's; a bandmate playing in half
 * time puts its backbeat every second beat, in double time twice per beat.
 */
public enum Feel {
    /** Half time: the band's pattern runs at half the performer's tempo. */
    HALF_TIME(0.5),
    /** The performer's tempo. */
    NORMAL(1.0),
    /** Double time: the band's pattern runs at twice the performer's tempo. */
    DOUBLE_TIME(2.0);

    private final double factor;

    Feel(double factor) {
        this.factor = factor;
    }

    /** @return the band's pattern speed relative to the performer's beat: 0.5, 1 or 2 */
    public double factor() {
        return factor;
    }
}
