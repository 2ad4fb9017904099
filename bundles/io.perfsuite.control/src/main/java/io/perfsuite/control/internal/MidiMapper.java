// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.session.SessionManager;

/**
 * A JavaSound {@link Receiver} that turns mapped MIDI messages into session commands. Anything else is ignored and
 * counted by why: system exclusive, malformed bytes (a data byte where a status should be, a short message), a
 * channel other than the configured one, no mapping, or a message that maps to nothing by design (note-off, a
 * switch's release, clock and active sensing).
 *
 * <p><b>Threading:</b> {@link #send} is called on JavaSound's thread for the device (or any thread in tests), one
 * message at a time per transmitter; it only hands a command to the session. The controller state it keeps for
 * switch presses is guarded by the mapper's monitor, which is never held while calling the session.
 */
final class MidiMapper implements Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(MidiMapper.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What the mapper counts. */
    enum Counter {
        RECEIVED, FIRED, UNMAPPED, WRONG_CHANNEL, SYSEX, MALFORMED, IGNORED, REJECTED, NO_SESSION
    }

    private final Supplier<SessionManager> session;
    private final AtomicLongArray counters = new AtomicLongArray(Counter.values().length);
    private final int[] controllers = new int[16 * 128]; // guarded by this: last value per channel and controller
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private volatile MidiMapping mapping;
    private volatile int channel;

    /**
     * @param session the session, or a supplier of null while there is none
     * @param mapping the mapping
     * @param channel the only channel listened to (1-16), or 0 for all
     */
    MidiMapper(Supplier<SessionManager> session, MidiMapping mapping, int channel) {
        this.session = session;
        this.mapping = mapping;
        this.channel = channel;
    }

    /** Replaces the mapping and channel; the next message uses them. */
    void configure(MidiMapping newMapping, int newChannel) {
        mapping = newMapping;
        channel = newChannel;
    }

    /** @return the current mapping */
    MidiMapping mapping() {
        return mapping;
    }

    /** @return a counter's value */
    long count(Counter c) {
        return counters.get(c.ordinal());
    }

    private void increment(Counter c) {
        counters.incrementAndGet(c.ordinal());
    }

    @Override
    public void send(MidiMessage message, long timeStamp) {
        increment(Counter.RECEIVED);
        try {
            MidiMapping.Rule rule = match(message);
            if (rule != null) {
                fire(rule);
            }
        } catch (RuntimeException e) { // nothing a device sends may kill JavaSound's thread
            increment(Counter.REJECTED);
            warn("MIDI message failed: " + e);
        }
    }

    /** @return the rule to fire, or null (the reason counted) */
    private MidiMapping.Rule match(MidiMessage message) {
        byte[] m = message == null ? null : message.getMessage();
        int length = m == null ? 0 : Math.min(message.getLength(), m.length);
        if (length <= 0) {
            increment(Counter.MALFORMED);
            return null;
        }
        int status = m[0] & 0xff;
        if (status < 0x80) { // drivers resolve running status: a bare data byte here is broken input
            increment(Counter.MALFORMED);
            return null;
        }
        if (status == 0xf0 || status == 0xf7) {
            increment(Counter.SYSEX);
            return null;
        }
        if (status >= 0xf0) { // clock, active sensing, song position...: never mapped
            increment(Counter.IGNORED);
            return null;
        }
        int type = status & 0xf0;
        int need = type == 0xc0 || type == 0xd0 ? 2 : 3;
        if (length < need) {
            increment(Counter.MALFORMED);
            return null;
        }
        for (int i = 1; i < need; i++) {
            if ((m[i] & 0x80) != 0) {
                increment(Counter.MALFORMED);
                return null;
            }
        }
        int ch = (status & 0x0f) + 1;
        int number = m[1];
        int value = need == 3 ? m[2] : 0;
        MidiMapping.Kind kind;
        switch (type) {
            case 0x90 -> {
                if (value == 0) { // note-on with velocity 0 is a note-off
                    increment(Counter.IGNORED);
                    return null;
                }
                kind = MidiMapping.Kind.NOTE;
            }
            case 0xb0 -> kind = MidiMapping.Kind.CC;
            case 0xc0 -> kind = MidiMapping.Kind.PC;
            default -> { // note-off, aftertouch, pitch bend
                increment(Counter.IGNORED);
                return null;
            }
        }
        boolean rising = false;
        if (kind == MidiMapping.Kind.CC) {
            synchronized (this) {
                int slot = (ch - 1) * 128 + number;
                rising = controllers[slot] < 64 && value >= 64;
                controllers[slot] = value;
            }
        }
        int only = channel;
        if (only != 0 && ch != only) {
            increment(Counter.WRONG_CHANNEL);
            return null;
        }
        List<MidiMapping.Rule> rules = mapping.rules(kind, number);
        if (rules.isEmpty()) {
            increment(Counter.UNMAPPED);
            return null;
        }
        boolean otherChannel = false;
        for (MidiMapping.Rule r : rules) {
            if (r.channel() != 0 && r.channel() != ch) {
                otherChannel = true;
                continue;
            }
            boolean fires = switch (kind) {
                case NOTE -> r.value() < 0 || value >= r.value();
                case CC -> r.value() < 0 ? rising : value == r.value();
                case PC -> true;
            };
            if (fires) {
                return r;
            }
        }
        increment(otherChannel ? Counter.WRONG_CHANNEL : Counter.IGNORED); // e.g. a switch's release
        return null;
    }

    private void fire(MidiMapping.Rule rule) {
        SessionManager s = session.get();
        if (s == null) {
            increment(Counter.NO_SESSION);
            warn("MIDI " + rule.line() + ": no session is running");
            return;
        }
        try {
            Commands.submit(s, rule.command(), rule.arguments(), rule.quantization());
            increment(Counter.FIRED);
        } catch (IllegalArgumentException | IllegalStateException e) {
            increment(Counter.REJECTED);
            warn("MIDI " + rule.line() + ": " + e.getMessage());
        }
    }

    private void warn(String what) {
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            LOG.warn("{} (further MIDI warnings within 10 s are only counted: perfsuite:midi)", what);
        }
    }

    @Override
    public void close() {
        // the mapper outlives device connections: nothing to release
    }

    /** @return the counters as "name value" words */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Counter c : Counter.values()) {
            out.add(c.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + count(c));
        }
        return out;
    }
}
