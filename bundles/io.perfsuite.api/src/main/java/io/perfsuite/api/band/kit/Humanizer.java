// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band.kit;

/**
 * Seeded, stateless randomness for humanisation and pattern variation. Every value is a hash of (seed, instance,
 * musical position, salt), so a note gets the same deviation however often, and in whatever order, its window is
 * planned. A shared {@link java.util.Random} would tie the output to the call history, and a replayed window would
 * sound different.
 *
 * <p>Immutable; allocation-free.
 */
public final class Humanizer {

    /** Positions are hashed at this resolution, fine enough for 32nd-note triplets. */
    private static final double TICKS_PER_BEAT = 960;

    /** The largest timing deviation in beats whatever the configuration: past it the groove falls apart. */
    public static final double MAX_OFFSET_BEATS = 0.1;

    private final long seed;
    private final int timingMs;
    private final int velocitySpread;

    /**
     * @param seed           the configured seed
     * @param instance       the bandmate id, so two instances with the same seed still differ
     * @param timingMs       the largest timing deviation, in milliseconds
     * @param velocitySpread the largest velocity deviation
     */
    public Humanizer(long seed, String instance, int timingMs, int velocitySpread) {
        this.seed = mix(seed * 0x9E3779B97F4A7C15L + instance.hashCode());
        this.timingMs = timingMs;
        this.velocitySpread = velocitySpread;
    }

    /** SplitMix64's finaliser: a cheap hash with good avalanche, so neighbouring ticks look unrelated. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param beat a musical position
     * @param salt tells apart several values drawn at the same position
     * @return a value in [0, 1), a pure function of the arguments and the seed
     */
    public double chance(double beat, int salt) {
        long tick = Math.round(beat * TICKS_PER_BEAT);
        long h = mix(seed ^ mix(tick * 0x9E3779B97F4A7C15L + salt));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** @return a value in [-1, 1) for the position and salt */
    public double signed(double beat, int salt) {
        return chance(beat, salt) * 2 - 1;
    }

    /**
     * @param bpm the tempo
     * @return the largest timing deviation at this tempo, in beats
     */
    public double maxOffsetBeats(double bpm) {
        return Math.min(MAX_OFFSET_BEATS, timingMs * bpm / 60_000.0);
    }

    /**
     * @param velocity the intended velocity
     * @param beat     the note's nominal position
     * @param salt     tells notes at the same position apart
     * @return the velocity with a seeded deviation, clamped to 1..127
     */
    public int velocity(double velocity, double beat, int salt) {
        long v = Math.round(velocity + signed(beat, salt ^ 0x5BD1E995) * velocitySpread);
        return (int) Math.max(1, Math.min(127, v));
    }
}
