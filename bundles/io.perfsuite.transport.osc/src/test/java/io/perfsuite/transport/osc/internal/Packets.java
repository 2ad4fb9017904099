// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.OSCSerializerAndParserBuilder;

/** Builds test packets: through JavaOSC's serializer (an independent encoder) or byte by byte. */
final class Packets {

    private Packets() {
    }

    /** @return the packet as JavaOSC encodes it (at most 64 KiB) */
    static byte[] encode(OSCPacket packet) {
        ByteBuffer buffer = ByteBuffer.allocate(packet instanceof OSCMessage m && m.getArguments().stream()
                .noneMatch(a -> a instanceof byte[] || a instanceof String s && s.length() > 1000) ? 4096 : 65536);
        OSCSerializer serializer = new OSCSerializerAndParserBuilder()
                .buildSerializer(new BufferBytesReceiver(buffer));
        try {
            serializer.write(packet);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        buffer.flip();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** A byte-level writer for packets JavaOSC would refuse to build. */
    static final class Raw {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Writes a NUL-terminated string padded to 4 bytes. */
        Raw string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
            int pad = 4 - (b.length % 4);
            for (int i = 0; i < pad; i++) {
                out.write(0);
            }
            return this;
        }

        Raw int32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Raw int64(long v) {
            return int32((int) (v >>> 32)).int32((int) v);
        }

        Raw bytes(byte... b) {
            out.writeBytes(b);
            return this;
        }

        /** Writes a bundle element: its size, then its bytes. */
        Raw element(byte[] packet) {
            return int32(packet.length).bytes(packet);
        }

        byte[] build() {
            return out.toByteArray();
        }
    }
}
