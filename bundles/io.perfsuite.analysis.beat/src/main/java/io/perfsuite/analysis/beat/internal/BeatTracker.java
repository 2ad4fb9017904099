// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.beat.internal;

/**
 * A causal beat tracker on an onset-strength function sampled once per audio block.
 *
 * <p>Every few blocks it re-estimates the beat period from the autocorrelation of the last seconds of the function,
 * scored through a comb (a period whose multiples also correlate is a metrical level, not a stray rhythm) and a
 * log-normal preference around a moderate tempo; then the phase, by testing every offset of a pulse train of that
 * period against the recent function, recent beats weighing most. Beats are emitted when the predicted time passes,
 * so each is reported as it happens together with the prediction of the next; a new phase estimate pulls the
 * prediction gradually, so the beat does not jitter, and a large disagreement that persists re-anchors it.
 *
 * <p>All state is preallocated; {@link #push} allocates nothing. <b>Threading:</b> one thread; not thread-safe.
 */
final class BeatTracker {

    /** Receives beats as they are decided. */
    interface Listener {
        /**
         * @param beatFrame      the sample frame of the beat
         * @param periodFrames   the beat period in sample frames
         * @param nextBeatFrame  the predicted frame of the next beat
         * @param confidence     0 to 1
         */
        void beat(double beatFrame, double periodFrames, double nextBeatFrame, double confidence);
    }

    private final double framesPerHop;   // audio frames per onset-function sample
    private final double[] odf;          // ring of onset-function values
    private final int mask;
    private long count;                  // samples pushed so far
    private final double[] acf;          // autocorrelation by lag (in hops)
    private final double[] work;         // mean-removed recent window
    private final int minLag;
    private final int maxLag;
    private final int window;
    private final int updateEvery;
    private final double preferredLag;
    private final double preferenceOctaves;
    private final int minimumHistory;

    private double period;               // in hops, 0 until known
    private double confidence;
    private double nextBeat = -1;        // in hops (fractional sample index of the function)
    private double lastEmitted = Double.NEGATIVE_INFINITY;
    private int nextLag = -1;            // next autocorrelation lag to compute, -1 before a new snapshot
    private int snapshotLength;
    private int snapshotTop;
    private double latencyHops;

    /**
     * @param framesPerHop    audio frames per onset-function sample (the block size)
     * @param sampleRate      audio sample rate
     * @param latencyFrames   how far the onset function lags the audio, in frames
     * @param minBpm          slowest tempo considered
     * @param maxBpm          fastest tempo considered
     * @param preferredBpm    centre of the tempo preference
     * @param windowSeconds   length of the analysed history
     */
    BeatTracker(int framesPerHop, double sampleRate, double latencyFrames, double minBpm, double maxBpm,
            double preferredBpm, double windowSeconds) {
        this.framesPerHop = framesPerHop;
        double hopsPerSecond = sampleRate / framesPerHop;
        this.window = (int) Math.round(windowSeconds * hopsPerSecond);
        this.minLag = (int) Math.floor(60 / maxBpm * hopsPerSecond);
        this.maxLag = (int) Math.ceil(60 / minBpm * hopsPerSecond);
        int size = Integer.highestOneBit(Math.max(window, 4 * maxLag) * 2);
        this.odf = new double[size];
        this.mask = size - 1;
        this.acf = new double[4 * maxLag + 2];
        this.work = new double[window];
        this.updateEvery = Math.max(1, (int) Math.round(0.05 * hopsPerSecond));
        this.preferredLag = 60 / preferredBpm * hopsPerSecond;
        this.preferenceOctaves = 1.0;
        this.minimumHistory = (int) Math.round(2.0 * hopsPerSecond);
        this.latencyHops = latencyFrames / framesPerHop;
    }

    /** Forgets everything. */
    void reset() {
        java.util.Arrays.fill(odf, 0);
        count = 0;
        period = 0;
        confidence = 0;
        nextBeat = -1;
        lastEmitted = Double.NEGATIVE_INFINITY;
        nextLag = -1;
    }

