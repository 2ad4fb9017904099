// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.platform.internal;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.BundleContext;

/**
 * The runtime's home folder: plugins/ (watched for hot deploy), config/ (persisted configuration), logs/, and the
 * console password file. The launcher passes it as the framework property {@value #PROP_HOME}.
 */
public final class Home {

    /** Framework property naming the home folder. */
    public static final String PROP_HOME = "perfsuite.home";
    /** The folder of hot-deployed plugin bundles, inside the home. */
    public static final String PLUGINS = "plugins";

    private Home() {
    }

    /**
     * @param context a bundle context, to read the framework property
     * @return the home folder, absolute and normalised
     */
    public static Path of(BundleContext context) {
        return resolve(context.getProperty(PROP_HOME), System.getProperty("user.home"));
    }

    static Path resolve(String configured, String userHome) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.trim()).toAbsolutePath().normalize();
        }
        return Paths.get(userHome, ".perfsuite").toAbsolutePath().normalize();
    }
}
