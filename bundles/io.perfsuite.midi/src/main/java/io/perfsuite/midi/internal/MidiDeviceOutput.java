// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * A MIDI output port chosen by name (a virtual port into Ableton Live: "IAC Driver Bus 1", "loopMIDI", an ALSA
 * port), one per factory configuration of PID {@value #PID}. A port that is missing is logged once and looked for
 * again every few seconds; one that fails is let go and looked for again.
 *
 * <p><b>Threading:</b> see {@link HandOffOutput}: the device is opened, written and checked on the worker thread.
 */
@Component(configurationPid = MidiDeviceOutput.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = MidiDeviceOutput.Config.class, factory = true)
public class MidiDeviceOutput {

    /** Factory configuration PID. */
    public static final String PID = "io.perfsuite.midi.device";

    private static final Logger LOG = LoggerFactory.getLogger(MidiDeviceOutput.class);

    /** Configuration of one MIDI output port. */
    @ObjectClassDefinition(name = "Performance Suite MIDI output port",
            description = "Sends the band's notes to a MIDI port, e.g. a virtual port into Ableton Live.")
    public @interface Config {
        /** @return part of the port's name */
        @AttributeDefinition(name = "Device", description = "Part of the MIDI output's name or description "
                + "(case-insensitive), e.g. IAC Driver Bus 1 (macOS), loopMIDI (Windows), Midi Through (Linux, the "
                + "default: ALSA's virtual port, which a DAW can listen to).")
        String device() default "Midi Through";

        /** @return the output id */
        @AttributeDefinition(name = "Output id", required = false, description = "Empty: midi:<device>.")
        String id() default "";

        /** @return seconds between checks */
        @AttributeDefinition(name = "Retry interval (s)", min = "1", description = "While the device is missing or "
                + "fails, look for it again this often; notes meanwhile go to the other outputs.")
        int retrySeconds() default 5;
    }

    private Worker worker;
    private ServiceRegistration<NoteOutput> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        String id = config.id() == null || config.id().isBlank() ? "midi:" + config.device() : config.id();
        worker = new Worker(id, config.device(), config.retrySeconds() * 1_000_000_000L);
        worker.start();
        registration = context.registerService(NoteOutput.class, worker,
                new Hashtable<>(Map.of(NoteOutput.PROP_ID, id)));
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (worker != null) {
            worker.stop();
            worker.close();
            worker = null;
        }
    }

    /**
     * @param wanted part of a name (case-insensitive)
     * @param info   a device's description
     * @return whether the device is the one configured
     */
    static boolean matches(String wanted, MidiDevice.Info info) {
        String w = wanted.trim().toLowerCase(Locale.ROOT);
        return !w.isEmpty() && (info.getName().toLowerCase(Locale.ROOT).contains(w)
                || info.getDescription().toLowerCase(Locale.ROOT).contains(w));
    }

    /** The port, opened and written on the worker thread. */
    static final class Worker extends HandOffOutput {
        private final String wanted;
        private final long retryNanos;
        private final ShortMessage message = new ShortMessage();
        private MidiDevice device;
        private Receiver receiver;
        private long nextTry;
        private boolean missingLogged;

        Worker(String id, String wanted, long retryNanos) {
            super(id, 4096);
            this.wanted = wanted;
            this.retryNanos = retryNanos;
        }

        boolean connected() {
            return receiver != null;
        }

        @Override
        void idle() {
            if (receiver == null) {
                tryOpen();
            }
        }

        @Override
        void deliver(int kind, long nanoTime, int ch, int d1, int d2, String who) {
            if (receiver == null && !tryOpen()) {
                return;
            }
            try {
                switch (kind) {
                    case ON -> send(ShortMessage.NOTE_ON, ch, d1, d2);
                    case OFF -> send(ShortMessage.NOTE_OFF, ch, d1, 0);
                    case CC -> send(ShortMessage.CONTROL_CHANGE, ch, d1, d2);
                    case PROGRAM -> send(ShortMessage.PROGRAM_CHANGE, ch, d1, 0);
                    default -> {
                        for (int c = 0; c < 16; c++) {
                            send(ShortMessage.CONTROL_CHANGE, c, 123, 0); // all notes off
                            send(ShortMessage.CONTROL_CHANGE, c, 64, 0); // sustain up
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("MIDI output {} failed, looking for it again: {}", id(), e.toString());
                close();
                missingLogged = false;
            }
        }

        private void send(int command, int ch, int d1, int d2) {
            try {
                message.setMessage(command, ch, d1, d2);
                receiver.send(message, -1);
            } catch (InvalidMidiDataException e) {
                // values are checked by the scheduler
            }
        }

        private boolean tryOpen() {
            long now = System.nanoTime();
            if (now - nextTry < 0) {
                return false;
            }
            nextTry = now + retryNanos;
            for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
                if (!matches(wanted, info)) {
                    continue;
                }
                try {
                    MidiDevice d = MidiSystem.getMidiDevice(info);
                    if (d instanceof Sequencer || d.getMaxReceivers() == 0) {
                        continue;
                    }
                    d.open();
                    receiver = d.getReceiver();
                    device = d;
                    missingLogged = false;
                    LOG.info("MIDI output {} connected to \"{}\"", id(), info.getName());
                    return true;
                } catch (MidiUnavailableException | RuntimeException e) {
                    LOG.debug("MIDI device {} not usable: {}", info.getName(), e.toString());
                }
            }
            if (!missingLogged) {
                missingLogged = true;
                LOG.warn("MIDI output {}: no port matching \"{}\"; looking again every {} s", id(), wanted,
                        retryNanos / 1_000_000_000L);
            }
            return false;
        }

        void close() {
            if (device != null) {
                device.close();
            }
            device = null;
            receiver = null;
        }
    }
}
