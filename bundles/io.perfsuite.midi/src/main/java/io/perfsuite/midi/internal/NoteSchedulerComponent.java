// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.Locale;

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

import io.perfsuite.api.output.NoteOutput;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.api.session.SessionManager;
import io.perfsuite.midi.SchedulerStatus;

/**
 * The {@link NoteScheduler} service: a {@link MidiScheduler} configured by PID {@value #PID}, fed with the
 * session's newest context and calling the whiteboard of {@link NoteOutput} services. Also the
 * {@code perfsuite:midiout} shell command ({@code perfsuite:midi} belongs to the control interface's MIDI input).
 *
 * <p><b>Threading:</b> the NoteScheduler methods on the session thread (forwarded without locking); DS callbacks
 * on the framework's threads, serialised by this object's monitor.
 */
@Component(configurationPid = NoteSchedulerComponent.PID, service = {NoteScheduler.class, SchedulerStatus.class,
        NoteSchedulerComponent.class}, immediate = true,
        property = {"osgi.command.scope=perfsuite", "osgi.command.function=midiout"})
@Designate(ocd = NoteSchedulerComponent.Config.class)
public class NoteSchedulerComponent implements NoteScheduler, SchedulerStatus {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.midi";

    private static final Logger LOG = LoggerFactory.getLogger(NoteSchedulerComponent.class);

    /** Configuration of the scheduler. */
    @ObjectClassDefinition(name = "Performance Suite MIDI scheduler",
            description = "Plays the bandmates' notes at their musical time through every note output.")
    public @interface Config {
        /** @return the channel map */
        @AttributeDefinition(name = "Channels and programs", required = false,
                description = "Entries bandmateId=channel:program, channel 0..15 (9 is GM drums), program 0..127, "
                        + "e.g. keys-2=2:4. Applied live.")
        String[] channels() default {};

        /** @return whether ids fall back to the defaults by prefix */
        @AttributeDefinition(name = "Defaults by id prefix", description = "Bandmates not listed take a channel "
                + "by id prefix: drums/perc/click/metronome 9:0, bass 1:33, keys/piano 0:0, guitar 3:25, pad 4:89, "
                + "strings 5:48, lead 6:81. Off: only listed bandmates play.")
        boolean prefixDefaults() default true;

        /** @return late tolerance */
        @AttributeDefinition(name = "Late tolerance (ms)", min = "1", max = "1000",
                description = "A note-on later than this is dropped and counted; note-offs are always sent.")
        double lateToleranceMillis() default 20;

        /** @return spin window */
        @AttributeDefinition(name = "Spin window (µs)", min = "0", max = "5000",
                description = "The thread parks until this long before an event, then spins to it. Longer absorbs "
                        + "slower wake-ups but costs CPU, and on a saturated machine gets the thread preempted.")
        int spinMicros() default 100;

        /** @return the scheduler thread's time slice */
        @AttributeDefinition(name = "Time slice (µs)", min = "0", max = "100000",
                description = "On Linux 6.12 or later with Java 22 or later: the time slice asked for the scheduler "
                        + "thread (no privilege needed). Short, it preempts busy threads at once when it wakes. "
                        + "0 (the default): the kernel's default. Experimental: on JDK 25 it held the thread up "
                        + "for tens of milliseconds under load in tests.")
        int sliceMicros() default 0;

        /** @return the scheduler thread's real-time priority */
        @AttributeDefinition(name = "Real-time priority", min = "0", max = "49",
                description = "Linux: run the scheduler thread under the real-time policy SCHED_RR at this priority "
                        + "(1-49), as JACK runs its audio threads, so busy programs cannot delay it. Needs root, "
                        + "CAP_SYS_NICE or an rtprio limit (the audio group's on most Linux audio set-ups); without "
                        + "it the thread stays normal and the status and log say why. 0: a normal thread.")
        int realtimePriority() default 20;

        /** @return event capacity */
        @AttributeDefinition(name = "Event capacity", min = "16",
                description = "Pending events held at once (a note is two); more are dropped and counted.")
        int eventCapacity() default 8192;

        /** @return command capacity */
        @AttributeDefinition(name = "Hand-over capacity", min = "16",
                description = "Calls from the session waiting for the scheduler thread.")
        int commandCapacity() default 4096;

        /** @return bandmates */
        @AttributeDefinition(name = "Most bandmates", min = "1", max = "64", description = "Bandmates the "
                + "scheduler keeps a channel and note counts for; more are refused (read at activation).")
        int maxBandmates() default 32;
    }

    private volatile MidiScheduler scheduler;
    private volatile SessionManager session;
    private volatile MidiFileRecorder recorder;
    private final java.util.List<NoteOutput> outputs = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    synchronized void activate(Config config) {
        MidiScheduler s = new MidiScheduler(settings(config), channelMap(config));
        SessionManager sm = session;
        s.contextSource(sm == null ? null : sm::context);
        outputs.forEach(s::addOutput);
        s.start();
        scheduler = s;
        LOG.info("MIDI scheduler started: {}", s.channelMap());
    }

    @Modified
    synchronized void modified(Config config) {
        MidiScheduler s = scheduler;
        if (s != null && s.settings().equals(settings(config))) {
            s.channelMap(channelMap(config)); // live: no note is cut
            return;
        }
        deactivate();
        activate(config);
    }

