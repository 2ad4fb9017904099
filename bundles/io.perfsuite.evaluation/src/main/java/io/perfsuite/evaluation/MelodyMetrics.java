// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.Arrays;

/**
 * Melody extraction metrics as in mir_eval 0.7 (Salamon et al. 2014; Poliner et al. 2007), including its
 * conversion of both tracks to cents and voicing arrays on a common time base:
 * <ol>
 *   <li>a track whose first time stamp is after 0 gets a sample at 0 repeating its first value;</li>
 *   <li>frequencies become cents above 10 Hz ({@code 1200 log2(|f| / 10)}, 0 Hz stays 0); a frame is voiced when
 *       its frequency is positive, so a negative estimate is an unvoiced frame with a pitch guess;</li>
 *   <li>by default the estimate is resampled onto the reference's time stamps (times rounded to 1e-10 s, a
 *       silent sample appended if the reference runs longer): pitch linearly interpolated over the last
 *       non-zero value but kept at 0 where the zero-order hold of the original is 0, voicing by zero-order hold;
 *       with a hop, both tracks are resampled that way onto {@code 0, hop, 2 hop, ...} instead;</li>
 *   <li>the estimate is padded with unvoiced frames or cut to the reference length.</li>
 * </ol>
 * The mir_eval fixtures are computed without a hop, on the reference time base.
 *
 * <p>Stateless and thread-safe.
 */
public final class MelodyMetrics {

    /** The pitch tolerance (cents). */
    public static final double CENT_TOLERANCE = 50.0;
    /** The cent scale's reference frequency (Hz). */
    public static final double BASE_FREQUENCY = 10.0;

    private MelodyMetrics() {
    }

    /**
     * Scores an estimated f0 track against a reference f0 track on the reference's time base.
     *
     * @param reference reference time stamps (s) and frequencies (Hz, 0 = unvoiced)
     * @param estimated estimated time stamps (s) and frequencies (Hz, 0 or negative = unvoiced)
     * @return the scores
     * @throws IllegalArgumentException if a track is empty
     */
    public static MelodyScores evaluate(TimeSeries reference, TimeSeries estimated) {
        return evaluate(toCentVoicing(reference, estimated, null, null, Double.NaN));
    }

    /**
     * Scores arrays prepared by {@link #toCentVoicing}.
     *
     * @param frames the frame arrays
     * @return the scores
     */
    public static MelodyScores evaluate(CentVoicing frames) {
        double[] refVoicing = frames.referenceVoicing();
        double[] refCent = frames.referenceCents();
        double[] estVoicing = frames.estimatedVoicing();
        double[] estCent = frames.estimatedCents();
        return new MelodyScores(voicingRecall(refVoicing, estVoicing), voicingFalseAlarm(refVoicing, estVoicing),
                rawPitchAccuracy(refVoicing, refCent, estCent, CENT_TOLERANCE),
                rawChromaAccuracy(refVoicing, refCent, estCent, CENT_TOLERANCE),
                overallAccuracy(refVoicing, refCent, estVoicing, estCent, CENT_TOLERANCE));
    }

    /**
     * Converts both tracks to equally long cent and voicing arrays.
     *
     * @param reference reference time stamps (s) and frequencies (Hz), not empty
     * @param estimated estimated time stamps (s) and frequencies (Hz), not empty
     * @param estimatedVoicing voicing confidences in [0, 1] per estimated frame, or null to derive the voicing
     *     from the sign of the estimated frequencies
     * @param referenceReward weights in [0, 1] per reference frame, or null for binary voicing
     * @param hop a hop (s) to resample both tracks to, or NaN to resample the estimate to the reference times
     * @return the frame arrays
     * @throws IllegalArgumentException if a track is empty or an optional array has the wrong length
     */
    public static CentVoicing toCentVoicing(TimeSeries reference, TimeSeries estimated, double[] estimatedVoicing,
            double[] referenceReward, double hop) {
        if (reference.size() == 0 || estimated.size() == 0) {
            throw new IllegalArgumentException("melody tracks must not be empty (reference " + reference.size()
                    + ", estimate " + estimated.size() + " samples)");
        }
        Track ref = Track.of(reference.times(), reference.values(), referenceReward);
        Track est = Track.of(estimated.times(), estimated.values(), estimatedVoicing);
        double[] refTimes = ref.times;
        double[] refCents = ref.cents;
        double[] refVoicing = ref.voicing;
        double[][] estResampled;
        if (!Double.isNaN(hop)) {
            double[][] refResampled = resample(ref.times, ref.cents, ref.voicing,
                    constantHopTimes(hop, max(ref.times)));
            refCents = refResampled[0];
            refVoicing = refResampled[1];
            estResampled = resample(est.times, est.cents, est.voicing, constantHopTimes(hop, max(est.times)));
        } else {
            estResampled = resample(est.times, est.cents, est.voicing, refTimes);
        }
        int n = refCents.length;
        double[] estCents = Arrays.copyOf(estResampled[0], n);
        double[] estVoicing = Arrays.copyOf(estResampled[1], n);
        return new CentVoicing(refVoicing, refCents, estVoicing, estCents);
    }

