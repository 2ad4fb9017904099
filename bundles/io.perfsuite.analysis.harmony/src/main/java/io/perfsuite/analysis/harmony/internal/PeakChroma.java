// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import java.util.Arrays;

/**
 * A 12-bin pitch-class profile (chroma) of one magnitude spectrum, built from its spectral peaks.
 *
 * <p>For the bins between a lowest and a highest frequency: the natural-log magnitude is taken; a bin is a peak
 * when it beats both neighbours, rises above the mean log magnitude of the bins around it (a simple spectral
 * whitening, which keeps the broad spectral envelope and the noise floor out) and lies within a range below the
 * strongest bin. The peak's frequency is refined by parabolic interpolation of the log magnitudes (accurate to a
 * small fraction of a bin for a Hann window), turned into a pitch relative to the reference A, and the peak adds
 * its height above the local mean (a log-compressed, whitened magnitude) to the nearest pitch class, weighted by
 * {@code cos^2} of its distance in semitones to that pitch class's centre (1 on the centre, 0 half way between
 * two). The band's energy is measured on the way, for the silence gate.
 *
 * <p><b>Threading:</b> sized in the constructor; {@link #compute} allocates nothing. Not thread-safe.
 */
final class PeakChroma {

    private static final double LOG_FLOOR = 1e-12;
    private static final double SEMITONES_PER_NAT = 12 / Math.log(2);

    private final int bins;
    private final int lowBin;
    private final int highBin;
    private final int halfWidth;
    private final double binHz;
    private final double referenceHz;
    private final double rangeNats;
    private final double prominenceNats;
    private final double fullScaleEnergy;
    private final double[] logMagnitude;
    private final double[] prefix;
    private double levelDb;

    /**
     * @param sampleRate    the sample rate in Hz
     * @param fftSize       the size of the spectrum's FFT; the spectrum has {@code fftSize / 2} bins
     * @param minHz         the lowest frequency that counts
     * @param maxHz         the highest frequency that counts
     * @param referenceHz   the frequency of A4 (440 for standard tuning)
     * @param rangeDb       peaks more than this below the strongest bin of the band are ignored
     * @param prominenceDb  a peak must rise this far above the mean of the bins around it
     * @param whiteningHz   the half-width of the neighbourhood of that mean
     */
    PeakChroma(float sampleRate, int fftSize, double minHz, double maxHz, double referenceHz, double rangeDb,
            double prominenceDb, double whiteningHz) {
        this.bins = fftSize / 2;
        this.binHz = sampleRate / (double) fftSize;
        this.lowBin = Math.max(2, (int) Math.ceil(minHz / binHz));
        this.highBin = Math.max(lowBin, Math.min(bins - 3, (int) Math.floor(maxHz / binHz)));
        this.halfWidth = Math.max(2, (int) Math.round(whiteningHz / binHz));
        this.referenceHz = referenceHz;
        this.rangeNats = rangeDb * Math.log(10) / 20;
        this.prominenceNats = prominenceDb * Math.log(10) / 20;
        // a full-scale sine through a Hann window peaks at fftSize / 4, with two neighbours at half that
        double peak = fftSize / 4.0;
        this.fullScaleEnergy = 1.5 * peak * peak;
        this.logMagnitude = new double[bins];
        this.prefix = new double[bins + 1];
        this.levelDb = -200;
    }

    /**
     * Computes the chroma of a spectrum.
     *
     * @param magnitudes the magnitudes, at least {@code fftSize / 2} long as given to the constructor (shorter
     *                   spectra are read as far as they go)
     * @param chroma     receives the profile, index 0 = C; not normalised
     * @return the sum of the profile
     */
    double compute(float[] magnitudes, double[] chroma) {
        Arrays.fill(chroma, 0);
        int n = Math.min(bins, magnitudes.length);
        int from = Math.max(1, lowBin - halfWidth - 1);
        int to = Math.min(n - 1, highBin + halfWidth + 1);
        if (to - from < 4) {
            levelDb = -200;
            return 0;
        }
        double energy = 0;
        double strongest = Double.NEGATIVE_INFINITY;
        prefix[from] = 0;
        for (int k = from; k <= to; k++) {
            double v = magnitudes[k];
            double lm = Math.log(v + LOG_FLOOR);
            logMagnitude[k] = lm;
            prefix[k + 1] = prefix[k] + lm;
            if (k >= lowBin && k <= highBin) {
                energy += v * v;
                if (lm > strongest) {
                    strongest = lm;
                }
            }
        }
        levelDb = 10 * Math.log10(energy / fullScaleEnergy + 1e-30);
        double floor = strongest - rangeNats;
        int last = Math.min(highBin, to - 1);
        double sum = 0;
        for (int k = Math.max(lowBin, from + 1); k <= last; k++) {
            double b = logMagnitude[k];
            if (b < floor) {
                continue;
            }
            double a = logMagnitude[k - 1];
            double c = logMagnitude[k + 1];
            if (!(b > a && b >= c)) {
                continue;
            }
            int lo = Math.max(from, k - halfWidth);
            int hi = Math.min(to, k + halfWidth);
            double localMean = (prefix[hi + 1] - prefix[lo]) / (hi + 1 - lo);
            double base = Math.max(localMean, floor);
            double height = b - base;
            if (height < prominenceNats) {
                continue;
            }
            double curvature = a - 2 * b + c;
            double offset = curvature < 0 ? 0.5 * (a - c) / curvature : 0;
            double hz = (k + offset) * binHz;
            double semitones = SEMITONES_PER_NAT * Math.log(hz / referenceHz);
            long nearest = Math.round(semitones);
            double deviation = semitones - nearest;
            double w = Math.cos(Math.PI * deviation);
            double value = height * w * w;
            int pitchClass = (int) Math.floorMod(nearest + 9, 12L);
            chroma[pitchClass] += value;
            sum += value;
        }
        return sum;
    }

    /** @return the energy of the band in the last spectrum, in dB relative to a full-scale sine */
    double levelDb() {
        return levelDb;
    }
}
