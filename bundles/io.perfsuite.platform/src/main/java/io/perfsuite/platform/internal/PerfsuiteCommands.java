// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.platform.internal;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.perfsuite.api.band.BandRoster;

/**
 * The {@code perfsuite:} commands of the Gogo shell: {@code plugins} lists the plugin bundles with their state, DS
 * components and services; {@code band} lists the bandmates in the band.
 */
@Component(service = PerfsuiteCommands.class, configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    "osgi.command.scope=perfsuite",
    "osgi.command.function=plugins",
    "osgi.command.function=band"
})
public class PerfsuiteCommands {

    /** Manifest header that marks a bundle as a plugin wherever it was installed from. */
    public static final String PLUGIN_HEADER = "Perfsuite-Plugin";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final BandRoster roster;
    private final Path pluginsDir;

    /**
     * @param context the bundle context
     * @param scr     the DS runtime, to report component states
     * @param roster  the band
     */
    @Activate
    public PerfsuiteCommands(BundleContext context, @Reference ServiceComponentRuntime scr,
            @Reference BandRoster roster) {
        this.context = context;
        this.scr = scr;
        this.roster = roster;
        this.pluginsDir = Home.of(context).resolve(Home.PLUGINS);
    }

    /**
     * Lists the plugin bundles: those installed from the home's plugins folder and those that declare the
     * {@value #PLUGIN_HEADER} header.
     *
     * @return a table, one block per plugin
     */
    public String plugins() {
        StringBuilder out = new StringBuilder();
        out.append("Plugins (folder ").append(pluginsDir).append(")\n");
        int count = 0;
        for (Bundle b : context.getBundles()) {
            boolean fromFolder = isInPluginsFolder(b.getLocation());
            if (!fromFolder && b.getHeaders("").get(PLUGIN_HEADER) == null) {
                continue;
            }
            count++;
            out.append(String.format(Locale.ROOT, "%4d  %-11s %s %s%s%n", b.getBundleId(), state(b),
                    b.getSymbolicName(), b.getVersion(), fromFolder ? "  [plugins folder]" : ""));
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                List<String> states = new ArrayList<>();
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    states.add(componentState(c.state));
                }
                if (!scr.isComponentEnabled(d)) {
                    states.add("DISABLED");
                }
                out.append("        component ").append(d.name).append(' ')
                        .append(states.isEmpty() ? "[NO CONFIGURATION]" : states.toString()).append('\n');
            }
            ServiceReference<?>[] services = b.getRegisteredServices();
            if (services != null) {
                for (ServiceReference<?> s : services) {
                    out.append("        service ").append(s.getProperty(Constants.SERVICE_ID)).append(' ')
                            .append(String.join(", ", (String[]) s.getProperty(Constants.OBJECTCLASS)));
                    Object id = s.getProperty(io.perfsuite.api.band.Bandmate.PROP_ID);
                    if (id != null) {
                        out.append(" (bandmate ").append(id).append(')');
                    }
                    out.append('\n');
                }
            }
        }
        if (count == 0) {
            out.append("  none: copy a plugin bundle jar into the folder above to load it\n");
        }
        return out.toString();
    }

    /**
     * Lists the band.
     *
     * @return one line per bandmate
     */
    public String band() {
        StringBuilder out = new StringBuilder();
        List<BandRoster.Member> members = roster.members();
        out.append("Band: ").append(members.size()).append(members.size() == 1 ? " bandmate\n" : " bandmates\n");
        for (BandRoster.Member m : members) {
            out.append(String.format(Locale.ROOT, "  %-16s %-10s service %d, %s %s%n", m.id(), m.role(),
                    m.serviceId(), m.bundle(), m.bundleVersion()));
        }
        return out.toString();
    }

    private boolean isInPluginsFolder(String location) {
        try {
            URI uri = URI.create(location);
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                return false;
            }
            return new File(uri).toPath().toAbsolutePath().normalize().startsWith(pluginsDir);
        } catch (IllegalArgumentException notAFileUri) {
            return false;
        }
    }

    static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "STATE " + b.getState();
        };
    }

    static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED REFERENCE";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED CONFIGURATION";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED ACTIVATION";
            default -> "STATE " + state;
        };
    }
}
