// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.illposed.osc.OSCPacket;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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

import io.perfsuite.transport.osc.OscEndpoint;
import io.perfsuite.transport.osc.OscHandler;
import io.perfsuite.transport.osc.OscMessage;
import io.perfsuite.transport.osc.OscStats;

/**
 * One OSC endpoint per factory configuration (factory PID {@value #FACTORY_PID}), registered as an
 * {@link OscEndpoint} service with the configuration as its properties. The {@link OscHandler} whiteboard is bound
 * dynamically: handlers come and go without touching the socket. A configuration change that keeps the host, port
 * and buffer applies to the next packet; one that moves the socket rebinds it (the counters carry on).
 */
@Component(configurationPid = OscEndpointComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = OscEndpoint.class, immediate = true) // the socket opens with the configuration, not on first use
@Designate(ocd = OscEndpointComponent.Config.class, factory = true)
public class OscEndpointComponent implements OscEndpoint {

    /** Factory PID of the endpoint configurations. */
    public static final String FACTORY_PID = "io.perfsuite.transport.osc.endpoint";

    private static final Logger LOG = LoggerFactory.getLogger(OscEndpointComponent.class);

    /** Configuration of one endpoint. */
    @ObjectClassDefinition(name = "Performance Suite OSC endpoint",
            description = "A UDP socket that receives and sends OSC. Safe by default: bound to 127.0.0.1 and only "
                    + "accepting packets from 127.0.0.1; open it to a control surface on the network by changing "
                    + "the bind host and the allowed senders together.")
    public @interface Config {
        /** @return the name handlers and consumers select the endpoint by */
        @AttributeDefinition(name = "Name", description = "Handlers name the endpoint they want by this "
                + "(service property perfsuite.osc.endpoint); \"control\" is the one the control interface uses.")
        String name() default "control";

        /** @return the address to bind */
        @AttributeDefinition(name = "Bind host", description = "Address of the local interface to listen on: "
                + "127.0.0.1 (this machine only), an interface's address, or 0.0.0.0 (all interfaces).")
        String bindHost() default "127.0.0.1";

        /** @return the UDP port */
        @AttributeDefinition(name = "Port", min = "0", max = "65535",
                description = "UDP port to listen on (9000 for the control surface); 0 picks a free port.")
        int port() default 9000;

        /** @return who may send */
        @AttributeDefinition(name = "Allowed senders", description = "Addresses (192.168.1.20, ::1), ranges "
                + "(192.168.1.0/24) or host names (resolved when the configuration is applied) that may send; "
                + "* for anyone. Packets from anyone else are dropped unread and counted.")
        String[] allowedSenders() default {"127.0.0.1"};

        /** @return the largest packet accepted */
        @AttributeDefinition(name = "Max packet size (bytes)", min = "16", max = "65507",
                description = "Larger datagrams are dropped unread and counted.")
        int maxPacketSize() default 8192;

        /** @return packets per second per sender */
        @AttributeDefinition(name = "Rate limit (packets/s per sender)", min = "0", description = "Token bucket "
                + "per sender host: packets beyond the rate are dropped and counted, so one flooding device cannot "
                + "starve the others. 0: no limit.")
        int rateLimit() default 1000;

        /** @return the burst */
        @AttributeDefinition(name = "Burst (packets per sender)", min = "1",
                description = "Packets a sender may send at once after a pause (a fader sweep, a bundle of cues).")
        int rateBurst() default 200;

        /** @return the error address */
        @AttributeDefinition(name = "Error reply address", required = false, description = "OSC address that "
                + "answers an allowed sender's oversized or undecodable packet with (\"\", reason), e.g. "
                + "/perfsuite/error; empty: drop silently. Disallowed and rate-limited senders are never answered.")
        String errorReply() default "";

        /** @return SO_RCVBUF */
        @AttributeDefinition(name = "Socket receive buffer (bytes)", min = "0",
                description = "Kernel buffer for packets waiting to be read; 0 keeps the system's default.")
        int receiveBuffer() default 1048576;
    }

    private final Counters counters = new Counters();
    private final Map<OscHandler, Map<String, Object>> handlers = new LinkedHashMap<>(); // guarded by this
    private volatile UdpEndpoint endpoint;

    // activate, modified, deactivate and the handler bind methods share the monitor, so a handler bound during a
    // rebind lands in the new socket's routes. They are public so that other modules' unit tests can drive a real
    // endpoint without a framework: the package is not exported, so no bundle can call them.

    @Activate
    public synchronized void activate(Config config) throws IOException {
        EndpointSettings s = settings(config);
        endpoint = open(s);
        routeHandlers();
        LOG.info("OSC endpoint '{}' listening on {}, allowed senders {}", s.name(), endpoint.localAddress(),
                s.allowList());
        warnUnresolved(s);
    }

