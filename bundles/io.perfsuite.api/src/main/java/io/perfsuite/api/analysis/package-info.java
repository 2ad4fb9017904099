// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Audio analysis: {@link io.perfsuite.api.analysis.Analyser} services run on the audio thread, one block at a time,
 * and report what they hear (pitch, onsets, beats, chords, key, dynamics) to an
 * {@link io.perfsuite.api.analysis.AnalysisSink} without allocating; the engine hands the results, time-stamped, to
 * {@link io.perfsuite.api.analysis.AnalysisListener}s on its dispatcher thread.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.analysis;
