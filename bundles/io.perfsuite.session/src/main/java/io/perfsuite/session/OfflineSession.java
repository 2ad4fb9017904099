// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session;

import java.util.Map;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.context.ContextListener;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.api.session.SessionManager;
import io.perfsuite.session.internal.OfflineDriver;

/**
 * The session of the show, stepped by a file job on the file's clock instead of by its own thread: a render feeds
 * it the analysis events of each block, steps it to the block's end, and it plans the bandmates and carries out
 * commands exactly as the live session would at that moment. Nothing is shared with the live session: the job
 * gives it bandmate instances of its own.
 *
 * <p><b>Threading:</b> not thread-safe; one thread calls everything, and bandmates, listeners and the scheduler
 * are called on it during {@link #step}. No journal is written.
 */
public final class OfflineSession implements AutoCloseable {

    private final OfflineDriver driver;

    /**
     * @param settings   session settings by the property names of the live session's configuration (PID
     *                   {@code io.perfsuite.session}: tempo, meter, autoStartBeats...); missing ones take their
     *                   defaults
     * @param startNanos the clock at the start, usually 0
     * @throws IllegalArgumentException on an unknown setting or a value out of range (the message names it)
     */
    public OfflineSession(Map<String, ?> settings, long startNanos) {
        driver = new OfflineDriver(settings, startNanos);
    }

    /** @return commands, songs, modes, the context and the agents' figures */
    public SessionManager manager() {
        return driver.manager();
    }

    /** @return the newest context */
    public MusicalContext context() {
        return driver.manager().context();
    }

    /** @param bandmate a bandmate instance for this session only (planned from the next step) */
    public void addBandmate(Bandmate bandmate) {
        driver.addBandmate(bandmate);
    }

    /** @param bandmate a bandmate added before: it leaves, its notes are released */
    public void removeBandmate(Bandmate bandmate) {
        driver.removeBandmate(bandmate);
    }

    /** @param listener told of context changes during {@link #step} */
    public void addListener(ContextListener listener) {
        driver.addListener(listener);
    }

    /** @param scheduler where the planned notes go */
    public void scheduler(NoteScheduler scheduler) {
        driver.scheduler(scheduler);
    }

    /** @param event an analysis event heard; taken at the next step */
    public void heard(AnalysisEvent event) {
        driver.heard(event);
    }

    /**
     * Moves the clock and steps the session: requests and events are taken, every beat boundary up to now passed.
     *
     * @param nanos the clock now, never earlier than the last step's
     * @throws IllegalArgumentException if the clock would go back
     */
    public void step(long nanos) {
        driver.step(nanos);
    }

    /** @return analysis events lost because more than the session's queue arrived between two steps */
    public long analysisDropped() {
        return driver.analysisDropped();
    }

    @Override
    public void close() {
        driver.close();
    }
}