    /**
     * Voicing recall: the estimated voicing summed over the voiced reference frames, over their number; 1 when
     * the reference has no voiced frame, 0 for empty input.
     *
     * @param refVoicing reference voicing
     * @param estVoicing estimated voicing, same length
     * @return the recall
     */
    public static double voicingRecall(double[] refVoicing, double[] estVoicing) {
        if (refVoicing.length == 0 || estVoicing.length == 0) {
            return 0.0;
        }
        double voiced = 0;
        double hit = 0;
        for (int i = 0; i < refVoicing.length; i++) {
            double indicator = refVoicing[i] > 0 ? 1.0 : 0.0;
            voiced += indicator;
            hit += estVoicing[i] * indicator;
        }
        return voiced == 0 ? 1.0 : hit / voiced;
    }

    /**
     * Voicing false alarm rate: the estimated voicing summed over the unvoiced reference frames, over their
     * number; 0 when there is no unvoiced reference frame or no input.
     *
     * @param refVoicing reference voicing
     * @param estVoicing estimated voicing, same length
     * @return the false alarm rate
     */
    public static double voicingFalseAlarm(double[] refVoicing, double[] estVoicing) {
        if (refVoicing.length == 0 || estVoicing.length == 0) {
            return 0.0;
        }
        double unvoiced = 0;
        double alarms = 0;
        for (int i = 0; i < refVoicing.length; i++) {
            double indicator = refVoicing[i] == 0 ? 1.0 : 0.0;
            unvoiced += indicator;
            alarms += estVoicing[i] * indicator;
        }
        return unvoiced == 0 ? 0.0 : alarms / unvoiced;
    }

    /**
     * Raw pitch accuracy: over the frames where both pitches are known (non-zero cents), the reference voicing
     * of the frames within the tolerance, over the total reference voicing. The estimated voicing is ignored.
     *
     * @param refVoicing reference voicing
     * @param refCent reference pitch (cents)
     * @param estCent estimated pitch (cents)
     * @param tolerance tolerance (cents)
     * @return the accuracy, 0 without voiced reference frames
     */
    public static double rawPitchAccuracy(double[] refVoicing, double[] refCent, double[] estCent,
            double tolerance) {
        return pitchAccuracy(refVoicing, refCent, estCent, tolerance, false);
    }

    /**
     * Raw chroma accuracy: as {@link #rawPitchAccuracy}, with the pitch difference taken modulo the nearest
     * octave.
     *
     * @param refVoicing reference voicing
     * @param refCent reference pitch (cents)
     * @param estCent estimated pitch (cents)
     * @param tolerance tolerance (cents)
     * @return the accuracy, 0 without voiced reference frames
     */
    public static double rawChromaAccuracy(double[] refVoicing, double[] refCent, double[] estCent,
            double tolerance) {
        return pitchAccuracy(refVoicing, refCent, estCent, tolerance, true);
    }

    private static double pitchAccuracy(double[] refVoicing, double[] refCent, double[] estCent, double tolerance,
            boolean chroma) {
        checkLengths(refVoicing, refCent, estCent);
        double totalVoicing = sum(refVoicing);
        if (refVoicing.length == 0 || totalVoicing == 0 || estCent.length == 0) {
            return 0.0;
        }
        boolean anyKnown = false;
        double correct = 0;
        for (int i = 0; i < refCent.length; i++) {
            if (estCent[i] != 0 && refCent[i] != 0) {
                anyKnown = true;
                double difference = Math.abs(refCent[i] - estCent[i]);
                if (chroma) {
                    double octave = 1200.0 * Math.floor(difference / 1200 + 0.5);
                    difference = Math.abs(difference - octave);
                }
                if (difference < tolerance) {
                    correct += refVoicing[i];
                }
            }
        }
        return anyKnown ? correct / totalVoicing : 0.0;
    }

    /**
     * Overall accuracy: per frame, credit for a voiced reference frame with a correct pitch (weighted by both
     * voicings, scaled so that binary voicing gives 1) plus credit for an unvoiced reference frame estimated as
     * unvoiced, over all frames.
     *
     * @param refVoicing reference voicing
     * @param refCent reference pitch (cents)
     * @param estVoicing estimated voicing
     * @param estCent estimated pitch (cents)
     * @param tolerance tolerance (cents)
     * @return the accuracy, 0 for empty input
     */
    public static double overallAccuracy(double[] refVoicing, double[] refCent, double[] estVoicing,
            double[] estCent, double tolerance) {
        checkLengths(refVoicing, refCent, estCent);
        if (refVoicing.length == 0 || estVoicing.length == 0 || estCent.length == 0) {
            return 0.0;
        }
        double binarySum = 0;
        double voicingSum = 0;
        double pitched = 0;
        double silent = 0;
        for (int i = 0; i < refVoicing.length; i++) {
            double binary = refVoicing[i] > 0 ? 1.0 : 0.0;
            binarySum += binary;
            voicingSum += refVoicing[i];
            if (estCent[i] != 0 && refCent[i] != 0 && Math.abs(refCent[i] - estCent[i]) < tolerance) {
                pitched += refVoicing[i] * estVoicing[i];
            }
            silent += (1.0 - binary) * (1.0 - estVoicing[i]);
        }
        double ratio = voicingSum == 0 ? 0.0 : binarySum / voicingSum;
        return (ratio * pitched + silent) / refVoicing.length;
    }