    @Deactivate
    synchronized void deactivate() {
        MidiScheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            s.stop(); // its thread ends every sounding note on every output before it exits
        }
    }

    private static MidiScheduler.Settings settings(Config c) {
        MidiScheduler.Settings d = MidiScheduler.Settings.defaults();
        return new MidiScheduler.Settings(c.commandCapacity(), c.eventCapacity(), c.maxBandmates(),
                Math.round(c.lateToleranceMillis() * 1e6), c.spinMicros() * 1000L, d.maxParkNanos(), d.minBeat(),
                d.maxDurationBeats(), c.sliceMicros() * 1000L, c.realtimePriority());
    }

    private static ChannelMap channelMap(Config c) {
        try {
            return ChannelMap.parse(c.channels(), c.prefixDefaults());
        } catch (IllegalArgumentException e) {
            LOG.error("MIDI channel map ignored, defaults by prefix used: {}", e.getMessage());
            return ChannelMap.parse(new String[0], true);
        }
    }

    /** The session came: its context drives the beat to time conversion. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindSession")
    synchronized void bindSession(SessionManager s) {
        session = s;
        MidiScheduler m = scheduler;
        if (m != null) {
            m.contextSource(s::context);
        }
    }

    synchronized void unbindSession(SessionManager s) {
        if (session == s) {
            session = null;
            MidiScheduler m = scheduler;
            if (m != null) {
                m.contextSource(null);
                m.releaseAllFromAnyThread(); // without a clock nothing can be timed; not the producer thread
            }
        }
    }

    /** An output came: it gets every event from now on. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindOutput")
    synchronized void bindOutput(NoteOutput output) {
        outputs.add(output);
        MidiScheduler s = scheduler;
        if (s != null) {
            s.addOutput(output);
        }
    }

    /** An output left: every note it sounds is ended before it goes. */
    synchronized void unbindOutput(NoteOutput output) {
        outputs.remove(output);
        MidiScheduler s = scheduler;
        if (s != null) {
            s.removeOutput(output);
        }
    }

    /** The recorder, when one is configured: for {@code perfsuite:midiout save}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindRecorder")
    void bindRecorder(MidiFileRecorder r) {
        recorder = r;
    }

    void unbindRecorder(MidiFileRecorder r) {
        if (recorder == r) {
            recorder = null;
        }
    }

    /**
     * {@code perfsuite:midiout save}: writes the recorder's current take now.
     *
     * @param action "save"
     * @return what happened
     */
    public String midiout(String action) {
        if (!"save".equals(action)) {
            return "usage: perfsuite:midiout [save]\n";
        }
        MidiFileRecorder r = recorder;
        if (r == null) {
            return "no MIDI file recorder configured (PID " + MidiFileRecorder.PID + ")\n";
        }
        r.requestSave();
        return "the current take will be written within 100 ms (last file: " + r.lastFile() + ")\n";
    }

    @Override
    public void note(String bandmateId, double beat, int note, int velocity, double durationBeats) {
        MidiScheduler s = scheduler;
        if (s != null) {
            s.note(bandmateId, beat, note, velocity, durationBeats);
        }
    }

    @Override
    public void control(String bandmateId, double beat, int controller, int value) {
        MidiScheduler s = scheduler;
        if (s != null) {
            s.control(bandmateId, beat, controller, value);
        }
    }

    @Override
    public void release(String bandmateId) {
        MidiScheduler s = scheduler;
        if (s != null) {
            s.release(bandmateId);
        }
    }

    @Override
    public void releaseAll() {
        MidiScheduler s = scheduler;
        if (s != null) {
            s.releaseAll();
        }
    }

    @Override
    public Snapshot status() {
        MidiScheduler s = scheduler;
        if (s == null) {
            return new Snapshot(false, "none, notes wait", java.util.List.of(), 0, 0, 0, 0, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
        }
        MidiScheduler.Stats st = s.stats();
        return new Snapshot(true, session == null ? "none, notes wait" : "session", s.outputs(), st.played(),
                st.late(), st.droppedLate(), st.timedEvents(), st.p50Micros(), st.p99Micros(), st.p999Micros(),
                st.maxMicros());
    }

    /**
     * The {@code perfsuite:midiout} command: outputs, channel map, counters and timing.
     *
     * @return a report
     */
    public String midiout() {
        MidiScheduler s = scheduler;
        if (s == null) {
            return "MIDI scheduler stopped\n";
        }
        MidiScheduler.Stats st = s.stats();
        StringBuilder out = new StringBuilder();
        out.append("MIDI scheduler (clock: ").append(session == null ? "none, notes wait" : "session").append(")\n");
        out.append("  outputs:   ").append(s.outputs().isEmpty() ? "(none)" : String.join(", ", s.outputs()))
                .append('\n');
        out.append("  channels:  ").append(s.channelMap()).append('\n');
        out.append("  bandmates: ").append(s.routes().isEmpty() ? "(none yet)" : String.join(", ", s.routes()))
                .append('\n');
        out.append(String.format(Locale.ROOT, "  scheduled %d, played %d, late %d, dropped (late) %d, released %d, "
                + "overflow %d, rejected %d, output faults %d%n", st.scheduled(), st.played(), st.late(),
                st.droppedLate(), st.released(), st.overflow(), st.rejected(), st.outputFailures()));
        out.append(String.format(Locale.ROOT, "  pending %d, sounding notes %d%n", st.pending(), st.sounding()));
        out.append("  thread: ").append(s.policy()).append("; time slice: ").append(s.slice()).append('\n');
        out.append(String.format(Locale.ROOT, "  timing error over %d events: p50 %.1f µs, p99 %.1f µs, "
                + "p99.9 %.1f µs, max %.1f µs%n", st.timedEvents(), st.p50Micros(), st.p99Micros(), st.p999Micros(),
                st.maxMicros()));
        return out.toString();
    }
}
