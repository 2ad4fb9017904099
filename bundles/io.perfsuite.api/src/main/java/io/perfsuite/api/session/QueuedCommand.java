// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.session;

import java.util.Map;
import java.util.Objects;

import io.perfsuite.api.command.Quantization;

/**
 * A command as the session queued it.
 *
 * @param id           unique in the session, increasing in submission order
 * @param name         the command's name
 * @param arguments    its arguments (immutable)
 * @param quantization when it takes effect
 * @param submitNanos  {@link System#nanoTime()} when it was submitted
 * @param dueBeat      the musical position at which it is due (NaN for {@link Quantization#NOW})
 */
public record QueuedCommand(long id, String name, Map<String, String> arguments, Quantization quantization,
        long submitNanos, double dueBeat) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if a reference is null
     */
    public QueuedCommand {
        Objects.requireNonNull(name, "name");
        arguments = Map.copyOf(Objects.requireNonNull(arguments, "arguments"));
        Objects.requireNonNull(quantization, "quantization");
    }
}
