// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.Locale;
import java.util.Map;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.api.session.SessionManager;

/** Turns a name and arguments into a queued command, the same way for every surface. Stateless. */
final class Commands {

    /** The reserved argument name that sets the quantization instead of being passed to the command. */
    static final String QUANTIZE = "quantize";

    private Commands() {
    }

    /**
     * Creates and submits a command.
     *
     * @param session      the session
     * @param name         the command's name
     * @param arguments    its arguments
     * @param quantization when it takes effect, or null for the command's own
     * @return the queued entry
     * @throws IllegalArgumentException if the session knows no such command or an argument is wrong
     * @throws IllegalStateException    if the current mode refuses the command
     */
    static QueuedCommand submit(SessionManager session, String name, Map<String, String> arguments,
            Quantization quantization) {
        Command command = session.create(name, arguments);
        return quantization == null ? session.submit(command) : session.submit(command, quantization);
    }

    /**
     * Parses a quantization as performers write it: now, beat, bar, phrase, section-end (any case, '_' or '-').
     *
     * @param text the text
     * @return the quantization
     * @throws IllegalArgumentException if it is none of them
     */
    static Quantization quantization(String text) {
        String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Quantization q : Quantization.values()) {
            if (q.name().equals(normal)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown quantization \"" + text
                + "\": use now, beat, bar, phrase or section-end");
    }

    /** @return the quantization as performers write it, e.g. "section-end" */
    static String label(Quantization q) {
        return q.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
