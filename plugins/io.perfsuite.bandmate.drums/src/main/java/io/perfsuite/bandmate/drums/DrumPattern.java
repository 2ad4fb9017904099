// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

/**
 * A drum style (Strategy): which kit pieces sound on one step of the groove. The drummer walks the grid in pattern
 * time (the performer's beats scaled by the feel), asks the pattern for each step, and handles what all styles
 * share itself: fills, crashes into sections, count-in, hold and ending.
 *
 * <p>Implementations are stateless and allocation-free: everything they may vary on is in the {@link Groove}.
 */
interface DrumPattern {

    /** General MIDI percussion keys. */
    int KICK = 36;
    /** Side stick: the quiet backbeat of a ballad verse. */
    int SIDE_STICK = 37;
    int SNARE = 38;
    int CLOSED_HAT = 42;
    int PEDAL_HAT = 44;
    int LOW_TOM = 45;
    int OPEN_HAT = 46;
    int MID_TOM = 47;
    int CRASH = 49;
    int HIGH_TOM = 50;
    int RIDE = 51;

    /** @return the style's name in the configuration */
    String name();

    /** @return grid steps per pattern beat: 4 for sixteenths, 3 for swung (triplet) eighths */
    int stepsPerBeat();

    /**
     * Writes the hits of one grid step.
     *
     * @param g the step and its circumstances; {@link Groove#hit} collects the hits
     */
    void step(Groove g);

    /**
     * @param name a style name from the configuration (case-insensitive)
     * @return the pattern
     * @throws IllegalArgumentException for an unknown name
     */
    static DrumPattern named(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "rock":
                return RockPattern.INSTANCE;
            case "ballad":
            case "pop-ballad":
            case "popballad":
                return BalladPattern.INSTANCE;
            case "funk":
                return FunkPattern.INSTANCE;
            case "swing":
                return SwingPattern.INSTANCE;
            default:
                throw new IllegalArgumentException("unknown drum style \"" + name
                        + "\" (expected rock, ballad, funk or swing)");
        }
    }
}
