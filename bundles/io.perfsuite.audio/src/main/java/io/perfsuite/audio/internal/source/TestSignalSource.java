// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import io.perfsuite.audio.internal.AudioSource;

/**
 * A generated signal: a sine, a sum of sines (a chord), a click on every beat, or white noise. Endless unless
 * given a length with {@link #withLength}. Not live. Every sample depends only on its index since {@link #open},
 * never on how the frames are split into reads, so the signal is continuous across reads of any size (0 and odd
 * sizes included) and the same on every run; {@link #open} starts it again from frame 0.
 *
 * <p>Signals:
 * <ul>
 * <li>{@link #sine}, {@link #chord}, {@link #sines}: {@code sum(a_i * sin(2 pi f_i n / rate))}, starting at phase 0;
 * <li>{@link #clicks}: on every beat {@code k} (frame {@code round(k * 60 * rate / bpm)}, the first at frame 0) a
 * decaying burst {@code a * exp(-t / 2.5 ms) * cos(2 pi f t)} with {@code f = min(2 kHz, rate / 4)}, lasting
 * 20 ms (at most half a beat), silence in between; the first sample of every click is exactly {@code a};
 * <li>{@link #noise}: uniform white noise in {@code [-a, a)} from a 64-bit xorshift generator, the same
 * sequence for the same seed.
 * </ul>
 *
 * <p><b>Threading:</b> the factories, {@link #withLength}, {@link #open}, {@link #describe} and {@link #close} off
 * the audio thread; hand the opened source to the audio thread through a happens-before edge (thread start,
 * volatile field, concurrent queue). {@link #read} on that one thread only: it does not allocate, lock, log or
 * block. The configuration is immutable; the generator state belongs to the reading thread.
 */
public final class TestSignalSource implements AudioSource {

    private static final int SINES = 0;
    private static final int CLICKS = 1;
    private static final int NOISE = 2;
    private static final double CLICK_SECONDS = 0.020;
    private static final double CLICK_DECAY_SECONDS = 0.0025;
    private static final double CLICK_HZ = 2000;

    private final int kind;
    private final float sampleRate;
    private final double[] hz;
    private final double[] amplitudes;
    private final double amplitude;
    private final double bpm;
    private final long seed;
    private final long length;

    // derived constants
    private final double[] increments;
    private final double beatFrames;
    private final int clickFrames;
    private final double clickOmega;
    private final double clickDecay;

    // generator state, owned by the reading thread
    private final double[] phases;
    private long position;
    private long beat;
    private long nextBeatFrame;
    private long clickStart;
    private long noiseState;
    private int maxFrames;
    private boolean opened;
    private boolean closed;

    private TestSignalSource(int kind, float sampleRate, double[] hz, double[] amplitudes, double amplitude,
            double bpm, long seed, long length) {
        this.kind = kind;
        this.sampleRate = sampleRate;
        this.hz = hz;
        this.amplitudes = amplitudes;
        this.amplitude = amplitude;
        this.bpm = bpm;
        this.seed = seed;
        this.length = length;
        this.increments = new double[hz.length];
        for (int i = 0; i < hz.length; i++) {
            increments[i] = hz[i] / sampleRate;
        }
        this.phases = new double[hz.length];
        this.beatFrames = kind == CLICKS ? 60.0 * sampleRate / bpm : 0;
        this.clickFrames = kind == CLICKS
                ? (int) Math.max(1, Math.min(Math.round(CLICK_SECONDS * sampleRate), Math.floor(beatFrames / 2)))
                : 0;
        this.clickOmega = 2 * Math.PI * Math.min(CLICK_HZ, sampleRate / 4.0) / sampleRate;
        this.clickDecay = 1.0 / (CLICK_DECAY_SECONDS * sampleRate);
        reset();
    }

    /**
     * A pure tone.
     *
     * @param sampleRate in Hz, greater than 0
     * @param hz the frequency, above 0 and below half the sample rate
     * @param amplitude the peak, 0 to 1
     * @return an endless source
     * @throws IllegalArgumentException for a value out of range
     */
    public static TestSignalSource sine(float sampleRate, double hz, double amplitude) {
        return sines(sampleRate, new double[] {hz}, new double[] {amplitude});
    }

    /**
     * Equal-amplitude sines, e.g. the notes of a chord; each gets {@code amplitude / hz.length}, so the sum never
     * exceeds {@code amplitude}.
     *
     * @param sampleRate in Hz, greater than 0
     * @param amplitude the peak of the sum, 0 to 1
     * @param hz the frequencies, at least one, each above 0 and below half the sample rate
     * @return an endless source
     * @throws IllegalArgumentException for a value out of range
     */
    public static TestSignalSource chord(float sampleRate, double amplitude, double... hz) {
        if (hz == null || hz.length == 0) {
            throw new IllegalArgumentException("a chord needs at least one frequency");
        }
        double[] amplitudes = new double[hz.length];
        checkAmplitude(amplitude);
        Arrays.fill(amplitudes, amplitude / hz.length);
        return sines(sampleRate, hz, amplitudes);
    }

