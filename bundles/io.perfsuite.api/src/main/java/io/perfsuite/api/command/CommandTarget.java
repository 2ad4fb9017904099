// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.command;

import java.util.List;

import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Section;
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

    /**
     * Sets how the band subdivides the performer's pulse (half time, double time).
     *
     * @param feel the feel
     */
    void setFeel(Feel feel);

    /**
     * Sets or clears a cue to the whole band. {@link Cue#FILL} is cleared by the session at the next bar line;
     * {@link Cue#ENDING} stops the band at the end of the bar in which it is set; {@link Cue#COUNT_IN} is managed by
     * {@link #countIn(int)}.
     *
     * @param cue    the cue
     * @param active true to set it
     */
    void setCue(Cue cue, boolean active);

    /**
     * Starts the band after a count-in of whole bars at the current tempo (the count-in runs at negative beats).
     *
     * @param bars 0 to 4; 0 starts at once
     * @throws IllegalArgumentException if out of range
     */
    void countIn(int bars);

    /**
     * @return the sections of the current song, in order; empty when the session follows the performer freely
     */
    List<Section> sections();

    /** @return the position of the current song in the setlist, 0-based, or -1 when there is no setlist */
    int songIndex();

    /** @return how many songs the setlist has (0 when there is none) */
    int setlistSize();

    /**
     * Moves to a song of the setlist: the band stops, and the context takes the song's tempo, key, meter and first
     * section.
     *
     * @param index the song's position in the setlist, 0-based
     * @throws IllegalArgumentException if out of range
     */
    void selectSong(int index);
}
