// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChannelMapTest {

    @Test
    void explicitEntriesWinOverDefaultsByPrefix() {
        ChannelMap m = ChannelMap.parse(new String[] {"drums=9:0, bass=1:33", "keys-2=2:4"}, true);
        assertEquals(new ChannelMap.Route(2, 4), m.route("keys-2"));
        assertEquals(new ChannelMap.Route(0, 0), m.route("keys"));
        assertEquals(new ChannelMap.Route(9, 0), m.route("drums"));
        assertEquals(new ChannelMap.Route(9, 0), m.route("metronome"));
        assertEquals(new ChannelMap.Route(9, 0), m.route("Click-track"));
        assertEquals(new ChannelMap.Route(1, 33), m.route("bass-2"));
        assertNull(m.route("theremin"));
    }

    @Test
    void withoutDefaultsOnlyListedIdsPlay() {
        ChannelMap m = ChannelMap.parse(new String[] {"theremin=7"}, false);
        assertEquals(new ChannelMap.Route(7, 0), m.route("theremin"));
        assertNull(m.route("drums"));
    }

    @Test
    void wrongEntriesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> ChannelMap.parse(new String[] {"keys"}, true));
        assertThrows(IllegalArgumentException.class, () -> ChannelMap.parse(new String[] {"keys=16:0"}, true));
        assertThrows(IllegalArgumentException.class, () -> ChannelMap.parse(new String[] {"keys=1:128"}, true));
        assertThrows(IllegalArgumentException.class, () -> ChannelMap.parse(new String[] {"keys=x"}, true));
    }
}
