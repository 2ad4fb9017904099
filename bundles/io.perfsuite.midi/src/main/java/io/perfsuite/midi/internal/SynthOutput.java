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
        @AttributeDefinition(name = "Output id")
        String id() default "synth";
    }

    private Worker worker;
    private ServiceRegistration<NoteOutput> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        if (!config.enabled()) {
            return;
        }
        worker = new Worker(config.id(), Soundfonts.choose(config.soundfont()));
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
        private final ShortMessage message = new ShortMessage();
        private Synthesizer synth;
        private Receiver receiver;
        private boolean unavailable;

        Worker(String id, Path soundfont) {
            super(id, 4096);
            this.soundfont = soundfont;
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
                        for (int c = 0; c < 16; c++) {
                            message.setMessage(ShortMessage.CONTROL_CHANGE, c, 123, 0);
                            receiver.send(message, -1);
                        }
                        return;
                    }
                }
                receiver.send(message, -1);
            } catch (InvalidMidiDataException e) {
                // values are checked by the scheduler; nothing to send
            }
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
}
