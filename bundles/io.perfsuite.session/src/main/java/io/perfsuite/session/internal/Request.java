// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.nio.file.Path;
import java.util.List;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.session.internal.song.Setlist;

/** Work handed from any thread to the session thread through one lock-free queue, in order. */
sealed interface Request {

    /** A command was submitted. */
    record Submit(Pending pending) implements Request {
    }

    /** Undo this entry (already moved to the redo stack). */
    record Undo(History.Entry entry) implements Request {
    }

    /** Redo this entry (already moved to the undo stack). */
    record Redo(History.Entry entry) implements Request {
    }

    /** A bandmate left: release its notes. */
    record Release(String bandmateId) implements Request {
    }

    /** A new setlist was read: select its first song. */
    record Load(Setlist setlist) implements Request {
    }

    /** Replay a journal's actions, in order, at once. */
    record Replay(Path file, List<Action> actions) implements Request {
    }

    /** One step of a replay. */
    sealed interface Action {
    }

    /** Execute a command re-created from the journal. */
    record Execute(Command command) implements Action {
    }

    /** Undo the most recent command. */
    record UndoTop() implements Action {
    }

    /** Redo the most recently undone command. */
    record RedoTop() implements Action {
    }

    /** Load a setlist again. */
    record LoadAgain(Setlist setlist) implements Action {
    }

    /** Force a degradation level (null: automatic). */
    record Degrade(DegradationLevel level) implements Action {
    }
}
