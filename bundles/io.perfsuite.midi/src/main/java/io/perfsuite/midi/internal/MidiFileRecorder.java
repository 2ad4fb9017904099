// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Hashtable;
import java.util.Map;

import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;

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
 * Records what the band plays to Standard MIDI Files (PID {@value #PID}; off until configured): one track per
 * bandmate. A take ends, and its file is written, when the band stops (all notes off), on request
 * ({@code perfsuite:midiout save}) and when the recorder stops. Files are written on the recorder's own thread,
 * never on the scheduler thread.
 *
 * <p><b>Threading:</b> see {@link HandOffOutput}; {@link #requestSave} from any thread.
 */
@Component(configurationPid = MidiFileRecorder.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = MidiFileRecorder.class, immediate = true)
@Designate(ocd = MidiFileRecorder.Config.class)
public class MidiFileRecorder {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.midi.file";

    private static final Logger LOG = LoggerFactory.getLogger(MidiFileRecorder.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** Configuration of the recorder. */
    @ObjectClassDefinition(name = "Performance Suite MIDI file recorder",
            description = "Writes what the band plays to Standard MIDI Files, one track per bandmate.")
    public @interface Config {
        /** @return the file pattern */
        @AttributeDefinition(name = "File", required = false, description = "Path of the files; {timestamp} is "
                + "replaced by the take's end time. Empty: <perfsuite.home>/recordings/session-{timestamp}.mid.")
        String file() default "";

        /** @return whether a stop ends a take */
        @AttributeDefinition(name = "New file at each stop", description = "Off: one file until the recorder stops.")
        boolean splitOnStop() default true;
    }

    private Worker worker;
    private ServiceRegistration<NoteOutput> registration;

    @Activate
    void activate(BundleContext context, Config config) {
        worker = new Worker("file", pattern(context, config.file()), config.splitOnStop());
        worker.start();
        registration = context.registerService(NoteOutput.class, worker,
                new Hashtable<>(Map.of(NoteOutput.PROP_ID, "file")));
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (worker != null) {
            worker.stop();
            worker.save(); // the worker has ended: this thread owns the recording now
            worker = null;
        }
    }

    /** Asks for the current take to be written (within about 100 ms, on the recorder's thread). */
    public void requestSave() {
        Worker w = worker;
        if (w != null) {
            w.saveRequested = true;
        }
    }

    /** @return the last file written, or null */
    public Path lastFile() {
        Worker w = worker;
        return w == null ? null : w.lastFile;
    }

    static String pattern(BundleContext context, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String home = context == null ? null : context.getProperty("perfsuite.home");
        if (home == null || home.isBlank()) {
            home = System.getProperty("perfsuite.home", System.getProperty("user.home") + "/.perfsuite");
        }
        return Path.of(home, "recordings", "session-{timestamp}.mid").toString();
    }

    /** The recording, kept and written on the worker thread. */
    static final class Worker extends HandOffOutput {
        private final String pattern;
        private final boolean splitOnStop;
        private final MidiRecording recording = new MidiRecording();
        volatile boolean saveRequested;
        volatile Path lastFile;

        Worker(String id, String pattern, boolean splitOnStop) {
            super(id, 1 << 16);
            this.pattern = pattern;
            this.splitOnStop = splitOnStop;
        }

        @Override
        void deliver(int kind, long nanoTime, int ch, int d1, int d2, String who) {
            recording.event(kind, nanoTime, ch, d1, d2, who);
            if (kind == ALL_OFF && splitOnStop && !recording.isEmpty()) {
                save();
            }
        }

        @Override
        void idle() {
            if (saveRequested) {
                saveRequested = false;
                save();
            }
        }

        /** Writes the take, if it has notes, and starts a new one. */
        void save() {
            Sequence s = recording.finish();
            if (s == null) {
                return;
            }
            Path file = Path.of(pattern.replace("{timestamp}", LocalDateTime.now().format(STAMP)));
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                MidiSystem.write(s, 1, file.toFile());
                lastFile = file;
                LOG.info("MIDI recording written: {}", file);
            } catch (IOException | RuntimeException e) {
                LOG.error("MIDI recording not written to {}: {}", file, e.toString());
            }
        }
    }
}