    /** @return the current period in audio frames, 0 while unknown */
    double periodFrames() {
        return period * framesPerHop;
    }

    /**
     * Adds the onset strength of the block just analysed and emits any beat whose time has come.
     *
     * @param value the onset strength (>= 0)
     * @param out   where beats go
     */
    void push(double value, Listener out) {
        odf[(int) (count & mask)] = value;
        count++;
        if (count >= minimumHistory) {
            estimateStep();
        }
        if (period <= 0 || nextBeat < 0) {
            return;
        }
        // the function's newest sample stands for audio `latencyHops` before the end of the block
        double now = count - latencyHops;
        while (nextBeat <= now) {
            double beat = nextBeat;
            lastEmitted = beat;
            nextBeat += period;
            out.beat(toFrames(beat), period * framesPerHop, toFrames(nextBeat), confidence);
        }
    }

    private double toFrames(double hopIndex) {
        // sample i of the function is the block ending at (i + 1) hops, seen latencyHops late
        return (hopIndex + 1) * framesPerHop - latencyHops * framesPerHop;
    }

    private double at(double index) {
        long i0 = (long) Math.floor(index);
        double f = index - i0;
        if (i0 < 0 || i0 + 1 >= count || count - i0 > odf.length) {
            return 0;
        }
        return odf[(int) (i0 & mask)] * (1 - f) + odf[(int) ((i0 + 1) & mask)] * f;
    }