    @Modified
    public synchronized void modified(Config config) throws IOException {
        EndpointSettings s = settings(config);
        UdpEndpoint current = endpoint;
        if (current != null && current.settings().sameSocket(s)) {
            current.update(s);
        } else {
            if (current != null) {
                current.close();
            }
            endpoint = null;
            endpoint = open(s);
            LOG.info("OSC endpoint '{}' now listening on {}", s.name(), endpoint.localAddress());
        }
        routeHandlers();
        warnUnresolved(s);
    }

    private UdpEndpoint open(EndpointSettings s) throws IOException {
        try {
            return UdpEndpoint.open(s, this, counters);
        } catch (IOException | RuntimeException e) { // say which endpoint and where: SCR's own message says neither
            LOG.error("OSC endpoint '{}' cannot listen on {}:{}: {}", s.name(), s.bindHost(), s.port(), e.toString());
            throw e;
        }
    }

    @Deactivate
    public synchronized void deactivate() {
        UdpEndpoint current = endpoint;
        endpoint = null;
        if (current != null) {
            current.close();
        }
    }

    /** Adds a handler from the whiteboard. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public synchronized void bindHandler(OscHandler handler, Map<String, Object> properties) {
        handlers.put(handler, properties);
        routeHandlers();
    }

    synchronized void updatedHandler(OscHandler handler, Map<String, Object> properties) {
        handlers.put(handler, properties);
        routeHandlers();
    }

    public synchronized void unbindHandler(OscHandler handler) {
        handlers.remove(handler);
        routeHandlers();
    }

    private void routeHandlers() {
        UdpEndpoint current = endpoint;
        if (current == null) {
            return;
        }
        current.routes(routes(current.settings().name(), handlers));
    }

    /**
     * Selects the handlers that want an endpoint.
     *
     * @param endpointName the endpoint's name
     * @param handlers     handlers with their service properties
     * @return the routes, in binding order
     */
    static List<UdpEndpoint.Route> routes(String endpointName, Map<OscHandler, Map<String, Object>> handlers) {
        List<UdpEndpoint.Route> routes = new ArrayList<>();
        for (Map.Entry<OscHandler, Map<String, Object>> e : handlers.entrySet()) {
            List<String> endpoints = strings(e.getValue().get(OscHandler.PROP_ENDPOINT));
            if (!endpoints.isEmpty() && !endpoints.contains(endpointName)) {
                continue;
            }
            List<String> prefixes = strings(e.getValue().get(OscHandler.PROP_ADDRESS));
            if (prefixes.isEmpty()) {
                prefixes = List.of("/");
            }
            if (prefixes.stream().anyMatch(p -> !p.startsWith("/"))) {
                LOG.warn("OSC handler {} ignored: its {} {} must start with '/'", e.getKey().getClass().getName(),
                        OscHandler.PROP_ADDRESS, prefixes);
                continue;
            }
            routes.add(new UdpEndpoint.Route(prefixes, e.getKey()));
        }
        return routes;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            out.add(s.trim());
        } else if (value instanceof String[] array) {
            for (String s : array) {
                out.add(s.trim());
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o).trim());
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    /**
     * Checks a configuration. Host names in the allow-list are resolved here, so a slow DNS delays the activation:
     * addresses and ranges never touch it.
     *
     * @param c the configuration
     * @return the settings
     * @throws IllegalArgumentException if a value is wrong (the message says which)
     */
    static EndpointSettings settings(Config c) {
        return new EndpointSettings(c.name(), c.bindHost(), c.port(),
                AllowList.parse(c.allowedSenders(), InetAddress::getAllByName), c.maxPacketSize(), c.rateLimit(),
                c.rateBurst(), c.receiveBuffer(), c.errorReply());
    }

    private static void warnUnresolved(EndpointSettings s) {
        if (!s.allowList().unresolved().isEmpty()) {
            LOG.warn("OSC endpoint '{}': allowed senders {} do not resolve and allow no one", s.name(),
                    s.allowList().unresolved());
        }
    }

    /** @return the socket behind the service, for tests that feed packets directly */
    UdpEndpoint socket() {
        return open();
    }

    private UdpEndpoint open() {
        UdpEndpoint current = endpoint;
        if (current == null) {
            throw new IllegalStateException("OSC endpoint is closed");
        }
        return current;
    }

    @Override
    public String name() {
        return open().settings().name();
    }

    @Override
    public InetSocketAddress localAddress() {
        return open().localAddress();
    }

    @Override
    public boolean send(SocketAddress to, OscMessage message) {
        return open().send(to, message);
    }

    @Override
    public boolean send(SocketAddress to, OSCPacket packet) {
        return open().send(to, packet);
    }

    @Override
    public OscStats stats() {
        return counters.snapshot();
    }
}
