// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.nio.file.Path;
import java.util.Map;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.output.NoteOutput;

/**
 * The built-in synthesizer (Gervill) as a {@link NoteOutput} on the machine's audio device, PID {@value #PID}. On a
 * machine without an audio device (a headless server) it logs that once and stays silent: not an error. Events are
 * sent to Gervill on this output's own thread ({@link HandOffOutput}), because its receiver takes the synthesizer's
 * lock, which its audio thread holds while rendering a buffer.
 *
 * <p>Timing. Gervill renders in blocks of 300 frames (its 147 Hz control rate: 6.8 ms at 44.1 kHz), ahead of the
 * sound card. A message sent without a time stamp starts at the next block it renders, so its onset moves by up to a
 * block, plus how late the worker woke. A time-stamped message starts at its own sample of the synthesizer's clock
 * ({@code getMicrosecondPosition}, the rendered position). So each event is stamped with its scheduled
 * {@code nanoTime} mapped onto that clock (see {@link SynthClock}) plus {@code leadMicros}: its onset no longer
 * depends on the render blocks nor on when the worker woke, only on the map's error, as long as the event reaches the
 * worker less than {@code leadMicros} after its time (a later one plays at once). Measured against a device emulated
 * in real time ({@code SynthTimingBenchmark}): onset jitter p99 5.4 ms without stamps, 0.34-0.43 ms with, for a
 * constant ~8.5 ms more latency (the lead and the render-ahead). {@code leadMicros = 0} sends without stamps.
 * Gervill copies a stamped message into its queue (a small allocation, on this worker thread, not the scheduler's).
 *
 * <p><b>Threading:</b> see {@link HandOffOutput}; activate and deactivate on DS threads.
 */
@Component(configurationPid = SynthOutput.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {})
@Designate(ocd = SynthOutput.Config.class)
public class SynthOutput {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.midi.synth";

    private static final Logger LOG = LoggerFactory.getLogger(SynthOutput.class);

    /** Configuration of the built-in synthesizer. */
    @ObjectClassDefinition(name = "Performance Suite built-in synthesizer",
            description = "The JDK's General MIDI synthesizer, played live on the default audio device.")
    public @interface Config {
        /** @return on or off */
        @AttributeDefinition(name = "Enabled", description = "Offer the synthesizer as a note output.")
        boolean enabled() default true;

        /** @return the soundfont */
        @AttributeDefinition(name = "Soundfont", required = false, description = "Path of an SF2 file; empty: "
                + "/usr/share/sounds/sf2/FluidR3_GM.sf2 or TimGM6mb.sf2 if present, else the JDK's built-in set.")
        String soundfont() default "";

        /** @return the output id */
        @AttributeDefinition(name = "Output id", description = "The output's name in the band's outputs and on the "
                + "console's Agents page.")
        String id() default "synth";

        /** @return the lead for time-stamped sends */
        @AttributeDefinition(name = "Time-stamp lead (µs)", min = "0", max = "100000",
                description = "Each event is time-stamped this long after its time on the synthesizer's clock, so "
                        + "it starts exactly on its sample (a constant delay instead of up to 6.8 ms of jitter); "
                        + "an event reaching the synthesizer later than this plays at once. 0: no time stamps.")
        int leadMicros() default 3000;
    }

