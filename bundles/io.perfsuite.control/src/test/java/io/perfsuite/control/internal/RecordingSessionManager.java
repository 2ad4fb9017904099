// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.CommandTarget;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.api.session.SessionManager;
import io.perfsuite.api.session.SongFormatException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A stand-in for the session (written in another module): knows a fixed set of command names, records what is
 * submitted, keeps a queue, refuses what the real one would refuse (unknown names, an argument named "bad", undo in
 * performance, commands named "refused-*" outside setup). Thread-safe.
 */
final class RecordingSessionManager implements SessionManager {

    /** A command as the control interface made it. */
    record TestCommand(String name, Map<String, String> arguments) implements Command {
        @Override
        public Undo execute(CommandTarget target) {
            return null;
        }
    }

    private final TreeSet<String> names = new TreeSet<>(List.of("next-section", "fill", "tap-tempo", "ending",
            "goto-section", "tempo", "tempo-nudge", "mute", "refused-in-performance"));
    final BlockingQueue<QueuedCommand> submitted = new LinkedBlockingQueue<>();
    private final List<QueuedCommand> queue = new ArrayList<>();
    private final Deque<QueuedCommand> done = new ArrayDeque<>();
    private final Deque<QueuedCommand> undone = new ArrayDeque<>();
    private long nextId = 1;
    private volatile SystemMode mode = SystemMode.REHEARSAL;
    volatile MusicalContext context = MusicalContext.initial(System.nanoTime()).next().mode(SystemMode.REHEARSAL)
            .build();
    volatile LongConsumer onSubmit = nanos -> { };

    @Override
    public MusicalContext context() {
        return context;
    }

    @Override
    public QueuedCommand submit(Command command) {
        return submit(command, command.quantization());
    }

    @Override
    public synchronized QueuedCommand submit(Command command, Quantization quantization) {
        long now = System.nanoTime();
        onSubmit.accept(now);
        if (mode == SystemMode.PERFORMANCE && command.name().startsWith("refused")) {
            throw new IllegalStateException(command.name() + " is not allowed in performance mode");
        }
        QueuedCommand q = new QueuedCommand(nextId++, command.name(), command.arguments(), quantization, now,
                quantization == Quantization.NOW ? Double.NaN : 4.0);
        queue.add(q);
        done.push(q);
        submitted.add(q);
        return q;
    }

    @Override
    public Command create(String name, Map<String, String> arguments) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("no command named " + name);
        }
        if (arguments.containsKey("bad")) {
            throw new IllegalArgumentException("argument bad: " + arguments.get("bad") + " is not allowed");
        }
        return new TestCommand(name, Map.copyOf(arguments));
    }

    @Override
    public List<String> commandNames() {
        return List.copyOf(names);
    }

    @Override
    public synchronized boolean cancel(long id) {
        return queue.removeIf(q -> q.id() == id);
    }

    @Override
    public synchronized List<QueuedCommand> queue() {
        return List.copyOf(queue);
    }

    @Override
    public synchronized Optional<QueuedCommand> undo() {
        if (mode == SystemMode.PERFORMANCE) {
            throw new IllegalStateException("no undo in performance mode");
        }
        QueuedCommand q = done.poll();
        if (q != null) {
            undone.push(q);
        }
        return Optional.ofNullable(q);
    }

    @Override
    public synchronized Optional<QueuedCommand> redo() {
        if (mode == SystemMode.PERFORMANCE) {
            throw new IllegalStateException("no redo in performance mode");
        }
        QueuedCommand q = undone.poll();
        if (q != null) {
            done.push(q);
        }
        return Optional.ofNullable(q);
    }

    @Override
    public void setMode(SystemMode newMode) {
        mode = newMode;
        context = context.next().mode(newMode).build();
    }

    SystemMode mode() {
        return mode;
    }

    @Override
    public void setDegradation(DegradationLevel level) {
    }

    @Override
    public List<String> load(Path file) throws SongFormatException {
        throw new SongFormatException("not in this test", 0);
    }

    @Override
    public List<AgentStatus> agents() {
        return List.of();
    }

    /** @return the next submitted command */
    QueuedCommand next() throws InterruptedException {
        QueuedCommand q = submitted.poll(5, TimeUnit.SECONDS);
        if (q == null) {
            fail("nothing submitted within 5 s");
        }
        return q;
    }
}
