// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Tempo;
import io.perfsuite.api.output.NoteOutput;

/** The scheduler against recording outputs, with a context this test controls; 120 BPM is 500 ms a beat. */
class MidiSchedulerTest {

    private final AtomicReference<MusicalContext> context = new AtomicReference<>();
    private MidiScheduler scheduler;
    private RecordingOutput out;

    @BeforeEach
    void start() {
        scheduler = new MidiScheduler(MidiScheduler.Settings.defaults(), ChannelMap.parse(new String[0], true));
        out = new RecordingOutput("rec", 10_000);
        scheduler.addOutput(out);
        scheduler.contextSource(context::get);
        setTempo(120, 0);
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    /** The beat is 0 now (+ offsetBeats) at the given tempo. */
    private void setTempo(double bpm, double beatNow) {
        long now = System.nanoTime();
        context.set(MusicalContext.initial(now).next().playing(true).tempo(new Tempo(bpm), 1).at(now, beatNow)
                .build());
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private void awaitCount(int n) throws InterruptedException {
        long end = System.nanoTime() + 3_000_000_000L;
        while (out.count < n && System.nanoTime() < end) {
            Thread.sleep(2);
        }
    }

    @Test
    void playsNotesInTimeOnTheirChannelsWithProgramsFirst() throws InterruptedException {
        scheduler.note("bass", 0.1, 40, 100, 0.1);
        scheduler.note("drums", 0.05, 36, 110, 0.05);
        scheduler.note("keys", 0.15, 60, 90, 0.1);
        awaitCount(9);
        sleep(200);
        assertEquals(List.of("9:36", "1:40", "0:60"), out.of(RecordingOutput.ON));
        assertEquals(List.of("9:36", "1:40", "0:60"), out.of(RecordingOutput.OFF));
        assertTrue(out.of(RecordingOutput.PROGRAM).containsAll(List.of("1:33", "9:0", "0:0")));
        for (int i = 0; i < out.count; i++) {
            if (out.kind[i] == RecordingOutput.ON || out.kind[i] == RecordingOutput.OFF) {
                long error = out.actual[i] - out.scheduled[i];
                assertTrue(error >= 0 && error < 20_000_000, "event " + i + " error " + error + " ns");
            }
        }
        MidiScheduler.Stats s = scheduler.stats();
        assertEquals(3, s.scheduled());
        assertEquals(6, s.played());
        assertEquals(0, s.sounding());
    }

    @Test
    void followsATempoChangeMadeAfterPlanning() throws InterruptedException {
        scheduler.note("keys", 0.4, 60, 90, 0.1); // at 120 BPM: 200 ms from now
        setTempo(60, 0); // at 60 BPM: 400 ms from now
        long changed = System.nanoTime();
        awaitCount(2); // program, note-on
        int on = out.of(RecordingOutput.PROGRAM).size();
        long at = out.actual[on] - changed;
        assertEquals(RecordingOutput.ON, out.kind[on]);
        assertTrue(at > 350_000_000L && at < 450_000_000L, "note-on after " + at / 1e6 + " ms");
    }

    @Test
    void retriggersAKeyAlreadySoundingAndKeepsCountsBalanced() throws InterruptedException {
        scheduler.note("keys", 0.05, 60, 90, 0.4); // 25 ms .. 225 ms
        scheduler.note("keys", 0.1, 60, 90, 0.1); // 50 ms .. 100 ms: retriggers, and its end does not end the first
        sleep(400);
        assertEquals(List.of("0:60", "0:60"), out.of(RecordingOutput.ON));
        assertEquals(List.of("0:60", "0:60"), out.of(RecordingOutput.OFF));
        int firstOff = -1;
        int lastOff = -1;
        for (int i = 0; i < out.count; i++) {
            if (out.kind[i] == RecordingOutput.OFF) {
                firstOff = firstOff < 0 ? i : firstOff;
                lastOff = i;
            }
        }
        assertEquals(RecordingOutput.ON, out.kind[firstOff + 1], "the retrigger's off comes right before its on");
        assertTrue(out.actual[lastOff] - out.actual[firstOff] > 150_000_000L, "the key sounds until the later end");
        assertEquals(0, out.unbalanced());
    }

    @Test
    void releaseEndsOneBandmatesNotesAndDropsItsPendingOnes() throws InterruptedException {
        scheduler.note("keys", 0.02, 60, 90, 8);
        scheduler.note("bass", 0.02, 40, 90, 8);
        scheduler.note("keys", 2, 64, 90, 1);
        sleep(100);
        scheduler.release("keys");
        sleep(50);
        assertEquals(List.of("0:60"), out.of(RecordingOutput.OFF));
        MidiScheduler.Stats s = scheduler.stats();
        assertEquals(1, s.sounding(), "the bass still sounds");
        assertEquals(1, s.released(), "the pending keys note was dropped");
        scheduler.releaseAll();
        sleep(50);
        assertEquals(List.of("0:60", "1:40"), out.of(RecordingOutput.OFF));
        assertEquals(1, out.of(RecordingOutput.ALL_OFF).size());
        assertEquals(0, scheduler.stats().sounding());
        assertEquals(0, out.unbalanced());
    }

    @Test
    void stopEndsEverythingSounding() throws InterruptedException {
        scheduler.note("keys", 0.02, 60, 90, 100);
        awaitCount(2);
        scheduler.stop();
        assertEquals(List.of("0:60"), out.of(RecordingOutput.OFF));
        assertEquals(1, out.of(RecordingOutput.ALL_OFF).size());
    }

    @Test
    void anOutputThatThrowsIsIsolatedAndCounted() throws InterruptedException {
        scheduler.addOutput(new NoteOutput() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public void noteOn(long t, int c, int n, int v) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void noteOff(long t, int c, int n) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void controlChange(long t, int c, int k, int v) {
            }

            @Override
            public void programChange(long t, int c, int p) {
            }

            @Override
            public void allNotesOff(long t) {
            }
        });
        scheduler.note("keys", 0.02, 60, 90, 0.02);
        sleep(150);
        assertEquals(List.of("0:60"), out.of(RecordingOutput.ON));
        assertEquals(List.of("0:60"), out.of(RecordingOutput.OFF));
        assertEquals(2, scheduler.stats().outputFailures());
        assertTrue(scheduler.outputs().get(1).contains("2 faults"), scheduler.outputs().toString());
    }

    @Test
    void removingAnOutputEndsItsNotesThere() throws InterruptedException {
        RecordingOutput second = new RecordingOutput("second", 100);
        scheduler.addOutput(second);
        scheduler.note("keys", 0.02, 60, 90, 100);
        sleep(100);
        scheduler.removeOutput(second);
        assertEquals(List.of("0:60"), second.of(RecordingOutput.OFF));
        assertEquals(1, second.of(RecordingOutput.ALL_OFF).size());
        assertEquals(List.of(), out.of(RecordingOutput.OFF), "the other output plays on");
    }

    @Test
    void badInputIsRejectedAndCountedWithoutDisturbingOthers() throws InterruptedException {
        scheduler.note("keys", Double.NaN, 60, 90, 1);
        scheduler.note("keys", -1000, 60, 90, 1);
        scheduler.note("keys", 0.1, 128, 90, 1);
        scheduler.note("keys", 0.1, -1, 90, 1);
        scheduler.note("keys", 0.1, 60, 0, 1);
        scheduler.note("keys", 0.1, 60, 128, 1);
        scheduler.note("keys", 0.1, 60, 90, 0);
        scheduler.note("keys", 0.1, 60, 90, Double.NaN);
        scheduler.note("keys", Double.POSITIVE_INFINITY, 60, 90, 1);
        scheduler.note("nobody-knows-me", 0.1, 60, 90, 1);
        scheduler.note(null, 0.1, 60, 90, 1);
        scheduler.control("keys", 0.1, 120, 0);
        scheduler.control("keys", 0.1, 64, 128);
        scheduler.release("nobody-knows-me");
        scheduler.note("bass", 0.02, 40, 90, 0.02);
        sleep(150);
        assertEquals(13, scheduler.stats().rejected());
        assertEquals(List.of("1:40"), out.of(RecordingOutput.ON));
        assertEquals(List.of("1:40"), out.of(RecordingOutput.OFF));
    }

    @Test
    void aLateNoteOnIsDroppedButItsNoteOffIsNotLost() throws InterruptedException {
        setTempo(120, 10); // beat 10 now: beat 9 was 500 ms ago
        scheduler.note("keys", 9, 60, 90, 0.5); // note-on 500 ms late: dropped; its off is swallowed
        scheduler.note("keys", 9.9, 62, 90, 0.12); // note-on 50 ms late: dropped; off 10 ms in the future
        scheduler.note("keys", 10.02, 64, 90, 0.02);
        scheduler.control("keys", 9, 64, 0); // a sustain release, late: still sent
        sleep(150);
        assertEquals(List.of("0:64"), out.of(RecordingOutput.ON));
        assertEquals(List.of("0:64"), out.of(RecordingOutput.OFF));
        assertEquals(List.of("0:64"), out.of(RecordingOutput.CC));
        MidiScheduler.Stats s = scheduler.stats();
        assertEquals(2, s.droppedLate());
        assertEquals(1, s.late());
        assertEquals(0, s.sounding());
    }

    @Test
    void overflowIsCountedAndNeverAllocatesMore() throws InterruptedException {
        scheduler.stop();
        MidiScheduler small = new MidiScheduler(new MidiScheduler.Settings(16, 16, 4, 20_000_000L, 200_000L,
                1_000_000L, -256, 4096), ChannelMap.parse(new String[0], true));
        RecordingOutput o = new RecordingOutput("o", 1000);
        small.addOutput(o);
        small.contextSource(context::get);
        for (int i = 0; i < 40; i++) {
            small.note("keys", 100 + i, 60, 90, 0.5); // far ahead: nothing plays; the ring (16) fills
        }
        assertTrue(small.stats().overflow() >= 40 - 16, "ring overflow " + small.stats().overflow());
        small.start();
        sleep(20);
        for (int i = 0; i < 20; i++) {
            small.note("keys", 100 + i, 62, 90, 0.5);
            sleep(2);
        }
        sleep(20);
        MidiScheduler.Stats s = small.stats();
        assertEquals(16, s.pending(), "the event queue holds 16");
        assertTrue(s.overflow() > 40 - 16, "queue overflow counted too: " + s.overflow());
        small.releaseAll();
        sleep(20);
        assertEquals(0, small.stats().pending());
        small.stop();
    }

    @Test
    void channelMapChangesApplyLive() throws InterruptedException {
        scheduler.channelMap(ChannelMap.parse(new String[] {"keys=2:4", "nobody=3"}, true));
        scheduler.note("keys", 0.02, 60, 90, 0.02);
        scheduler.note("nobody", 0.02, 61, 90, 0.02);
        sleep(150);
        assertEquals(List.of("2:60", "3:61"), out.of(RecordingOutput.ON));
        assertTrue(out.of(RecordingOutput.PROGRAM).contains("2:4"));
    }

    @Test
    void everyEventIsDeliveredInOrderNeverEarlyAndEveryNoteEndsWhateverTheSpinWindow() throws InterruptedException {
        for (long spin : new long[] {0, 100_000, 2_000_000}) { // park only, the default, a long spin
            MidiScheduler.Settings d = MidiScheduler.Settings.defaults();
            MidiScheduler s = new MidiScheduler(new MidiScheduler.Settings(d.commandCapacity(), d.eventCapacity(),
                    d.maxBandmates(), d.lateToleranceNanos(), spin, d.maxParkNanos(), d.minBeat(),
                    d.maxDurationBeats()), ChannelMap.parse(new String[0], true));
            RecordingOutput rec = new RecordingOutput("rec", 1000);
            s.addOutput(rec);
            s.contextSource(context::get);
            setTempo(600, 0); // 100 ms a beat
            s.start();
            try {
                for (int i = 0; i < 60; i++) { // two bandmates, interleaved, some at the same beat
                    s.note("drums", 1 + i * 0.05, 36 + (i % 4), 100, 0.03);
                    s.note("bass", 1 + i * 0.05 + (i % 3 == 0 ? 0 : 0.01), 40 + (i % 5), 90, 0.02);
                }
                long end = System.nanoTime() + 3_000_000_000L;
                while (s.stats().played() < 240 && System.nanoTime() < end) {
                    Thread.sleep(5);
                }
            } finally {
                s.stop();
            }
            MidiScheduler.Stats st = s.stats();
            assertEquals(240, st.played(), "spin " + spin + ": every note-on and note-off played");
            assertEquals(0, st.droppedLate() + st.overflow(), "spin " + spin);
            assertEquals(0, st.sounding(), "spin " + spin + ": nothing left sounding");
            int on = 0;
            int off = 0;
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < rec.count; i++) {
                if (rec.kind[i] == RecordingOutput.ON || rec.kind[i] == RecordingOutput.OFF) {
                    assertTrue(rec.scheduled[i] >= previous, "spin " + spin + ": event " + i + " out of order");
                    assertTrue(rec.actual[i] >= rec.scheduled[i], "spin " + spin + ": event " + i + " early");
                    previous = rec.scheduled[i];
                    on += rec.kind[i] == RecordingOutput.ON ? 1 : 0;
                    off += rec.kind[i] == RecordingOutput.OFF ? 1 : 0;
                }
            }
            assertEquals(120, on, "spin " + spin);
            assertEquals(120, off, "spin " + spin + ": a note-off for every note-on");
            assertEquals(RecordingOutput.ALL_OFF, rec.kind[rec.count - 1], "spin " + spin + ": all notes off last");
        }
    }
}
