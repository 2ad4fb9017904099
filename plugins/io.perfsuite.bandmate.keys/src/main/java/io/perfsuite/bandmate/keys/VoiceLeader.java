// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.keys;

import io.perfsuite.api.band.kit.Harmony;

/**
 * Voice leading: voices each chord in close position inside a register, choosing the inversion and octave that move
 * the voices least (total semitones) from the previous chord's voicing, as a keyboard player's hands would.
 *
 * <p>Voicings are remembered per chord span (its start beat and harmony), so every strike of one chord uses one
 * voicing and planning a window again finds the same answer. The previous voicing of a span is the remembered one
 * that starts latest before it; the first chord after a reset sits nearest the middle of the register.
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
final class VoiceLeader {

    /** Four voices: the third, seventh (or sixth), root and fifth or ninth; more would blur a close voicing. */
    static final int MAX_VOICES = 4;
    /** How many chord spans to remember: enough for the spans a window and its neighbours can touch. */
    private static final int HISTORY = 8;
    /**
     * Intervals above the root in the order a player keeps them when a chord has more notes than hands: the third
     * and seventh (or sixth) define the chord, the root anchors it, the ninth colours it; the fifth goes first.
     */
    private static final int[] PRIORITY = {4, 3, 10, 11, 9, 0, 2, 1, 7, 6, 8, 5};

    private final int lowest;
    private final int highest;
    private final double centre;

    private final double[] starts = new double[HISTORY];
    private final int[] harmonies = new int[HISTORY];
    private final int[][] voicings = new int[HISTORY][MAX_VOICES];
    private final int[] counts = new int[HISTORY];
    private int size;

    private final int[] classes = new int[MAX_VOICES];
    private final int[] candidate = new int[MAX_VOICES];
    private final int[] before = new int[MAX_VOICES];

    /**
     * @param lowest  the lowest note a voicing may use
     * @param highest the highest note a voicing may use (at least an octave and a fifth above the lowest)
     */
    VoiceLeader(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
        this.centre = (lowest + highest) / 2.0;
    }

    /** Forgets the voicings, so the next chord starts from the middle of the register. */
    void reset() {
        size = 0;
    }

    /** @return the notes of a voicing from {@link #voice}, ascending */
    int[] notes(int slot) {
        return voicings[slot];
    }

    /** @return how many notes a voicing from {@link #voice} has */
    int count(int slot) {
        return counts[slot];
    }

    /**
     * Finds or works out the voicing of a chord span.
     *
     * @param harmony a resolved harmony ({@link Harmony#resolve})
     * @param start   where the span starts, in beats
     * @return the voicing's slot, for {@link #notes} and {@link #count}
     */
    int voice(int harmony, double start) {
        int previous = -1;
        int sameStart = -1;
        for (int i = 0; i < size; i++) {
            if (starts[i] == start) {
                if (harmonies[i] == harmony) {
                    return i;
                }
                sameStart = i;
            } else if (starts[i] < start && (previous < 0 || starts[i] > starts[previous])) {
                previous = i;
            }
        }
        int slot = sameStart;
        if (slot < 0 && size < HISTORY) {
            slot = size++;
        } else if (slot < 0) {
            slot = 0;
            for (int i = 1; i < HISTORY; i++) {
                if (starts[i] < starts[slot]) {
                    slot = i;
                }
            }
        }
        int previousCount = 0;
        if (previous >= 0) {
            // copied, because the slot being filled may be the previous one (the oldest, when the history is full)
            previousCount = counts[previous];
            System.arraycopy(voicings[previous], 0, before, 0, previousCount);
        }
        choose(harmony, previousCount, voicings[slot]);
        starts[slot] = start;
        harmonies[slot] = harmony;
        counts[slot] = pickClasses(harmony);
        return slot;
    }

    /** Fills {@link #classes} with the pitch classes to voice, ascending; @return how many */
    private int pickClasses(int harmony) {
        int root = Harmony.root(harmony);
        int chosen = 0;
        for (int interval : PRIORITY) {
            if (Integer.bitCount(chosen) == MAX_VOICES) {
                break;
            }
            if (Harmony.hasInterval(harmony, interval)) {
                chosen |= 1 << ((root + interval) % 12);
            }
        }
        int n = 0;
        for (int pc = 0; pc < 12; pc++) {
            if ((chosen & 1 << pc) != 0) {
                classes[n++] = pc;
            }
        }
        return n;
    }

    /**
     * Tries every inversion at every octave that fits the register and keeps the one that moves least from the
     * previous voicing (or sits nearest the middle when there is none).
     */
    private void choose(int harmony, int previousCount, int[] out) {
        int n = pickClasses(harmony);
        double bestCost = Double.POSITIVE_INFINITY;
        double bestDistance = Double.POSITIVE_INFINITY;
        int[] scratch = candidate;
        for (int inversion = 0; inversion < n; inversion++) {
            int bottomClass = classes[inversion];
            for (int bottom = lowest + Math.floorMod(bottomClass - lowest, 12); bottom <= highest; bottom += 12) {
                int pitch = bottom;
                scratch[0] = pitch;
                for (int j = 1; j < n; j++) {
                    int pc = classes[(inversion + j) % n];
                    pitch += Math.floorMod(pc - pitch, 12);
                    scratch[j] = pitch;
                }
                if (pitch > highest) {
                    break;
                }
                double mean = 0;
                for (int j = 0; j < n; j++) {
                    mean += scratch[j];
                }
                double distance = Math.abs(mean / n - centre);
                double cost = previousCount == 0 ? distance : movement(scratch, n, before, previousCount);
                if (cost < bestCost || (cost == bestCost && distance < bestDistance)) {
                    bestCost = cost;
                    bestDistance = distance;
                    System.arraycopy(scratch, 0, out, 0, n);
                }
            }
        }
    }


    /**
     * Total semitones the voices move: voice by voice when both chords have as many notes (both ascending), else
     * each note's distance to the nearest note of the other chord, both ways.
     */
    static int movement(int[] a, int n, int[] b, int m) {
        int total = 0;
        if (n == m) {
            for (int i = 0; i < n; i++) {
                total += Math.abs(a[i] - b[i]);
            }
            return total;
        }
        for (int i = 0; i < n; i++) {
            total += nearest(a[i], b, m);
        }
        for (int i = 0; i < m; i++) {
            total += nearest(b[i], a, n);
        }
        return total;
    }

    private static int nearest(int pitch, int[] notes, int count) {
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            best = Math.min(best, Math.abs(pitch - notes[i]));
        }
        return best;
    }
}
