// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.perfsuite.api.band.BandRoster;

/**
 * Hot deploy through the home's plugins folder, as a musician does it: copy the jar in, replace it, delete it. The
 * framework and every other bundle keep running. FileInstall polls every 500 ms, as in the show runtime.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class HotDeployTest {

    static final String BSN = "io.perfsuite.bandmate.metronome";
    /** The acceptance bound: a plugin copied into the folder is active within 2 s. */
    static final Duration WITHIN = Duration.ofSeconds(2);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    ServiceAware<BandRoster> roster;

    @Test
    void copyReplaceAndDeleteAPluginJar() throws Exception {
        Path folder = Path.of(context.getProperty("felix.fileinstall.dir"));
        Files.createDirectories(folder);
        Path target = folder.resolve("metronome.jar");
        BandRoster band = roster.getService();
        long otherBundlesBefore = Arrays.stream(context.getBundles()).filter(b -> b.getState() == Bundle.ACTIVE)
                .count();

        drop(Files.readAllBytes(Plugins.metronomeJar(context)), target);
        Duration added = Plugins.await("the dropped plugin's bandmate is in the band", WITHIN,
                () -> band.member("metronome").isPresent());
        Bundle bundle = plugin().orElseThrow();
        assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(bundle.getLocation()).contains(folder.getFileName().toString());

        String listing = call("plugins");
        assertThat(listing).contains(BSN).contains("[plugins folder]").contains("ACTIVE")
                .contains("io.perfsuite.bandmate.metronome.Metronome [ACTIVE]")
                .contains("io.perfsuite.api.band.Bandmate (bandmate metronome)");
        assertThat(call("band")).contains("metronome").contains("CLICK");

        long bundleId = bundle.getBundleId();
        drop(Plugins.withVersion(Plugins.metronomeJar(context), "1.0.2.hot"), target);
        Duration replaced = Plugins.await("the replaced jar updates the bundle", WITHIN, () -> band.member("metronome")
                .map(m -> m.bundleVersion().equals("1.0.2.hot")).orElse(false));
        assertThat(plugin().orElseThrow().getBundleId()).as("updated in place, not a second bundle")
                .isEqualTo(bundleId);

        Files.delete(target);
        Duration removed = Plugins.await("the deleted plugin is uninstalled", WITHIN, () -> plugin().isEmpty()
                && band.member("metronome").isEmpty());
        assertThat(call("plugins")).doesNotContain(BSN);
        assertThat(Arrays.stream(context.getBundles()).filter(b -> b.getState() == Bundle.ACTIVE).count())
                .as("nothing else stopped").isEqualTo(otherBundlesBefore);

        System.out.printf("hot deploy: active after %d ms, updated after %d ms, removed after %d ms%n",
                added.toMillis(), replaced.toMillis(), removed.toMillis());
    }

    /** Writes next to the target and moves it in, so the poller never sees half a jar. */
    private static void drop(byte[] jar, Path target) throws Exception {
        Path temp = Files.createTempFile(target.getParent().getParent(), "drop", ".tmp");
        Files.write(temp, jar);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Optional<Bundle> plugin() {
        return Arrays.stream(context.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst();
    }

    /** Calls a perfsuite: shell command the way Gogo does: find the service by its scope, invoke the function. */
    private String call(String function) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                "(&(osgi.command.scope=perfsuite)(osgi.command.function=" + function + "))");
        assertThat(refs).as("the perfsuite:%s command service", function).hasSize(1);
        Object service = context.getService(refs[0]);
        try {
            Method m = service.getClass().getMethod(function);
            return (String) m.invoke(service);
        } finally {
            context.ungetService(refs[0]);
        }
    }
}
