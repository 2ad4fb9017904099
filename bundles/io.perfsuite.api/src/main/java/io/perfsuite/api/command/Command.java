// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.command;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A performer's instruction, e.g. "next section", "tempo +2", "mute keys". The session queues it with its
 * {@link #quantization()}, carries it out at that point of the musical grid, keeps the returned {@link Undo} for
 * rehearsal, and journals {@link #name()} with {@link #arguments()} so a session can be replayed.
 *
 * <p><b>Threading:</b> {@link #execute} is called on the session thread only, with the budget of an agent call
 * (well under 1 ms): it must not block or do I/O. {@link #name()}, {@link #arguments()} and
 * {@link #quantization()} may be called from any thread and must return constant values. A command that throws is
 * dropped, reported, and changes nothing else.
 */
@ConsumerType
public interface Command {

    /** @return the command's name in the journal and the control address space, e.g. "next-section" */
    String name();

    /** @return the arguments needed to recreate the command from the journal; immutable; empty by default */
    default Map<String, String> arguments() {
        return Map.of();
    }

    /** @return when the command takes effect; {@link Quantization#NOW} by default */
    default Quantization quantization() {
        return Quantization.NOW;
    }

    /**
     * Carries the command out.
     *
     * @param target the session
     * @return how to undo it, or null when it cannot be undone
     */
    Undo execute(CommandTarget target);

    /** Reverses one executed command. Same threading rules as {@link Command#execute}. */
    @FunctionalInterface
    interface Undo {
        /**
         * Reverses the command.
         *
         * @param target the session
         */
        void undo(CommandTarget target);
    }
}
