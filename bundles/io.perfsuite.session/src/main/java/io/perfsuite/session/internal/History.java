// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.session.QueuedCommand;

/**
 * The undo and redo stacks. {@code undo()} and {@code redo()} move an entry between the stacks on the caller's
 * thread and hand the work to the session thread, so the answer is immediate and the work stays ordered with the
 * commands. The monitor is held only for a push or a pop: the session thread never waits on it for longer than that.
 */
final class History {

    /** Undo steps kept; older ones are forgotten. */
    static final int LIMIT = 100;

    /** One executed command that can be undone. */
    static final class Entry {
        final QueuedCommand record;
        final Command command;
        /** Session thread only: the handle of the last execution. */
        Command.Undo undo;

        Entry(QueuedCommand record, Command command, Command.Undo undo) {
            this.record = record;
            this.command = command;
            this.undo = undo;
        }
    }

    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();

    /**
     * A command executed: it goes on the undo stack if it can be undone, and the redo stack is forgotten either way
     * (history branched).
     *
     * @param entry the entry, or null for a command without undo
     */
    synchronized void executed(Entry entry) {
        redo.clear();
        if (entry != null) {
            undo.push(entry);
            if (undo.size() > LIMIT) {
                undo.removeLast();
            }
        }
    }

    synchronized Entry popUndo() {
        Entry e = undo.poll();
        if (e != null) {
            redo.push(e);
        }
        return e;
    }

    synchronized Entry popRedo() {
        Entry e = redo.poll();
        if (e != null) {
            undo.push(e);
        }
        return e;
    }

    /** Forgets an entry whose undo or redo failed or that cannot be undone any more. */
    synchronized void forget(Entry e) {
        undo.remove(e);
        redo.remove(e);
    }

    synchronized void clear() {
        undo.clear();
        redo.clear();
    }

    synchronized int undoSize() {
        return undo.size();
    }

    synchronized int redoSize() {
        return redo.size();
    }
}