    /**
     * Resamples a cent track and its voicing to new time stamps (see the class description).
     *
     * @return {@code {cents, voicing}} at {@code newTimes}
     */
    static double[][] resample(double[] times, double[] cents, double[] voicing, double[] newTimes) {
        if (times.length == newTimes.length && allClose(times, newTimes)) {
            return new double[][] {cents.clone(), voicing.clone()};
        }
        double[] t = round10(times);
        double[] tNew = round10(newTimes);
        double[] f = cents;
        double[] v = voicing;
        double newMax = max(tNew);
        if (newMax > max(t)) {
            t = append(t, newMax);
            f = append(f, 0);
            v = append(v, 0);
        }
        double[] held = f.clone();
        for (int n = 1; n < f.length; n++) {
            if (f[n] == 0) {
                held[n] = held[n - 1];
            }
        }
        boolean binary = true;
        for (double value : v) {
            if (value != 0 && value != 1) {
                binary = false;
                break;
            }
        }
        double[] outCents = new double[tNew.length];
        double[] outVoicing = new double[tNew.length];
        for (int i = 0; i < tNew.length; i++) {
            checkInRange(tNew[i], t);
            double pitch = NumericSupport.interpolateLinear(tNew[i], t, held);
            double keep = NumericSupport.interpolateHold(tNew[i], t, f);
            outCents[i] = keep != 0 ? pitch : 0.0;
            outVoicing[i] = binary ? NumericSupport.interpolateHold(tNew[i], t, v)
                    : NumericSupport.interpolateLinear(tNew[i], t, v);
        }
        return new double[][] {outCents, outVoicing};
    }

    private static void checkInRange(double x, double[] knots) {
        if (x < knots[0] || x > knots[knots.length - 1]) {
            throw new IllegalArgumentException("time " + x + " s is outside the track's range " + knots[0] + " to "
                    + knots[knots.length - 1] + " s");
        }
    }

    /**
     * The time stamps {@code 0, hop, 2 hop, ...} up to {@code endTime}.
     *
     * @param hop the hop (s)
     * @param endTime the last time (s)
     * @return the time stamps, rounded to 1e-10 s
     */
    static double[] constantHopTimes(double hop, double endTime) {
        double end = NumericSupport.roundDecimals(endTime, 10);
        int count = (int) Math.floor(end / hop) + 1;
        double stop = hop * (count - 1);
        double[] times = new double[count];
        double step = count > 1 ? stop / (count - 1) : 0;
        for (int i = 0; i < count; i++) {
            times[i] = NumericSupport.roundDecimals(i * step, 10);
        }
        if (count > 1) {
            times[count - 1] = NumericSupport.roundDecimals(stop, 10);
        }
        return times;
    }

    private static boolean allClose(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= 1e-8 + 1e-5 * Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    private static double[] round10(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = NumericSupport.roundDecimals(values[i], 10);
        }
        return out;
    }

    private static double[] append(double[] values, double value) {
        double[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static void checkLengths(double[] refVoicing, double[] refCent, double[] estCent) {
        if (refVoicing.length != refCent.length || refCent.length != estCent.length) {
            throw new IllegalArgumentException("voicing and frequency arrays must have the same length: "
                    + refVoicing.length + ", " + refCent.length + ", " + estCent.length);
        }
    }

    /** A track with a sample at time 0, its cents and its voicing. */
    private record Track(double[] times, double[] cents, double[] voicing) {

        static Track of(double[] times, double[] hz, double[] voicingOrNull) {
            if (voicingOrNull != null && voicingOrNull.length != hz.length) {
                throw new IllegalArgumentException("voicing array has " + voicingOrNull.length + " values for "
                        + hz.length + " frames");
            }
            double[] t = times;
            double[] f = hz;
            double[] v = voicingOrNull == null ? null : voicingOrNull.clone();
            if (t[0] > 0) {
                t = prepend(t, 0);
                f = prepend(f, f[0]);
                if (v != null) {
                    v = prepend(v, v[0]);
                }
            }
            double[] voicing = new double[f.length];
            double[] cents = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                if (v != null) {
                    voicing[i] = f[i] == 0 ? 0 : v[i];
                } else {
                    voicing[i] = f[i] > 0 ? 1.0 : 0.0;
                }
                cents[i] = f[i] == 0 ? 0 : 1200.0 * NumericSupport.log2(Math.abs(f[i]) / BASE_FREQUENCY);
            }
            return new Track(t, cents, voicing);
        }

        private static double[] prepend(double[] values, double first) {
            double[] out = new double[values.length + 1];
            out[0] = first;
            System.arraycopy(values, 0, out, 1, values.length);
            return out;
        }
    }
}
