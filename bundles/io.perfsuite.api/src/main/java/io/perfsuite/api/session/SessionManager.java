// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The session: one musical context, the song and its sections, the system mode, and a queue of performer commands.
 * The platform registers one instance as an OSGi service.
 *
 * <p><b>Threading:</b> every method may be called from any thread and returns without waiting for the music:
 * commands are queued and carried out on the session thread at their quantization point. Methods never block on
 * the session thread for longer than a hand-off.
 */
@ProviderType
public interface SessionManager {

    /** @return the latest published snapshot (one volatile read) */
    MusicalContext context();

    /**
     * Queues a command at its own quantization.
     *
     * @param command the command
     * @return the queued entry, with its id for {@link #cancel(long)}
     * @throws IllegalStateException if the current mode refuses the command
     */
    QueuedCommand submit(Command command);

    /**
     * Queues a command at a given quantization.
     *
     * @param command      the command
     * @param quantization when it takes effect
     * @return the queued entry
     * @throws IllegalStateException if the current mode refuses the command
     */
    QueuedCommand submit(Command command, Quantization quantization);

    /**
     * Creates a command by name from the {@link CommandFactory} services (the built-in ones and the plugins'), the
     * way the journal, the control surfaces and the shell do.
     *
     * @param name      the command's name, e.g. "next-section"
     * @param arguments its arguments, e.g. {@code bpm=96}
     * @return the command
     * @throws IllegalArgumentException if no factory has that name or an argument is wrong (the message says which)
     */
    Command create(String name, Map<String, String> arguments);

    /** @return the names of every command that {@link #create} knows, sorted */
    List<String> commandNames();

    /**
     * Cancels a queued command that has not run yet.
     *
     * @param id the id {@link #submit} returned
     * @return true if it was still queued and is now cancelled
     */
    boolean cancel(long id);

    /** @return the commands waiting for their quantization point, in the order they will run */
    List<QueuedCommand> queue();

    /**
     * Undoes the most recent executed command that can be undone. Allowed in setup and rehearsal only.
     *
     * @return the command undone, or empty if there was none
     * @throws IllegalStateException in performance mode
     */
    Optional<QueuedCommand> undo();

    /**
     * Executes again the most recently undone command. Allowed in setup and rehearsal only.
     *
     * @return the command redone, or empty if there was none
     * @throws IllegalStateException in performance mode
     */
    Optional<QueuedCommand> redo();

    /**
     * Changes the system mode (documented with the session: what each mode allows).
     *
     * @param mode the new mode
     */
    void setMode(SystemMode mode);

    /**
     * Forces a degradation level, or gives the choice back to the automatic overload rule.
     *
     * @param level the level to hold, or null for automatic
     */
    void setDegradation(DegradationLevel level);

    /**
     * Loads a setlist or a single song from a file and selects its first song. A broken file changes nothing.
     *
     * @param file a song or setlist file
     * @return the titles of the songs loaded, in setlist order
     * @throws SongFormatException if the file cannot be read or is not a valid song or setlist (line and reason)
     */
    List<String> load(Path file) throws SongFormatException;

    /** @return the supervision figures of every agent the session calls (bandmates, listeners), by id */
    List<AgentStatus> agents();
}
