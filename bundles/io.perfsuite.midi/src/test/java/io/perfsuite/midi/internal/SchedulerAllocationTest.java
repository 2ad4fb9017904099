// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Tempo;

/**
 * The real-time rule for the scheduler thread: after warm-up, thousands of events (hand-over, queueing, timing,
 * dispatch to an output that does not allocate, controllers, retriggers, releases) allocate 0 bytes on it.
 */
class SchedulerAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void theSchedulerThreadAllocatesNothingPerEvent() throws InterruptedException {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        long now = System.nanoTime();
        // 1200 BPM would be out of range; 1000 BPM: a beat is 60 ms, so 1/24 beat = 2.5 ms between events
        MusicalContext context = MusicalContext.initial(now).next().playing(true).tempo(new Tempo(1000), 1)
                .at(now, 0).build();
        MidiScheduler scheduler = new MidiScheduler(MidiScheduler.Settings.defaults(),
                ChannelMap.parse(new String[0], true));
        RecordingOutput out = new RecordingOutput("rec", 64);
        NullOutput quiet = new NullOutput();
        scheduler.addOutput(quiet);
        scheduler.contextSource(() -> context);
        scheduler.start();
        try {
            play(scheduler, context, 1200); // warm-up: 3 s
            Thread.sleep(200);
            long id = scheduler.thread().getId();
            long least = Long.MAX_VALUE;
            long eventsBefore = quiet.events;
            for (int window = 0; window < 3; window++) {
                long before = THREADS.getThreadAllocatedBytes(id);
                play(scheduler, context, 800); // 2 s, about 2,800 events a window
                Thread.sleep(100);
                long after = THREADS.getThreadAllocatedBytes(id);
                least = Math.min(least, after - before);
            }
            long events = quiet.events - eventsBefore;
            System.out.printf("scheduler thread: %d events in 3 windows, least allocation in a window: %d bytes%n",
                    events, least);
            assertTrue(events > 6000, "events dispatched: " + events);
            assertEquals(0, least, "bytes allocated on the scheduler thread in a window of ~2,800 events");
            assertEquals(0, scheduler.stats().overflow());
        } finally {
            scheduler.stop();
        }
        assertEquals(0, out.count);
    }

    /** Plans notes, controllers, retriggers and releases the way a session thread would, paced in real time. */
    private static void play(MidiScheduler s, MusicalContext c, int steps) throws InterruptedException {
        for (int i = 0; i < steps; i++) {
            double beat = c.beatAt(System.nanoTime()) + 2; // planned 120 ms ahead, whatever the sleeps did
            s.note("drums", beat, 36 + (i & 7), 100, 1.0 / 48);
            s.note("bass", beat + 1.0 / 48, 40, 90, 1.0 / 12); // the same key again and again: retriggers
            if ((i & 15) == 0) {
                s.control("keys", beat, 64, (i & 16) == 0 ? 127 : 0);
            }
            if ((i & 255) == 255) {
                s.release("bass");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_500_000);
        }
    }

    /** Counts events, nothing else. */
    private static final class NullOutput implements io.perfsuite.api.output.NoteOutput {
        volatile long events;

        @Override
        public String id() {
            return "null";
        }

        @Override
        public void noteOn(long t, int c, int n, int v) {
            events++;
        }

        @Override
        public void noteOff(long t, int c, int n) {
            events++;
        }

        @Override
        public void controlChange(long t, int c, int k, int v) {
            events++;
        }

        @Override
        public void programChange(long t, int c, int p) {
        }

        @Override
        public void allNotesOff(long t) {
        }
    }
}
