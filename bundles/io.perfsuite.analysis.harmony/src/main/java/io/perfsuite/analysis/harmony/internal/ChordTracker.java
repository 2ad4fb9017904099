// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import java.util.Arrays;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.ChordQuality;
import io.perfsuite.api.music.PitchName;

/**
 * Chord decisions from a chroma stream: template matching and a causal Viterbi smoother.
 *
 * <p>The candidates are no chord ({@code N}), the 12 major and 12 minor triads and, optionally, the 12 dominant
 * sevenths. A chord's template holds, for every chord note, the pitch classes of the note's first six harmonics
 * ({@link #addNote}), scaled to unit length; a chord's observation is the cosine similarity of its template with
 * the chroma. {@code N} observes 1 in silence (the chords 0) and a fixed similarity otherwise, so it wins only
 * where no chord matches better than that.
 *
 * <p>The smoother is a hidden Markov model whose state stays or jumps to any other state with one small
 * probability, run as an online Viterbi recursion in the log domain, where the observation of a block is its
 * similarity times its duration: per block, the best path into a state either stayed in it or jumped there from
 * the best state of the block before, paying the switch cost. The decision is the state with the best path. A new
 * chord must so gather, since it began, a similarity-time the switch cost larger than the current one's before it
 * is decided, which keeps single notes of an arpeggio and short passing tones from making the decision flicker.
 * When it is decided, its best path says where it began (the jump, computed from the past only): that is the frame
 * the change is reported at, but no earlier than a maximum lookback before the deciding frame and never before the
 * previous change.
 *
 * <p><b>Threading:</b> everything is allocated in the constructor; {@link #update} allocates nothing. Not
 * thread-safe.
 */
final class ChordTracker {

    /** Index of the no-chord state. */
    static final int NO_CHORD = 0;

    /** Harmonics per note in the templates and key profiles. */
    static final int HARMONICS = 6;

    private static final String[] ROOTS = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

    private final Chord[] chords;
    private final double[][] templates;
    private final double[] score;
    private final long[] entry;
    private final double[] similarity;
    private final double switchCost;
    private final double noChordSimilarity;
    private final long maxLookback;
    private int decided = -1;
    private long changeFrame;

    /**
     * @param sevenths          whether the dominant sevenths are candidates too
     * @param harmonicDecay     weight of each harmonic relative to the one below it in the templates, 0 to 1
     * @param switchCost        the evidence (similarity times seconds) a new chord needs before it is decided
     * @param noChordSimilarity the similarity {@code N} observes when there is sound
     * @param maxLookback       how many frames before the deciding frame a change may be reported at
     */
    ChordTracker(boolean sevenths, double harmonicDecay, double switchCost, double noChordSimilarity,
            long maxLookback) {
        this.maxLookback = maxLookback;
        ChordQuality[] qualities = sevenths
                ? new ChordQuality[] {ChordQuality.MAJ, ChordQuality.MIN, ChordQuality.DOM7}
                : new ChordQuality[] {ChordQuality.MAJ, ChordQuality.MIN};
        int count = 1 + 12 * qualities.length;
        this.chords = new Chord[count];
        this.templates = new double[count][12];
        this.score = new double[count];
        this.entry = new long[count];
        this.similarity = new double[count];
        this.switchCost = switchCost;
        this.noChordSimilarity = noChordSimilarity;
        chords[NO_CHORD] = Chord.NO_CHORD;
        int i = 1;
        for (ChordQuality quality : qualities) {
            for (int root = 0; root < 12; root++, i++) {
                chords[i] = Chord.of(PitchName.parse(ROOTS[root]), quality);
                template(root, quality.intervalMask(), harmonicDecay, templates[i]);
            }
        }
        reset(0);
    }

