// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import java.util.Arrays;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.api.analysis.AudioBlock;

/**
 * The chord and the key, causally, from the engine's shared spectrum.
 *
 * <p>Per block: a chroma from the spectral peaks between two frequencies ({@link PeakChroma}; tuning A = 440 Hz
 * unless configured otherwise), scaled to sum 1. The chord is decided on that chroma smoothed by an exponential
 * filter, by template matching and an online Viterbi smoother ({@link ChordTracker}); the key on a long-term
 * profile of it, correlated with key profiles ({@link KeyTracker}). A block whose band is quieter than the silence
 * level counts as silence: {@code N}, and nothing for the key.
 *
 * <p>Reports: {@code chord} at the start and whenever the decision changes, with the cosine similarity of the
 * chord's template and the smoothed chroma as confidence, at the frame where the new chord's best path began (at
 * most the lookback before the frame where it was decided); {@code key} when the key is first decided and when it
 * changes, with its profile correlation as confidence, at the deciding frame. The frame of a block is the middle of
 * its spectrum's window, where the evidence of its sound is centred. Allocation-free on the audio thread: all
 * state, and the chord and key objects of every candidate, are made in {@link #prepare}.
 */
@Component(configurationPid = HarmonyAnalyser.PID, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = HarmonyAnalyser.Config.class)
public class HarmonyAnalyser implements Analyser {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.analysis.harmony";

    /** Configuration. */
    @ObjectClassDefinition(name = "Performance Suite harmony analyser",
            description = "Hears the chord and the key.")
    public @interface Config {
        /** @return lowest frequency of the chroma */
        @AttributeDefinition(name = "Lowest frequency (Hz)", min = "20", max = "1000",
                description = "Spectral peaks below this frequency, in Hz (20 to 1000), do not count toward the"
                        + " chroma.")
        double minFrequency() default 55;

        /** @return highest frequency of the chroma */
        @AttributeDefinition(name = "Highest frequency (Hz)", min = "500", max = "20000",
                description = "Spectral peaks above this frequency, in Hz (500 to 20000), do not count toward the"
                        + " chroma.")
        double maxFrequency() default 5000;

        /** @return the tuning */
        @AttributeDefinition(name = "Tuning (Hz of A4)", min = "400", max = "480",
                description = "Frequency of the A4 the pitch classes are measured from, in Hz (400 to 480; 440 is"
                        + " standard tuning).")
        double tuningHz() default 440;

        /** @return peaks further below the strongest are ignored */
        @AttributeDefinition(name = "Peak range (dB)", min = "10", max = "120",
                description = "Spectral peaks further than this below the strongest bin do not count.")
        double peakRangeDb() default 50;

        /** @return how far a peak must rise above its neighbourhood */
        @AttributeDefinition(name = "Peak prominence (dB)", min = "0", max = "40",
                description = "A spectral peak counts when it rises this far above the mean of the bins around it.")
        double peakProminenceDb() default 3;

        /** @return neighbourhood of the whitening mean */
        @AttributeDefinition(name = "Whitening half-width (Hz)", min = "20", max = "2000",
                description = "Half-width, in Hz (20 to 2000), of the neighbourhood whose mean log magnitude a spectral"
                        + " peak is measured against.")
        double whiteningHz() default 150;

        /** @return silence level */
        @AttributeDefinition(name = "Silence level (dB)", min = "-140", max = "0",
                description = "Below this band energy (relative to a full-scale sine) a block is silence: N.")
        double silenceDb() default -60;

        /** @return chroma smoothing */
        @AttributeDefinition(name = "Chroma smoothing (ms)", min = "0", max = "5000",
                description = "Time constant of the exponential smoothing of the chroma the chord is decided on.")
        int chromaSmoothingMs() default 100;

        /** @return harmonic weight decay of the templates and key profiles */
        @AttributeDefinition(name = "Harmonic decay", min = "0", max = "1",
                description = "Weight of each harmonic relative to the one below it in the chord templates and key"
                        + " profiles.")
        double harmonicDecay() default 0.9;

        /** @return whether dominant sevenths are candidates */
        @AttributeDefinition(name = "Dominant sevenths",
                description = "Whether dominant seventh chords are candidates besides the major and minor triads.")
        boolean sevenths() default false;

        /** @return the switch cost */
        @AttributeDefinition(name = "Chord switch cost (s)", min = "0", max = "100",
                description = "Evidence a new chord needs before it is decided: its template similarity summed"
                        + " over time must beat the current chord's by this many seconds, e.g. 0.2 better for"
                        + " 0.4 s. Higher is steadier and later.")
        double switchCost() default 0.08;

        /** @return the similarity of N */
        @AttributeDefinition(name = "No-chord similarity", min = "0", max = "1",
                description = "N wins when no chord template matches the chroma better than this.")
        double noChordSimilarity() default 0.6;

        /** @return how far back a change may be reported */
        @AttributeDefinition(name = "Change lookback (ms)", min = "0", max = "5000",
                description = "A chord change is reported at the frame where the new chord's best path began,"
                        + " but at most this long before the frame where it was decided (0: where decided).")
        int maxLookbackMs() default 500;