    /**
     * One slice of the tempo estimate. The autocorrelation of a snapshot of the history is computed a slice of lags
     * per block, so its cost is spread over about {@code updateEvery} blocks instead of landing on one; when the
     * last slice is done the period and phase are updated and a new snapshot starts.
     */
    private void estimateStep() {
        if (nextLag < 0) {
            int n = (int) Math.min(window, count);
            long start = count - n;
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += odf[(int) ((start + i) & mask)];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                work[i] = odf[(int) ((start + i) & mask)] - mean;
            }
            snapshotLength = n;
            snapshotTop = Math.min(acf.length - 1, n - 1);
            nextLag = 0;
            return;
        }
        int n = snapshotLength;
        int top = snapshotTop;
        int slice = (top + updateEvery) / updateEvery;
        int end = Math.min(top, nextLag + slice - 1);
        for (int lag = nextLag; lag <= end; lag++) {
            double s = 0;
            for (int i = lag; i < n; i++) {
                s += work[i] * work[i - lag];
            }
            acf[lag] = s / n; // biased: long lags, seen over less data, count less
        }
        nextLag = end + 1;
        if (nextLag <= top) {
            return;
        }
        nextLag = -1;
        estimate(top);
    }

    private void estimate(int top) {
        if (acf[0] <= 0) {
            return;
        }
        double best = Double.NEGATIVE_INFINITY;
        double bestLag = 0;
        for (int lag = minLag; lag <= maxLag && 2 * lag <= top; lag++) {
            double score = score(lag, top);
            if (score > best) {
                best = score;
                bestLag = lag;
            }
        }
        if (bestLag == 0 || best <= 0) {
            return;
        }
        double refined = refine((int) bestLag);
        double newConfidence = Math.max(0, Math.min(1, best / acf[0]));
        // keep the metrical level unless another is clearly better: halving/doubling flips hurt most
        if (period > 0) {
            double ratio = refined / period;
            boolean sameLevel = ratio > 0.85 && ratio < 1.18;
            int current = (int) Math.round(period);
            if (!sameLevel && current >= minLag && 2 * current <= top && best < 1.15 * score(current, top)) {
                refined = period;
            }
        }
        period = period <= 0 ? refined : 0.7 * period + 0.3 * refined;
        confidence = newConfidence;
        placePhase();
    }

    /** Comb over the first multiples of a lag, times the tempo preference. */
    private double score(int lag, int top) {
        double comb = 0;
        double weights = 0;
        for (int k = 1; k <= 4 && k * lag <= top; k++) {
            comb += peakNear(k * lag, k) / k;
            weights += 1.0 / k;
        }
        comb /= weights;
        double octaves = Math.log(lag / preferredLag) / Math.log(2);
        return comb * Math.exp(-0.5 * (octaves / preferenceOctaves) * (octaves / preferenceOctaves));
    }

    /** The largest ACF value within a tolerance that grows with the multiple. */
    private double peakNear(int lag, int multiple) {
        int tol = Math.max(1, multiple);
        double m = Double.NEGATIVE_INFINITY;
        for (int l = Math.max(1, lag - tol); l <= Math.min(acf.length - 1, lag + tol); l++) {
            if (acf[l] > m) {
                m = acf[l];
            }
        }
        return m;
    }

    /** Sub-hop period: parabolic interpolation around the ACF peak, averaged with the multiples' peaks. */
    private double refine(int lag) {
        double sum = 0;
        int used = 0;
        for (int k = 1; k <= 4; k++) {
            int l = k * lag;
            int bestL = l;
            for (int d = -k; d <= k; d++) {
                int c = l + d;
                if (c > 0 && c + 1 < acf.length && acf[c] > acf[bestL]) {
                    bestL = c;
                }
            }
            if (bestL <= 0 || bestL + 1 >= acf.length) {
                break;
            }
            double a = acf[bestL - 1];
            double b = acf[bestL];
            double c = acf[bestL + 1];
            double denom = a - 2 * b + c;
            double offset = denom < 0 ? 0.5 * (a - c) / denom : 0;
            sum += (bestL + offset) / k;
            used++;
        }
        return used == 0 ? lag : sum / used;
    }

    /**
     * Finds the pulse phase that best fits the recent function and steers the prediction towards it. Phases near
     * the running prediction are favoured, so two equally good phases (a steady stream of equal notes) do not
     * take turns.
     */
    private void placePhase() {
        double newest = count - 1;
        double now = count - latencyHops;
        int steps = (int) Math.ceil(period);
        int beatsBack = (int) Math.max(2, Math.min(16, Math.floor((Math.min(count, window) - 1) / period)));
        // the running prediction, as an offset back from the newest sample
        double predictedOffset = Double.NaN;
        if (nextBeat >= 0) {
            predictedOffset = newest - nextBeat;
            predictedOffset -= Math.floor(predictedOffset / period) * period;
        }
        double bestScore = Double.NEGATIVE_INFINITY;
        double bestOffset = 0;
        for (int s = 0; s < steps; s++) {
            double offset = s * period / steps;
            double score = 0;
            for (int k = 0; k < beatsBack; k++) {
                double weight = Math.pow(0.9, k);
                double x = newest - offset - k * period;
                score += weight * Math.max(at(x - 1), Math.max(at(x), at(x + 1)));
            }
            if (!Double.isNaN(predictedOffset)) {
                double d = offset - predictedOffset;
                d -= Math.rint(d / period) * period;
                double sigma = 0.1 * period;
                score *= 1 + 0.3 * Math.exp(-0.5 * (d / sigma) * (d / sigma));
            }
            if (score > bestScore) {
                bestScore = score;
                bestOffset = offset;
            }
        }
        double predicted = newest - bestOffset + period;
        while (predicted <= now) {
            predicted += period;
        }
        if (nextBeat < 0) {
            nextBeat = predicted;
            return;
        }
        // distance between the running prediction and the new one, wrapped to half a period
        double d = predicted - nextBeat;
        d -= Math.rint(d / period) * period;
        nextBeat += 0.25 * d;
        // never a second beat within half a period of the one just played
        if (nextBeat < lastEmitted + 0.5 * period) {
            nextBeat = lastEmitted + period;
        }
    }
}
