// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;

import io.perfsuite.api.band.BandRoster;
import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.NoteSink;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.MusicalContext;

/**
 * Runs the roster against the service registry of a real, embedded Felix framework, calling the bind, updated and
 * unbind methods the way Declarative Services does.
 */
class DefaultBandRosterTest {

    private static final String SYSTEM_BUNDLE = "org.apache.felix.framework";

    @TempDir
    Path storage;

    private Framework framework;
    private BundleContext context;
    private DefaultBandRoster roster;
    private final List<ServiceRegistration<Bandmate>> registrations = new ArrayList<>();

    /** A bandmate that plays nothing. */
    private static final class TestBandmate implements Bandmate {
        private final Supplier<String> id;
        private final Supplier<Role> role;

        TestBandmate(String id, Role role) {
            this(() -> id, () -> role);
        }

        TestBandmate(Supplier<String> id, Supplier<Role> role) {
            this.id = id;
            this.role = role;
        }

        @Override
        public String id() {
            return id.get();
        }

        @Override
        public Role role() {
            return role.get();
        }

        @Override
        public void plan(MusicalContext musicalContext, double fromBeat, double toBeat, NoteSink out) {
            // silent
        }
    }

    @BeforeEach
    void startFramework() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.init();
        framework.start();
        context = framework.getBundleContext();
        assertNotNull(context);
        roster = new DefaultBandRoster();
    }

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(5000);
        }
    }

    private ServiceRegistration<Bandmate> register(Bandmate bandmate, Integer ranking) {
        Dictionary<String, Object> props = new Hashtable<>();
        if (ranking != null) {
            props.put(Constants.SERVICE_RANKING, ranking);
        }
        ServiceRegistration<Bandmate> reg = context.registerService(Bandmate.class, bandmate, props);
        registrations.add(reg);
        return reg;
    }

    /** Registers a bandmate and binds it to the roster as DS would. */
    private ServiceRegistration<Bandmate> join(Bandmate bandmate, Integer ranking) {
        ServiceRegistration<Bandmate> reg = register(bandmate, ranking);
        ServiceReference<Bandmate> ref = reg.getReference();
        Bandmate service = context.getService(ref);
        assertSame(bandmate, service);
        roster.bindBandmate(service, ref);
        return reg;
    }

    /** Unbinds a bandmate from the roster as DS does, while the service is unregistering, then unregisters it. */
    private void leave(ServiceRegistration<Bandmate> reg) {
        ServiceReference<Bandmate> ref = reg.getReference();
        roster.unbindBandmate(context.getService(ref), ref);
        context.ungetService(ref);
        context.ungetService(ref);
        reg.unregister();
    }

    private static long serviceId(ServiceRegistration<?> reg) {
        return (Long) reg.getReference().getProperty(Constants.SERVICE_ID);
    }

    private List<String> ids() {
        return roster.members().stream().map(BandRoster.Member::id).toList();
    }

    @Test
    void emptyAtStart() {
        assertTrue(roster.members().isEmpty());
        assertTrue(roster.member("drums").isEmpty());
    }

    @Test
    void memberCarriesIdRoleServiceAndBundle() {
        TestBandmate drums = new TestBandmate("drums", Role.DRUMS);
        ServiceRegistration<Bandmate> reg = join(drums, null);

        assertEquals(1, roster.members().size());
        BandRoster.Member m = roster.members().get(0);
        assertEquals("drums", m.id());
        assertEquals(Role.DRUMS, m.role());
        assertEquals(serviceId(reg), m.serviceId());
        assertEquals(SYSTEM_BUNDLE, m.bundle());
        assertEquals(framework.getSymbolicName(), m.bundle());
        assertEquals(framework.getVersion().toString(), m.bundleVersion());
        assertFalse(m.bundleVersion().isBlank());
        assertSame(drums, m.bandmate());
    }

    @Test
    void orderedByRankingHighestFirst() {
        join(new TestBandmate("low", Role.BASS), -5);
        join(new TestBandmate("default", Role.KEYS), null);
        join(new TestBandmate("high", Role.DRUMS), 100);
        join(new TestBandmate("middle", Role.LEAD), 10);

        assertEquals(List.of("high", "middle", "default", "low"), ids());
    }

    @Test
    void equalRankingIsOrderedByServiceIdLowestFirst() {
        ServiceRegistration<Bandmate> first = join(new TestBandmate("first", Role.DRUMS), 7);
        ServiceRegistration<Bandmate> second = join(new TestBandmate("second", Role.BASS), 7);
        ServiceRegistration<Bandmate> third = join(new TestBandmate("third", Role.KEYS), 7);
        ServiceRegistration<Bandmate> top = join(new TestBandmate("top", Role.LEAD), 8);

        assertTrue(serviceId(first) < serviceId(second));
        assertTrue(serviceId(second) < serviceId(third));
        assertEquals(List.of("top", "first", "second", "third"), ids());
        List<Long> sameRanking = roster.members().subList(1, 4).stream().map(BandRoster.Member::serviceId).toList();
        assertEquals(List.of(serviceId(first), serviceId(second), serviceId(third)), sameRanking);
        assertTrue(serviceId(top) > serviceId(third));
    }

    @Test
    void orderDoesNotDependOnBindOrder() {
        ServiceRegistration<Bandmate> a = register(new TestBandmate("a", Role.DRUMS), 1);
        ServiceRegistration<Bandmate> b = register(new TestBandmate("b", Role.BASS), 1);
        ServiceRegistration<Bandmate> c = register(new TestBandmate("c", Role.KEYS), 2);

        for (ServiceRegistration<Bandmate> reg : List.of(b, c, a)) {
            roster.bindBandmate(context.getService(reg.getReference()), reg.getReference());
        }

        assertEquals(List.of("c", "a", "b"), ids());
    }

    @Test
    void orderAgreesWithServiceReferenceNaturalOrderReversed() {
        join(new TestBandmate("x", Role.DRUMS), 3);
        join(new TestBandmate("y", Role.BASS), 3);
        join(new TestBandmate("z", Role.KEYS), 4);
        join(new TestBandmate("w", Role.LEAD), null);

        List<ServiceReference<Bandmate>> refs = new ArrayList<>();
        for (ServiceRegistration<Bandmate> reg : registrations) {
            refs.add(reg.getReference());
        }
        // compareTo: a higher ranking, or at equal ranking a lower service id, is "greater"
        refs.sort(Collections.reverseOrder());
        List<Long> expected = refs.stream().map(r -> (Long) r.getProperty(Constants.SERVICE_ID)).toList();
        assertEquals(expected, roster.members().stream().map(BandRoster.Member::serviceId).toList());
        assertEquals(List.of("z", "x", "y", "w"), ids());
    }

    @Test
    void generationIncrementsOnEachJoinAndLeave() {
        long g0 = roster.generation();

        ServiceRegistration<Bandmate> drums = join(new TestBandmate("drums", Role.DRUMS), null);
        long g1 = roster.generation();
        assertEquals(g0 + 1, g1);

        ServiceRegistration<Bandmate> bass = join(new TestBandmate("bass", Role.BASS), null);
        long g2 = roster.generation();
        assertEquals(g1 + 1, g2);

        leave(drums);
        long g3 = roster.generation();
        assertEquals(g2 + 1, g3);
        assertEquals(List.of("bass"), ids());

        leave(bass);
        long g4 = roster.generation();
        assertEquals(g3 + 1, g4);
        assertTrue(roster.members().isEmpty());
    }

    @Test
    void leaveRemovesOnlyThatMember() {
        ServiceRegistration<Bandmate> drums = join(new TestBandmate("drums", Role.DRUMS), 3);
        join(new TestBandmate("bass", Role.BASS), 2);
        join(new TestBandmate("keys", Role.KEYS), 1);

        leave(drums);

        assertEquals(List.of("bass", "keys"), ids());
        assertTrue(roster.member("drums").isEmpty());
    }

    @Test
    void membersIsImmutable() {
        join(new TestBandmate("drums", Role.DRUMS), null);
        List<BandRoster.Member> members = roster.members();
        BandRoster.Member m = members.get(0);

        assertThrows(UnsupportedOperationException.class, () -> members.add(m));
        assertThrows(UnsupportedOperationException.class, () -> members.remove(0));
        assertThrows(UnsupportedOperationException.class, members::clear);
        assertEquals(1, roster.members().size());
    }

    @Test
    void membersIsASnapshotThatLaterChangesDoNotTouch() {
        join(new TestBandmate("drums", Role.DRUMS), null);
        List<BandRoster.Member> before = roster.members();

        join(new TestBandmate("bass", Role.BASS), null);

        assertEquals(1, before.size());
        assertEquals(2, roster.members().size());
    }

    @Test
    void bandmateWhoseIdThrowsIsLeftOut() {
        join(new TestBandmate("drums", Role.DRUMS), null);
        long generation = roster.generation();
        ServiceRegistration<Bandmate> broken = join(new TestBandmate(() -> {
            throw new IllegalStateException("broken plugin");
        }, () -> Role.KEYS), 100);
        assertEquals(generation, roster.generation());
        assertEquals(List.of("drums"), ids());

        join(new TestBandmate("bass", Role.BASS), null);
        assertEquals(List.of("drums", "bass"), ids());

        leave(broken);
        assertEquals(List.of("drums", "bass"), ids());
    }

    @Test
    void bandmateWithNullOrBlankIdIsLeftOut() {
        join(new TestBandmate("drums", Role.DRUMS), null);
        long generation = roster.generation();

        join(new TestBandmate(() -> null, () -> Role.KEYS), null);
        join(new TestBandmate("", Role.KEYS), null);
        join(new TestBandmate("   ", Role.KEYS), null);

        assertEquals(List.of("drums"), ids());
        assertEquals(generation, roster.generation());
    }

    @Test
    void bandmateWhoseRoleIsNullOrThrowsIsLeftOut() {
        join(new TestBandmate("bass", Role.BASS), null);

        join(new TestBandmate("nobody", null), 50);
        join(new TestBandmate(() -> "thrower", () -> {
            throw new UnsupportedOperationException("no role");
        }), 50);
        join(new TestBandmate("keys", Role.KEYS), null);

        assertEquals(List.of("bass", "keys"), ids());
        assertTrue(roster.member("nobody").isEmpty());
        assertTrue(roster.member("thrower").isEmpty());
    }

    @Test
    void memberLookupById() {
        ServiceRegistration<Bandmate> drums = join(new TestBandmate("drums", Role.DRUMS), null);
        join(new TestBandmate("bass", Role.BASS), null);

        assertEquals(Role.DRUMS, roster.member("drums").orElseThrow().role());
        assertEquals(serviceId(drums), roster.member("drums").orElseThrow().serviceId());
        assertEquals(Role.BASS, roster.member("bass").orElseThrow().role());
        assertTrue(roster.member("keys").isEmpty());
        assertTrue(roster.member("DRUMS").isEmpty());
    }

    @Test
    void updatedRankingReorders() {
        ServiceRegistration<Bandmate> drums = join(new TestBandmate("drums", Role.DRUMS), 10);
        join(new TestBandmate("bass", Role.BASS), 5);
        ServiceRegistration<Bandmate> keys = join(new TestBandmate("keys", Role.KEYS), 1);
        assertEquals(List.of("drums", "bass", "keys"), ids());

        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 20);
        keys.setProperties(props);
        assertEquals(20, keys.getReference().getProperty(Constants.SERVICE_RANKING));
        roster.updatedBandmate(context.getService(keys.getReference()), keys.getReference());

        assertEquals(List.of("keys", "drums", "bass"), ids());
        assertEquals(serviceId(keys), roster.members().get(0).serviceId());

        Dictionary<String, Object> lower = new Hashtable<>();
        lower.put(Constants.SERVICE_RANKING, -1);
        drums.setProperties(lower);
        roster.updatedBandmate(context.getService(drums.getReference()), drums.getReference());

        assertEquals(List.of("keys", "bass", "drums"), ids());
    }

    @Test
    void equalRankingAfterUpdateFallsBackToServiceId() {
        ServiceRegistration<Bandmate> first = join(new TestBandmate("first", Role.DRUMS), 1);
        ServiceRegistration<Bandmate> second = join(new TestBandmate("second", Role.BASS), 9);
        assertEquals(List.of("second", "first"), ids());

        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 1);
        second.setProperties(props);
        roster.updatedBandmate(context.getService(second.getReference()), second.getReference());

        assertTrue(serviceId(first) < serviceId(second));
        assertEquals(List.of("first", "second"), ids());
    }
}
