// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * The chord comparison rules of mir_eval 0.7. Each compares a reference and an estimated label and yields 1
 * (match), 0 (no match) or "out of gamut" (the reference chord is not covered by the rule, and the time span is
 * left out of the weighted accuracy). A reference {@code X} is always out of gamut.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum ChordRule {
    /** Same root. */
    ROOT("root"),
    /** Same root and same third (major, minor or none). */
    THIRDS("thirds"),
    /** {@link #THIRDS} and same bass. */
    THIRDS_INV("thirds_inv"),
    /** Same root and same semitones up to the augmented fifth. */
    TRIADS("triads"),
    /** {@link #TRIADS} and same bass. */
    TRIADS_INV("triads_inv"),
    /** Same root and same semitones in the octave. */
    TETRADS("tetrads"),
    /** {@link #TETRADS} and same bass. */
    TETRADS_INV("tetrads_inv"),
    /** Same root and triad, only for major, minor and no-chord references. */
    MAJMIN("majmin"),
    /** {@link #MAJMIN} and same bass. */
    MAJMIN_INV("majmin_inv"),
    /** Same root and semitones, only for maj, min, maj7, 7, min7 and no-chord references. */
    SEVENTHS("sevenths"),
    /** {@link #SEVENTHS} and same bass. */
    SEVENTHS_INV("sevenths_inv"),
    /**
     * At least three sounding pitch classes in common (or both no chord); references with one or two pitch
     * classes are out of gamut.
     */
    MIREX("mirex");

    private final String metricName;

    ChordRule(String metricName) {
        this.metricName = metricName;
    }

    /**
     * Returns the metric's name in the reference implementation.
     *
     * @return e.g. {@code "majmin_inv"}
     */
    public String metricName() {
        return metricName;
    }
}
