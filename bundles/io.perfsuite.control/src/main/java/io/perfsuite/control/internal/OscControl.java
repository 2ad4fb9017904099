// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.ContextListener;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.session.SessionManager;
import io.perfsuite.transport.osc.OscHandler;
import io.perfsuite.transport.osc.OscReceived;

/**
 * The control interface over OSC: an {@link OscHandler} for the {@value ControlProtocol#ROOT} address space on the
 * endpoint named in the configuration, and a {@link ContextListener} that echoes state changes to subscribed
 * surfaces. The session is optional and dynamic: without one, requests are answered with an error instead of going
 * unanswered, and the component never restarts when the session does. Also the {@code perfsuite:control} command.
 */
@Component(configurationPid = OscControl.PID, immediate = true,
        service = {OscHandler.class, ContextListener.class},
        property = {
            OscHandler.PROP_ADDRESS + "=" + ControlProtocol.ROOT,
            ContextListener.PROP_CHANGES + "=TEMPO",
            ContextListener.PROP_CHANGES + "=BEAT",
            ContextListener.PROP_CHANGES + "=SECTION",
            ContextListener.PROP_CHANGES + "=CHORD",
            ContextListener.PROP_CHANGES + "=MODE",
            ContextListener.PROP_CHANGES + "=TRANSPORT",
            ContextListener.PROP_CHANGES + "=KEY",
            ContextListener.PROP_CHANGES + "=DYNAMICS",
            "osgi.command.scope=perfsuite",
            "osgi.command.function=control"
        })
@Designate(ocd = OscControl.Config.class)
public class OscControl implements OscHandler, ContextListener {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.control";

    private static final Logger LOG = LoggerFactory.getLogger(OscControl.class);

    /** Configuration of the OSC control interface. */
    @ObjectClassDefinition(name = "Performance Suite control interface (OSC)",
            description = "Commands and state over OSC under /perfsuite, for TouchOSC, Open Stage Control and "
                    + "scripts.")
    public @interface Config {
        /** @return the endpoint's name (also the handler's service property perfsuite.osc.endpoint) */
        @AttributeDefinition(name = "OSC endpoint", description = "Name of the OSC endpoint (a factory "
                + "configuration of io.perfsuite.transport.osc.endpoint) whose messages this interface takes.")
        String perfsuite_osc_endpoint() default "control";

        /** @return positional argument names per command */
        @AttributeDefinition(name = "Positional arguments", description = "command=name1,name2: the names "
                + "positional OSC arguments get, e.g. tempo=bpm lets /perfsuite/cmd/tempo 96 mean bpm=96.")
        // the argument names of the session's built-in commands that take one value
        String[] positional() default {"tempo=bpm", "tempo-nudge=bpm", "goto-section=name", "mute=id", "unmute=id",
            "hold=state", "count-in=bars", "select-song=index", "intensity-up=by", "intensity-down=by",
            "degrade=level"};

        /** @return the port answers go to */
        @AttributeDefinition(name = "Reply port", min = "0", max = "65535", description = "0: answer to the port "
                + "the request came from (Open Stage Control, scripts); otherwise answer to this port of the "
                + "sender's address (for surfaces that listen on a fixed port, such as TouchOSC's incoming port).")
        int replyPort() default 0;

        /** @return the most subscribed surfaces */
        @AttributeDefinition(name = "Max subscribers", min = "1", description = "Surfaces that may subscribe to "
                + "state at once; the oldest subscription goes when another comes.")
        int maxSubscribers() default 8;
    }

    private final AtomicReference<SessionManager> session = new AtomicReference<>();
    private volatile StatePublisher publisher;
    private volatile ControlProtocol protocol;
    private volatile String endpointName = "";

    @Activate
    void activate(Config config) {
        StatePublisher p = new StatePublisher(config.maxSubscribers());
        publisher = p;
        protocol = new ControlProtocol(session::get, p, settings(config));
        endpointName = config.perfsuite_osc_endpoint();
    }

    @Modified
    void modified(Config config) {
        publisher.maxSubscribers(config.maxSubscribers());
        protocol.settings(settings(config));
        endpointName = config.perfsuite_osc_endpoint();
    }

    @Deactivate
    void deactivate() {
        protocol = null;
        StatePublisher p = publisher;
        publisher = null;
        if (p != null) {
            p.close();
        }
    }

    /** Takes the session. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSession(SessionManager s) {
        session.set(s);
    }

    void unbindSession(SessionManager s) {
        session.compareAndSet(s, null); // a greedy replacement binds the new one first
    }

    @Override
    public void handle(OscReceived received) {
        ControlProtocol p = protocol;
        if (p != null) {
            p.handle(received);
        }
    }

    @Override
    public void contextChanged(MusicalContext context, Set<ContextChange> changes) {
        StatePublisher p = publisher;
        if (p != null) {
            p.contextChanged(context, changes);
        }
    }

    static ControlProtocol.Settings settings(Config c) {
        return new ControlProtocol.Settings(positional(c.positional()), c.replyPort());
    }

    /**
     * @param entries "command=name1,name2" entries
     * @return the names by command; malformed entries are logged and left out
     */
    static Map<String, List<String>> positional(String[] entries) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            int eq = entry.indexOf('=');
            List<String> names = eq < 0 ? List.of() : Arrays.stream(entry.substring(eq + 1).split(","))
                    .map(String::trim).filter(n -> !n.isEmpty()).toList();
            if (eq <= 0 || names.isEmpty()) {
                LOG.warn("positional argument entry \"{}\" ignored: write command=name1,name2", entry);
                continue;
            }
            out.put(entry.substring(0, eq).trim(), names);
        }
        return out;
    }

    /** @return the protocol, for tests */
    ControlProtocol protocol() {
        return protocol;
    }

    /**
     * The {@code perfsuite:control} command: the OSC interface's counters and subscribers.
     *
     * @return a report
     */
    public String control() {
        ControlProtocol p = protocol;
        StatePublisher s = publisher;
        if (p == null || s == null) {
            return "Control interface inactive\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "OSC control on endpoint '%s', address space %s, session %s%n",
                endpointName, ControlProtocol.ROOT, session.get() == null ? "ABSENT" : "bound"));
        out.append("  ").append(String.join(", ", p.describe())).append('\n');
        out.append(String.format(Locale.ROOT, "  state: %d subscribers, %d change sets, %d messages sent, "
                + "%d failed%n", s.subscribers().size(), s.changesSent(), s.sent(), s.failed()));
        for (StatePublisher.Subscriber sub : s.subscribers()) {
            String via;
            try {
                via = sub.endpoint().name();
            } catch (IllegalStateException closed) {
                via = "a closed endpoint";
            }
            out.append("    subscriber ").append(sub.address()).append(" via ").append(via).append('\n');
        }
        return out.toString();
    }
}
