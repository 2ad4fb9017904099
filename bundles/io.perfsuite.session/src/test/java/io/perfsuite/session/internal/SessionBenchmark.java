// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;

/**
 * Benchmark (not a test): the cost of updating the context from one analysis event, measured as the calling thread
 * handing the event over ({@code heard}) and running the session step that takes it, builds and publishes the
 * snapshot and tells the listeners. The band plays (3 bandmates, 2 listeners), events come at the engine's block
 * rate (256 frames at 44.1 kHz) on a manual clock: mostly levels, a beat every 86 blocks, a chord every 200, a key
 * every 2000. Steps that also passed a beat boundary (and so planned the band) are reported apart.
 *
 * <pre>
 * mvn -B -o -f bundles/io.perfsuite.session/pom.xml test-compile exec:java \
 *     -Dexec.mainClass=io.perfsuite.session.internal.SessionBenchmark -Dexec.classpathScope=test
 * </pre>
 * Arguments: [events to measure, default 500000] [warm-up events, default 200000].
 */
public final class SessionBenchmark {

    private static final long BLOCK_NANOS = Math.round(256 / 44_100.0 * 1e9);

    private SessionBenchmark() {
    }

    public static void main(String[] args) {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        ManualClock clock = new ManualClock(1_000_000_000_000L);
        DefaultSessionManager session = new DefaultSessionManager(TestConfig.settings(
                "bandmateBudgetMicros", 1_000_000, "agentDeadlineMicros", 1_000_000, "listenerBudgetMicros", 1_000_000, "stepBudgetMicros", 1_000_000),
                clock, null, false);
        session.bindBandmate(new Groove("drums", Role.DRUMS, 4), Map.of("service.id", 1L));
        session.bindBandmate(new Groove("bass", Role.BASS, 2), Map.of("service.id", 2L));
        session.bindBandmate(new Groove("keys", Role.KEYS, 0), Map.of("service.id", 3L));
        session.bindContextListener((c, w) -> { }, Map.of("service.id", 4L));
        session.bindContextListener((c, w) -> { }, Map.of("service.id", 5L, "perfsuite.context.changes", "BAR"));
        session.bindNoteScheduler(new NullScheduler());
        session.submit(session.create("count-in", Map.of("bars", "0")));
        session.step();

        Histogram events = new Histogram(1, 1_000_000_000L, 3);
        Histogram beats = new Histogram(1, 1_000_000_000L, 3);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long bytesBefore = 0;
        long period = Math.round(60e9 / 120);
        long nextPerformerBeat = clock.getAsLong() + period;
        Chord[] chords = {Chord.parse("C"), Chord.parse("A:min"), Chord.parse("F"), Chord.parse("G:7")};
        Key[] keys = {Key.parse("C major"), Key.parse("A minor")};
        for (int i = 0; i < warmup + measured; i++) {
            if (i == warmup) {
                events.reset();
                beats.reset();
                bytesBefore = threads.getThreadAllocatedBytes(tid);
            }
            clock.advance(BLOCK_NANOS);
            long now = clock.getAsLong();
            AnalysisEvent e;
            if (now >= nextPerformerBeat) {
                e = new AnalysisEvent.Beat(i, nextPerformerBeat, (period + (i % 7) * 100_000) / 1e9, i + 86, 0,
                        0.9);
                nextPerformerBeat += period;
            } else if (i % 200 == 0) {
                e = new AnalysisEvent.ChordHeard(i, now, chords[(i / 200) % chords.length], 0.8);
            } else if (i % 2000 == 1) {
                e = new AnalysisEvent.KeyHeard(i, now, keys[(i / 2000) % keys.length], 0.7);
            } else {
                e = new AnalysisEvent.Level(i, now, -20 - (i % 10), -6 - (i % 5), -18 - (i % 3), i % 50 == 0);
            }
            long wake = session.nextWakeNanos();
            long t0 = System.nanoTime();
            session.heard(e);
            session.step();
            long dt = System.nanoTime() - t0;
            (wake <= now ? beats : events).recordValue(Math.max(1, dt));
        }
        long bytes = threads.getThreadAllocatedBytes(tid) - bytesBefore;
        System.out.println(String.format(Locale.ROOT, "Session benchmark, %s %s, %d events measured after %d warm-up",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), measured, warmup));
        print("one analysis event (heard + step + publish + listeners)", events);
        print("event step that also passed a beat (plans 3 bandmates)", beats);
        System.out.println(String.format(Locale.ROOT, "allocation: %.0f bytes per event on the calling thread",
                bytes / (double) measured));
        System.out.println(String.format(Locale.ROOT, "context: beat %.1f, %.2f BPM, chord %s, %s, %d snapshots",
                session.context().beat(), session.context().tempo().bpm(), session.context().chord(),
                session.context().degradation(), session.context().sequence()));
        System.out.println(session.counters());
        session.close();
    }

    private static void print(String what, Histogram h) {
        System.out.println(String.format(Locale.ROOT,
                "%-56s n=%8d  p50 %7.2f us  p99 %7.2f us  p99.9 %7.2f us  max %8.2f us", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3));
    }

    /** A bandmate that plans a few notes per beat and keeps nothing (the recording test players would). */
    private static final class Groove implements io.perfsuite.api.band.Bandmate {
        private final String id;
        private final Role role;
        private final int perBeat;

        Groove(String id, Role role, int perBeat) {
            this.id = id;
            this.role = role;
            this.perBeat = perBeat;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public void plan(io.perfsuite.api.context.MusicalContext context, double fromBeat, double toBeat,
                io.perfsuite.api.band.NoteSink out) {
            for (int i = 0; i < perBeat; i++) {
                out.note(fromBeat + i / (double) perBeat, 36 + i, 90, 0.25);
            }
        }
    }

    /** A scheduler that drops everything (the session's side of the hand-off is what is measured). */
    private static final class NullScheduler implements io.perfsuite.api.output.NoteScheduler {
        @Override
        public void note(String bandmateId, double beat, int note, int velocity, double durationBeats) {
        }

        @Override
        public void control(String bandmateId, double beat, int controller, int value) {
        }

        @Override
        public void release(String bandmateId) {
        }

        @Override
        public void releaseAll() {
        }
    }
}
