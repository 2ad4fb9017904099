// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.List;

/**
 * Note transcription metrics as in mir_eval 0.7 (MIREX note tracking): reference and estimated notes are paired
 * one to one by a maximum bipartite matching, a pair being allowed when
 * <ul>
 *   <li>the onsets are at most 50 ms apart (distance rounded to 4 decimals first),</li>
 *   <li>the pitches are at most 50 cents apart, and</li>
 *   <li>unless offsets are ignored, the offsets are at most {@code max(0.2 * reference duration, 50 ms)} apart
 *       (distance rounded to 4 decimals).</li>
 * </ul>
 * Onset-only and offset-only scores pair notes on that criterion alone, regardless of pitch. All comparisons are
 * inclusive ({@code <=}). An empty reference or estimate scores 0 throughout.
 *
 * <p>Stateless and thread-safe.
 */
public final class TranscriptionMetrics {

    /** Onset tolerance (s). */
    public static final double ONSET_TOLERANCE = 0.05;
    /** Pitch tolerance (cents). */
    public static final double PITCH_TOLERANCE = 50.0;
    /** Offset tolerance as a fraction of the reference note's duration. */
    public static final double OFFSET_RATIO = 0.2;
    /** The smallest offset tolerance (s). */
    public static final double OFFSET_MIN_TOLERANCE = 0.05;

    private static final int DECIMALS = 4;

    private TranscriptionMetrics() {
    }

    /**
     * Computes all transcription scores with the default tolerances.
     *
     * @param reference the reference notes
     * @param estimated the estimated notes
     * @return the scores
     * @throws IllegalArgumentException if a note has a negative time, a non-positive duration or a non-positive
     *     pitch
     */
    public static TranscriptionScores evaluate(List<NoteEvent> reference, List<NoteEvent> estimated) {
        validate(reference, "reference");
        validate(estimated, "estimated");
        double[] withOffset = precisionRecallF1Overlap(reference, estimated, OFFSET_RATIO);
        double[] noOffset = precisionRecallF1Overlap(reference, estimated, Double.NaN);
        double[] onset = onsetPrecisionRecallF1(reference, estimated);
        double[] offset = offsetPrecisionRecallF1(reference, estimated);
        return new TranscriptionScores(withOffset[0], withOffset[1], withOffset[2], withOffset[3], noOffset[0],
                noOffset[1], noOffset[2], noOffset[3], onset[0], onset[1], onset[2], offset[0], offset[1],
                offset[2]);
    }

    /**
     * Precision, recall, F-measure and average overlap ratio of notes matched on onset, pitch and (optionally)
     * offset.
     *
     * @param reference the reference notes
     * @param estimated the estimated notes
     * @param offsetRatio the offset tolerance as a fraction of the reference duration, or NaN to ignore offsets
     * @return {@code {precision, recall, F-measure, average overlap ratio}}
     */
    public static double[] precisionRecallF1Overlap(List<NoteEvent> reference, List<NoteEvent> estimated,
            double offsetRatio) {
        validate(reference, "reference");
        validate(estimated, "estimated");
        if (reference.isEmpty() || estimated.isEmpty()) {
            return new double[] {0, 0, 0, 0};
        }
        List<int[]> matching = Matching.matchDense(reference.size(), estimated.size(), (i, j) -> {
            NoteEvent ref = reference.get(i);
            NoteEvent est = estimated.get(j);
            return onsetHit(ref, est) && pitchHit(ref, est)
                    && (Double.isNaN(offsetRatio) || offsetHit(ref, est, offsetRatio));
        });
        double precision = (double) matching.size() / estimated.size();
        double recall = (double) matching.size() / reference.size();
        return new double[] {precision, recall, Matching.fMeasure(precision, recall),
            averageOverlapRatio(reference, estimated, matching)};
    }

    /**
     * Precision, recall and F-measure of note onsets, regardless of pitch and offset.
     *
     * @param reference the reference notes
     * @param estimated the estimated notes
     * @return {@code {precision, recall, F-measure}}
     */
    public static double[] onsetPrecisionRecallF1(List<NoteEvent> reference, List<NoteEvent> estimated) {
        return countScores(reference, estimated, (i, j) -> onsetHit(reference.get(i), estimated.get(j)));
    }

    /**
     * Precision, recall and F-measure of note offsets, regardless of pitch and onset.
     *
     * @param reference the reference notes
     * @param estimated the estimated notes
     * @return {@code {precision, recall, F-measure}}
     */
    public static double[] offsetPrecisionRecallF1(List<NoteEvent> reference, List<NoteEvent> estimated) {
        return countScores(reference, estimated,
                (i, j) -> offsetHit(reference.get(i), estimated.get(j), OFFSET_RATIO));
    }

    private static double[] countScores(List<NoteEvent> reference, List<NoteEvent> estimated,
            Matching.PairTest hit) {
        validate(reference, "reference");
        validate(estimated, "estimated");
        if (reference.isEmpty() || estimated.isEmpty()) {
            return new double[] {0, 0, 0};
        }
        int matched = Matching.matchDense(reference.size(), estimated.size(), hit).size();
        double precision = (double) matched / estimated.size();
        double recall = (double) matched / reference.size();
        return new double[] {precision, recall, Matching.fMeasure(precision, recall)};
    }

    private static boolean onsetHit(NoteEvent ref, NoteEvent est) {
        return NumericSupport.roundDecimals(Math.abs(ref.onset() - est.onset()), DECIMALS) <= ONSET_TOLERANCE;
    }

    private static boolean pitchHit(NoteEvent ref, NoteEvent est) {
        double cents = Math.abs(1200 * (NumericSupport.log2(ref.frequency()) - NumericSupport.log2(est.frequency())));
        return cents <= PITCH_TOLERANCE;
    }

    private static boolean offsetHit(NoteEvent ref, NoteEvent est, double ratio) {
        double distance = NumericSupport.roundDecimals(Math.abs(ref.offset() - est.offset()), DECIMALS);
        double tolerance = Math.max(ratio * Math.abs(ref.offset() - ref.onset()), OFFSET_MIN_TOLERANCE);
        return distance <= tolerance;
    }

    /**
     * The mean, over matched pairs, of the time both notes sound over the time either sounds.
     *
     * @param reference the reference notes
     * @param estimated the estimated notes
     * @param matching pairs {@code [reference index, estimate index]}
     * @return the average overlap ratio, 0 without pairs
     */
    static double averageOverlapRatio(List<NoteEvent> reference, List<NoteEvent> estimated, List<int[]> matching) {
        if (matching.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (int[] pair : matching) {
            NoteEvent ref = reference.get(pair[0]);
            NoteEvent est = estimated.get(pair[1]);
            double overlap = Math.min(ref.offset(), est.offset()) - Math.max(ref.onset(), est.onset());
            double span = Math.max(ref.offset(), est.offset()) - Math.min(ref.onset(), est.onset());
            sum += overlap / span;
        }
        return sum / matching.size();
    }

    private static void validate(List<NoteEvent> notes, String what) {
        for (int i = 0; i < notes.size(); i++) {
            NoteEvent note = notes.get(i);
            if (note.onset() < 0 || note.offset() < 0) {
                throw new IllegalArgumentException(what + " note " + i + " has a negative time: " + note);
            }
            if (!(note.offset() > note.onset())) {
                throw new IllegalArgumentException(what + " note " + i + " does not have a positive duration: "
                        + note);
            }
            if (!(note.frequency() > 0)) {
                throw new IllegalArgumentException(what + " note " + i + " has a non-positive pitch: " + note);
            }
        }
    }
}