    /** Fills a unit-length template for a chord with the given root and intervals. */
    private static void template(int root, int intervals, double decay, double[] out) {
        for (int interval = 0; interval < 12; interval++) {
            if ((intervals & (1 << interval)) == 0) {
                continue;
            }
            addNote(root + interval, 1, decay, out);
        }
        double norm = 0;
        for (double v : out) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < 12; k++) {
            out[k] /= norm;
        }
    }

    /**
     * Adds a note with its harmonics to a pitch-class profile: harmonic {@code h} (1 = the fundamental) goes to the
     * pitch class nearest to it, weighted by {@code decay^(h-1)} and by {@code cos^2} of its distance in semitones
     * from that pitch class's centre, as {@link PeakChroma} weights a spectral peak (the 5th harmonic is 14 cents
     * flat of a tempered third, the 7th 31 cents flat of a minor seventh).
     *
     * @param pitchClass the note's pitch class, any int (taken modulo 12)
     * @param weight     the note's weight
     * @param decay      weight of each harmonic relative to the one below it
     * @param out        the profile to add to
     */
    static void addNote(int pitchClass, double weight, double decay, double[] out) {
        double w = weight;
        for (int h = 1; h <= HARMONICS; h++) {
            double semitones = 12 * Math.log(h) / Math.log(2);
            long nearest = Math.round(semitones);
            double c = Math.cos(Math.PI * (semitones - nearest));
            out[(int) Math.floorMod(pitchClass + nearest, 12L)] += w * c * c;
            w *= decay;
        }
    }

    /**
     * Forgets the past.
     *
     * @param frame the frame the next path starts at
     */
    void reset(long frame) {
        Arrays.fill(score, 0);
        Arrays.fill(entry, frame);
        Arrays.fill(similarity, 0);
        decided = -1;
        changeFrame = frame;
    }

    /**
     * Adds one observation.
     *
     * @param chroma   the chroma, any scale
     * @param silent   whether the block is silent (then the chroma is not looked at)
     * @param evidence what a similarity of 1 is worth in this block: its duration in seconds
     * @param frame    the frame the observation stands for
     * @return true when the decision changed (or was made for the first time)
     */
    boolean update(double[] chroma, boolean silent, double evidence, long frame) {
        double norm = 0;
        for (int k = 0; k < 12; k++) {
            norm += chroma[k] * chroma[k];
        }
        norm = Math.sqrt(norm);
        boolean quiet = silent || norm <= 0;
        similarity[NO_CHORD] = quiet ? 1 : noChordSimilarity;
        for (int i = 1; i < chords.length; i++) {
            double dot = 0;
            if (!quiet) {
                double[] t = templates[i];
                for (int k = 0; k < 12; k++) {
                    dot += t[k] * chroma[k];
                }
                dot /= norm;
            }
            similarity[i] = dot;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < chords.length; i++) {
            double s = score[i];
            if (s < -switchCost) {
                s = -switchCost; // jumping here from the best state beats staying here
                entry[i] = frame;
            }
            s += evidence * similarity[i];
            score[i] = s;
            if (s > best) {
                best = s;
            }
        }
        int winner = decided < 0 ? NO_CHORD : decided;
        for (int i = 0; i < chords.length; i++) {
            if (score[i] > score[winner]) {
                winner = i;
            }
        }
        for (int i = 0; i < chords.length; i++) {
            score[i] -= best;
        }
        if (winner == decided) {
            return false;
        }
        changeFrame = decided < 0 ? frame
                : Math.max(changeFrame, Math.max(entry[winner], frame - maxLookback));
        decided = winner;
        return true;
    }

    /** @return the decided chord; {@link Chord#NO_CHORD} before the first update */
    Chord chord() {
        return chords[Math.max(decided, NO_CHORD)];
    }

    /** @return the index of the decided candidate, -1 before the first update */
    int decided() {
        return decided;
    }

    /** @return where the decided chord began, by its best path, within the lookback */
    long changeFrame() {
        return changeFrame;
    }

    /** @return the similarity of the decided candidate with the last chroma, 0 to 1 */
    double similarity() {
        return decided < 0 ? 0 : Math.max(0, Math.min(1, similarity[decided]));
    }
}
