// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.evaluation.BeatMetrics;
import io.perfsuite.evaluation.BeatScores;
import io.perfsuite.evaluation.ChordMetrics;
import io.perfsuite.evaluation.ChordScores;
import io.perfsuite.evaluation.KeyMetrics;
import io.perfsuite.evaluation.MelodyMetrics;
import io.perfsuite.evaluation.NoteEvent;
import io.perfsuite.evaluation.OnsetMetrics;
import io.perfsuite.evaluation.OnsetScores;
import io.perfsuite.evaluation.TempoMetrics;
import io.perfsuite.evaluation.TimeSeries;
import io.perfsuite.evaluation.TranscriptionMetrics;

/**
 * Scores one {@link Estimate} against a {@link GroundTruth} with the project's metrics (mir_eval 0.7 definitions
 * and defaults), the same way for ours and for every peer. A figure is produced only where both the annotation
 * and the estimate exist; an estimate that exists but is empty scores 0, as in mir_eval.
 *
 * <p>Beats: the F-measure is over all beats ({@code mir_eval.beat.f_measure} on the whole sequences, as the peers'
 * figures in the data's README are); CMLt and AMLt are those of {@code mir_eval.beat.evaluate}, which ignores the
 * beats of the first 5 s (a tracker needs a few beats to find the metre and the continuity scores would
 * otherwise measure only that).
 *
 * <p>Single notes are scored over the note's steady part, a property of the recording the same for every
 * estimator: from the first to the last block whose RMS level is within {@value #SOUNDING_RANGE_DB} dB of the
 * loudest block, less {@value #STEADY_MARGIN_SECONDS} s at either end (the attack and the release, where no
 * estimator is expected to be in tune).
 *
 * <p>Stateless and thread-safe.
 */
final class Scoring {

    /** Blocks within this many dB of the loudest one count as the note sounding. */
    static final double SOUNDING_RANGE_DB = 20;
    /** Left out at both ends of the sounding part of a single note. */
    static final double STEADY_MARGIN_SECONDS = 0.1;
    /** Time step of the constant reference f0 of a single note. */
    static final double NOTE_REFERENCE_HOP = 0.01;
    /** Annotated notes overlapping by more than this (s) count as sounding together. */
    static final double OVERLAP_SECONDS = 0.05;
    /** Note transcription is scored only when at most this fraction of the annotated notes overlap the next. */
    static final double MONOPHONIC_OVERLAP = 0.1;

    private Scoring() {
    }

    /**
     * Scores an estimate.
     *
     * @param truth    the annotations
     * @param estimate what an analyser said
     * @param steady   the steady part of a single note as {start, end} (s), or null
     * @param duration the recording's duration (s)
     * @param problems receives one line per family of metrics the estimate could not be scored on (e.g. a
     *                 chord label the metrics reject)
     * @return the figures, in {@link Metric} order
     */
    static Map<Metric, Object> score(GroundTruth truth, Estimate estimate, double[] steady, double duration,
            List<String> problems) {
        Map<Metric, Object> scores = new EnumMap<>(Metric.class);
        if (truth.beats() != null && estimate.beats() != null) {
            guarded("beats", problems, () -> {
                BeatScores s = BeatMetrics.evaluate(truth.beats(), estimate.beats());
                // F over every beat: a band needs the first beats too (and the peers' published figures are so)
                scores.put(Metric.BEAT_F, BeatMetrics.fMeasure(truth.beats(), estimate.beats(),
                        BeatMetrics.F_MEASURE_WINDOW));
                scores.put(Metric.BEAT_CMLT, s.cmlT());
                scores.put(Metric.BEAT_AMLT, s.amlT());
            });
        }
        if (truth.onsets() != null && estimate.onsets() != null) {
            guarded("onsets", problems, () -> {
                OnsetScores s = OnsetMetrics.evaluate(truth.onsets(), estimate.onsets());
                scores.put(Metric.ONSET_F, s.fMeasure());
                scores.put(Metric.ONSET_P, s.precision());
                scores.put(Metric.ONSET_R, s.recall());
            });
        }
        if (!Double.isNaN(truth.tempo()) && Double.isFinite(estimate.tempo()) && estimate.tempo() > 0) {
            double error = Math.abs(estimate.tempo() - truth.tempo()) / truth.tempo();
            scores.put(Metric.TEMPO_BPM, estimate.tempo());
            scores.put(Metric.TEMPO_ERROR, 100 * error);
            scores.put(Metric.TEMPO_4, TempoMetrics.withinTolerance(estimate.tempo(), truth.tempo(), 0.04));
            scores.put(Metric.TEMPO_8, TempoMetrics.withinTolerance(estimate.tempo(), truth.tempo(), 0.08));
        }
        if (truth.chords() != null && estimate.chords() != null) {
            guarded("chords", problems, () -> {
                ChordScores s = ChordMetrics.evaluate(truth.chords(), estimate.chords());
                scores.put(Metric.CHORD_ROOT, s.root());
                scores.put(Metric.CHORD_MAJMIN, s.majmin());
                scores.put(Metric.CHORD_MIREX, s.mirex());
            });
        }
        if (truth.key() != null && estimate.key() != null) {
            guarded("key", problems, () -> {
                scores.put(Metric.KEY_SCORE, KeyMetrics.weightedScore(truth.key(), estimate.key()));
                scores.put(Metric.KEY, estimate.key());
            });
        }
        if (truth.f0() != null && estimate.pitch() != null && truth.f0().size() > 0) {
            guarded("f0", problems, () -> scores.put(Metric.MELODY_RPA,
                    MelodyMetrics.evaluate(truth.f0(), estimate.pitch()).rawPitchAccuracy()));
        }
        if (truth.note() != null && estimate.pitch() != null && steady != null) {
            guarded("single note", problems, () -> {
                double error = noteError(estimate.pitch(), steady, truth.note().hz());
                if (!Double.isNaN(error)) {
                    scores.put(Metric.NOTE_ERROR, error);
                }
                TimeSeries reference = constantNote(truth.note().hz(), steady, duration);
                scores.put(Metric.NOTE_RPA, MelodyMetrics.evaluate(reference, estimate.pitch()).rawPitchAccuracy());
            });
        }
        if (truth.notes() != null && estimate.notes() != null && monophonic(truth.notes())) {
            guarded("notes", problems, () -> scores.put(Metric.NOTES_F,
                    TranscriptionMetrics.evaluate(truth.notes(), estimate.notes()).fMeasureNoOffset()));
        }
        return scores;
    }

