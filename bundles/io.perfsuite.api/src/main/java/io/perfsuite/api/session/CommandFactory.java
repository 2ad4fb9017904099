// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.session;

import java.util.Map;

import io.perfsuite.api.command.Command;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes commands of one name from their arguments: how the journal replays a session and how control surfaces and
 * the shell turn text into commands. Register an implementation as an OSGi service to add a command; the session
 * registers one for each built-in command.
 *
 * <p><b>Threading:</b> {@link #create} may be called from any thread and must be quick and side-effect free.
 */
@ConsumerType
public interface CommandFactory {

    /** Service property with the command's name, so tools can filter without calling the factory. */
    String PROP_NAME = "perfsuite.command.name";

    /** @return the name of the commands this factory makes, e.g. "tempo-nudge"; lower case words and hyphens */
    String name();

    /** @return one line for people: what the command does and its arguments, e.g. "bpm=+2 | -2: nudge the tempo" */
    String description();

    /**
     * Makes a command.
     *
     * @param arguments the arguments by name (strings, as typed or journaled)
     * @return the command, whose {@link Command#name()} is {@link #name()} and whose arguments recreate it
     * @throws IllegalArgumentException if an argument is missing or wrong; the message names it
     */
    Command create(Map<String, String> arguments);
}
