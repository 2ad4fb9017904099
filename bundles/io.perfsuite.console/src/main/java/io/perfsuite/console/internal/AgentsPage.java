// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.api.band.BandRoster;
import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.context.ContextListener;
import io.perfsuite.api.output.NoteOutput;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.SessionManager;

/**
 * The Agents page: every analyser, bandmate, listener and output, and the MIDI scheduler, in one table with the
 * bundle that brought it, its state, a bandmate's style, and the timing figures the runtime measures of it: the
 * session's supervision of bandmates and listeners ({@link SessionManager#agents()}), the audio engine's compute
 * time per block of each analyser and the scheduler's timing error (from their shell reports, see
 * {@link ShellReports}). Below it, the band as the roster has it and the two engine reports as they read.
 */
@Component(service = Servlet.class, configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    "felix.webconsole.label=perfsuite-agents",
    "felix.webconsole.title=Agents",
    "felix.webconsole.category=" + ConsolePage.CATEGORY})
public class AgentsPage extends ConsolePage {

    private static final long serialVersionUID = 1L;
    private static final Pattern SERVICE_SUFFIX = Pattern.compile("#([0-9]+)$");

    /** A service as the page shows it: its id, the bundle that registered it, that bundle's state. */
    record ServiceInfo(String id, String bundle, String state, long serviceId) {
    }

    /** One row of the table; null numbers are shown as "–". */
    record Row(String kind, String id, String bundle, String state, String style, Long calls, Long misses,
            Long lastNanos, Long p50Nanos, Long p99Nanos, Long maxNanos, String note) {
    }

    /** Everything the page shows, gathered at one moment. */
    record View(List<AgentStatus> agents, List<BandRoster.Member> members, Map<String, String> styles,
            Map<String, String> listenerBundles, List<ServiceInfo> analysers, List<ServiceInfo> outputs,
            ServiceInfo scheduler, EngineReports.Audio audio, EngineReports.Midi midi, boolean shell) {
    }

    private final transient BundleContext context;
    /** Analyser ids by service id: an analyser's id is constant over its service's life. */
    private final transient Map<Long, String> analyserIds = new ConcurrentHashMap<>();
    /** The session, when one runs (references are fields: DS sets and clears them). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile SessionManager session;
    /** The band roster, when the platform runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile BandRoster roster;
    /** The engines' shell reports, when Gogo runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ShellReports shell;
    /** The metatype service, for a bandmate's default style. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile MetaTypeService metatype;

    /** @param context this bundle's context, to look at the services */
    @Activate
    public AgentsPage(BundleContext context) {
        this.context = context;
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        render(resp.getWriter(), view());
    }

    /** @return what runs now */
    View view() {
        SessionManager s = session;
        BandRoster r = roster;
        ShellReports sh = shell;
        List<BandRoster.Member> members = r == null ? null : r.members();
        List<ServiceReference<NoteScheduler>> schedulers = references(NoteScheduler.class);
        List<AgentStatus> agents = s == null ? null : s.agents();
        return new View(agents, members, members == null ? Map.of() : styles(members), listenerBundles(agents),
                analysers(), outputs(), schedulers.isEmpty() ? null : info(schedulers.get(0), "scheduler"),
                sh == null ? null : sh.audio(), sh == null ? null : sh.midi(), sh != null);
    }

    private <S> List<ServiceReference<S>> references(Class<S> type) {
        try {
            List<ServiceReference<S>> refs = new ArrayList<>(context.getServiceReferences(type, null));
            refs.sort(Collections.reverseOrder()); // highest ranking first, then oldest
            return refs;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of(); // no filter given; or this bundle is stopping
        }
    }

    private static ServiceInfo info(ServiceReference<?> ref, String id) {
        Bundle b = ref.getBundle();
        return new ServiceInfo(id, b == null ? null : b.getSymbolicName() + " " + b.getVersion(),
                b == null ? "unregistered" : PluginManager.state(b), (Long) ref.getProperty(Constants.SERVICE_ID));
    }

    private List<ServiceInfo> analysers() {
        List<ServiceInfo> out = new ArrayList<>();
        Set<Long> live = new HashSet<>();
        for (ServiceReference<Analyser> ref : references(Analyser.class)) {
            long sid = (Long) ref.getProperty(Constants.SERVICE_ID);
            live.add(sid);
            out.add(info(ref, analyserIds.computeIfAbsent(sid, x -> analyserId(ref))));
        }
        analyserIds.keySet().retainAll(live);
        return out;
    }

