// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.command;

import io.perfsuite.api.command.CommandTarget;
import io.perfsuite.api.context.DegradationLevel;

/**
 * What the built-in commands may do beyond the API's {@link CommandTarget}: the session's own operations that no
 * plugin needs (tap tempo, forced degradation, section moves that know the song's order). Only this bundle's commands
 * see it; a plugin's command gets the plain {@link CommandTarget}.
 *
 * <p><b>Threading:</b> like {@link CommandTarget}: valid only during {@code execute} or {@code undo}, on the session
 * thread. Changes take effect together when the command returns, and not at all if it throws.
 */
public interface InternalTarget extends CommandTarget {

    /**
     * One tap of tap tempo. Taps less than two seconds apart form a sequence; from the second tap on, the tempo is
     * set from the mean of the last (up to four) intervals.
     *
     * @param nanos when the performer tapped ({@link System#nanoTime()})
     */
    void tap(long nanos);

    /** Moves to the section after the current one (the song's order; without a song: verse and chorus alternate). */
    void nextSection();

    /** Moves back to the section before the current one (the song's order; without a song: the one played last). */
    void previousSection();

    /** @return where the song is (section and its start), to give back to {@link #restoreSection} on undo */
    Object sectionState();

    /**
     * Puts the song back where {@link #sectionState()} found it.
     *
     * @param state a value {@link #sectionState()} returned in this session
     */
    void restoreSection(Object state);

    /**
     * Forces a degradation level.
     *
     * @param level the level, or null to give the choice back to the overload rule
     */
    void setDegradation(DegradationLevel level);

    /** @return the forced degradation level, or null when automatic */
    DegradationLevel forcedDegradation();

    /** @return the configured intensity step of intensity-up and intensity-down */
    double intensityStep();
}
