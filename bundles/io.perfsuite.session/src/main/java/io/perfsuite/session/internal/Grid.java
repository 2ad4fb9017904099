// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

/**
 * The session's beat grid: a straight line from time to beat number through one anchor point, with a period. It
 * free-runs on its own and bends towards the performer when a beat tracker reports beats ({@link #follow}).
 *
 * <p>Beat numbers are those of the session (0 = where the band starts after the count-in); a count-in or a restart
 * renumbers the grid with {@link #shift(double)}, which moves no beat in time.
 *
 * <p><b>Threading:</b> session thread only; not thread-safe.
 */
final class Grid {

    /** What {@link #follow} did with a beat. */
    enum Outcome {
        /** Small phase error, corrected by a fraction; tempo smoothed. */
        SMOOTHED,
        /** Large error confirmed by the beat before: the grid jumped onto the performer's beat. */
        JUMPED,
        /** Large error or tempo change seen once: held until the next beat confirms it. */
        HELD
    }

    private long anchorNanos;
    private double anchorBeat;
    private double periodNanos;
    private double heldPhaseError = Double.NaN;
    private double heldPeriod = Double.NaN;

    /**
     * @param nowNanos    where the grid starts
     * @param periodNanos the beat period
     */
    Grid(long nowNanos, double periodNanos) {
        this.anchorNanos = nowNanos;
        this.anchorBeat = 0;
        this.periodNanos = periodNanos;
    }

    double periodNanos() {
        return periodNanos;
    }

    double bpm() {
        return 60e9 / periodNanos;
    }

    /** @return the (fractional) beat number at a time */
    double beatAt(long nanos) {
        return anchorBeat + (nanos - anchorNanos) / periodNanos;
    }

    /** @return the predicted time of a beat number */
    long timeOf(double beat) {
        return anchorNanos + Math.round((beat - anchorBeat) * periodNanos);
    }

    /**
     * Changes the tempo from a point on, keeping the position at that point.
     *
     * @param nowNanos    the point
     * @param newPeriod   the new beat period in nanoseconds
     */
    void setPeriod(long nowNanos, double newPeriod) {
        anchorBeat = beatAt(nowNanos);
        anchorNanos = nowNanos;
        periodNanos = newPeriod;
        heldPeriod = Double.NaN;
    }

    /**
     * Renumbers the grid: every beat keeps its time and gets a number {@code delta} higher.
     *
     * @param delta beats to add to every beat number
     */
    void shift(double delta) {
        anchorBeat += delta;
    }

    /**
     * Follows one beat of the performer. The beat is mapped to the nearest grid beat; a small error is corrected by
     * the fraction {@code phaseGain} (so the band does not lurch), a large one only when the next beat confirms it
     * (so one misplaced detection or an off-beat cannot throw the band). The period moves towards the performer's by
     * {@code tempoGain}; a change beyond {@code tempoJumpRatio} is taken whole once confirmed. A tracker that locked
     * to half or double the tempo is folded back to the grid's metrical level.
     *
     * @param beatNanos      when the performer's beat was
     * @param eventPeriod    the tracker's beat period in nanoseconds
     * @param phaseGain      fraction of a small phase error corrected per beat
     * @param tempoGain      fraction of a small tempo difference taken per beat
     * @param phaseJumpBeats errors above this (in beats) are large
     * @param tempoJumpRatio relative tempo differences above this are large
     * @return what was done
     */
    Outcome follow(long beatNanos, double eventPeriod, double phaseGain, double tempoGain, double phaseJumpBeats,
            double tempoJumpRatio) {
        return follow(beatNanos, eventPeriod, phaseGain, tempoGain, phaseJumpBeats, tempoJumpRatio, 0);
    }

    /**
     * As {@link #follow(long, double, double, double, double, double)}, and a small phase error also moves the
     * tempo: {@code driftGain} of the error (in beats) is added to the period per beat, so a grid that keeps being
     * early or late (the performer speeds up or slows down faster than the tracker's tempo estimate follows) turns
     * its error into a tempo change: the integral term of a phase-locked loop.
     *
     * @param driftGain relative period change per beat of phase error, 0 for none
     */
    Outcome follow(long beatNanos, double eventPeriod, double phaseGain, double tempoGain, double phaseJumpBeats,
            double tempoJumpRatio, double driftGain) {
        double p = eventPeriod;
        double ratio = p / periodNanos;
        if (Math.abs(ratio * 2 - 1) <= tempoJumpRatio) {
            p *= 2; // the tracker counts eighths: keep the band's quarter
        } else if (Math.abs(ratio / 2 - 1) <= tempoJumpRatio) {
            p /= 2; // the tracker counts half notes
        }
        Outcome outcome = Outcome.SMOOTHED;
        double newPeriod;
        if (Math.abs(p / periodNanos - 1) <= tempoJumpRatio) {
            newPeriod = periodNanos + tempoGain * (p - periodNanos);
            heldPeriod = Double.NaN;
        } else if (!Double.isNaN(heldPeriod) && Math.abs(p / heldPeriod - 1) <= tempoJumpRatio) {
            newPeriod = p;
            heldPeriod = Double.NaN;
            outcome = Outcome.JUMPED;
        } else {
            heldPeriod = p;
            newPeriod = periodNanos;
            outcome = Outcome.HELD;
        }
        double position = beatAt(beatNanos);
        double nearest = Math.rint(position);
        double error = position - nearest;
        double corrected;
        if (Math.abs(error) <= phaseJumpBeats) {
            corrected = nearest + error * (1 - phaseGain);
            heldPhaseError = Double.NaN;
            newPeriod *= 1 + driftGain * error;
        } else if (!Double.isNaN(heldPhaseError) && Math.abs(error - heldPhaseError) <= phaseJumpBeats / 2) {
            corrected = nearest;
            heldPhaseError = Double.NaN;
            outcome = Outcome.JUMPED;
        } else {
            heldPhaseError = error;
            corrected = position;
            if (outcome == Outcome.SMOOTHED) {
                outcome = Outcome.HELD;
            }
        }
        anchorNanos = beatNanos;
        anchorBeat = corrected;
        periodNanos = newPeriod;
        return outcome;
    }

    /**
     * Follows one onset of the performer that falls near a grid beat (within {@code windowBeats}): the performer's
     * attacks on the beat say where the beat is more precisely, and sooner, than the beat tracker's estimate. An onset
     * farther from a beat (an off-beat, a syncopation) says nothing here and is ignored.
     *
     * @param onsetNanos  when the onset was
     * @param windowBeats how near a beat it must be
     * @param phaseGain   fraction of its error corrected
     * @param driftGain   relative period change per beat of error
     * @return whether it was used
     */
    boolean nudge(long onsetNanos, double windowBeats, double phaseGain, double driftGain) {
        double position = beatAt(onsetNanos);
        double nearest = Math.rint(position);
        double error = position - nearest;
        if (!(Math.abs(error) <= windowBeats)) {
            return false;
        }
        anchorNanos = onsetNanos;
        anchorBeat = nearest + error * (1 - phaseGain);
        periodNanos *= 1 + driftGain * error;
        return true;
    }
}
