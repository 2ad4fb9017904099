// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.keys;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.Designate;

import io.perfsuite.api.band.Bandmate;

/**
 * The band's keyboard player out of the box: the same player as {@link Keyboardist}, registered once without any
 * configuration (policy optional) under its own singleton PID {@value #PID}, whose configuration changes its style.
 * More players come from factory configurations of {@link Keyboardist#PID}.
 */
@Component(name = DefaultKeyboardist.PID, configurationPid = DefaultKeyboardist.PID, service = Bandmate.class, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = Keyboardist.Config.class)
public class DefaultKeyboardist extends Keyboardist {

    /** Singleton configuration PID of the default keyboard player. */
    public static final String PID = "io.perfsuite.bandmate.keys.default";

    /**
     * @param config the configuration, or the defaults when there is none
     */
    @Activate
    public DefaultKeyboardist(Keyboardist.Config config) {
        super(config);
    }
}