    /**
     * A sum of sines with their own amplitudes.
     *
     * @param sampleRate in Hz, greater than 0
     * @param hz the frequencies, at least one, each above 0 and below half the sample rate
     * @param amplitudes one per frequency, each at least 0, summing to at most 1
     * @return an endless source
     * @throws IllegalArgumentException for a value out of range or arrays of different lengths
     */
    public static TestSignalSource sines(float sampleRate, double[] hz, double[] amplitudes) {
        checkRate(sampleRate);
        Objects.requireNonNull(hz, "hz");
        Objects.requireNonNull(amplitudes, "amplitudes");
        if (hz.length == 0 || hz.length != amplitudes.length) {
            throw new IllegalArgumentException("need one amplitude per frequency and at least one frequency, got "
                    + hz.length + " frequencies and " + amplitudes.length + " amplitudes");
        }
        double total = 0;
        for (int i = 0; i < hz.length; i++) {
            if (!(hz[i] > 0 && hz[i] < sampleRate / 2.0)) {
                throw new IllegalArgumentException("frequency " + hz[i] + " Hz is not between 0 and the Nyquist "
                        + "frequency " + sampleRate / 2.0 + " Hz");
            }
            if (!(amplitudes[i] >= 0)) {
                throw new IllegalArgumentException("amplitude " + amplitudes[i] + " is negative or not a number");
            }
            total += amplitudes[i];
        }
        if (total > 1 + 1e-9) {
            throw new IllegalArgumentException("the amplitudes sum to " + total + ", more than 1 would clip");
        }
        return new TestSignalSource(SINES, sampleRate, hz.clone(), amplitudes.clone(), total, 0, 0, -1);
    }

    /**
     * A metronome click on every beat, the first at frame 0.
     *
     * @param sampleRate in Hz, greater than 0
     * @param bpm beats per minute, above 0 and at most one beat per 4 frames
     * @param amplitude the peak of each click, 0 to 1
     * @return an endless source
     * @throws IllegalArgumentException for a value out of range
     */
    public static TestSignalSource clicks(float sampleRate, double bpm, double amplitude) {
        checkRate(sampleRate);
        checkAmplitude(amplitude);
        if (!(bpm > 0) || Double.isInfinite(bpm) || 60.0 * sampleRate / bpm < 4) {
            throw new IllegalArgumentException("tempo " + bpm + " BPM is not above 0 with at least 4 frames per beat"
                    + " at " + sampleRate + " Hz");
        }
        return new TestSignalSource(CLICKS, sampleRate, new double[0], new double[0], amplitude, bpm, 0, -1);
    }

    /**
     * Uniform white noise.
     *
     * @param sampleRate in Hz, greater than 0
     * @param amplitude the peak, 0 to 1
     * @param seed any value; the same seed gives the same samples
     * @return an endless source
     * @throws IllegalArgumentException for a value out of range
     */
    public static TestSignalSource noise(float sampleRate, double amplitude, long seed) {
        checkRate(sampleRate);
        checkAmplitude(amplitude);
        return new TestSignalSource(NOISE, sampleRate, new double[0], new double[0], amplitude, 0, seed, -1);
    }

