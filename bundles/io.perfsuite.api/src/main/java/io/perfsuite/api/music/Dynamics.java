// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

/**
 * Measured levels of a stretch of audio: RMS and peak level in dBFS and a short-term loudness in LUFS-like units.
 *
 * <p>Levels are relative to digital full scale (0 dBFS = a full-scale sine peak of 1.0); they may reach up to
 * +6 dB to allow for inter-sample peaks and headroom in floating-point signals, and are
 * {@link Double#NEGATIVE_INFINITY} for digital silence. They are never NaN. No relation between the three values
 * is enforced, since they may be measured over different windows.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param rmsDbfs the RMS level in dBFS, at most +6 or negative infinity
 * @param peakDbfs the peak level in dBFS, at most +6 or negative infinity
 * @param loudness the short-term loudness (LUFS-like), at most +6 or negative infinity
 */
public record Dynamics(double rmsDbfs, double peakDbfs, double loudness) {

    /** The highest level accepted, in dB above full scale. */
    public static final double MAX_DB = 6.0;
    /** Digital silence: all levels are negative infinity. */
    public static final Dynamics SILENCE =
            new Dynamics(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /**
     * Validates the levels.
     *
     * @param rmsDbfs the RMS level in dBFS
     * @param peakDbfs the peak level in dBFS
     * @param loudness the short-term loudness
     * @throws IllegalArgumentException if a value is NaN, positive infinity or above +6
     */
    public Dynamics {
        check("RMS level", rmsDbfs, " dBFS");
        check("peak level", peakDbfs, " dBFS");
        check("loudness", loudness, " LUFS");
    }

    private static void check(String what, double value, String unit) {
        if (!(value <= MAX_DB)) {
            throw new IllegalArgumentException(what + " must be at most +6" + unit
                    + " (or -Infinity for silence), got " + value);
        }
    }

    /**
     * Converts a linear amplitude (1.0 = full scale) to dBFS: {@code 20 * log10(linear)}, negative infinity for 0.
     *
     * @param linear the amplitude, finite and not negative (take the absolute value of a sample first)
     * @return the level in dBFS
     * @throws IllegalArgumentException if {@code linear} is NaN, infinite or negative
     */
    public static double toDbfs(double linear) {
        if (!(linear >= 0.0) || Double.isInfinite(linear)) {
            throw new IllegalArgumentException("linear amplitude must be a finite number >= 0, got " + linear);
        }
        return linear == 0.0 ? Double.NEGATIVE_INFINITY : 20.0 * Math.log10(linear);
    }

    /**
     * Tells whether this is digital silence, i.e. the peak level is negative infinity.
     *
     * @return true if the peak is {@code -Infinity} dBFS
     */
    public boolean isSilent() {
        return peakDbfs == Double.NEGATIVE_INFINITY;
    }
}
