// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import java.util.Arrays;

import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Mode;
import io.perfsuite.api.music.PitchName;

/**
 * Key decisions from a chroma stream, after Krumhansl and Kessler (1982) as used by Krumhansl (1990): a long-term
 * pitch-class profile, the exponentially weighted mean of the chroma of the sounding blocks (each scaled to sum
 * 1, so every moment of music counts the same however loud), is correlated (Pearson) with the 24 major and minor
 * key profiles, and the best correlation is the key. The profiles are Krumhansl and Kessler's probe-tone ratings
 * or Temperley's (2007) Kostka-Payne corpus frequencies.
 *
 * <p>A chroma holds the notes' harmonics as well as the notes, and the harmonics lean towards the key a fifth up
 * (every note's third harmonic is its fifth): a piece in C would read as G. So each key profile is first spread
 * over the harmonics of its pitch classes, as the chord templates are ({@link ChordTracker#addNote}), and the
 * chroma is compared with what the key would sound like rather than with the bare profile.
 *
 * <p>The first key is decided once enough sounding music was heard; after that a different key must stay the
 * best for a hold time before it replaces the decided one, so modulations are followed and wobbles are not.
 * While little has been heard the hold is shorter: a tenth of the sounding time heard so far, when that is less.
 * Silence neither adds to nor fades the memory.
 *
 * <p><b>Threading:</b> everything is allocated in the constructor; {@link #update} allocates nothing. Not
 * thread-safe.
 */
final class KeyTracker {

    /** Krumhansl-Kessler major profile, from the tonic up. */
    static final double[] KRUMHANSL_MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29,
        2.88};
    /** Krumhansl-Kessler minor profile, from the tonic up. */
    static final double[] KRUMHANSL_MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34,
        3.17};
    /** Temperley's Kostka-Payne major profile, from the tonic up. */
    static final double[] TEMPERLEY_MAJOR = {0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366,
        0.057, 0.400};
    /** Temperley's Kostka-Payne minor profile, from the tonic up. */
    static final double[] TEMPERLEY_MINOR = {0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067,
        0.133, 0.330};

    private static final String[] MAJOR_TONICS = {"C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    private static final String[] MINOR_TONICS = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"};

    /** While little was heard, a new key needs to stay the best only for this fraction of what was heard. */
    static final double HOLD_FRACTION = 0.1;

    private final Key[] keys = new Key[24];
    private final double[][] profiles = new double[24][12];
    private final double[] memory = new double[12];
    private final double[] correlation = new double[24];
    private final double memorySeconds;
    private final double firstAfterSeconds;
    private final double holdSeconds;
    private double heardSeconds;
    private int decided = -1;
    private int candidate = -1;
    private double candidateSeconds;

    /**
     * @param temperley         Temperley's profiles instead of Krumhansl and Kessler's
     * @param harmonicDecay     weight of each harmonic relative to the one below it, 0 for the bare profiles
     * @param memorySeconds     time constant of the long-term profile
     * @param firstAfterSeconds sounding time before the first key is decided
     * @param holdSeconds       how long a new key must stay the best before it is decided
     */
    KeyTracker(boolean temperley, double harmonicDecay, double memorySeconds, double firstAfterSeconds,
            double holdSeconds) {
        this.memorySeconds = memorySeconds;
        this.firstAfterSeconds = firstAfterSeconds;
        this.holdSeconds = holdSeconds;
        for (int tonic = 0; tonic < 12; tonic++) {
            keys[tonic] = new Key(PitchName.parse(MAJOR_TONICS[tonic]), Mode.MAJOR);
            keys[12 + tonic] = new Key(PitchName.parse(MINOR_TONICS[tonic]), Mode.MINOR);
            rotate(withHarmonics(temperley ? TEMPERLEY_MAJOR : KRUMHANSL_MAJOR, harmonicDecay), tonic,
                    profiles[tonic]);
            rotate(withHarmonics(temperley ? TEMPERLEY_MINOR : KRUMHANSL_MINOR, harmonicDecay), tonic,
                    profiles[12 + tonic]);
        }
    }

    /**
     * The chroma a key profile is expected to give when every pitch class sounds with its harmonics.
     *
     * @param profile the profile, from the tonic up
     * @param decay   weight of each harmonic relative to the one below it
     * @return each pitch class's weight spread over the pitch classes of its harmonics
     */
    static double[] withHarmonics(double[] profile, double decay) {
        double[] out = new double[12];
        for (int pc = 0; pc < 12; pc++) {
            ChordTracker.addNote(pc, profile[pc], decay, out);
        }
        return out;
    }

    /** Writes the profile moved to the tonic, centred and scaled to unit length. */
    private static void rotate(double[] profile, int tonic, double[] out) {
        double mean = 0;
        for (double v : profile) {
            mean += v / 12;
        }
        double norm = 0;
        for (int i = 0; i < 12; i++) {
            double v = profile[i] - mean;
            out[(tonic + i) % 12] = v;
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < 12; i++) {
            out[i] /= norm;
        }
    }

    /** Forgets the past. */
    void reset() {
        Arrays.fill(memory, 0);
        Arrays.fill(correlation, 0);
        heardSeconds = 0;
        decided = -1;
        candidate = -1;
        candidateSeconds = 0;
    }

    /**
     * Adds one block.
     *
     * @param chroma  the block's chroma, any scale
     * @param silent  whether the block is silent (then it is skipped)
     * @param seconds the block's duration
     * @return true when the decision changed (or was made for the first time)
     */
    boolean update(double[] chroma, boolean silent, double seconds) {
        double sum = 0;
        for (int k = 0; k < 12; k++) {
            sum += chroma[k];
        }
        if (silent || !(sum > 0)) {
            return false;
        }
        double keep = Math.exp(-seconds / memorySeconds);
        double mean = 0;
        for (int k = 0; k < 12; k++) {
            memory[k] = keep * memory[k] + (1 - keep) * chroma[k] / sum;
            mean += memory[k] / 12;
        }
        heardSeconds += seconds;
        double norm = 0;
        for (int k = 0; k < 12; k++) {
            double v = memory[k] - mean;
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0)) {
            return false;
        }
        int best = 0;
        for (int key = 0; key < 24; key++) {
            double[] p = profiles[key];
            double dot = 0;
            for (int k = 0; k < 12; k++) {
                dot += p[k] * (memory[k] - mean);
            }
            correlation[key] = dot / norm;
            if (correlation[key] > correlation[best]) {
                best = key;
            }
        }
        if (decided < 0) {
            if (heardSeconds >= firstAfterSeconds) {
                decided = best;
                return true;
            }
            return false;
        }
        if (best == decided) {
            candidate = -1;
            return false;
        }
        if (best != candidate) {
            candidate = best;
            candidateSeconds = 0;
        }
        candidateSeconds += seconds;
        if (candidateSeconds >= Math.min(holdSeconds, heardSeconds * HOLD_FRACTION)) {
            decided = best;
            candidate = -1;
            return true;
        }
        return false;
    }

    /** @return the decided key, null before the first decision */
    Key key() {
        return decided < 0 ? null : keys[decided];
    }

    /** @return the correlation of the decided key's profile with the memory, clamped to 0 to 1 */
    double confidence() {
        return decided < 0 ? 0 : Math.max(0, Math.min(1, correlation[decided]));
    }
}
