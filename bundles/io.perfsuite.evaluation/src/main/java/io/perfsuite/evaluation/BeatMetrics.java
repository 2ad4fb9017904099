// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Beat tracking metrics, following the definitions of Davies, Degara and Plumbley, "Evaluation Methods for
 * Musical Audio Beat Tracking Algorithms" (QMUL C4DM-TR-09-06, 2009), with the defaults, preprocessing and edge
 * cases of mir_eval 0.7 so that the numbers agree with it:
 * <ul>
 *   <li>{@link #evaluate} first drops beats before 5 s from both sequences ({@link #trimBeats});</li>
 *   <li>F-measure pairs beats one to one (maximum bipartite matching) within ±70 ms;</li>
 *   <li>Cemgil uses σ = 40 ms; Goto uses threshold 0.35, μ = σ = 0.2; the P-score quantises to 10 ms and uses a
 *       window of 0.2 times the median inter-beat interval; the continuity scores use phase and period
 *       tolerances of 0.175; information gain uses 41 histogram bins;</li>
 *   <li>the metrical variations are: as annotated, off-beat, double tempo, half tempo on odd beats and half
 *       tempo on even beats;</li>
 *   <li>empty input scores 0; the P-score, continuity and information gain also score 0 when either sequence
 *       has a single beat.</li>
 * </ul>
 * Times are in seconds and must be non-decreasing.
 *
 * <p>Stateless and thread-safe.
 */
public final class BeatMetrics {

    /** Beats before this time (s) are ignored by {@link #evaluate}. */
    public static final double MIN_BEAT_TIME = 5.0;
    /** F-measure window (s). */
    public static final double F_MEASURE_WINDOW = 0.07;
    /** Cemgil's Gaussian σ (s). */
    public static final double CEMGIL_SIGMA = 0.04;
    /** Phase and period tolerance of the continuity scores. */
    public static final double CONTINUITY_TOLERANCE = 0.175;
    /** Number of bins of the information gain's beat error histogram. */
    public static final int INFORMATION_GAIN_BINS = 41;

    private static final double MAX_TIME = 30000.0;
    private static final double GOTO_THRESHOLD = 0.35;
    private static final double GOTO_MU = 0.2;
    private static final double GOTO_SIGMA = 0.2;
    private static final double P_SCORE_THRESHOLD = 0.2;

    private BeatMetrics() {
    }

    /**
     * Computes all beat scores after dropping beats before {@link #MIN_BEAT_TIME}, as the reference evaluation
     * does.
     *
     * @param reference reference beat times (s), non-decreasing
     * @param estimated estimated beat times (s), non-decreasing
     * @return the scores
     * @throws IllegalArgumentException if a sequence is not non-decreasing or has times above 30000 s
     */
    public static BeatScores evaluate(double[] reference, double[] estimated) {
        double[] ref = trimBeats(reference, MIN_BEAT_TIME);
        double[] est = trimBeats(estimated, MIN_BEAT_TIME);
        double[] cemgil = cemgil(ref, est, CEMGIL_SIGMA);
        ContinuityScores continuity = continuity(ref, est, CONTINUITY_TOLERANCE, CONTINUITY_TOLERANCE);
        return new BeatScores(fMeasure(ref, est, F_MEASURE_WINDOW), cemgil[0], cemgil[1], gotoScore(ref, est),
                pScore(ref, est), continuity.cmlC(), continuity.cmlT(), continuity.amlC(), continuity.amlT(),
                informationGain(ref, est, INFORMATION_GAIN_BINS));
    }

    /**
     * Removes the beats before a time.
     *
     * @param beats beat times (s)
     * @param minBeatTime the first time to keep (s)
     * @return the beats at or after {@code minBeatTime}, in order
     */
    public static double[] trimBeats(double[] beats, double minBeatTime) {
        return Arrays.stream(beats).filter(b -> b >= minBeatTime).toArray();
    }

    /**
     * F-measure of the beats paired one to one within the window. No trimming is done here.
     *
     * @param reference reference beats (s)
     * @param estimated estimated beats (s)
     * @param window the tolerance (s), e.g. {@link #F_MEASURE_WINDOW}
     * @return the F-measure, 0 if either sequence is empty
     */
    public static double fMeasure(double[] reference, double[] estimated, double window) {
        validate(reference, estimated);
        if (reference.length == 0 || estimated.length == 0) {
            return 0.0;
        }
        int matched = Matching.matchEvents(reference, estimated, window).size();
        double precision = (double) matched / estimated.length;
        double recall = (double) matched / reference.length;
        return Matching.fMeasure(precision, recall);
    }

    /**
     * Cemgil's accuracy: a Gaussian of each reference beat's distance to the nearest estimated beat, summed and
     * divided by the mean beat count.
     *
     * @param reference reference beats (s)
     * @param estimated estimated beats (s)
     * @param sigma the Gaussian's σ (s)
     * @return {@code {score as annotated, best score over the metrical variations}}; zeros for empty input
     */
    public static double[] cemgil(double[] reference, double[] estimated, double sigma) {
        validate(reference, estimated);
        if (reference.length == 0 || estimated.length == 0) {
            return new double[] {0.0, 0.0};
        }
        double first = 0;
        double best = Double.NEGATIVE_INFINITY;
        List<double[]> variations = variations(reference);
        for (int v = 0; v < variations.size(); v++) {
            double[] ref = variations.get(v);
            double accuracy = 0;
            for (double beat : ref) {
                double nearest = Double.POSITIVE_INFINITY;
                for (double e : estimated) {
                    nearest = Math.min(nearest, Math.abs(beat - e));
                }
                accuracy += Math.exp(-(nearest * nearest) / (2.0 * (sigma * sigma)));
            }
            accuracy /= 0.5 * (estimated.length + ref.length);
            if (v == 0) {
                first = accuracy;
            }
            best = Math.max(best, accuracy);
        }
        return new double[] {first, best};
    }

    /**
     * Goto's binary score: 1 when a continuously correct stretch covers more than a quarter of the reference and
     * its beat errors have small mean and spread, otherwise 0.
     *
     * @param reference reference beats (s)
     * @param estimated estimated beats (s)
     * @return 1.0 or 0.0
     */
    public static double gotoScore(double[] reference, double[] estimated) {
        validate(reference, estimated);
        if (reference.length == 0 || estimated.length == 0) {
            return 0.0;
        }
        int n = reference.length;
        double[] beatError = new double[n];
        Arrays.fill(beatError, 1.0);
        for (int k = 1; k < n - 1; k++) {
            double previousInterval = 0.5 * (reference[k] - reference[k - 1]);
            double windowMin = reference[k] - previousInterval;
            double nextInterval = 0.5 * (reference[k + 1] - reference[k]);
            double windowMax = reference[k] + nextInterval;
            int inWindow = 0;
            double found = 0;
            for (double e : estimated) {
                if (e >= windowMin && e < windowMax) {
                    inWindow++;
                    found = e;
                }
            }
            if (inWindow == 1) {
                double offset = found - reference[k];
                beatError[k] = offset < 0 ? offset / previousInterval : offset / nextInterval;
            } else {
                beatError[k] = 1;
            }
        }
        List<Integer> incorrect = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (Math.abs(beatError[k]) > GOTO_THRESHOLD) {
                incorrect.add(k);
            }
        }
        double[] track = null;
        if (incorrect.size() < 3) {
            // the stretch between the first and the last incorrect beat; the end bound is one before the last
            // incorrect beat, exclusive, exactly as in the reference implementation
            track = NumericSupport.slice(beatError, incorrect.get(0) + 1, incorrect.get(incorrect.size() - 1) - 1);
        } else {
            int longest = 0;
            int longestStart = 0;
            for (int k = 0; k + 1 < incorrect.size(); k++) {
                int gap = incorrect.get(k + 1) - incorrect.get(k);
                if (gap > longest) {
                    longest = gap;
                    longestStart = k;
                }
            }
            if (longest - 1 > 0.25 * (n - 2)) {
                track = NumericSupport.slice(beatError, incorrect.get(longestStart),
                        incorrect.get(longestStart + 1) + 1);
            }
        }
        if (track == null) {
            return 0.0;
        }
        double[] absolute = new double[track.length];
        for (int k = 0; k < track.length; k++) {
            absolute[k] = Math.abs(track[k]);
        }
        boolean good = NumericSupport.mean(absolute) < GOTO_MU
                && NumericSupport.sampleStandardDeviation(track) < GOTO_SIGMA;
        return good ? 1.0 : 0.0;
    }

    /**
     * McKinney's P-score: the cross-correlation of 10 ms impulse trains of both sequences, summed over lags
     * within 0.2 times the median reference inter-beat interval, over the larger beat count.
     *
     * @param reference reference beats (s)
     * @param estimated estimated beats (s)
     * @return the P-score, 0 if either sequence has fewer than two beats
     */
    public static double pScore(double[] reference, double[] estimated) {
        validate(reference, estimated);
        if (reference.length <= 1 || estimated.length <= 1) {
            return 0.0;
        }
        int samplingRate = 100;
        double offset = Math.min(min(estimated), min(reference));
        long[] refIndices = impulseIndices(reference, offset, samplingRate);
        long[] estIndices = impulseIndices(estimated, offset, samplingRate);
        double[] intervals = new double[refIndices.length - 1];
        for (int k = 1; k < refIndices.length; k++) {
            intervals[k - 1] = refIndices[k] - refIndices[k - 1];
        }
        if (intervals.length == 0) {
            throw new IllegalArgumentException("P-score: all reference beats fall into one 10 ms slot");
        }
        long window = (long) Math.rint(P_SCORE_THRESHOLD * NumericSupport.median(intervals));
        long pairs = 0;
        for (long r : refIndices) {
            pairs += countInRange(estIndices, r - window, r + window);
        }
        int beats = Math.max(estimated.length, reference.length);
        return (double) pairs / beats;
    }

    /** Distinct, sorted impulse positions {@code ceil((t - offset) * rate)}. */
    private static long[] impulseIndices(double[] beats, double offset, int samplingRate) {
        return Arrays.stream(beats).mapToLong(b -> (long) Math.ceil((b - offset) * samplingRate))
                .distinct().sorted().toArray();
    }

    private static long countInRange(long[] sorted, long low, long high) {
        long count = 0;
        for (long v : sorted) {
            if (v >= low && v <= high) {
                count++;
            }
        }
        return count;
    }

    /**
     * The continuity-based scores CMLc, CMLt, AMLc and AMLt: an estimated beat is correct when it is close to
     * its nearest unused reference beat relative to the reference interval (phase) and its own interval is close
     * to that interval (period).
     *
     * @param reference reference beats (s)
     * @param estimated estimated beats (s)
     * @param phaseThreshold allowed phase error relative to the inter-annotation interval, e.g. 0.175
     * @param periodThreshold allowed relative period error, e.g. 0.175
     * @return the scores, all 0 if either sequence has fewer than two beats
     */
    public static ContinuityScores continuity(double[] reference, double[] estimated, double phaseThreshold,
            double periodThreshold) {
        validate(reference, estimated);
        if (reference.length <= 1 || estimated.length <= 1) {
            return new ContinuityScores(0, 0, 0, 0);
        }
        double[] continuous = new double[5];
        double[] total = new double[5];
        List<double[]> variations = variations(reference);
        for (int v = 0; v < variations.size(); v++) {
            double[] ref = variations.get(v);
            int annotations = Math.max(ref.length, estimated.length);
            boolean[] used = new boolean[annotations];
            int[] successes = new int[annotations];
            for (int m = 0; m < estimated.length; m++) {
                int nearest = 0;
                double minDifference = Double.POSITIVE_INFINITY;
                for (int k = 0; k < ref.length; k++) {
                    double d = Math.abs(estimated[m] - ref[k]);
                    if (d < minDifference) {
                        minDifference = d;
                        nearest = k;
                    }
                }
                if (ref.length == 0 || used[nearest]) {
                    continue;
                }
                double phase;
                double period;
                if (m == 0 || nearest == 0) {
                    double referenceInterval = nearest + 1 < ref.length ? ref[nearest + 1] - ref[nearest]
                            : ref[nearest] - ref[NumericSupport.wrapIndex(nearest - 1, ref.length)];
                    if (referenceInterval == 0) {
                        phase = minDifference == 0 ? 1 : Double.POSITIVE_INFINITY;
                    } else {
                        phase = Math.abs(minDifference / referenceInterval);
                    }
                    double estimatedInterval = m + 1 < estimated.length ? estimated[m + 1] - estimated[m]
                            : estimated[m] - estimated[m - 1];
                    if (referenceInterval == 0) {
                        period = estimatedInterval == 0 ? 0 : Double.POSITIVE_INFINITY;
                    } else {
                        period = Math.abs(1 - estimatedInterval / referenceInterval);
                    }
                } else {
                    double referenceInterval = ref[nearest] - ref[nearest - 1];
                    phase = Math.abs(minDifference / referenceInterval);
                    double estimatedInterval = estimated[m] - estimated[m - 1];
                    period = Math.abs(1 - estimatedInterval / referenceInterval);
                }
                if (phase < phaseThreshold && period < periodThreshold) {
                    used[nearest] = true;
                    successes[m] = 1;
                }
            }
            int longest = 0;
            int run = 0;
            int correct = 0;
            for (int s : successes) {
                correct += s;
                run = s == 1 ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            continuous[v] = longest / (1.0 * annotations);
            total[v] = correct / (1.0 * annotations);
        }
        return new ContinuityScores(continuous[0], total[0], max(continuous), max(total));
    }

    /**
     * Information gain: how far the histogram of beat errors (relative to the local inter-beat interval, in both
     * directions) is from uniform, as {@code (log2(bins) - entropy) / log2(bins)} with the larger of the two
     * entropies.
     *
     * @param reference reference beats (s)
     * @param estimated estimated beats (s)
     * @param bins histogram bins, e.g. {@link #INFORMATION_GAIN_BINS}
     * @return the information gain, 0 if either sequence has fewer than two beats
     */
    public static double informationGain(double[] reference, double[] estimated, int bins) {
        validate(reference, estimated);
        if (reference.length <= 1 || estimated.length <= 1) {
            return 0.0;
        }
        double forward = entropy(reference, estimated, bins);
        double backward = entropy(estimated, reference, bins);
        double norm = NumericSupport.log2(bins);
        return forward > backward ? (norm - forward) / norm : (norm - backward) / norm;
    }

    private static double entropy(double[] reference, double[] estimated, int bins) {
        int last = reference.length - 1;
        double[] beatError = new double[estimated.length];
        for (int k = 0; k < estimated.length; k++) {
            int closest = 0;
            double closestDistance = Double.POSITIVE_INFINITY;
            for (int r = 0; r < reference.length; r++) {
                double d = Math.abs(estimated[k] - reference[r]);
                if (d < closestDistance) {
                    closestDistance = d;
                    closest = r;
                }
            }
            double error = estimated[k] - reference[closest];
            double interval;
            if (closest == last) {
                interval = 0.5 * (reference[last] - reference[last - 1]);
            } else if (error < 0) {
                // before the first annotation the reference implementation's "previous" annotation wraps
                // around to the last one; kept for identical numbers
                interval = 0.5 * (reference[closest]
                        - reference[NumericSupport.wrapIndex(closest - 1, reference.length)]);
            } else {
                interval = 0.5 * (reference[closest + 1] - reference[closest]);
            }
            double relative = 0.5 * error / interval;
            beatError[k] = NumericSupport.floorMod(relative + 0.5, -1.0) + 0.5;
        }
        double step = 1.0 / bins;
        double[] edges = new double[bins + 1];
        for (int b = 0; b < bins; b++) {
            edges[b] = b * step + -0.5;
        }
        edges[bins] = 0.5;
        int[] counts = new int[bins];
        int total = 0;
        for (double e : beatError) {
            if (e < edges[0] || e > edges[bins] || Double.isNaN(e)) {
                continue;
            }
            int b = NumericSupport.searchRight(edges, e) - 1;
            counts[Math.min(b, bins - 1)]++;
            total++;
        }
        double entropy = 0;
        for (int count : counts) {
            double p = (double) count / total;
            if (p == 0) {
                p = 1;
            }
            entropy += p * NumericSupport.log2(p);
        }
        return -entropy;
    }

    /**
     * The reference's metrical variations: as annotated, off-beat, double tempo, half tempo (odd), half tempo
     * (even).
     */
    private static List<double[]> variations(double[] reference) {
        int n = reference.length;
        double[] doubled = new double[Math.max(2 * n - 1, 0)];
        for (int k = 0; k < doubled.length; k++) {
            if (k % 2 == 0) {
                doubled[k] = reference[k / 2];
            } else {
                int j = k / 2;
                double slope = (reference[j + 1] - reference[j]) / 1.0;
                doubled[k] = slope * 0.5 + reference[j];
            }
        }
        List<double[]> variations = new ArrayList<>(5);
        variations.add(reference);
        variations.add(every(doubled, 1));
        variations.add(doubled);
        variations.add(every(reference, 0));
        variations.add(every(reference, 1));
        return variations;
    }

    private static double[] every(double[] values, int start) {
        int count = values.length > start ? (values.length - start + 1) / 2 : 0;
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = values[start + 2 * k];
        }
        return out;
    }

    private static void validate(double[] reference, double[] estimated) {
        NumericSupport.validateEvents("reference beats", reference, MAX_TIME);
        NumericSupport.validateEvents("estimated beats", estimated, MAX_TIME);
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