    /**
     * Runs one family of metrics; a rejected input (the metrics throw IllegalArgumentException, or worse on input
     * nobody foresaw) leaves that family out and says why, and the others still run.
     */
    private static void guarded(String what, List<String> problems, Runnable scoring) {
        try {
            scoring.run();
        } catch (RuntimeException e) {
            problems.add(what + ": " + FileRun.oneLine(e.getMessage(), e.getClass().getSimpleName()));
        }
    }

    /**
     * @param notes annotated notes
     * @return whether they are a melody (few overlap), which a monophonic pitch tracker can transcribe
     */
    static boolean monophonic(List<NoteEvent> notes) {
        if (notes.isEmpty()) {
            return false;
        }
        List<NoteEvent> sorted = new ArrayList<>(notes);
        sorted.sort(Comparator.comparingDouble(NoteEvent::onset));
        int overlapping = 0;
        double lastOffset = Double.NEGATIVE_INFINITY;
        for (NoteEvent n : sorted) {
            if (n.onset() < lastOffset - OVERLAP_SECONDS) {
                overlapping++;
            }
            lastOffset = Math.max(lastOffset, n.offset());
        }
        return overlapping <= MONOPHONIC_OVERLAP * notes.size();
    }

    /**
     * The steady part of a single note from the level of each block.
     *
     * @param levels     the level events of our run
     * @param sampleRate the recording's rate
     * @param hop        the block duration (s)
     * @return {start, end} (s), or null when nothing sounds
     */
    static double[] steadyPart(List<AnalysisEvent.Level> levels, double sampleRate, double hop) {
        double loudest = Double.NEGATIVE_INFINITY;
        for (AnalysisEvent.Level l : levels) {
            loudest = Math.max(loudest, l.rmsDbfs());
        }
        if (!Double.isFinite(loudest)) {
            return null;
        }
        double first = Double.NaN;
        double last = Double.NaN;
        for (AnalysisEvent.Level l : levels) {
            if (l.rmsDbfs() >= loudest - SOUNDING_RANGE_DB) {
                double t = l.frame() / sampleRate;
                first = Double.isNaN(first) ? t : first;
                last = t + hop;
            }
        }
        double start = first + STEADY_MARGIN_SECONDS;
        double end = last - STEADY_MARGIN_SECONDS;
        // a note too short to lose its ends is scored whole
        return end - start >= STEADY_MARGIN_SECONDS ? new double[] {start, end} : new double[] {first, last};
    }

    /** Median absolute cents from the note over the voiced estimated frames of the steady part; NaN if none. */
    static double noteError(TimeSeries pitch, double[] steady, double hz) {
        double[] times = pitch.times();
        double[] values = pitch.values();
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            if (times[i] >= steady[0] && times[i] <= steady[1] && values[i] > 0) {
                errors.add(Math.abs(Stats.cents(values[i], hz)));
            }
        }
        return Stats.median(errors);
    }

    /** A reference f0 track: the note's pitch over the steady part, unvoiced elsewhere, every 10 ms. */
    static TimeSeries constantNote(double hz, double[] steady, double duration) {
        int n = (int) Math.floor(Math.max(duration, steady[1]) / NOTE_REFERENCE_HOP) + 1;
        double[] times = new double[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i * NOTE_REFERENCE_HOP;
            values[i] = times[i] >= steady[0] && times[i] <= steady[1] ? hz : 0;
        }
        return new TimeSeries(times, values);
    }
}
