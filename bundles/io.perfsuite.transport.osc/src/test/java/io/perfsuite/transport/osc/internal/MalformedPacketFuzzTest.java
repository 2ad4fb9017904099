// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.argument.OSCTimeTag64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.transport.osc.OscStats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated bad packets of ten kinds, fed straight into the endpoint's packet handling (100,000) and through its
 * socket (3,000): nothing escapes, every packet is counted exactly once, and the endpoint still answers afterwards.
 */
class MalformedPacketFuzzTest {

    private static final int DIRECT = 100_000;
    private static final int THROUGH_SOCKET = 3_000;

    private enum Kind {
        RANDOM_BYTES, TRUNCATED, MISALIGNED, BAD_TYPE_TAG, TRAILING_GARBAGE, HUGE_SIZES, PREFIX_THEN_GARBAGE,
        RANDOM_BUNDLE, NESTING_BOMB, BIT_FLIPS
    }

    private final Random random = new Random(20261124);
    private OscEndpointComponent endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.deactivate();
        }
    }

    @Test
    void noBadPacketEscapesOrGoesUncounted() throws Exception {
        AtomicLong handled = new AtomicLong();
        endpoint = TestSupport.start(r -> {
            handled.incrementAndGet();
            if (r.message().address().equals("/fuzz/ping")) {
                r.reply("/fuzz/pong", r.message().arguments().toArray());
            }
        }, "rateLimit", 0);
        UdpEndpoint socket = endpoint.socket();
        InetSocketAddress sender = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
        Map<Kind, Integer> acceptedByKind = new EnumMap<>(Kind.class);
        Kind[] kinds = Kind.values();

        for (int i = 0; i < DIRECT; i++) {
            Kind kind = kinds[i % kinds.length];
            byte[] packet = generate(kind);
            long acceptedBefore = endpoint.stats().accepted();
            socket.process(packet, packet.length, sender, System.nanoTime(), socket.settings());
            if (endpoint.stats().accepted() != acceptedBefore) {
                acceptedByKind.merge(kind, 1, Integer::sum);
            }
        }

        OscStats s = endpoint.stats();
        System.out.printf("fuzz, %d packets direct: %s%n  valid by chance, per kind: %s%n", DIRECT, s,
                acceptedByKind);
        assertEquals(DIRECT, s.received());
        assertEquals(s.received(), s.accepted() + s.dropped(), "each packet counted exactly once: " + s);
        assertEquals(0, s.internalErrors());
        // bit flips in an argument's value, a cut after a complete message, and the like stay valid by chance
        assertTrue(s.dropped() > DIRECT * 0.9, "nearly all refused: " + s);
        assertTrue(s.truncated() > 0 && s.malformed() > 0 && s.badTypeTag() > 0, s.toString());
        for (Kind certain : List.of(Kind.MISALIGNED, Kind.BAD_TYPE_TAG, Kind.HUGE_SIZES, Kind.NESTING_BOMB)) {
            assertEquals(null, acceptedByKind.get(certain), certain + " packets are never valid");
        }
        assertEquals(s.delivered(), handled.get());

        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1")) {
            for (int i = 0; i < THROUGH_SOCKET; i++) {
                surface.send(endpoint.localAddress(), generate(kinds[i % kinds.length]));
                if (i % 100 == 99) { // let the receive thread keep up, so the kernel drops nothing uncounted
                    long sent = DIRECT + i + 1;
                    TestSupport.await(endpoint, st -> st.received() == sent);
                }
            }
            OscStats after = TestSupport.await(endpoint, st -> st.received() == DIRECT + THROUGH_SOCKET);
            assertEquals(after.received(), after.accepted() + after.dropped());
            assertEquals(0, after.internalErrors());
            assertTrue(socket.isReceiving());

            surface.send(endpoint.localAddress(), "/fuzz/ping", 42);
            TestSupport.Reply reply = surface.receive();
            assertEquals("/fuzz/pong", reply.message().address());
            assertEquals(List.of(42), reply.message().arguments());
        }
    }

    private byte[] generate(Kind kind) {
        return switch (kind) {
            case RANDOM_BYTES -> bytes(random.nextInt(200));
            case TRUNCATED -> {
                byte[] valid = validPacket();
                yield Arrays.copyOf(valid, random.nextInt(valid.length));
            }
            case MISALIGNED -> {
                byte[] valid = validPacket();
                yield Arrays.copyOf(valid, valid.length + 1 + random.nextInt(3));
            }
            case BAD_TYPE_TAG -> {
                byte[] valid = validMessage(1 + random.nextInt(4));
                int comma = indexOf(valid, (byte) ',');
                int tags = 0;
                while (valid[comma + 1 + tags] != 0) {
                    tags++;
                }
                byte bad;
                do {
                    bad = (byte) random.nextInt(256);
                } while ("ifsbhdtScrmTFNI[]".indexOf((char) (bad & 0xff)) >= 0 || bad == 0);
                valid[comma + 1 + random.nextInt(tags)] = bad;
                yield valid;
            }
            case TRAILING_GARBAGE -> concat(validMessage(random.nextInt(4)), bytes(4 * (1 + random.nextInt(8))));
            case HUGE_SIZES -> hugeSize();
            case PREFIX_THEN_GARBAGE -> {
                byte[] valid = validPacket();
                int keep = random.nextInt(valid.length);
                byte[] tail = bytes(valid.length - keep);
                System.arraycopy(tail, 0, valid, keep, tail.length);
                yield Arrays.copyOf(valid, valid.length - (random.nextBoolean() ? 0 : 1 + random.nextInt(3)));
            }
            case RANDOM_BUNDLE -> {
                Packets.Raw raw = new Packets.Raw().string("#bundle").int64(random.nextLong());
                for (int e = random.nextInt(4); e >= 0; e--) {
                    byte[] content = random.nextBoolean() ? validMessage(random.nextInt(3))
                            : bytes(4 * random.nextInt(8));
                    raw.int32(content.length + 4 * (random.nextInt(3) - 1)).bytes(content);
                }
                yield raw.build();
            }
            case NESTING_BOMB -> {
                byte[] p = new Packets.Raw().string("/deep").build();
                for (int d = 0; d < OscParser.MAX_DEPTH + 1 + random.nextInt(40); d++) {
                    p = new Packets.Raw().string("#bundle").int64(1).element(p).build();
                }
                yield p;
            }
            case BIT_FLIPS -> {
                byte[] valid = validPacket();
                for (int f = 1 + random.nextInt(3); f > 0; f--) {
                    valid[random.nextInt(valid.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield valid;
            }
        };
    }

    private byte[] hugeSize() {
        int size = switch (random.nextInt(4)) {
            case 0 -> Integer.MAX_VALUE;
            case 1 -> Integer.MIN_VALUE;
            case 2 -> -4 * (1 + random.nextInt(1000));
            default -> 4 * (1000 + random.nextInt(1 << 28));
        };
        if (random.nextBoolean()) {
            return new Packets.Raw().string("/blob").string(",b").int32(size).bytes(bytes(4 * random.nextInt(4)))
                    .build();
        }
        return new Packets.Raw().string("#bundle").int64(1).int32(size).bytes(validMessage(1)).build();
    }

    private byte[] validPacket() {
        if (random.nextInt(4) > 0) {
            return validMessage(random.nextInt(5));
        }
        List<OSCPacket> elements = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            elements.add(new OSCMessage(address(), arguments(random.nextInt(3))));
        }
        return Packets.encode(new OSCBundle(elements, OSCTimeTag64.valueOf(random.nextLong())));
    }

    private byte[] validMessage(int argumentCount) {
        return Packets.encode(new OSCMessage(address(), arguments(argumentCount)));
    }

    private String address() {
        return List.of("/a", "/perfsuite/cmd/next-section", "/fuzz/x", "/x/y/z").get(random.nextInt(4));
    }

    private List<Object> arguments(int count) {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Function<Random, Object> make = List.<Function<Random, Object>>of(Random::nextInt, Random::nextFloat,
                    r -> "s" + r.nextInt(1000), r -> bytes(r.nextInt(9)), Random::nextLong, Random::nextDouble,
                    Random::nextBoolean).get(random.nextInt(7));
            args.add(make.apply(random));
        }
        return args;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + value);
    }
}
