// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.Map;

import org.osgi.framework.Constants;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.context.ContextListener;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.api.session.SessionManager;

/**
 * A session without a thread, on a clock the caller moves: what {@code io.perfsuite.session.OfflineSession} exposes
 * to a file job. Everything runs on the caller's thread, in {@link #step}.
 */
public final class OfflineDriver implements AutoCloseable {

    private final long[] clock = new long[1];
    private final DefaultSessionManager session;
    private long nextServiceId = 1;

    /**
     * @param settings  session settings by the property names of PID {@value DefaultSessionManager#PID}
     * @param startNanos the clock at the start
     * @throws IllegalArgumentException on an unknown setting or a value out of range
     */
    public OfflineDriver(Map<String, ?> settings, long startNanos) {
        clock[0] = startNanos;
        Map<String, Object> values = new java.util.HashMap<>(settings);
        values.putIfAbsent("journal", false);
        session = new DefaultSessionManager(ConfigValues.settings(values), () -> clock[0], null, false);
    }

    /** @return the session's front: commands, songs, modes, the context, agents */
    public SessionManager manager() {
        return session;
    }

    /**
     * @param bandmate a bandmate, used by this session only
     */
    public void addBandmate(Bandmate bandmate) {
        session.bindBandmate(bandmate, Map.of(Constants.SERVICE_ID, nextServiceId++));
    }

    /** @param bandmate a bandmate added before; its notes are released */
    public void removeBandmate(Bandmate bandmate) {
        session.unbindBandmate(bandmate);
    }

    /** @param listener told of context changes, on the caller's thread during {@link #step} */
    public void addListener(ContextListener listener) {
        session.bindContextListener(listener, Map.of(Constants.SERVICE_ID, nextServiceId++));
    }

    /** @param scheduler where the planned notes go */
    public void scheduler(NoteScheduler scheduler) {
        session.bindNoteScheduler(scheduler);
    }

    /** @param event an analysis event, handled at the next step */
    public void heard(AnalysisEvent event) {
        session.heard(event);
    }

    /** @param nanos the clock now; steps the session to it */
    public void step(long nanos) {
        if (nanos < clock[0]) {
            throw new IllegalArgumentException("the clock went back from " + clock[0] + " to " + nanos);
        }
        clock[0] = nanos;
        session.step();
    }

    /** @return events the session could not take because its queue was full */
    public long analysisDropped() {
        return session.analysisDropped.get();
    }

    @Override
    public void close() {
        session.close();
    }
}
