// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.command;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Tempo;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link Command} may act on: the session, seen through the operations a performer can ask for. The session
 * implements it; each change takes effect in the next published {@link MusicalContext}.
 *
 * <p><b>Threading:</b> valid only during {@link Command#execute} or {@link Command.Undo#undo}, on the session
 * thread.
 */
@ProviderType
public interface CommandTarget {

    /** @return the context as it is when the command runs */
    MusicalContext context();

    /**
     * Sets the tempo the band plays at (the beat tracker keeps following from there).
     *
     * @param tempo the new tempo
     */
    void setTempo(Tempo tempo);

    /**
     * Sets the intensity the band plays at.
     *
     * @param intensity 0 (sparse, soft) to 1 (full, loud)
     * @throws IllegalArgumentException if out of range
     */
    void setIntensity(double intensity);

    /**
     * Moves to a section of the current song, or starts a new free section when there is no song.
     *
     * @param name the section's name as the song names it
     * @throws IllegalArgumentException if the song has no such section
     */
    void goToSection(String name);

    /**
     * Mutes or unmutes a bandmate. Muting releases its held notes.
     *
     * @param bandmateId the bandmate's id
     * @param muted      true to mute
     */
    void setMuted(String bandmateId, boolean muted);

    /**
     * @param bandmateId a bandmate's id
     * @return whether it is muted
     */
    boolean isMuted(String bandmateId);

    /**
     * Starts or stops the band. Stopping releases every held note.
     *
     * @param playing true to play
     */
    void setPlaying(boolean playing);
}
