// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chord recognition metrics as in mir_eval 0.7 ({@code chord.evaluate}):
 * <ol>
 *   <li>the estimate is cropped to the reference's span {@code [min, max]} of all reference times, and padded
 *       with {@code N} where it starts late or ends early;</li>
 *   <li>both label sequences are re-cut at the union of all boundaries; each piece takes, from each sequence,
 *       the label of the last interval (in file order) that starts at or before the piece (so gaps inherit the
 *       previous label);</li>
 *   <li>each {@link ChordRule} compares the labels piece by piece ({@link ChordLabels} encoding), and the
 *       accuracy is the duration-weighted mean over the pieces the rule covers (0 when none);</li>
 *   <li>the segmentation scores compare the boundaries after merging consecutive intervals with the same chord
 *       (reduced encoding).</li>
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class ChordMetrics {

    private static final int MAJ = 0b10010001;
    private static final int MIN = 0b10001001;
    private static final int TRIAD_BITS = 0xFF;
    private static final int[] SEVENTHS_GAMUT = {MAJ, MIN, MAJ | 1 << 11, MAJ | 1 << 10, MIN | 1 << 10, 0};

    private ChordMetrics() {
    }

    /**
     * Computes every chord score.
     *
     * @param reference the reference segments, in time order
     * @param estimated the estimated segments, in time order
     * @return the scores
     * @throws IllegalArgumentException if the reference is empty, a label is invalid, or the segments are
     *     malformed (negative times, empty or overlapping intervals where the reference rejects them)
     */
    public static ChordScores evaluate(List<ChordSegment> reference, List<ChordSegment> estimated) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("the reference chord annotation is empty");
        }
        double[][] refIntervals = intervals(reference);
        List<String> refLabels = labels(reference);
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = Double.NEGATIVE_INFINITY;
        for (double[] interval : refIntervals) {
            tMin = Math.min(tMin, Math.min(interval[0], interval[1]));
            tMax = Math.max(tMax, Math.max(interval[0], interval[1]));
        }
        Adjusted adjusted = adjustIntervals(intervals(estimated), labels(estimated), tMin, tMax, "N", "N");
        double[][] mergedRef = mergeSameChords(refIntervals, refLabels);
        double[][] mergedEst = mergeSameChords(adjusted.intervals, adjusted.labels);
        Pieces pieces = mergeLabeledIntervals(refIntervals, refLabels, adjusted.intervals, adjusted.labels);
        double[] durations = durations(pieces.intervals);
        Map<ChordRule, Double> accuracy = new HashMap<>();
        for (ChordRule rule : ChordRule.values()) {
            accuracy.put(rule, weightedAccuracy(compare(rule, pieces.reference, pieces.estimated), durations));
        }
        double under = 1 - directionalHammingDistance(mergedEst, mergedRef);
        double over = 1 - directionalHammingDistance(mergedRef, mergedEst);
        return new ChordScores(accuracy.get(ChordRule.ROOT), accuracy.get(ChordRule.THIRDS),
                accuracy.get(ChordRule.THIRDS_INV), accuracy.get(ChordRule.TRIADS),
                accuracy.get(ChordRule.TRIADS_INV), accuracy.get(ChordRule.TETRADS),
                accuracy.get(ChordRule.TETRADS_INV), accuracy.get(ChordRule.MAJMIN),
                accuracy.get(ChordRule.MAJMIN_INV), accuracy.get(ChordRule.SEVENTHS),
                accuracy.get(ChordRule.SEVENTHS_INV), accuracy.get(ChordRule.MIREX), under, over,
                Math.min(over, under));
    }

    /**
     * Computes the weighted accuracy under one rule; see {@link #evaluate}.
     *
     * @param rule the rule
     * @param reference the reference segments
     * @param estimated the estimated segments
     * @return the accuracy
     * @throws IllegalArgumentException as {@link #evaluate}
     */
    public static double accuracy(ChordRule rule, List<ChordSegment> reference, List<ChordSegment> estimated) {
        return evaluate(reference, estimated).accuracy(rule);
    }

    /**
     * Compares two equally long label sequences under a rule.
     *
     * @param rule the rule
     * @param reference reference labels
     * @param estimated estimated labels
     * @return per pair 1.0 (match), 0.0 (no match) or -1.0 (reference out of the rule's gamut)
     * @throws IllegalArgumentException if the lengths differ or a label is invalid
     */
    public static double[] compare(ChordRule rule, List<String> reference, List<String> estimated) {
        if (reference.size() != estimated.size()) {
            throw new IllegalArgumentException("chord comparison of different lengths: " + reference.size()
                    + " reference and " + estimated.size() + " estimated labels");
        }
        Map<String, EncodedChord> cache = new HashMap<>();
        double[] scores = new double[reference.size()];
        for (int i = 0; i < scores.length; i++) {
            EncodedChord ref = cache.computeIfAbsent(reference.get(i), ChordLabels::encode);
            EncodedChord est = cache.computeIfAbsent(estimated.get(i), ChordLabels::encode);
            scores[i] = compare(rule, ref, est);
        }
        return scores;
    }

    /**
     * Compares two encoded chords under a rule.
     *
     * @param rule the rule
     * @param ref the reference chord
     * @param est the estimated chord
     * @return 1.0 (match), 0.0 (no match) or -1.0 (reference out of the rule's gamut)
     */
    public static double compare(ChordRule rule, EncodedChord ref, EncodedChord est) {
        if (ref.unknown()) {
            return -1.0;
        }
        boolean sameRoot = ref.root() == est.root();
        boolean sameBass = ref.bass() == est.bass();
        boolean match;
        switch (rule) {
            case ROOT:
                match = sameRoot;
                break;
            case THIRDS:
            case THIRDS_INV:
                match = sameRoot && !est.unknown() && ref.has(3) == est.has(3);
                break;
            case TRIADS:
            case TRIADS_INV:
            case MAJMIN:
            case MAJMIN_INV:
                match = sameRoot && sameBits(ref, est, TRIAD_BITS);
                break;
            case TETRADS:
            case TETRADS_INV:
            case SEVENTHS:
            case SEVENTHS_INV:
                match = sameRoot && sameBits(ref, est, 0xFFF);
                break;
            case MIREX:
                return mirex(ref, est);
            default:
                throw new IllegalStateException("unhandled rule " + rule);
        }
        if (isInversionRule(rule)) {
            match = match && sameBass;
        }
        if (rule == ChordRule.MAJMIN || rule == ChordRule.MAJMIN_INV) {
            int triad = ref.semitones() & TRIAD_BITS;
            boolean noChord = ref.root() < 0 && ref.semitones() == 0;
            if (triad != MAJ && triad != MIN && !noChord) {
                return -1.0;
            }
        }
        if (rule == ChordRule.SEVENTHS || rule == ChordRule.SEVENTHS_INV) {
            if (Arrays.stream(SEVENTHS_GAMUT).noneMatch(g -> g == ref.semitones())) {
                return -1.0;
            }
        }
        if ((rule == ChordRule.MAJMIN_INV || rule == ChordRule.SEVENTHS_INV) && ref.bass() >= 0
                && !ref.has(ref.bass())) {
            return -1.0;
        }
        return match ? 1.0 : 0.0;
    }

    private static boolean isInversionRule(ChordRule rule) {
        return rule == ChordRule.THIRDS_INV || rule == ChordRule.TRIADS_INV || rule == ChordRule.TETRADS_INV
                || rule == ChordRule.MAJMIN_INV || rule == ChordRule.SEVENTHS_INV;
    }

    private static boolean sameBits(EncodedChord ref, EncodedChord est, int bits) {
        return !est.unknown() && (ref.semitones() & bits) == (est.semitones() & bits);
    }

    private static double mirex(EncodedChord ref, EncodedChord est) {
        int refCount = Integer.bitCount(ref.semitones());
        if (refCount > 0 && refCount < 3) {
            return -1.0;
        }
        if (ref.root() == -1 && est.root() == -1) {
            return 1.0;
        }
        return Integer.bitCount(ref.chroma() & est.chroma()) >= 3 ? 1.0 : 0.0;
    }

    /**
     * The weighted accuracy of a comparison sequence: the weighted mean of the comparisons that are not negative
     * (out of gamut), 0 when the weights sum to 0 or no comparison counts.
     *
     * @param comparisons per-piece comparisons, 1, 0 or -1
     * @param weights per-piece weights (durations), non-negative
     * @return the accuracy
     * @throws IllegalArgumentException if the lengths differ or a weight is negative
     */
    public static double weightedAccuracy(double[] comparisons, double[] weights) {
        if (comparisons.length != weights.length) {
            throw new IllegalArgumentException("weights and comparisons differ in length: " + weights.length
                    + " and " + comparisons.length);
        }
        double sum = 0;
        for (double w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights must not be negative: " + w);
            }
            sum += w;
        }
        if (sum == 0) {
            return 0.0;
        }
        double total = 0;
        int valid = 0;
        for (int i = 0; i < weights.length; i++) {
            if (comparisons[i] >= 0) {
                total += weights[i];
                valid++;
            }
        }
        if (valid == 0) {
            return 0.0;
        }
        double score = 0;
        for (int i = 0; i < weights.length; i++) {
            if (comparisons[i] >= 0) {
                score += comparisons[i] * (weights[i] / total);
            }
        }
        return score;
    }

    /**
     * The directional Hamming distance from one segmentation to another: for each interval of {@code from}, the
     * part not covered by its largest piece when cut at the boundaries of {@code to}, summed and divided by the
     * span of {@code from}.
     *
     * @param from intervals that must not overlap, e.g. the reference for over-segmentation
     * @param to the other segmentation's intervals
     * @return the distance in [0, 1]
     * @throws IllegalArgumentException if an interval is empty or negative, or {@code from} overlaps itself
     */
    public static double directionalHammingDistance(double[][] from, double[][] to) {
        validateIntervals(to);
        validateIntervals(from);
        for (int i = 0; i + 1 < from.length; i++) {
            if (from[i][1] > from[i + 1][0]) {
                throw new IllegalArgumentException("chord intervals must not overlap: " + Arrays.toString(from[i])
                        + " and " + Arrays.toString(from[i + 1]));
            }
        }
        double[] boundaries = uniqueBoundaries(to);
        double distance = 0;
        for (double[] interval : from) {
            double start = interval[0];
            double end = interval[1];
            double largest = 0;
            double previous = start;
            int k = NumericSupport.searchLeft(boundaries, start);
            for (; k < boundaries.length && boundaries[k] < end; k++) {
                largest = Math.max(largest, boundaries[k] - previous);
                previous = boundaries[k];
            }
            largest = Math.max(largest, end - previous);
            distance += (end - start) - largest;
        }
        return distance / (from[from.length - 1][1] - from[0][0]);
    }

    /** Merges consecutive intervals whose chords encode the same (reduced encoding). */
    static double[][] mergeSameChords(double[][] intervals, List<String> labels) {
        Map<String, EncodedChord> cache = new HashMap<>();
        List<double[]> merged = new ArrayList<>();
        EncodedChord previous = null;
        for (int i = 0; i < intervals.length; i++) {
            EncodedChord chord = cache.computeIfAbsent(labels.get(i), l -> ChordLabels.encode(l, true));
            if (previous == null || !chord.equals(previous)) {
                merged.add(new double[] {intervals[i][0], intervals[i][1]});
                previous = chord;
            } else {
                merged.get(merged.size() - 1)[1] = intervals[i][1];
            }
        }
        return merged.toArray(new double[0][]);
    }

    /**
     * Crops or pads intervals to span {@code [tMin, tMax]}: intervals ending before {@code tMin} are dropped up to
     * the first one that does not, intervals from the first one starting after {@code tMax} on are dropped, all
     * times are clamped, and an interval labelled {@code startLabel} ({@code endLabel}) is added when the first
     * time is after {@code tMin} (the last before {@code tMax}).
     */
    static Adjusted adjustIntervals(double[][] intervals, List<String> labels, double tMin, double tMax,
            String startLabel, String endLabel) {
        if (intervals.length == 0) {
            return new Adjusted(new double[][] {{tMin, tMax}}, List.of(startLabel));
        }
        List<double[]> out = new ArrayList<>();
        List<String> outLabels = new ArrayList<>();
        int first = 0;
        while (first < intervals.length && !(intervals[first][1] >= tMin)) {
            first++;
        }
        if (first == intervals.length) {
            first = 0;
        }
        for (int i = first; i < intervals.length; i++) {
            out.add(new double[] {Math.max(tMin, intervals[i][0]), Math.max(tMin, intervals[i][1])});
            outLabels.add(labels.get(i));
        }
        double lowest = out.stream().mapToDouble(iv -> Math.min(iv[0], iv[1])).min().getAsDouble();
        if (lowest > tMin) {
            out.add(0, new double[] {tMin, lowest});
            outLabels.add(0, startLabel);
        }
        int last = out.size();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i)[0] > tMax) {
                last = i;
                break;
            }
        }
        out = new ArrayList<>(out.subList(0, last));
        outLabels = new ArrayList<>(outLabels.subList(0, last));
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no estimated interval starts before the reference ends at " + tMax
                    + " s");
        }
        for (double[] interval : out) {
            interval[0] = Math.min(tMax, interval[0]);
            interval[1] = Math.min(tMax, interval[1]);
        }
        double highest = out.stream().mapToDouble(iv -> Math.max(iv[0], iv[1])).max().getAsDouble();
        if (highest < tMax) {
            out.add(new double[] {highest, tMax});
            outLabels.add(endLabel);
        }
        return new Adjusted(out.toArray(new double[0][]), outLabels);
    }

    /** Re-cuts two labelled segmentations with the same span at the union of their boundaries. */
    static Pieces mergeLabeledIntervals(double[][] x, List<String> xLabels, double[][] y, List<String> yLabels) {
        if (x[0][0] != y[0][0] || x[x.length - 1][1] != y[y.length - 1][1]) {
            throw new IllegalArgumentException("time intervals do not align: reference spans " + x[0][0] + " to "
                    + x[x.length - 1][1] + " s, estimate " + y[0][0] + " to " + y[y.length - 1][1] + " s");
        }
        double[][] both = new double[x.length + y.length][];
        System.arraycopy(x, 0, both, 0, x.length);
        System.arraycopy(y, 0, both, x.length, y.length);
        double[] boundaries = uniqueBoundaries(both);
        int n = Math.max(boundaries.length - 1, 0);
        double[][] pieces = new double[n][];
        List<String> xOut = new ArrayList<>(n);
        List<String> yOut = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            double t0 = boundaries[k];
            pieces[k] = new double[] {t0, boundaries[k + 1]};
            xOut.add(xLabels.get(lastStartingAtOrBefore(x, t0)));
            yOut.add(yLabels.get(lastStartingAtOrBefore(y, t0)));
        }
        return new Pieces(pieces, xOut, yOut);
    }

    private static int lastStartingAtOrBefore(double[][] intervals, double t) {
        for (int i = intervals.length - 1; i >= 0; i--) {
            if (t >= intervals[i][0]) {
                return i;
            }
        }
        throw new IllegalArgumentException("no interval starts at or before " + t + " s");
    }

    private static double[] uniqueBoundaries(double[][] intervals) {
        double[] all = new double[intervals.length * 2];
        for (int i = 0; i < intervals.length; i++) {
            all[2 * i] = intervals[i][0];
            all[2 * i + 1] = intervals[i][1];
        }
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    private static double[] durations(double[][] intervals) {
        validateIntervals(intervals);
        double[] durations = new double[intervals.length];
        for (int i = 0; i < intervals.length; i++) {
            durations[i] = Math.abs(intervals[i][1] - intervals[i][0]);
        }
        return durations;
    }

    private static void validateIntervals(double[][] intervals) {
        for (double[] interval : intervals) {
            if (interval[0] < 0 || interval[1] < 0) {
                throw new IllegalArgumentException("negative interval time in " + Arrays.toString(interval));
            }
            if (!(interval[1] > interval[0])) {
                throw new IllegalArgumentException("interval " + Arrays.toString(interval)
                        + " does not have a positive duration");
            }
        }
    }

    private static double[][] intervals(List<ChordSegment> segments) {
        double[][] intervals = new double[segments.size()][];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new double[] {segments.get(i).start(), segments.get(i).end()};
        }
        return intervals;
    }

    private static List<String> labels(List<ChordSegment> segments) {
        List<String> labels = new ArrayList<>(segments.size());
        for (ChordSegment segment : segments) {
            labels.add(segment.label());
        }
        return labels;
    }

    /** Intervals and labels after {@link #adjustIntervals}. */
    record Adjusted(double[][] intervals, List<String> labels) {
    }

    /** The common pieces of two segmentations and each one's label per piece. */
    record Pieces(double[][] intervals, List<String> reference, List<String> estimated) {
    }
}
