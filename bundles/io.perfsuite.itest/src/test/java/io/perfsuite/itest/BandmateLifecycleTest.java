// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.perfsuite.api.band.BandRoster;
import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.NoteSink;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.MusicalContext;

/**
 * The metronome plugin installed, started, updated and uninstalled in a running framework, watched through its
 * Bandmate service and through the band roster, which holds bandmates by a dynamic reference and must follow every
 * change without being restarted.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class BandmateLifecycleTest {

    static final String METRONOME = "(" + Bandmate.PROP_ID + "=metronome)";
    static final Duration WAIT = Duration.ofSeconds(5);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    ServiceAware<BandRoster> roster;

    @Test
    void installStartUpdateUninstall() throws Exception {
        ServiceReference<BandRoster> rosterRef = roster.getServiceReference();
        Object rosterServiceId = rosterRef.getProperty(Constants.SERVICE_ID);
        BandRoster band = roster.getService();
        long generationBefore = band.generation();

        Bundle bundle;
        try (InputStream in = Files.newInputStream(Plugins.metronomeJar(context))) {
            bundle = context.installBundle("itest:metronome", in);
        }
        assertThat(bundle.getSymbolicName()).isEqualTo("io.perfsuite.bandmate.metronome");
        assertThat(bandmates()).as("installed but not started: no service yet").isEmpty();
        assertThat(band.member("metronome")).isEmpty();

        bundle.start();
        Plugins.await("the metronome's Bandmate service", WAIT, () -> bandmates().size() == 1);
        ServiceReference<Bandmate> first = bandmates().iterator().next();
        assertThat(first.getBundle()).isEqualTo(bundle);
        Plugins.await("the roster lists the metronome", WAIT, () -> band.member("metronome").isPresent());
        BandRoster.Member joined = band.member("metronome").orElseThrow();
        assertThat(joined.role()).isEqualTo(Role.CLICK);
        assertThat(joined.serviceId()).isEqualTo(first.getProperty(Constants.SERVICE_ID));
        assertThat(joined.bundleVersion()).isEqualTo(bundle.getVersion().toString());
        assertThat(clicks(joined.bandmate())).as("one bar of 4/4: accent, then three clicks")
                .containsExactly("0.0:76", "1.0:77", "2.0:77", "3.0:77");

        Version updated = new Version(1, 0, 1, "itest");
        bundle.update(new ByteArrayInputStream(Plugins.withVersion(Plugins.metronomeJar(context), "1.0.1.itest")));
        Plugins.await("a new Bandmate service from the updated bundle", WAIT, () -> bandmates().size() == 1
                && !bandmates().iterator().next().getProperty(Constants.SERVICE_ID)
                        .equals(first.getProperty(Constants.SERVICE_ID)));
        ServiceReference<Bandmate> second = bandmates().iterator().next();
        assertThat(second.getBundle().getVersion()).isEqualTo(updated);
        Plugins.await("the roster holds the updated metronome", WAIT, () -> band.member("metronome")
                .map(m -> m.bundleVersion().equals(updated.toString())).orElse(false));
        assertThat(band.member("metronome").orElseThrow().serviceId())
                .isEqualTo(second.getProperty(Constants.SERVICE_ID));
        assertThat(band.members()).as("the old service left, only the new one is in the band").hasSize(1);

        bundle.uninstall();
        Plugins.await("the Bandmate service is gone", WAIT, () -> bandmates().isEmpty());
        Plugins.await("the roster no longer lists the metronome", WAIT, () -> band.member("metronome").isEmpty());

        assertThat(roster.getServiceReference().getProperty(Constants.SERVICE_ID))
                .as("the roster component was never restarted").isEqualTo(rosterServiceId);
        assertThat(roster.getService()).isSameAs(band);
        assertThat(band.generation()).as("join, leave (update), join, leave").isEqualTo(generationBefore + 4);
    }

    @Test
    void aBrokenBandmateIsLeftOutAndTheOthersPlayOn() throws Exception {
        BandRoster band = roster.getService();
        ServiceRegistration<Bandmate> good = context.registerService(Bandmate.class, new Fixed("bass", Role.BASS),
                props("bass"));
        ServiceRegistration<Bandmate> broken = context.registerService(Bandmate.class, new Fixed(null, Role.KEYS),
                props("broken"));
        ServiceRegistration<Bandmate> throwing = context.registerService(Bandmate.class, new Fixed("x", null) {
            @Override
            public String id() {
                throw new IllegalStateException("plugin bug");
            }
        }, props("throwing"));
        try {
            Plugins.await("the good bandmate joins", WAIT, () -> band.member("bass").isPresent());
            assertThat(band.members()).extracting(BandRoster.Member::id).containsExactly("bass");
        } finally {
            good.unregister();
            broken.unregister();
            throwing.unregister();
        }
        Plugins.await("the good bandmate leaves", WAIT, () -> band.members().isEmpty());
    }

    private static Dictionary<String, Object> props(String id) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Bandmate.PROP_ID, id);
        return p;
    }

    private Collection<ServiceReference<Bandmate>> bandmates() {
        try {
            return context.getServiceReferences(Bandmate.class, METRONOME);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> clicks(Bandmate bandmate) {
        List<String> notes = new ArrayList<>();
        MusicalContext playing = MusicalContext.initial(System.nanoTime()).next().playing(true).build();
        bandmate.plan(playing, 0, 4, new NoteSink() {
            @Override
            public void note(double beat, int note, int velocity, double durationBeats) {
                notes.add(beat + ":" + note);
            }

            @Override
            public void control(double beat, int controller, int value) {
                notes.add("cc" + controller);
            }
        });
        return notes;
    }

    /** A bandmate whose identity is given, possibly broken. */
    static class Fixed implements Bandmate {
        private final String id;
        private final Role role;

        Fixed(String id, Role role) {
            this.id = id;
            this.role = role;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public void plan(MusicalContext context, double fromBeat, double toBeat, NoteSink out) {
        }
    }
}
