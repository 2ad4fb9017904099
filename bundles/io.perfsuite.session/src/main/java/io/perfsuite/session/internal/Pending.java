// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.session.QueuedCommand;

/**
 * A submitted command on its way to the session thread. Its state is one atomic integer, so {@code cancel} from any
 * thread and the session thread taking it to run race safely: exactly one of them wins the compare-and-set.
 */
final class Pending {

    static final int QUEUED = 0;
    static final int RUNNING = 1;
    static final int CANCELLED = 2;

    final long id;
    final Command command;
    final String name;
    final Map<String, String> arguments;
    final Quantization quantization;
    final long submitNanos;
    final AtomicInteger state = new AtomicInteger(QUEUED);
    /** Written by the submitting thread (estimate) and then by the session thread (the real point). */
    volatile double dueBeat;

    Pending(long id, Command command, String name, Map<String, String> arguments, Quantization quantization,
            long submitNanos, double dueBeat) {
        this.id = id;
        this.command = command;
        this.name = name;
        this.arguments = Map.copyOf(arguments);
        this.quantization = quantization;
        this.submitNanos = submitNanos;
        this.dueBeat = dueBeat;
    }

    QueuedCommand record() {
        return new QueuedCommand(id, name, arguments, quantization, submitNanos, dueBeat);
    }
}
