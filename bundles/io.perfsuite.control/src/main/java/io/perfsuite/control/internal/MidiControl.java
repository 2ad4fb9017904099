// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.session.SessionManager;

/**
 * The control interface over MIDI: a controller (a foot switch, a pad, a keyboard) chosen by name, whose messages
 * are mapped to session commands by configuration. The device is watched: connected when it appears, let go when it
 * is unplugged, taken again when it comes back. Also the {@code perfsuite:midi} command.
 */
@Component(configurationPid = MidiControl.PID, immediate = true, service = MidiControl.class,
        property = {"osgi.command.scope=perfsuite", "osgi.command.function=midi"})
@Designate(ocd = MidiControl.Config.class)
public class MidiControl {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.control.midi";

    private static final Logger LOG = LoggerFactory.getLogger(MidiControl.class);

    /** Configuration of the MIDI control interface. */
    @ObjectClassDefinition(name = "Performance Suite control interface (MIDI)",
            description = "A MIDI controller mapped to commands: foot switches, pads, a keyboard.")
    public @interface Config {
        /** @return part of the device's name */
        @AttributeDefinition(name = "Device", required = false, description = "Part of the MIDI input's name or "
                + "description (case-insensitive); empty: MIDI control off. A device that is not there is "
                + "looked for again periodically.")
        String device() default "";

        /** @return the channel */
        @AttributeDefinition(name = "Channel", min = "0", max = "16",
                description = "The only MIDI channel listened to (1-16); 0: all channels.")
        int channel() default 0;

        /** @return the mappings */
        @AttributeDefinition(name = "Mappings", description = "[chN:]kind:number[:value]=command [key=value ...], "
                + "kind note, cc or pc; e.g. note:60=next-section, cc:64:127=fill, pc:3=goto-section name=chorus. "
                + "The default suits a four-switch foot controller sending CC 80-83.")
        String[] mappings() default {"cc:80=next-section", "cc:81=fill", "cc:82=tap-tempo", "cc:83=ending"};

        /** @return seconds between device checks */
        @AttributeDefinition(name = "Device check interval (s)", min = "1",
                description = "How often the device list is checked for the controller coming or going.")
        int rescanSeconds() default 5;
    }

    private final AtomicReference<SessionManager> session = new AtomicReference<>();
    private final MidiMapper mapper = new MidiMapper(session::get, MidiMapping.parse(new String[0]), 0);
    private ScheduledExecutorService watchThread; // guarded by this
    private MidiInputWatcher watcher; // guarded by this
    private volatile String device = "";
    private int rescanSeconds; // guarded by this

    @Activate
    synchronized void activate(Config config) {
        configure(config);
    }

    @Modified
    synchronized void modified(Config config) {
        configure(config);
    }

    @Deactivate
    synchronized void deactivate() {
        stopWatching();
    }

    private void configure(Config config) {
        MidiMapping mapping = MidiMapping.parse(config.mappings());
        for (String error : mapping.errors()) {
            LOG.warn("MIDI mapping ignored: {}", error);
        }
        mapper.configure(mapping, config.channel());
        String wanted = config.device() == null ? "" : config.device().trim();
        int every = Math.max(1, config.rescanSeconds());
        if (wanted.equals(device) && every == rescanSeconds && (watcher != null || wanted.isEmpty())) {
            return; // same device, same watch: the new mapping is enough
        }
        stopWatching();
        device = wanted;
        rescanSeconds = every;
        if (wanted.isEmpty()) {
            LOG.info("MIDI control off (no device configured)");
            return;
        }
        watcher = new MidiInputWatcher(wanted, mapper, MidiInputWatcher.SYSTEM);
        // JavaSound's device enumeration may block: it runs here, on a thread of its own, never in activate
        watchThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perfsuite-midi-watch");
            t.setDaemon(true);
            return t;
        });
        MidiInputWatcher w = watcher;
        watchThread.scheduleWithFixedDelay(w::check, 0, every, TimeUnit.SECONDS);
    }

    private void stopWatching() {
        if (watchThread != null) {
            watchThread.shutdownNow();
            watchThread = null;
        }
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    /** Takes the session. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSession(SessionManager s) {
        session.set(s);
    }

    void unbindSession(SessionManager s) {
        session.compareAndSet(s, null);
    }

    /** @return the mapper, for tests */
    MidiMapper mapper() {
        return mapper;
    }

    /** @return the watcher, or null when MIDI control is off; for tests */
    synchronized MidiInputWatcher watcher() {
        return watcher;
    }

    /**
     * The {@code perfsuite:midi} command: the device, the mappings and the counters.
     *
     * @return a report
     */
    public String midi() {
        StringBuilder out = new StringBuilder();
        MidiInputWatcher w = watcher();
        out.append(String.format(Locale.ROOT, "MIDI control: %s, session %s%n",
                w == null ? "off (no device configured)" : w.state(), session.get() == null ? "ABSENT" : "bound"));
        for (MidiMapping.Rule r : mapper.mapping().rules()) {
            out.append("  ").append(r.line()).append('\n');
        }
        for (String e : mapper.mapping().errors()) {
            out.append("  IGNORED ").append(e).append('\n');
        }
        out.append("  ").append(String.join(", ", mapper.describe())).append('\n');
        return out.toString();
    }
}
