// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.ContextListener;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.session.QueuedCommand;

/**
 * A real {@link DefaultSessionManager} on a manual clock, without its thread: the test is the session thread and
 * steps it from beat to beat, so every quantization point and planned window can be asserted exactly.
 */
final class Harness implements AutoCloseable {

    /** Where the manual clock starts: an arbitrary nanoTime. */
    static final long T0 = 1_000_000_000_000L;
    /** One beat at the default 120 BPM. */
    static final long BEAT = 500_000_000L;

    final ManualClock clock = new ManualClock(T0);
    final DefaultSessionManager session;
    private long nextServiceId = 100;

    Harness(Object... config) {
        this(null, config);
    }

    Harness(Path journalDir, Object... config) {
        session = new DefaultSessionManager(TestConfig.settings(withTestBudgets(config)), clock, journalDir, false);
    }

    /**
     * Budgets far above anything a test agent does, unless a test sets its own: on a loaded two-core machine a
     * thread can be preempted in the middle of a 10 us call, and a test about sections must not fail on that.
     */
    private static Object[] withTestBudgets(Object... config) {
        Object[] all = new Object[config.length + 12];
        all[0] = "bandmateBudgetMicros";
        all[1] = 200_000;
        all[2] = "listenerBudgetMicros";
        all[3] = 200_000;
        all[4] = "stepBudgetMicros";
        all[5] = 1_000_000;
        all[6] = "warmUpCalls"; // the fault rules are tested from the first call; the warm-up has its own test
        all[7] = 0;
        all[8] = "warmUpPlans"; // test bandmates count their calls; the dry-run warm-up has its own test
        all[9] = 0;
        all[10] = "agentDeadlineMicros"; // wall clock: the session thread may be preempted; tests set their own
        all[11] = 200_000;
        System.arraycopy(config, 0, all, 12, config.length);
        return all;
    }

    MusicalContext ctx() {
        return session.context();
    }

    void step() {
        session.step();
    }

    /** Steps through every beat boundary up to a time, then steps at that time. */
    void advanceTo(long nanos) {
        while (true) {
            long wake = session.nextWakeNanos();
            if (wake > nanos) {
                break;
            }
            clock.set(Math.max(clock.getAsLong(), wake));
            session.step();
        }
        clock.set(Math.max(clock.getAsLong(), nanos));
        session.step();
    }

    void advance(long nanos) {
        advanceTo(clock.getAsLong() + nanos);
    }

    /** Steps from boundary to boundary until the published beat is {@code beat} (at its boundary). */
    void untilBeat(long beat) {
        int guard = 100_000;
        while (!(ctx().playing() && ctx().beat() == beat)) {
            long wake = session.nextWakeNanos();
            if (wake == Long.MAX_VALUE || guard-- == 0) {
                throw new AssertionError("the band is not playing towards beat " + beat + ": " + ctx());
            }
            clock.set(Math.max(clock.getAsLong(), wake));
            session.step();
        }
    }

    /** Steps one beat boundary. */
    void nextBeat() {
        long wake = session.nextWakeNanos();
        if (wake == Long.MAX_VALUE) {
            throw new AssertionError("the band is stopped");
        }
        clock.set(Math.max(clock.getAsLong(), wake));
        session.step();
    }

    QueuedCommand submit(String name, String... keyValues) {
        return session.submit(session.create(name, args(keyValues)));
    }

    QueuedCommand submit(Quantization q, String name, String... keyValues) {
        return session.submit(session.create(name, args(keyValues)), q);
    }

    static Map<String, String> args(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    /** Starts the band at once (count-in of 0 bars) and steps to beat 0. */
    void start() {
        submit("count-in", "bars=0");
        step();
        untilBeat(0);
    }

    long bind(Bandmate b) {
        long id = nextServiceId++;
        session.bindBandmate(b, Map.of("service.id", id));
        return id;
    }

    long bind(ContextListener l, ContextChange... filter) {
        long id = nextServiceId++;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("service.id", id);
        props.put("component.name", l.getClass().getSimpleName());
        if (filter.length > 0) {
            String[] names = new String[filter.length];
            for (int i = 0; i < filter.length; i++) {
                names[i] = filter[i].name();
            }
            props.put(ContextListener.PROP_CHANGES, names);
        }
        session.bindContextListener(l, props);
        return id;
    }

    @Override
    public void close() {
        session.close();
    }
}
