// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.Designate;

import io.perfsuite.api.band.Bandmate;

/**
 * The band's drummer out of the box: the same player as {@link Drummer}, registered once without any
 * configuration (policy optional) under its own singleton PID {@value #PID}, whose configuration changes its
 * style. More drummers come from factory configurations of {@link Drummer#PID}.
 */
@Component(name = DefaultDrummer.PID, configurationPid = DefaultDrummer.PID, service = Bandmate.class, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = Drummer.Config.class)
public class DefaultDrummer extends Drummer {

    /** Singleton configuration PID of the default drummer. */
    public static final String PID = "io.perfsuite.bandmate.drums.default";

    /**
     * @param config the configuration, or the defaults when there is none
     */
    @Activate
    public DefaultDrummer(Drummer.Config config) {
        super(config);
    }
}
