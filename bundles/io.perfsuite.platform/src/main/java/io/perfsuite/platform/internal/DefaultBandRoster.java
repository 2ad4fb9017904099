// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.platform.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.band.BandRoster;
import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.Role;

/**
 * Keeps the roster of the band from the service whiteboard. Bandmates are bound dynamically and greedily, so a
 * bandmate that joins, is updated or leaves changes the roster without restarting this component or anything that
 * uses it. Readers get an immutable snapshot through one volatile reference.
 */
@Component(service = BandRoster.class, immediate = true, configurationPolicy = ConfigurationPolicy.IGNORE)
public class DefaultBandRoster implements BandRoster {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultBandRoster.class);
    private static final Comparator<Entry> ORDER = (a, b) -> b.ref.compareTo(a.ref); // highest ranking first

    private record Entry(ServiceReference<?> ref, Member member) {
    }

    private final Map<Long, Entry> entries = new TreeMap<>();
    private volatile List<Member> members = List.of();
    private volatile long generation;

    /**
     * Adds a bandmate. A bandmate whose {@code id()} or {@code role()} throws is left out and reported, so one
     * broken plugin does not keep the others out.
     *
     * @param bandmate the service
     * @param ref      its reference
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBandmate(Bandmate bandmate, ServiceReference<Bandmate> ref) {
        Bundle bundle = ref.getBundle();
        if (bundle == null) {
            return; // unregistered while being bound: an unbind follows or already happened
        }
        Member member;
        try {
            member = new Member(requireId(bandmate.id()), requireRole(bandmate.role()),
                    (Long) ref.getProperty(Constants.SERVICE_ID), bundle.getSymbolicName(),
                    bundle.getVersion().toString(), bandmate);
        } catch (RuntimeException e) {
            LOG.error("Bandmate service {} from bundle {} is left out of the band: {}",
                    ref.getProperty(Constants.SERVICE_ID), bundle.getSymbolicName(), e.toString());
            return;
        }
        synchronized (entries) {
            entries.put(member.serviceId(), new Entry(ref, member));
            publish();
        }
        LOG.info("Bandmate {} ({}) joined from {} {}", member.id(), member.role(), member.bundle(),
                member.bundleVersion());
    }

    /**
     * Takes changed service properties (ranking) into account.
     *
     * @param bandmate the service
     * @param ref      its reference
     */
    void updatedBandmate(Bandmate bandmate, ServiceReference<Bandmate> ref) {
        synchronized (entries) {
            if (entries.containsKey((Long) ref.getProperty(Constants.SERVICE_ID))) {
                publish();
            }
        }
    }

    /**
     * Removes a bandmate.
     *
     * @param bandmate the service
     * @param ref      its reference
     */
    void unbindBandmate(Bandmate bandmate, ServiceReference<Bandmate> ref) {
        Entry removed;
        synchronized (entries) {
            removed = entries.remove((Long) ref.getProperty(Constants.SERVICE_ID));
            if (removed != null) {
                publish();
            }
        }
        if (removed != null) {
            LOG.info("Bandmate {} left", removed.member.id());
        }
    }

    private void publish() {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(ORDER);
        List<Member> next = new ArrayList<>(sorted.size());
        for (Entry e : sorted) {
            next.add(e.member);
        }
        members = List.copyOf(next);
        generation++;
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Bandmate.id() returned \"" + id + "\"");
        }
        return id;
    }

    private static Role requireRole(Role role) {
        if (role == null) {
            throw new IllegalArgumentException("Bandmate.role() returned null");
        }
        return role;
    }

    @Override
    public List<Member> members() {
        return members;
    }

    @Override
    public long generation() {
        return generation;
    }
}
