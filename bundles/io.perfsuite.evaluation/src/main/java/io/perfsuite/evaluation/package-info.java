// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Music information retrieval metrics (beat, onset, tempo, chord, key, melody, note transcription) and readers
 * for annotation files, to score the suite's analysers against ground truth.
 *
 * <p>The metrics follow the definitions and defaults of mir_eval 0.7 closely enough to reproduce its numbers,
 * including its preprocessing (beat trimming, interval adjustment, resampling) and its handling of empty input;
 * the tests check them value for value against mir_eval's own regression fixtures. Pure JDK, no OSGi services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.evaluation;
