// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.journal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the session journal, as handed to the journal thread. Formatting happens there, so the session thread
 * only allocates this record.
 *
 * @param event        submit, execute, fail, cancel, undo, redo, mode, degradation, load, replay
 * @param wallMillis   {@link System#currentTimeMillis()} when it happened
 * @param nanos        the session clock when it happened
 * @param id           the command's id, or -1
 * @param name         the command's name, or null
 * @param arguments    the command's arguments, or null
 * @param quantization the quantization, or null
 * @param dueBeat      the beat it was due at (NaN if none)
 * @param beat         the session's beat when it happened (NaN if none)
 * @param detail       the mode, level, file or error, or null
 * @param list         song titles for load, or null
 *
 * <p>Immutable; made on any thread, formatted on the journal thread.
 */
public record JournalEntry(String event, long wallMillis, long nanos, long id, String name,
        Map<String, String> arguments, String quantization, double dueBeat, double beat, String detail,
        List<String> list) {

    /** @throws NullPointerException if the event is null */
    public JournalEntry {
        Objects.requireNonNull(event, "event");
    }

    /**
     * A command event.
     *
     * @return the entry
     */
    public static JournalEntry command(String event, long nanos, long id, String name, Map<String, String> arguments,
            String quantization, double dueBeat, double beat, String detail) {
        return new JournalEntry(event, System.currentTimeMillis(), nanos, id, name, arguments, quantization, dueBeat,
                beat, detail, null);
    }

    /**
     * A session event without a command (mode, degradation, load).
     *
     * @return the entry
     */
    public static JournalEntry session(String event, long nanos, String detail, List<String> list) {
        return new JournalEntry(event, System.currentTimeMillis(), nanos, -1, null, null, null, Double.NaN,
                Double.NaN, detail, list);
    }
}