    /**
     * Asks an analyser its id. Analysers are prototype services: this makes an instance of our own, asks it, and
     * lets it go; done once per service, since the id never changes.
     */
    private String analyserId(ServiceReference<Analyser> ref) {
        ServiceObjects<Analyser> objects = context.getServiceObjects(ref);
        Analyser a = objects == null ? null : objects.getService();
        if (a == null) {
            return String.valueOf(ref.getProperty("component.name"));
        }
        try {
            return a.id();
        } catch (RuntimeException e) {
            return String.valueOf(ref.getProperty("component.name"));
        } finally {
            objects.ungetService(a);
        }
    }

    private List<ServiceInfo> outputs() {
        List<ServiceInfo> out = new ArrayList<>();
        for (ServiceReference<NoteOutput> ref : references(NoteOutput.class)) {
            Object id = ref.getProperty(NoteOutput.PROP_ID);
            out.add(info(ref, id == null ? "(service " + ref.getProperty(Constants.SERVICE_ID) + ")" : id.toString()));
        }
        return out;
    }

    /**
     * @return the bundle of each listener the session supervises, by agent id: the session names a listener
     *         "component name#service id", so the service is found by its id
     */
    private Map<String, String> listenerBundles(List<AgentStatus> agents) {
        Map<String, String> out = new HashMap<>();
        for (AgentStatus a : agents == null ? List.<AgentStatus>of() : agents) {
            Matcher m = SERVICE_SUFFIX.matcher(a.id());
            if (!a.kind().equals("listener") || !m.find()) {
                continue;
            }
            try {
                Collection<ServiceReference<ContextListener>> refs = context.getServiceReferences(
                        ContextListener.class, "(" + Constants.SERVICE_ID + "=" + m.group(1) + ")");
                for (ServiceReference<ContextListener> ref : refs) {
                    ServiceInfo info = info(ref, a.id());
                    out.put(a.id(), info.bundle());
                }
            } catch (InvalidSyntaxException | IllegalStateException e) {
                // digits only in the filter; or this bundle is stopping
            }
        }
        return out;
    }

    /** @return each bandmate's style: its configured "style" property, else its configuration's default */
    private Map<String, String> styles(List<BandRoster.Member> members) {
        Map<String, String> out = new HashMap<>();
        for (BandRoster.Member m : members) {
            try {
                Collection<ServiceReference<Bandmate>> refs = context.getServiceReferences(Bandmate.class,
                        "(" + Constants.SERVICE_ID + "=" + m.serviceId() + ")");
                for (ServiceReference<Bandmate> ref : refs) {
                    String style = style(ref);
                    if (style != null) {
                        out.put(m.id(), style);
                    }
                }
            } catch (InvalidSyntaxException | IllegalStateException e) {
                // a number in the filter; or this bundle is stopping
            }
        }
        return out;
    }

