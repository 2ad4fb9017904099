// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.Designate;

import io.perfsuite.api.band.Bandmate;

/**
 * The band's bassist out of the box: the same player as {@link Bassist}, registered once without any configuration
 * (policy optional) under its own singleton PID {@value #PID}, whose configuration changes its style. More bassists
 * come from factory configurations of {@link Bassist#PID}.
 */
@Component(name = DefaultBassist.PID, configurationPid = DefaultBassist.PID, service = Bandmate.class, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = Bassist.Config.class)
public class DefaultBassist extends Bassist {

    /** Singleton configuration PID of the default bassist. */
    public static final String PID = "io.perfsuite.bandmate.bass.default";

    /**
     * @param config the configuration, or the defaults when there is none
     */
    @Activate
    public DefaultBassist(Bassist.Config config) {
        super(config);
    }
}
