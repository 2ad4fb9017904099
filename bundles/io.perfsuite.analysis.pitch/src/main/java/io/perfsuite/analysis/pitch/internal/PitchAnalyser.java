// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.pitch.internal;

import java.util.Arrays;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import be.tarsos.dsp.util.fft.FloatFFT;
import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.api.analysis.AudioBlock;

/**
 * Monophonic fundamental frequency with a confidence, for a voice or an instrument: YIN (de Cheveigné and
 * Kawahara, 2002) over the most recent {@code windowSize} samples, once per block (the engine's block is the hop).
 *
 * <p>With {@code N} the window and {@code W = N / 2} the integration window, the difference function is
 * {@code d(t) = sum_{j<W} (x_j - x_{j+t})^2 = e(0) + e(t) - 2 r(t)} for lags {@code t < W}, where {@code e(t)} is
 * the energy of {@code x_t .. x_{t+W-1}} (from a running sum of squares) and {@code r(t) = sum_{j<W} x_j x_{j+t}}
 * the cross-correlation of the window's first half with the whole window, computed in O(N log N) as the inverse
 * FFT of {@code conj(FFT(first half, zero-padded)) * FFT(window)}: with {@code j + t < N} the circular correlation
 * never wraps, so an FFT of size {@code N} is exact. Then the YIN steps: the cumulative-mean-normalised difference
 * {@code d'(t)}, the first lag (from {@code sampleRate / maxHz} on) whose {@code d'} dips under the absolute
 * threshold, followed down to its local minimum, and parabolic interpolation of the raw {@code d} around it (the
 * paper's unbiased choice). The estimate is {@code sampleRate / lag}; the confidence is {@code 1 - d'} at the lag
 * (1 minus the aperiodicity), clamped to [0, 1].
 *
 * <p>Reported once per block, at the centre of the window (block end minus {@code N / 2}, never negative), with
 * 0 Hz when no dip is under the threshold (the confidence is then 1 minus the smallest {@code d'}) or the block is
 * quieter than the silence gate (the confidence is still the one computed).
 *
 * <p>Allocation-free on the audio thread: every buffer is sized in {@link #prepare}. TarsosDSP's FloatFFT
 * allocates only when it spreads a transform over threads, which it does above 8192 points (and when asked to
 * scale, from 8192 on); the window is capped at 8192 and the inverse is scaled here, so that never happens.
 */
@Component(configurationPid = PitchAnalyser.PID, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = PitchAnalyser.Config.class)
public class PitchAnalyser implements Analyser {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.analysis.pitch";

    /** The largest window: FloatFFT runs larger transforms on a thread pool, which allocates. */
    static final int MAX_WINDOW = 8192;
    /** The smallest window. */
    static final int MIN_WINDOW = 64;

    /** Configuration. */
    @ObjectClassDefinition(name = "Performance Suite pitch analyser",
            description = "Monophonic fundamental frequency (YIN) with confidence, for voice and instruments.")
    public @interface Config {
        /** @return the absolute threshold */
        @AttributeDefinition(name = "Threshold", min = "0.01", max = "1",
                description = "YIN absolute threshold: the first lag whose normalised difference dips under it is "
                        + "the period. Lower is stricter: fewer voiced frames, and more notes an octave low.")
        double threshold() default 0.15;

        /** @return the lowest pitch */
        @AttributeDefinition(name = "Lowest pitch (Hz)", min = "20", max = "2000",
                description = "Lowest fundamental looked for; the window holds two of its periods.")
        double minHz() default 60;

        /** @return the highest pitch */
        @AttributeDefinition(name = "Highest pitch (Hz)", min = "40", max = "8000",
                description = "Highest fundamental looked for.")
        double maxHz() default 1600;

        /** @return the silence gate */
        @AttributeDefinition(name = "Silence gate (dBFS)", min = "-140", max = "0",
                description = "A block whose RMS is below this is reported unvoiced (0 Hz).")
        double silenceDbfs() default -60;

