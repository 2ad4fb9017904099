// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

import io.perfsuite.api.session.CommandFactory;
import io.perfsuite.session.internal.command.Builtins;

/**
 * Registers one {@link CommandFactory} service per built-in command, so tools and control surfaces find the built-in
 * commands on the whiteboard next to the plugins' (one DS component per command would be twenty classes saying the
 * same thing). They are registered at the lowest ranking: a plugin replaces a built-in command by registering a
 * factory of the same name.
 *
 * <p><b>Threading:</b> DS calls activate and deactivate; the factories themselves are stateless.
 */
@Component(service = {}, immediate = true, configurationPolicy = ConfigurationPolicy.IGNORE)
public class BuiltinCommandRegistrar {

    private final List<ServiceRegistration<CommandFactory>> registrations = new ArrayList<>();

    /**
     * Registers the factories.
     *
     * @param context the bundle context
     */
    @Activate
    public BuiltinCommandRegistrar(BundleContext context) {
        for (CommandFactory f : Builtins.factories()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(CommandFactory.PROP_NAME, f.name());
            properties.put(Constants.SERVICE_RANKING, Integer.MIN_VALUE);
            properties.put(Constants.SERVICE_DESCRIPTION, f.description());
            registrations.add(context.registerService(CommandFactory.class, f, properties));
        }
    }

    /** Unregisters them. */
    @Deactivate
    void deactivate() {
        for (ServiceRegistration<CommandFactory> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it first
            }
        }
        registrations.clear();
    }
}
