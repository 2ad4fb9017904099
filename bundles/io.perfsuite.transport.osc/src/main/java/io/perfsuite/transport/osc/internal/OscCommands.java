// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.perfsuite.transport.osc.OscEndpoint;
import io.perfsuite.transport.osc.OscStats;

/** The {@code perfsuite:osc} shell command: every endpoint with its limits and counters. */
@Component(service = OscCommands.class, configurationPolicy = ConfigurationPolicy.IGNORE,
        property = {"osgi.command.scope=perfsuite", "osgi.command.function=osc"})
public class OscCommands {

    private record Bound(OscEndpoint endpoint, Map<String, Object> properties) {
    }

    private final Map<Long, Bound> endpoints = new ConcurrentSkipListMap<>();

    /** Adds an endpoint. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEndpoint(OscEndpoint endpoint, Map<String, Object> properties) {
        endpoints.put((Long) properties.get(Constants.SERVICE_ID), new Bound(endpoint, properties));
    }

    void updatedEndpoint(OscEndpoint endpoint, Map<String, Object> properties) {
        bindEndpoint(endpoint, properties);
    }

    void unbindEndpoint(OscEndpoint endpoint, Map<String, Object> properties) {
        endpoints.remove((Long) properties.get(Constants.SERVICE_ID));
    }

    /**
     * Lists the endpoints.
     *
     * @return one block per endpoint
     */
    public String osc() {
        StringBuilder out = new StringBuilder();
        out.append("OSC endpoints: ").append(endpoints.size()).append('\n');
        for (Bound b : endpoints.values()) {
            out.append(describe(b.endpoint(), b.properties()));
        }
        return out.toString();
    }

    static String describe(OscEndpoint endpoint, Map<String, Object> p) {
        StringBuilder out = new StringBuilder();
        String where;
        try {
            where = String.valueOf(endpoint.localAddress());
        } catch (IllegalStateException closed) {
            where = "closed";
        }
        Object allowed = p.get("allowedSenders");
        out.append(String.format(Locale.ROOT, "  %-12s udp %s  allowed %s  max %s B  limit %s/s burst %s%n",
                p.get(OscEndpoint.PROP_NAME), where,
                allowed instanceof String[] a ? Arrays.toString(a) : String.valueOf(allowed),
                p.get("maxPacketSize"), p.get("rateLimit"), p.get("rateBurst")));
        OscStats s = endpoint.stats();
        out.append(String.format(Locale.ROOT, "    received %d  accepted %d  delivered %d  unhandled %d  "
                + "handler errors %d  sent %d  send errors %d%n", s.received(), s.accepted(), s.delivered(),
                s.unhandled(), s.handlerErrors(), s.sent(), s.sendErrors()));
        out.append(String.format(Locale.ROOT, "    dropped %d: disallowed %d  oversized %d  rate-limited %d  "
                + "truncated %d  malformed %d  bad type tag %d  internal %d%n", s.dropped(), s.disallowed(),
                s.oversized(), s.rateLimited(), s.truncated(), s.malformed(), s.badTypeTag(), s.internalErrors()));
        return out.toString();
    }
}
