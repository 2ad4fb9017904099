// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.beat.internal;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * A causal beat tracker on an onset-strength function sampled once per audio block.
 *
 * <p>Every few blocks it re-estimates the beat period from the autocorrelation of the last seconds of the function
 * (computed through an FFT: the direct sum over every lag cost more than the rest of the analysis chain together),
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
    private final FloatFFT fft;          // for the autocorrelation, zero-padded so it does not wrap
    private final float[] fftBuffer;
    private final double[] phaseWeights; // recent beats weigh most: 0.9^k
    private final double[] preference;   // the tempo preference by lag: log-normal around the preferred tempo
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
        int fftSize = Integer.highestOneBit(Math.max(4, window + acf.length) * 2 - 1);
        this.fft = new FloatFFT(fftSize);
        this.fftBuffer = new float[fftSize];
        this.phaseWeights = new double[16];
        for (int k = 0; k < phaseWeights.length; k++) {
            phaseWeights[k] = Math.pow(0.9, k);
        }
        this.updateEvery = Math.max(1, (int) Math.round(0.05 * hopsPerSecond));
        this.preferredLag = 60 / preferredBpm * hopsPerSecond;
        this.preferenceOctaves = 1.0;
        this.preference = new double[acf.length];
        for (int lag = 1; lag < preference.length; lag++) {
            double octaves = Math.log(lag / preferredLag) / Math.log(2);
            preference[lag] = Math.exp(-0.5 * (octaves / preferenceOctaves) * (octaves / preferenceOctaves));
        }
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
        if (!(index >= 0)) {
            return 0;
        }
        long i0 = (long) index; // truncation is the floor here, without Math.floor's cost in this inner loop
        double f = index - i0;
        if (i0 + 1 >= count || count - i0 > odf.length) {
            return 0;
        }
        return odf[(int) (i0 & mask)] * (1 - f) + odf[(int) ((i0 + 1) & mask)] * f;
    }

    /**
     * Every {@code updateEvery} blocks: the autocorrelation of the recent history (mean removed) by FFT, then the
     * period and phase. About 15 µs once every 50 ms.
     */
    private void estimateStep() {
        if (count % updateEvery != 0) {
            return;
        }
        int n = (int) Math.min(window, count);
        long start = count - n;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += odf[(int) ((start + i) & mask)];
        }
        mean /= n;
        float[] buf = fftBuffer;
        for (int i = 0; i < n; i++) {
            buf[i] = (float) (odf[(int) ((start + i) & mask)] - mean);
        }
        java.util.Arrays.fill(buf, n, buf.length, 0f);
        // |X|^2 in FloatFFT's packing ([0] = Re(0), [1] = Re(N/2), then Re/Im pairs), then back: the autocorrelation
        fft.realForward(buf);
        buf[0] = buf[0] * buf[0];
        buf[1] = buf[1] * buf[1];
        for (int k = 2; k < buf.length; k += 2) {
            float re = buf[k];
            float im = buf[k + 1];
            buf[k] = re * re + im * im;
            buf[k + 1] = 0f;
        }
        fft.realInverse(buf, false); // unscaled: N/2 times the correlation
        double scale = 2.0 / buf.length / n; // biased: long lags, seen over less data, count less
        int top = Math.min(acf.length - 1, n - 1);
        for (int lag = 0; lag <= top; lag++) {
            acf[lag] = buf[lag] * scale;
        }
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
        return comb * preference[lag];
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
                double weight = phaseWeights[k];
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