        /** @return the window size, 0 for automatic */
        @AttributeDefinition(name = "Window size (samples)", min = "0", max = "8192",
                description = "Samples analysed per block, a power of two (rounded up); 0 picks the smallest that "
                        + "holds two periods of the lowest pitch (2048 at 44.1 and 48 kHz with 60 Hz). A smaller "
                        + "window reacts faster but raises the lowest pitch it can find to 2 x rate / window.")
        int windowSize() default 0;

        /** @return whether high rates are halved first */
        @AttributeDefinition(name = "Halve high sample rates",
                description = "At 32 kHz and above, low-pass filter the input and analyse every second sample "
                        + "(when the highest pitch keeps at least 8 samples a period): the same window length in "
                        + "time at about half the compute. The window size is then in the halved rate's samples.")
        boolean decimate() default true;
    }

    private final double threshold;
    private final double minHz;
    private final double maxHz;
    private final double silenceMeanSquare;
    private final int configuredWindow;
    private final boolean decimateWanted;

    private float sampleRate;     // the analysed rate: the input's, or half of it
    private int factor;           // input samples per analysed sample: 1 or 2
    private HalfbandDecimator decimator;
    private float[] decimated;
    private int window;
    private int half;
    private int tauMin;
    private int tauMax;
    private FloatFFT fft;
    private float[] ring;
    private int ringPos;
    private float[] frameBuffer;
    private float[] halfSpectrum;
    private float[] fullSpectrum;
    private double[] squares;
    private double[] difference;
    private double[] normalised;
    // Spectra of the newest half window, zero-padded, of the last `stride + 1` blocks. The first half of the window
    // now is the newest half `stride` blocks ago, so its spectrum is reused, and the whole window's spectrum is the
    // sum of the two halves' (the newer shifted by half a window: a factor (-1)^k). Two FFTs per block, not three.
    private float[][] halfSpectra;
    private int stride;       // blocks per half window, 0 when the block size does not divide it
    private int maxBlock;
    private int slot;
    private int filled;       // consecutive full blocks whose half spectra are stored

    /**
     * @param config the configuration
     * @throws IllegalArgumentException if a value is out of range
     */
    @Activate
    public PitchAnalyser(Config config) {
        this.threshold = config.threshold();
        this.minHz = config.minHz();
        this.maxHz = config.maxHz();
        this.configuredWindow = config.windowSize();
        this.decimateWanted = config.decimate();
        double gate = config.silenceDbfs();
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        if (!(minHz > 0 && maxHz > minHz) || Double.isInfinite(maxHz)) {
            throw new IllegalArgumentException("need 0 < minHz < maxHz, was " + minHz + " and " + maxHz);
        }
        if (configuredWindow < 0 || configuredWindow > MAX_WINDOW) {
            throw new IllegalArgumentException("windowSize must be 0 (automatic) or up to " + MAX_WINDOW + ", was "
                    + configuredWindow);
        }
        if (Double.isNaN(gate) || gate > 0) {
            throw new IllegalArgumentException("silenceDbfs must be at most 0, was " + gate);
        }
        this.silenceMeanSquare = Math.pow(10, gate / 10);
    }

    @Override
    public String id() {
        return "pitch";
    }

