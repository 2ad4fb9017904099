// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Synthesizer;

import org.junit.jupiter.api.Test;

/**
 * The built-in synthesizer's time stamps, against a synthesizer whose clock the test sets: each event is stamped
 * with its scheduled time on the synthesizer's clock plus the lead; a late one with the rendered position (at once);
 * no stamps while the clock stands still or with a lead of 0; the all-notes-off after the note-offs before it.
 */
class SynthOutputTest {

    /** A synthesizer reduced to its clock and a receiver that records (message, stamp). */
    private static final class FakeSynth {
        long position;
        final List<String> sent = new ArrayList<>();
        final Synthesizer synth = (Synthesizer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Synthesizer.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMicrosecondPosition" -> position;
                    case "getReceiver" -> receiver();
                    default -> null;
                });

        Receiver receiver() {
            return new Receiver() {
                @Override
                public void send(MidiMessage m, long stamp) {
                    ShortMessage s = (ShortMessage) m;
                    sent.add(s.getCommand() + ":" + s.getChannel() + ":" + s.getData1() + "@" + stamp);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void stampsEachEventAtItsTimeOnTheSynthesizersClockPlusTheLead() throws Exception {
        FakeSynth fake = new FakeSynth();
        SynthOutput.Worker worker = new SynthOutput.Worker("synth", fake.synth, 3000);
        fake.position = 1_000_000;
        long now = System.nanoTime();
        worker.deliver(HandOffOutput.ON, now, 9, 36, 100, "drums");
        assertEquals("144:9:36@-1", fake.sent.get(0), "the clock has not moved yet: nothing to stamp against");

        fake.position = 1_005_000; // the synthesizer rendered: its clock runs
        long base = 1_005_000 - System.nanoTime() / 1000; // the offset the worker sees now (it can only be later)
        long due = System.nanoTime() + 2_000_000; // 2 ms ahead
        worker.deliver(HandOffOutput.ON, due, 9, 38, 100, "drums");
        long stamp = stampOf(fake.sent.get(1));
        long expected = due / 1000 + base + 3000;
        assertTrue(Math.abs(stamp - expected) <= 1000, "stamp " + stamp + " vs " + expected);

        long late = System.nanoTime() - 50_000_000; // 50 ms late: more than the lead
        worker.deliver(HandOffOutput.OFF, late, 9, 38, 0, "drums");
        assertEquals(fake.position, stampOf(fake.sent.get(2)), "a late event plays at once");

        worker.deliver(HandOffOutput.PROGRAM, due, 9, 0, 0, "drums");
        assertEquals(-1, stampOf(fake.sent.get(3)), "a program change goes first");

        long offAt = System.nanoTime();
        worker.deliver(HandOffOutput.OFF, offAt, 9, 36, 0, "drums");
        worker.deliver(HandOffOutput.ALL_OFF, offAt, 0, 0, 0, null);
        long offStamp = stampOf(fake.sent.get(4));
        for (int c = 0; c < 16; c++) {
            String s = fake.sent.get(5 + c);
            assertTrue(s.startsWith("176:" + c + ":123@"), s);
            assertTrue(stampOf(s) >= offStamp, "all notes off not before the note-off stamped before it");
        }
        assertEquals(21, fake.sent.size());
    }

    @Test
    void leadZeroSendsWithoutStamps() throws Exception {
        FakeSynth fake = new FakeSynth();
        SynthOutput.Worker worker = new SynthOutput.Worker("synth", fake.synth, 0);
        for (int k = 0; k < 3; k++) {
            fake.position += 6800;
            worker.deliver(HandOffOutput.ON, System.nanoTime(), 0, 60 + k, 90, "keys");
        }
        assertEquals(List.of("144:0:60@-1", "144:0:61@-1", "144:0:62@-1"), fake.sent);
    }

    @Test
    void theClockKeepsTheTopOfTheStaircaseAndFollowsASoundCardThatFallsBehind() {
        SynthOutput.SynthClock clock = new SynthOutput.SynthClock();
        long t = 1_000_000_000_000L;
        assertFalse(clock.observe(t, 500));
        assertFalse(clock.observe(t + 1_000_000, 500), "standing still: not running");
        assertTrue(clock.observe(t + 2_000_000, 9_000)); // a render burst: the top of the staircase
        long top = 9_000 - (t + 2_000_000) / 1000; // synthesizer µs minus nanoTime µs
        assertTrue(clock.observe(t + 5_000_000, 9_000)); // 3 ms later, the same position: below the top
        assertEquals(top, clock.micros(t + 10_000_000) - (t + 10_000_000) / 1000, 1.0, "the top is kept");
        assertTrue(clock.observe(t + 6_000_000, 9_000 + 4_500)); // the next block came early: a higher top
        top = 13_500 - (t + 6_000_000) / 1000;
        assertEquals(top, clock.micros(t + 7_000_000) - (t + 7_000_000) / 1000, 1.0);
        // a sound card 50 ppm slower than nanoTime, observed ten times a second for 10 s: followed
        long now = t + 6_000_000;
        for (int k = 1; k <= 100; k++) {
            now += 100_000_000L;
            long position = 13_500 + (now - t - 6_000_000) / 1000 - k * 5; // 5 µs behind per 100 ms
            clock.observe(now, position);
        }
        assertEquals(top - 500, clock.micros(now) - now / 1000, 1.0, "50 ppm of drift over 10 s followed");
    }

    private static long stampOf(String sent) {
        return Long.parseLong(sent.substring(sent.indexOf('@') + 1));
    }
}
