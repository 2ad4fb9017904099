// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who is in the band right now. The platform keeps the roster from the service registry as bandmates come and go
 * (it holds them through a dynamic reference, so it is never restarted for that).
 *
 * <p><b>Threading:</b> any thread; every method returns an immutable snapshot and never blocks.
 */
@ProviderType
public interface BandRoster {

    /**
     * One member of the band.
     *
     * @param id             the bandmate's {@link Bandmate#id()}
     * @param role           its {@link Bandmate#role()}
     * @param serviceId      the OSGi service id of the bandmate service
     * @param bundle         the symbolic name of the bundle that registered it
     * @param bundleVersion  the version of that bundle
     * @param bandmate       the service object itself
     */
    record Member(String id, Role role, long serviceId, String bundle, String bundleVersion, Bandmate bandmate) {
    }

    /** @return the bandmates in the band now, ordered by service ranking then service id; immutable */
    List<Member> members();

    /**
     * @param id a bandmate id
     * @return the member with that id, if it is in the band
     */
    default Optional<Member> member(String id) {
        return members().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** @return a number that changes every time a member joins or leaves */
    long generation();
}
