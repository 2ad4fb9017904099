// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Tempo;
import io.perfsuite.api.output.NoteOutput;

/**
 * Timing benchmark, not a test: events every 2.5 ms through the real scheduler into an output that measures
 * |actual - scheduled| on arrival, while one thread allocates heavily and another spins. Prints p50, p99, p99.9 and
 * max. Run (after {@code mvn -o -f bundles/io.perfsuite.midi/pom.xml test-compile}):
 *
 * <pre>
 * cd bundles/io.perfsuite.midi &amp;&amp; mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp;
 * java -XX:+UseZGC -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.perfsuite.midi.internal.SchedulerBenchmark [seconds=30] [load=true|alloc|false]
 * </pre>
 */
public final class SchedulerBenchmark {

    private SchedulerBenchmark() {
    }

    /** Measures on arrival, allocation-free. */
    private static final class TimingOutput implements NoteOutput {
        final Histogram histogram = new Histogram(10_000_000_000L, 3);
        volatile boolean measuring;

        @Override
        public String id() {
            return "timing";
        }

        private void at(long t) {
            if (measuring) {
                histogram.recordValue(Math.min(Math.abs(System.nanoTime() - t), 10_000_000_000L));
            }
        }

        @Override
        public void noteOn(long t, int c, int n, int v) {
            at(t);
        }

        @Override
        public void noteOff(long t, int c, int n) {
            at(t);
        }

        @Override
        public void controlChange(long t, int c, int k, int v) {
            at(t);
        }

        @Override
        public void programChange(long t, int c, int p) {
        }

        @Override
        public void allNotesOff(long t) {
        }
    }

    static volatile Object sink;

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        // load: true = a heavily allocating thread and a spinning one (both cores of a 2-core machine taken),
        // alloc = the allocating thread only (one core, and the GC), false = none
        String mode = args.length > 1 ? args[1] : "true";
        boolean load = !mode.equals("false");
        long now = System.nanoTime();
        MusicalContext context = MusicalContext.initial(now).next().playing(true).tempo(new Tempo(100), 1)
                .at(now, 0).build(); // 100 BPM: 600 ms a beat, 1/240 beat = 2.5 ms
        MidiScheduler scheduler = new MidiScheduler(MidiScheduler.Settings.defaults(),
                ChannelMap.parse(new String[0], true));
        TimingOutput out = new TimingOutput();
        scheduler.addOutput(out);
        scheduler.contextSource(() -> context);
        scheduler.start();
        Thread allocator = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                byte[][] garbage = new byte[64][];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = new byte[16 * 1024];
                }
                sink = garbage;
            }
        }, "allocator");
        Thread busy = new Thread(() -> {
            long x = 0;
            while (!Thread.currentThread().isInterrupted()) {
                x += System.nanoTime() % 7;
            }
            sink = x;
        }, "busy");
        allocator.setDaemon(true);
        busy.setDaemon(true);
        if (load) {
            allocator.start();
            if (!mode.equals("alloc")) {
                busy.start();
            }
        }
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            out.measuring = System.nanoTime() > warmEnd;
            double beat = context.beatAt(System.nanoTime()) + 0.5; // planned 300 ms ahead, like a session
            scheduler.note((i & 1) == 0 ? "drums" : "bass", beat, 36 + (i & 15), 100, 1.0 / 480);
            i++;
            LockSupport.parkNanos(5_000_000L); // a note (on + off) every 5 ms: an event every 2.5 ms
        }
        Thread.sleep(500);
        out.measuring = false;
        allocator.interrupt();
        busy.interrupt();
        scheduler.stop();
        Histogram h = out.histogram;
        MidiScheduler.Stats s = scheduler.stats();
        System.out.printf("%s, %d s, %s load: %d events; |actual - scheduled| p50 %.1f µs, p99 %.1f µs, "
                + "p99.9 %.1f µs, max %.1f µs; dropped late %d, late %d, overflow %d%n",
                System.getProperty("java.vm.version"), seconds,
                mode.equals("alloc") ? "with an allocating thread as" : load ? "with" : "without", h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, s.droppedLate(), s.late(), s.overflow());
    }
}