    /**
     * The window for a sample rate: the configured size rounded up to a power of two, or the smallest power of two
     * holding two periods of the lowest pitch; within {@value #MIN_WINDOW} to {@value #MAX_WINDOW}.
     *
     * @param rate the sample rate in Hz
     * @return the window size in samples
     */
    int windowFor(float rate) {
        int wanted = configuredWindow > 0 ? configuredWindow : (int) Math.min(MAX_WINDOW, Math.ceil(2 * rate / minHz));
        int size = Integer.highestOneBit(Math.max(1, wanted));
        if (size < wanted) {
            size <<= 1;
        }
        return Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, size));
    }

    /**
     * @param rate the input's sample rate in Hz
     * @return 2 when the input is analysed at half its rate, else 1
     */
    int factorFor(float rate) {
        return decimateWanted && rate >= 32_000 && rate / 2 >= 8 * maxHz ? 2 : 1;
    }

    /**
     * @param rate the input's sample rate in Hz
     * @return how many input samples one analysis window spans
     */
    int windowSpan(float rate) {
        int f = factorFor(rate);
        return windowFor(rate / f) * f;
    }

    @Override
    public void prepare(float inputRate, int maxBlockSize, int fftSize) {
        if (!(inputRate > 0)) {
            throw new IllegalArgumentException("sample rate must be above 0, was " + inputRate);
        }
        factor = factorFor(inputRate);
        float rate = inputRate / factor;
        decimator = factor == 2 ? new HalfbandDecimator(maxBlockSize) : null;
        decimated = factor == 2 ? new float[maxBlockSize / 2 + 1] : null;
        sampleRate = rate;
        window = windowFor(rate);
        half = window / 2;
        // lags: from the period of the highest pitch to that of the lowest, leaving one lag on either side of a
        // minimum for the parabola
        tauMin = Math.max(2, (int) Math.floor(rate / maxHz));
        tauMax = Math.min(half - 2, (int) Math.ceil(rate / minHz));
        if (tauMin >= tauMax) {
            throw new IllegalArgumentException("no lag to search at " + rate + " Hz: " + minHz + " to " + maxHz
                    + " Hz with a window of " + window);
        }
        fft = new FloatFFT(window);
        ring = new float[window];
        frameBuffer = new float[window];
        halfSpectrum = new float[window];
        fullSpectrum = new float[window];
        squares = new double[window + 1];
        difference = new double[half];
        normalised = new double[half];
        // the spectra can be reused when every full block brings the same number of analysed samples
        maxBlock = factor == 2 && maxBlockSize % 2 == 1 ? -1 : maxBlockSize / factor;
        stride = maxBlock > 0 && half % maxBlock == 0 ? half / maxBlock : 0;
        halfSpectra = stride > 0 ? new float[stride + 1][window] : null;
        reset();
    }

    @Override
    public void reset() {
        if (ring != null) {
            Arrays.fill(ring, 0f);
            Arrays.fill(difference, 0);
            Arrays.fill(normalised, 0);
        }
        if (decimator != null) {
            decimator.reset();
        }
        ringPos = 0;
        filled = 0;
        slot = 0;
    }

    @Override
    public void process(AudioBlock block, AnalysisSink out) {
        int n = block.length();
        if (n == 0) {
            return;
        }
        float[] samples = block.samples();
        double sumSquares = 0; // of the input, whole band
        for (int i = 0; i < n; i++) {
            float s = samples[i];
            sumSquares += (double) s * s;
        }
        int count = n;
        if (decimator != null) {
            count = decimator.process(samples, n, decimated);
            samples = decimated;
        }
        int mask = window - 1;
        int pos = ringPos;
        for (int i = 0; i < count; i++) {
            ring[pos] = samples[i];
            pos = (pos + 1) & mask;
        }
        ringPos = pos;

        // the window, oldest sample first
        int firstPart = window - pos;
        System.arraycopy(ring, pos, frameBuffer, 0, firstPart);
        System.arraycopy(ring, 0, frameBuffer, firstPart, pos);

        differenceFunction(count == maxBlock);
        // the window's centre in input frames (the filter delays the analysed samples by DELAY input samples)
        long frame = Math.max(0, block.startFrame() + n - (long) half * factor
                - (factor == 2 ? HalfbandDecimator.DELAY : 0));
        report(frame, sumSquares / n < silenceMeanSquare, out);
    }

    /**
     * Fills {@link #difference} for lags 0 to {@code tauMax + 1} from {@link #frameBuffer}.
     *
     * @param fullBlock whether this block had the full block size (the reuse of earlier spectra needs equal steps)
     */
    private void differenceFunction(boolean fullBlock) {
        float[] x = frameBuffer;
        float[] a;
        float[] b = fullSpectrum;
        if (stride > 0 && fullBlock) {
            float[] c = halfSpectra[slot];
            System.arraycopy(x, half, c, 0, half);
            Arrays.fill(c, half, window, 0f);
            fft.realForward(c);
            if (filled >= stride) {
                a = halfSpectra[(slot + 1) % halfSpectra.length]; // written `stride` blocks ago
                // b = a + (-1)^k c in FloatFFT's packing: [0] = Re(0), [1] = Re(N/2) (N/2 even), then Re/Im pairs
                b[0] = a[0] + c[0];
                b[1] = a[1] + c[1];
                int k = 2;
                for (; k + 3 < window; k += 4) { // bins 2j + 1 (odd: minus) and 2j + 2 (even: plus)
                    b[k] = a[k] - c[k];
                    b[k + 1] = a[k + 1] - c[k + 1];
                    b[k + 2] = a[k + 2] + c[k + 2];
                    b[k + 3] = a[k + 3] + c[k + 3];
                }
                if (k < window) { // the last bin, N/2 - 1, is odd
                    b[k] = a[k] - c[k];
                    b[k + 1] = a[k + 1] - c[k + 1];
                }
            } else {
                a = halfSpectrum;
                transformHalvesDirectly(x, a, b);
            }
            slot = (slot + 1) % halfSpectra.length;
            filled++;
        } else {
            filled = 0;
            a = halfSpectrum;
            transformHalvesDirectly(x, a, b);
        }
        // b <- conj(a) * b, in FloatFFT's packing
        b[0] = a[0] * b[0];
        b[1] = a[1] * b[1];
        for (int k = 2; k < window; k += 2) {
            float ar = a[k];
            float ai = a[k + 1];
            float br = b[k];
            float bi = b[k + 1];
            b[k] = ar * br + ai * bi;
            b[k + 1] = ar * bi - ai * br;
        }
        // unscaled: FloatFFT's real inverse returns N/2 times the signal; scaled below (its own scaling would use
        // threads, and allocate, from 8192 points on)
        fft.realInverse(b, false);
        double scale = 2.0 / window;

        double[] sq = squares;
        sq[0] = 0;
        for (int j = 0; j < window; j++) {
            sq[j + 1] = sq[j] + (double) x[j] * x[j];
        }
        double e0 = sq[half];
        int last = tauMax + 1;
        for (int t = 0; t <= last; t++) {
            double d = e0 + (sq[t + half] - sq[t]) - 2 * scale * b[t];
            difference[t] = d > 0 ? d : 0;
        }
    }

    /** The spectra of the window's first half (zero-padded) and of the whole window, by two FFTs. */
    private void transformHalvesDirectly(float[] x, float[] a, float[] b) {
        System.arraycopy(x, 0, a, 0, half);
        Arrays.fill(a, half, window, 0f);
        System.arraycopy(x, 0, b, 0, window);
        fft.realForward(a);
        fft.realForward(b);
    }

    /** The YIN steps after the difference function, and the report. */
    private void report(long frame, boolean silent, AnalysisSink out) {
        double[] d = difference;
        double[] dn = normalised;
        dn[0] = 1;
        double running = 0;
        int last = tauMax + 1;
        for (int t = 1; t <= last; t++) {
            running += d[t];
            dn[t] = running > 0 ? d[t] * t / running : 1;
        }
        int found = -1;
        int globalMin = tauMin;
        for (int t = tauMin; t <= tauMax; t++) {
            if (dn[t] < dn[globalMin]) {
                globalMin = t;
            }
            if (found < 0 && dn[t] < threshold) {
                found = t;
                while (found + 1 <= tauMax && dn[found + 1] < dn[found]) {
                    found++;
                }
                break;
            }
        }
        if (found < 0) {
            out.pitch(frame, 0, clamp(1 - dn[globalMin]));
            return;
        }
        double confidence = clamp(1 - dn[found]);
        if (silent) {
            out.pitch(frame, 0, confidence);
            return;
        }
        double lag = found;
        double left = d[found - 1];
        double mid = d[found];
        double right = d[found + 1];
        double curvature = left - 2 * mid + right;
        if (curvature > 0) {
            double shift = 0.5 * (left - right) / curvature;
            if (shift > -1 && shift < 1) {
                lag += shift;
            }
        }
        out.pitch(frame, sampleRate / lag, confidence);
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    /** @return the window of the current stream in samples, for tests */
    int window() {
        return window;
    }

    /** @return the difference function of the last block for lags 0 to {@code tauMax + 1}, for tests */
    double[] lastDifference() {
        return Arrays.copyOf(difference, tauMax + 2);
    }

    /** @return the window of the last block, oldest first, for tests */
    float[] lastWindow() {
        return frameBuffer.clone();
    }
}