    private String style(ServiceReference<?> ref) {
        Object configured = ref.getProperty("style");
        if (configured != null) {
            return configured.toString();
        }
        MetaTypeService mts = metatype;
        Bundle b = ref.getBundle();
        if (mts == null || b == null) {
            return null;
        }
        MetaTypeInformation info = mts.getMetaTypeInformation(b);
        if (info == null) {
            return null;
        }
        // a component without configuration: its configuration PID is its name in this suite's bandmates
        for (String key : new String[] {"service.factoryPid", "service.pid", "component.name"}) {
            Object pid = ref.getProperty(key);
            if (pid == null) {
                continue;
            }
            try {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(pid.toString(), null);
                for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                    if (ad.getID().equals("style") && ad.getDefaultValue() != null
                            && ad.getDefaultValue().length > 0) {
                        return ad.getDefaultValue()[0] + " (default)";
                    }
                }
                return null;
            } catch (IllegalArgumentException notThisPid) {
                // try the next key
            }
        }
        return null;
    }

    /** @return the table's rows: analysers, the audio engine, bandmates, listeners, stages, outputs, scheduler */
    static List<Row> rows(View v) {
        List<Row> rows = new ArrayList<>();
        EngineReports.Audio audio = v.audio();
        boolean audioRead = audio != null && audio.state() != null;
        for (ServiceInfo a : v.analysers()) {
            EngineReports.Timing t = audioRead ? audio.timing(a.id()) : null;
            String state = a.state();
            String note;
            if (t != null && t.failure() != null) {
                state = "failed";
                note = "taken out of the chain: " + t.failure();
            } else if (t != null) {
                note = "compute per block over " + t.blocks() + " blocks (audio engine)";
            } else {
                note = audioNote(v, audio);
            }
            rows.add(new Row("analyser", a.id(), a.bundle(), state, null, t == null ? null : t.blocks(), null,
                    null, t == null ? null : EngineReports.nanos(t.p50Micros()),
                    t == null ? null : EngineReports.nanos(t.p99Micros()),
                    t == null ? null : EngineReports.nanos(t.maxMicros()), note));
        }
        if (audioRead && audio.chain() != null) {
            EngineReports.Timing c = audio.chain();
            rows.add(new Row("audio engine", "chain", null, audio.state(), null, c.blocks(), null, null,
                    EngineReports.nanos(c.p50Micros()), EngineReports.nanos(c.p99Micros()),
                    EngineReports.nanos(c.maxMicros()), "the whole chain per block, shared spectrum included"));
        }
        Map<String, BandRoster.Member> members = new HashMap<>();
        for (BandRoster.Member m : v.members() == null ? List.<BandRoster.Member>of() : v.members()) {
            members.put(m.id(), m);
        }
        Set<String> shown = new HashSet<>();
        for (AgentStatus a : v.agents() == null ? List.<AgentStatus>of() : v.agents()) {
            BandRoster.Member m = a.kind().equals("bandmate") ? members.get(a.id()) : null;
            shown.add(a.id());
            boolean measured = a.calls() > 0;
            String note = switch (a.kind()) {
                case "bandmate" -> "plan time per call; budget " + micros(a.budgetNanos()) + " µs; misses = overruns";
                case "stage" -> "a step of the session's own";
                default -> "call time; budget " + micros(a.budgetNanos()) + " µs";
            };
            if (a.faults() > 0) {
                note += "; " + a.faults() + " faults";
            }
            String bundle = m != null ? m.bundle() + " " + m.bundleVersion() : v.listenerBundles().get(a.id());
            rows.add(new Row(a.kind(), a.id(), bundle,
                    a.degraded() ? "degraded" : "active", m == null ? null : v.styles().get(a.id()), a.calls(),
                    a.overruns(), measured ? a.lastNanos() : null, measured ? a.p50Nanos() : null,
                    measured ? a.p99Nanos() : null, measured ? a.maxNanos() : null, note));
        }
        for (BandRoster.Member m : members.values()) {
            if (!shown.contains(m.id())) { // in the band, not yet supervised (no session, or it joins at a beat)
                rows.add(new Row("bandmate", m.id(), m.bundle() + " " + m.bundleVersion(), "joining",
                        v.styles().get(m.id()), null, null, null, null, null, null,
                        v.agents() == null ? "no session is running" : "not planned yet"));
            }
        }
        EngineReports.Midi midi = v.midi();
        boolean midiRead = midi != null && midi.readable();
        for (ServiceInfo o : v.outputs()) {
            String note = midiRead && midi.running() && !midi.outputs().contains(o.id())
                    ? "registered, not bound by the scheduler" : "no timing of its own: see the scheduler";
            rows.add(new Row("output", o.id(), o.bundle(), o.state(), null, null, null, null, null, null, null,
                    note));
        }
        ServiceInfo s = v.scheduler();
        if (s != null) {
            if (midiRead && midi.running()) {
                boolean timed = midi.timedEvents() > 0;
                rows.add(new Row("scheduler", "MIDI scheduler", s.bundle(), s.state(), null, midi.played(),
                        midi.late() + midi.droppedLate(), null, timed ? EngineReports.nanos(midi.p50Micros()) : null,
                        timed ? EngineReports.nanos(midi.p99Micros()) : null,
                        timed ? EngineReports.nanos(midi.maxMicros()) : null,
                        "timing error (how late events leave) over " + midi.timedEvents() + " events; misses = "
                                + "late + dropped; clock: " + midi.clock()));
            } else {
                rows.add(new Row("scheduler", "MIDI scheduler", s.bundle(), midiRead ? "stopped" : s.state(), null,
                        null, null, null, null, null, null, midi == null ? shellMissing(v)
                                : midiRead ? "the scheduler is stopped" : "its report could not be read"));
            }
        }
        return rows;
    }

    private static String audioNote(View v, EngineReports.Audio audio) {
        if (audio == null) {
            return shellMissing(v);
        }
        if (audio.state() == null) {
            return "the audio engine's report could not be read";
        }
        if (audio.state().equals("idle")) {
            return "the audio engine is idle (source: " + audio.source() + ")";
        }
        return "not in the running chain";
    }

    private static String shellMissing(View v) {
        return v.shell() ? "the engine's shell command is not there (its bundle is not running)"
                : "no figures: the engines report through the Gogo shell, which is not running";
    }

    static void render(PrintWriter w, View v) {
        w.println("<div id='perfsuite-agents'>");
        w.println("<p class='statline'>Times in microseconds, counted since each agent joined (the audio engine's "
                + "and the scheduler's since they started). <a href='perfsuite-agents'>Refresh</a></p>");
        w.println("<h3>Agents</h3>");
        if (v.agents() == null) {
            w.println("<p>No session is running: bandmates and listeners are not supervised.</p>");
        }
        w.println("<table class='nicetable' id='ps-agents'><thead><tr><th>kind</th><th>agent</th><th>bundle</th>"
                + "<th>state</th><th>style</th><th>calls</th><th>deadline misses</th><th>last</th><th>p50</th>"
                + "<th>p99</th><th>max</th><th>what is measured</th></tr></thead><tbody>");
        List<Row> rows = rows(v);
        for (Row r : rows) {
            w.println("<tr data-kind='" + attr(r.kind()) + "'><td>" + html(r.kind()) + "</td><td>" + html(r.id())
                    + "</td><td>" + html(r.bundle()) + "</td><td>" + (r.state().equals("degraded")
                            || r.state().equals("failed") ? "<b>" + html(r.state()) + "</b>" : html(r.state()))
                    + "</td><td>" + html(r.style()) + "</td><td>" + html(r.calls()) + "</td><td>" + html(r.misses())
                    + "</td><td>" + time(r.lastNanos()) + "</td><td>" + time(r.p50Nanos()) + "</td><td>"
                    + time(r.p99Nanos()) + "</td><td>" + time(r.maxNanos()) + "</td><td>" + html(r.note())
                    + "</td></tr>");
        }
        if (rows.isEmpty()) {
            w.println("<tr><td colspan='12'>No agents yet.</td></tr>");
        }
        w.println("</tbody></table>");
        w.println("<h3>Band</h3>");
        if (v.members() == null) {
            w.println("<p>No band roster (the platform is not running).</p>");
        } else {
            w.println("<table class='nicetable' id='ps-band'><thead><tr><th>bandmate</th><th>role</th>"
                    + "<th>bundle</th><th>version</th><th>style</th><th>service id</th></tr></thead><tbody>");
            for (BandRoster.Member m : v.members()) {
                w.println("<tr><td>" + html(m.id()) + "</td><td>" + html(m.role()) + "</td><td>" + html(m.bundle())
                        + "</td><td>" + html(m.bundleVersion()) + "</td><td>" + html(v.styles().get(m.id()))
                        + "</td><td>" + m.serviceId() + "</td></tr>");
            }
            if (v.members().isEmpty()) {
                w.println("<tr><td colspan='6'>Nobody is in the band.</td></tr>");
            }
            w.println("</tbody></table>");
        }
        w.println("<h3>Engine reports</h3>");
        report(w, "ps-audio-report", ShellReports.AUDIO, v.audio() == null ? null : v.audio().text(), v);
        report(w, "ps-midi-report", ShellReports.MIDI, v.midi() == null ? null : v.midi().text(), v);
        w.println("</div>");
    }

    private static void report(PrintWriter w, String id, String command, String text, View v) {
        w.println("<p><b>" + html(command) + "</b></p>");
        w.println(text == null ? "<p id='" + id + "'>" + html(shellMissing(v)) + "</p>"
                : "<pre id='" + id + "'>" + html(text) + "</pre>");
    }

    private static String time(Long nanos) {
        return nanos == null ? "&ndash;" : micros(nanos);
    }
}
