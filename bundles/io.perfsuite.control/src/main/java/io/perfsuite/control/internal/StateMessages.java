// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.MusicalTime;
import io.perfsuite.transport.osc.OscMessage;

/** The {@code /perfsuite/state/...} messages a surface shows, built from a context snapshot. Stateless. */
final class StateMessages {

    /** Bits of the parts of the state that changed, as the publisher collects them. */
    static final int TEMPO = 1;
    static final int BEAT = 2;
    static final int SECTION = 4;
    static final int CHORD = 8;
    static final int MODE = 16;
    static final int PLAYING = 32;
    static final int KEY = 64;
    static final int INTENSITY = 128;
    static final int ALL = 255;

    static final String PREFIX = ControlProtocol.ROOT + "/state/";

    private StateMessages() {
    }

    /**
     * @param c     the snapshot
     * @param parts which parts, as bits
     * @return one message per part, in bit order
     */
    static List<OscMessage> of(MusicalContext c, int parts) {
        List<OscMessage> out = new ArrayList<>(Integer.bitCount(parts));
        if ((parts & TEMPO) != 0) {
            out.add(OscMessage.of(PREFIX + "tempo", (float) c.tempo().bpm()));
        }
        if ((parts & BEAT) != 0) {
            // the snapshot of a beat change may be stamped a hair before the beat: nudge so it counts as that beat
            MusicalTime at = MusicalTime.of(Math.floor(c.beat() + 1e-3), c.meter());
            out.add(OscMessage.of(PREFIX + "beat", at.bar(), at.beat()));
        }
        if ((parts & SECTION) != 0) {
            out.add(OscMessage.of(PREFIX + "section", c.section().name()));
        }
        if ((parts & CHORD) != 0) {
            out.add(OscMessage.of(PREFIX + "chord", c.chord().toString()));
        }
        if ((parts & MODE) != 0) {
            out.add(OscMessage.of(PREFIX + "mode", c.mode().name().toLowerCase(Locale.ROOT)));
        }
        if ((parts & PLAYING) != 0) {
            out.add(OscMessage.of(PREFIX + "playing", c.playing() ? 1 : 0));
        }
        if ((parts & KEY) != 0) {
            out.add(OscMessage.of(PREFIX + "key", c.key().map(Object::toString).orElse("")));
        }
        if ((parts & INTENSITY) != 0) {
            out.add(OscMessage.of(PREFIX + "intensity", (float) c.intensity()));
        }
        return out;
    }
}
