// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.argument.OSCColor;
import com.illposed.osc.argument.OSCImpulse;
import com.illposed.osc.argument.OSCMidiMessage;
import com.illposed.osc.argument.OSCSymbol;
import com.illposed.osc.argument.OSCTimeTag64;

import org.junit.jupiter.api.Test;

import io.perfsuite.transport.osc.OscMessage;
import io.perfsuite.transport.osc.OscReceived;

import static io.perfsuite.transport.osc.internal.OscParseException.Kind.BAD_TYPE_TAG;
import static io.perfsuite.transport.osc.internal.OscParseException.Kind.MALFORMED;
import static io.perfsuite.transport.osc.internal.OscParseException.Kind.TRUNCATED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OscParserTest {

    private final OscParser parser = new OscParser();

    private List<OscParser.Parsed> parse(byte[] packet) throws OscParseException {
        return parser.parse(packet, 0, packet.length);
    }

    private void refused(OscParseException.Kind kind, byte[] packet) {
        OscParseException e = assertThrows(OscParseException.class, () -> parse(packet));
        assertEquals(kind, e.kind(), e.getMessage());
    }

    @Test
    void decodesEveryTypeJavaOscEncodes() throws Exception {
        byte[] blob = {1, 2, 3, 4, 5};
        OSCTimeTag64 tag = OSCTimeTag64.valueOf(Instant.parse("2026-01-02T03:04:05Z"));
        List<Object> args = new ArrayList<>(Arrays.asList(42, 1.5f, "héllo", blob, -7L, 2.25, true, false, null,
                OSCImpulse.INSTANCE, 'x', new OSCSymbol("sym"), tag, new OSCColor(1, 2, 3, 4),
                new OSCMidiMessage((byte) 0, (byte) 0x90, (byte) 60, (byte) 100), List.of(1, "in", List.of(2.5f))));
        byte[] packet = Packets.encode(new OSCMessage("/all/types", args));

        List<OscParser.Parsed> parsed = parse(packet);

        assertEquals(1, parsed.size());
        OscMessage m = parsed.get(0).message();
        assertEquals("/all/types", m.address());
        assertEquals("ifsbhdTFNIcStrm[is[f]]", m.typeTags());
        assertEquals(OscReceived.IMMEDIATELY, parsed.get(0).timetag());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) m.argument(i));
            } else {
                assertEquals(args.get(i), m.argument(i), "argument " + i);
            }
        }
    }

    @Test
    void decodesAMessageAnywhereInTheArray() throws Exception {
        byte[] packet = Packets.encode(new OSCMessage("/ab", List.of("xyz", 7)));
        byte[] shifted = new byte[packet.length + 3];
        System.arraycopy(packet, 0, shifted, 3, packet.length);
        assertEquals(List.of("xyz", 7), parser.parse(shifted, 3, packet.length).get(0).message().arguments());
    }

    @Test
    void flattensNestedBundlesAndKeepsTheInnermostTimeTag() throws Exception {
        OSCTimeTag64 outer = OSCTimeTag64.valueOf(1_000L << 32);
        OSCTimeTag64 inner = OSCTimeTag64.valueOf(2_000L << 32 | 5);
        OSCBundle innerBundle = new OSCBundle(List.<OSCPacket>of(new OSCMessage("/b", List.of(2))), inner);
        OSCBundle bundle = new OSCBundle(List.of(new OSCMessage("/a", List.of(1)), innerBundle,
                new OSCMessage("/c", List.of())), outer);

        List<OscParser.Parsed> parsed = parse(Packets.encode(bundle));

        assertEquals(3, parsed.size());
        assertEquals("/a", parsed.get(0).message().address());
        assertEquals(outer.getNtpTime(), parsed.get(0).timetag());
        assertEquals("/b", parsed.get(1).message().address());
        assertEquals(inner.getNtpTime(), parsed.get(1).timetag());
        assertEquals(List.of(2), parsed.get(1).message().arguments());
        assertEquals("/c", parsed.get(2).message().address());
        assertEquals(outer.getNtpTime(), parsed.get(2).timetag());
    }

    @Test
    void acceptsAnEmptyBundleAndTheLegacyMessageWithoutTypeTags() throws Exception {
        assertEquals(List.of(), parse(new Packets.Raw().string("#bundle").int64(1).build()));
        List<OscParser.Parsed> legacy = parse(new Packets.Raw().string("/old").build());
        assertEquals("/old", legacy.get(0).message().address());
        assertEquals(List.of(), legacy.get(0).message().arguments());
    }

    @Test
    void refusesTruncatedPackets() {
        refused(TRUNCATED, new Packets.Raw().string("/a").string(",i").build()); // the int is missing
        refused(TRUNCATED, new Packets.Raw().string("/a").string(",h").int32(1).build());
        refused(TRUNCATED, new Packets.Raw().bytes((byte) '/', (byte) 'a', (byte) 'b', (byte) 'c').build());
        refused(TRUNCATED, new Packets.Raw().string("/a").string(",s").bytes((byte) 'a', (byte) 'b', (byte) 'c',
                (byte) 'd').build()); // a string without its NUL
        refused(TRUNCATED, new Packets.Raw().string("/a").string(",b").int32(1 << 30).build()); // huge blob
        refused(TRUNCATED, new Packets.Raw().string("#bundle").int64(1).int32(1 << 28).build()); // huge element
        refused(TRUNCATED, new Packets.Raw().string("#bundle").build()); // no time tag
        refused(TRUNCATED, new Packets.Raw().bytes((byte) '#', (byte) 'b', (byte) 'u', (byte) 'n').build());
    }

    @Test
    void refusesMalformedPackets() {
        refused(MALFORMED, new byte[0]);
        refused(MALFORMED, new byte[] {'/', 'a', 0}); // not a multiple of 4
        refused(MALFORMED, new Packets.Raw().string("xyz").build()); // neither message nor bundle
        refused(MALFORMED, new Packets.Raw().string("/a b").build()); // space in the address
        refused(MALFORMED, new Packets.Raw().bytes((byte) '/', (byte) 'a', (byte) 0, (byte) 'x').build()); // padding
        refused(MALFORMED, new Packets.Raw().string("/a").string(",i").int32(1).int32(2).build()); // trailing bytes
        refused(MALFORMED, new Packets.Raw().string("/a").string(",b").int32(-4).build()); // negative blob size
        refused(MALFORMED, new Packets.Raw().string("#bundlX").int64(1).build());
        refused(MALFORMED, new Packets.Raw().string("#bundle").int64(1).int32(0).build()); // empty element
        refused(MALFORMED, new Packets.Raw().string("#bundle").int64(1).int32(-8).int64(0).build());
        refused(MALFORMED, new Packets.Raw().string("#bundle").int64(1).int32(6).int64(0).build()); // unaligned
        byte[] deep = new Packets.Raw().string("/x").build();
        for (int i = 0; i <= OscParser.MAX_DEPTH; i++) {
            deep = new Packets.Raw().string("#bundle").int64(1).element(deep).build();
        }
        refused(MALFORMED, deep);
        refused(MALFORMED, new Packets.Raw().string("/a").string(",[[[[[[[[[i]]]]]]]]]").int32(1).build());
    }

    @Test
    void refusesBadTypeTags() {
        refused(BAD_TYPE_TAG, new Packets.Raw().string("/a").string("i").int32(1).build()); // no ','
        refused(BAD_TYPE_TAG, new Packets.Raw().string("/a").string(",X").build()); // unknown tag
        refused(BAD_TYPE_TAG, new Packets.Raw().string("/a").string(",[i").int32(1).build()); // unclosed
        refused(BAD_TYPE_TAG, new Packets.Raw().string("/a").string(",i]").int32(1).build()); // unopened
        refused(BAD_TYPE_TAG, new Packets.Raw().string("/a").string(",\u0001").build());
    }

    @Test
    void aBadElementRefusesTheWholeBundle() {
        byte[] good = Packets.encode(new OSCMessage("/ok", List.of(1)));
        byte[] bad = new Packets.Raw().string("/a").string(",X").build();
        byte[] bundle = new Packets.Raw().string("#bundle").int64(1).element(good).element(bad).build();
        OscParseException e = assertThrows(OscParseException.class, () -> parse(bundle));
        assertTrue(e.getMessage().contains("unknown type tag 'X'"), e.getMessage());
    }
}
