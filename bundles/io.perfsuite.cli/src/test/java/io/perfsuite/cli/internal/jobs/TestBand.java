// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import static io.perfsuite.audio.testkit.EngineTestKit.defaults;

import java.util.List;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.bandmate.bass.Bassist;
import io.perfsuite.bandmate.bass.DefaultBassist;
import io.perfsuite.bandmate.drums.DefaultDrummer;
import io.perfsuite.bandmate.drums.Drummer;
import io.perfsuite.bandmate.keys.DefaultKeyboardist;
import io.perfsuite.bandmate.keys.Keyboardist;

/** The shipped band at its defaults (drums, bass, keys), fresh instances for each render, as the runtime gives. */
final class TestBand implements RenderJob.Band {

    int taken;
    int released;

    static List<Bandmate> fresh() {
        return List.of(new DefaultDrummer(defaults(Drummer.Config.class)),
                new DefaultBassist(defaults(Bassist.Config.class)),
                new DefaultKeyboardist(defaults(Keyboardist.Config.class)));
    }

    @Override
    public List<Bandmate> take() {
        taken++;
        return fresh();
    }

    @Override
    public void release() {
        released++;
    }
}