    /**
     * The same signal, ending after a number of frames: then {@link #read} returns -1.
     *
     * @param frames the total length, at least 0
     * @return a new, unopened source
     * @throws IllegalArgumentException when {@code frames} is negative
     */
    public TestSignalSource withLength(long frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("length must be at least 0 frames, was " + frames);
        }
        return new TestSignalSource(kind, sampleRate, hz, amplitudes, amplitude, bpm, seed, frames);
    }

    /** @return the total length in frames, or -1 when endless */
    public long length() {
        return length;
    }

    /**
     * Rewinds the signal to frame 0.
     *
     * @param maxFrames the largest number of frames one {@link #read} will ask for, at least 1
     * @throws IllegalArgumentException when {@code maxFrames} is below 1
     */
    @Override
    public void open(int maxFrames) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        this.maxFrames = maxFrames;
        reset();
        this.opened = true;
        this.closed = false;
    }

    /** @return the sample rate in Hz given to the factory; any thread */
    @Override
    public float sampleRate() {
        return sampleRate;
    }

    /**
     * Generates the next frames. Audio thread only; allocation-free.
     *
     * @param buffer where to write, from index 0
     * @param frames how many frames are wanted, 0 to the {@code maxFrames} given to {@link #open}
     * @return the frames written (fewer than asked only at the end of a finite signal), or -1 after its end or
     *         after {@link #close}
     * @throws IllegalStateException when called before {@link #open}
     * @throws IllegalArgumentException when {@code frames} is negative, above {@code maxFrames} or above the
     *         buffer length (a programming error)
     */
    @Override
    public int read(float[] buffer, int frames) {
        if (closed) {
            return -1;
        }
        if (!opened) {
            throw new IllegalStateException("test signal read before open");
        }
        if (frames < 0 || frames > maxFrames || frames > buffer.length) {
            throw new IllegalArgumentException("cannot read " + frames + " frames: maxFrames is " + maxFrames
                    + " and the buffer holds " + buffer.length);
        }
        int n = frames;
        if (length >= 0) {
            long remaining = length - position;
            if (remaining <= 0) {
                return -1;
            }
            n = (int) Math.min(n, remaining);
        }
        switch (kind) {
            case SINES:
                generateSines(buffer, n);
                break;
            case CLICKS:
                generateClicks(buffer, n);
                break;
            default:
                generateNoise(buffer, n);
                break;
        }
        position += n;
        return n;
    }

    private void generateSines(float[] buffer, int n) {
        double[] ph = phases;
        double[] inc = increments;
        double[] amp = amplitudes;
        int partials = ph.length;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int p = 0; p < partials; p++) {
                sum += amp[p] * Math.sin(2 * Math.PI * ph[p]);
                double next = ph[p] + inc[p];
                ph[p] = next >= 1 ? next - 1 : next;
            }
            buffer[i] = (float) sum;
        }
    }

    private void generateClicks(float[] buffer, int n) {
        long frame = position;
        for (int i = 0; i < n; i++, frame++) {
            if (frame == nextBeatFrame) {
                clickStart = frame;
                beat++;
                nextBeatFrame = Math.round(beat * beatFrames);
            }
            long t = frame - clickStart;
            buffer[i] = t < clickFrames
                    ? (float) (amplitude * Math.exp(-t * clickDecay) * Math.cos(clickOmega * t))
                    : 0f;
        }
    }

    private void generateNoise(float[] buffer, int n) {
        long x = noiseState;
        float scale = (float) amplitude;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            // top 24 bits as a uniform value in [-1, 1): exact in a float
            buffer[i] = scale * (((x >>> 40) - (1 << 23)) * 0x1.0p-23f);
        }
        noiseState = x;
    }

    private void reset() {
        position = 0;
        Arrays.fill(phases, 0);
        beat = 0;
        nextBeatFrame = 0;
        clickStart = Long.MIN_VALUE / 2; // no click sounding before the first beat
        noiseState = initialNoiseState(seed);
    }

    /** Spreads the seed (splitmix64 finaliser) so that nearby seeds start far apart; never 0, which xorshift hates. */
    private static long initialNoiseState(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z != 0 ? z : 0x2545F4914F6CDD1DL;
    }

    /** @return false: generated as fast as wanted */
    @Override
    public boolean isLive() {
        return false;
    }

    /** @return e.g. {@code "test signal sine 440.0 Hz, amplitude 0.50 (44100 Hz, endless)"}; any thread */
    @Override
    public String describe() {
        String what;
        switch (kind) {
            case SINES:
                StringBuilder s = new StringBuilder(hz.length == 1 ? "sine " : "sines ");
                for (int i = 0; i < hz.length; i++) {
                    s.append(i > 0 ? " + " : "").append(String.format(Locale.ROOT, "%.1f Hz", hz[i]));
                }
                what = s.append(String.format(Locale.ROOT, ", amplitude %.2f", amplitude)).toString();
                break;
            case CLICKS:
                what = String.format(Locale.ROOT, "clicks %.1f BPM, amplitude %.2f", bpm, amplitude);
                break;
            default:
                what = String.format(Locale.ROOT, "noise seed %d, amplitude %.2f", seed, amplitude);
                break;
        }
        String span = length < 0 ? "endless" : length + " frames";
        return "test signal " + what + " (" + DecodedAudio.formatRate(sampleRate) + " Hz, " + span + ")";
    }

    /** Nothing to release: later reads return -1 until the source is opened again. Never throws. */
    @Override
    public void close() {
        closed = true;
    }

    private static void checkRate(float sampleRate) {
        if (!(sampleRate > 0) || Float.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, was " + sampleRate);
        }
    }

    private static void checkAmplitude(double amplitude) {
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("amplitude must be between 0 and 1, was " + amplitude);
        }
    }
}
