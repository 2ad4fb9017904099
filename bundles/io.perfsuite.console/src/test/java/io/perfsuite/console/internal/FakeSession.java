// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.api.session.SessionManager;

/** A session that records what the console asks of it. */
final class FakeSession implements SessionManager {

    final List<QueuedCommand> submitted = new ArrayList<>();
    final List<Long> cancelled = new ArrayList<>();
    final List<AgentStatus> agents = new ArrayList<>();
    volatile SystemMode mode = SystemMode.SETUP;
    volatile MusicalContext context = MusicalContext.initial(0);
    int undos;

    @Override
    public MusicalContext context() {
        return context;
    }

    @Override
    public QueuedCommand submit(Command command) {
        return submit(command, Quantization.NOW);
    }

    @Override
    public synchronized QueuedCommand submit(Command command, Quantization quantization) {
        QueuedCommand q = new QueuedCommand(submitted.size() + 1, command.name(), command.arguments(), quantization,
                System.nanoTime(), Double.NaN);
        submitted.add(q);
        return q;
    }

    @Override
    public Command create(String name, Map<String, String> arguments) {
        if (!commandNames().contains(name)) {
            throw new IllegalArgumentException("unknown command \"" + name + "\"");
        }
        Map<String, String> args = Map.copyOf(arguments);
        return new Command() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, String> arguments() {
                return args;
            }

            @Override
            public Undo execute(io.perfsuite.api.command.CommandTarget target) {
                return null;
            }
        };
    }

    @Override
    public List<String> commandNames() {
        return List.of("count-in", "next-section", "tap-tempo", "tempo");
    }

    @Override
    public boolean cancel(long id) {
        cancelled.add(id);
        return id <= submitted.size();
    }

    @Override
    public List<QueuedCommand> queue() {
        return List.copyOf(submitted);
    }

    @Override
    public Optional<QueuedCommand> undo() {
        if (mode == SystemMode.PERFORMANCE) {
            throw new IllegalStateException("undo is refused in performance mode");
        }
        undos++;
        return Optional.empty();
    }

    @Override
    public Optional<QueuedCommand> redo() {
        return Optional.empty();
    }

    @Override
    public void setMode(SystemMode m) {
        mode = m;
    }

    @Override
    public void setDegradation(DegradationLevel level) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> load(Path file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<AgentStatus> agents() {
        return List.copyOf(agents);
    }
}
