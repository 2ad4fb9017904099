// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

/**
 * The four continuity-based beat scores.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param cmlC correct metric level, continuous: the longest run of correct beats over the beat count
 * @param cmlT correct metric level, total: all correct beats over the beat count
 * @param amlC any metric level, continuous: the best {@code cmlC} over the reference's metrical variations
 * @param amlT any metric level, total: the best {@code cmlT} over the variations
 */
public record ContinuityScores(double cmlC, double cmlT, double amlC, double amlT) {
}