        /** @return the key profiles */
        @AttributeDefinition(name = "Key profiles",
                description = "The major and minor profiles the long-term chroma is correlated with to decide the key:"
                        + " Krumhansl-Kessler's probe-tone ratings or Temperley's Kostka-Payne corpus frequencies.",
                options = {
            @Option(label = "Krumhansl-Kessler", value = "krumhansl"),
            @Option(label = "Temperley (Kostka-Payne)", value = "temperley")})
        String keyProfiles() default "krumhansl";

        /** @return key memory */
        @AttributeDefinition(name = "Key memory (s)", min = "1", max = "600",
                description = "Time constant of the long-term chroma profile the key is decided on.")
        double keyMemorySeconds() default 60;

        /** @return music before the first key */
        @AttributeDefinition(name = "First key after (s)", min = "0", max = "60",
                description = "Sounding music heard before the first key is reported.")
        double keyFirstAfterSeconds() default 2;

        /** @return key hold */
        @AttributeDefinition(name = "Key change hold (s)", min = "0", max = "120",
                description = "How long another key must stay the best before the key changes.")
        double keyHoldSeconds() default 4;
    }

    private final double minFrequency;
    private final double maxFrequency;
    private final double tuningHz;
    private final double peakRangeDb;
    private final double peakProminenceDb;
    private final double whiteningHz;
    private final double silenceDb;
    private final int chromaSmoothingMs;
    private final double harmonicDecay;
    private final boolean sevenths;
    private final double switchCost;
    private final double noChordSimilarity;
    private final int maxLookbackMs;
    private final boolean temperley;
    private final double keyMemorySeconds;
    private final double keyFirstAfterSeconds;
    private final double keyHoldSeconds;

    private PeakChroma peakChroma;
    private ChordTracker chords;
    private KeyTracker keys;
    private double[] blockChroma;
    private double[] smoothChroma;
    private float sampleRate;
    private int latencyFrames;
    private boolean started;

    /**
     * @param config the configuration
     */
    @Activate
    public HarmonyAnalyser(Config config) {
        this.minFrequency = config.minFrequency();
        this.maxFrequency = config.maxFrequency();
        this.tuningHz = config.tuningHz();
        this.peakRangeDb = config.peakRangeDb();
        this.peakProminenceDb = config.peakProminenceDb();
        this.whiteningHz = config.whiteningHz();
        this.silenceDb = config.silenceDb();
        this.chromaSmoothingMs = config.chromaSmoothingMs();
        this.harmonicDecay = config.harmonicDecay();
        this.sevenths = config.sevenths();
        this.switchCost = config.switchCost();
        this.noChordSimilarity = config.noChordSimilarity();
        this.maxLookbackMs = config.maxLookbackMs();
        this.temperley = "temperley".equals(config.keyProfiles());
        this.keyMemorySeconds = config.keyMemorySeconds();
        this.keyFirstAfterSeconds = config.keyFirstAfterSeconds();
        this.keyHoldSeconds = config.keyHoldSeconds();
    }

    @Override
    public String id() {
        return "harmony";
    }

    @Override
    public void prepare(float sampleRate, int maxBlockSize, int fftSize) {
        this.sampleRate = sampleRate;
        this.latencyFrames = fftSize / 2;
        peakChroma = new PeakChroma(sampleRate, fftSize, minFrequency, maxFrequency, tuningHz, peakRangeDb,
                peakProminenceDb, whiteningHz);
        chords = new ChordTracker(sevenths, harmonicDecay, switchCost, noChordSimilarity,
                Math.round(maxLookbackMs * sampleRate / 1000.0));
        keys = new KeyTracker(temperley, harmonicDecay, keyMemorySeconds, keyFirstAfterSeconds,
                keyHoldSeconds);
        blockChroma = new double[12];
        smoothChroma = new double[12];
        reset();
    }

    @Override
    public void reset() {
        if (chords != null) {
            chords.reset(0);
            keys.reset();
            Arrays.fill(blockChroma, 0);
            Arrays.fill(smoothChroma, 0);
        }
        started = false;
    }

    @Override
    public void process(AudioBlock block, AnalysisSink out) {
        int n = block.length();
        if (n == 0) {
            return;
        }
        double sum = peakChroma.compute(block.magnitudes(), blockChroma);
        boolean silent = !(sum > 0) || peakChroma.levelDb() < silenceDb;
        for (int k = 0; k < 12; k++) {
            blockChroma[k] = silent ? 0 : blockChroma[k] / sum;
        }
        double seconds = n / (double) sampleRate;
        double keep = chromaSmoothingMs <= 0 ? 0 : Math.exp(-seconds * 1000.0 / chromaSmoothingMs);
        for (int k = 0; k < 12; k++) {
            smoothChroma[k] = keep * smoothChroma[k] + (1 - keep) * blockChroma[k];
        }
        long frame = Math.max(0, block.startFrame() + n - latencyFrames);
        if (!started) {
            chords.reset(frame);
            started = true;
        }
        if (chords.update(smoothChroma, silent, seconds, frame)) {
            out.chord(chords.changeFrame(), chords.chord(), chords.similarity());
        }
        if (keys.update(blockChroma, silent, seconds)) {
            out.key(frame, keys.key(), keys.confidence());
        }
    }
}