    private Worker worker;
    private ServiceRegistration<NoteOutput> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        if (!config.enabled()) {
            return;
        }
        worker = new Worker(config.id(), Soundfonts.choose(config.soundfont()), config.leadMicros());
        worker.start();
        registration = context.registerService(NoteOutput.class, worker,
                new java.util.Hashtable<>(Map.of(NoteOutput.PROP_ID, config.id(), Constants.SERVICE_DESCRIPTION,
                        "Built-in synthesizer")));
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister(); // the scheduler ends our notes (on the ring) before this returns
            registration = null;
        }
        if (worker != null) {
            worker.stop();
            worker.close();
            worker = null;
        }
    }

    /** The synthesizer, opened on the worker thread when the first event comes. */
    static final class Worker extends HandOffOutput {
        private final Path soundfont;
        private final long leadMicros;
        private final ShortMessage message = new ShortMessage();
        private final SynthClock clock = new SynthClock();
        private Synthesizer synth;
        private Receiver receiver;
        private boolean unavailable;

        Worker(String id, Path soundfont, int leadMicros) {
            super(id, 4096);
            this.soundfont = soundfont;
            this.leadMicros = leadMicros;
        }

        /** For benchmarks and tests: plays on a synthesizer already open (e.g. as a stream), closed by the caller. */
        Worker(String id, Synthesizer open, int leadMicros) throws javax.sound.midi.MidiUnavailableException {
            this(id, (Path) null, leadMicros);
            synth = open;
            receiver = open.getReceiver();
        }

        @Override
        void deliver(int kind, long nanoTime, int ch, int d1, int d2, String who) {
            if (receiver == null && !open()) {
                return;
            }
            try {
                switch (kind) {
                    case ON -> message.setMessage(ShortMessage.NOTE_ON, ch, d1, d2);
                    case OFF -> message.setMessage(ShortMessage.NOTE_OFF, ch, d1, 0);
                    case CC -> message.setMessage(ShortMessage.CONTROL_CHANGE, ch, d1, d2);
                    case PROGRAM -> message.setMessage(ShortMessage.PROGRAM_CHANGE, ch, d1, 0);
                    default -> {
                        long at = stamp(kind, nanoTime); // after the note-offs stamped before it
                        for (int c = 0; c < 16; c++) {
                            message.setMessage(ShortMessage.CONTROL_CHANGE, c, 123, 0);
                            receiver.send(message, at);
                        }
                        return;
                    }
                }
                receiver.send(message, stamp(kind, nanoTime));
            } catch (InvalidMidiDataException e) {
                // values are checked by the scheduler; nothing to send
            }
        }

        /** @return the synthesizer time (µs) at which the event is to start, or -1 for "now" */
        private long stamp(int kind, long nanoTime) {
            if (leadMicros <= 0 || kind == PROGRAM) {
                return -1; // a program change goes first, whatever its time
            }
            long now = System.nanoTime();
            long position = synth.getMicrosecondPosition();
            if (!clock.observe(now, position)) {
                return -1; // the clock does not run (no audio device pulling): nothing to stamp against
            }
            long stamp = clock.micros(nanoTime) + leadMicros;
            return Math.max(stamp, position); // late: at once, at the rendered position
        }

        @Override
        void idle() {
            if (synth != null && leadMicros > 0) {
                clock.observe(System.nanoTime(), synth.getMicrosecondPosition()); // keep the map's top fresh
            }
        }

        @Override
        long idleNanos() {
            // 100 looks a second at the synthesizer's clock keep the map within ~0.1 ms of its top (SynthClock)
            return leadMicros > 0 && synth != null ? 10_000_000L : super.idleNanos();
        }

        private boolean open() {
            if (unavailable) {
                return false;
            }
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(ClassLoader.getSystemClassLoader());
            try {
                Synthesizer s = MidiSystem.getSynthesizer();
                s.open();
                if (soundfont != null) {
                    Soundbank bank = MidiSystem.getSoundbank(soundfont.toFile());
                    s.loadAllInstruments(bank);
                }
                synth = s;
                receiver = s.getReceiver();
                LOG.info("Built-in synthesizer playing live ({})", soundfont == null ? "built-in sound set"
                        : soundfont);
                return true;
            } catch (Exception | LinkageError e) {
                unavailable = true; // logged once: a headless machine has no audio device, that is not an error
                LOG.info("Built-in synthesizer silent: no audio device to play on ({})", e.toString());
                return false;
            } finally {
                current.setContextClassLoader(previous);
            }
        }

        void close() {
            if (synth != null) {
                synth.close();
                synth = null;
                receiver = null;
            }
        }
    }

    /**
     * Maps {@code System.nanoTime()} onto the synthesizer's clock, the position it has rendered, in µs. That position
     * runs ahead of the sound card and advances a render block at a time (a staircase against {@code nanoTime}); the
     * map uses the top of the staircase, the furthest ahead the position was seen, so a time stamp taken from it is
     * not in the past when it arrives. The top is forgotten at 100 ppm (100 µs a second), faster than a sound card's
     * crystal drifts from {@code nanoTime}, so a clock that falls behind is followed; each observation near the top
     * lifts it back (the worker observes at each event and 100 times a second when idle). Worker thread only.
     */
    static final class SynthClock {
        /** 100 ppm: the offset forgets this fraction of the elapsed time. */
        private static final long FORGET_DIVISOR = 10_000;
        private long firstPosition = Long.MIN_VALUE;
        private boolean running;
        private long offsetNanos;
        private long lastNanos;

        /**
         * @param nanoTime       now
         * @param positionMicros the synthesizer's position now
         * @return whether the clock runs (its position has moved since the first observation)
         */
        boolean observe(long nanoTime, long positionMicros) {
            if (firstPosition == Long.MIN_VALUE) {
                firstPosition = positionMicros;
            }
            long offset = positionMicros * 1000 - nanoTime;
            if (!running) {
                running = positionMicros != firstPosition;
                if (!running) {
                    return false;
                }
                offsetNanos = offset;
            } else {
                offsetNanos = Math.max(offsetNanos - (nanoTime - lastNanos) / FORGET_DIVISOR, offset);
            }
            lastNanos = nanoTime;
            return true;
        }

        /** @return the synthesizer time of a {@code nanoTime}, once {@link #observe} has returned true */
        long micros(long nanoTime) {
            return Math.floorDiv(nanoTime + offsetNanos, 1000);
        }
    }
}
