// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.Objects;

/**
 * A time span labelled with a chord, one line of a {@code .lab} file.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param start start time (s)
 * @param end end time (s)
 * @param label the Harte chord label, e.g. {@code "A:min7/b3"} or {@code "N"}
 */
public record ChordSegment(double start, double end, String label) {

    /**
     * Checks that the label is given.
     *
     * @param start start time (s)
     * @param end end time (s)
     * @param label the chord label
     * @throws NullPointerException if {@code label} is null
     */
    public ChordSegment {
        Objects.requireNonNull(label, "label");
    }
}
