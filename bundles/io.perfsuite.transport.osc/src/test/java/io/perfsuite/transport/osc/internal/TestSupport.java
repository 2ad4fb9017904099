// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.perfsuite.transport.osc.OscEndpoint;
import io.perfsuite.transport.osc.OscHandler;
import io.perfsuite.transport.osc.OscMessage;
import io.perfsuite.transport.osc.OscReceived;
import io.perfsuite.transport.osc.OscStats;

import static org.junit.jupiter.api.Assertions.fail;

/** Real endpoints for tests: the DS component driven by hand, with a configuration built from its defaults. */
final class TestSupport {

    private TestSupport() {
    }

    /**
     * @param type   a configuration annotation
     * @param values the values that differ from the annotation's defaults
     * @return a configuration as DS would pass it
     */
    static <T extends Annotation> T config(Class<T> type, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            return switch (m.getName()) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> System.identityHashCode(p);
                case "equals" -> p == args[0];
                default -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue();
            };
        });
        return type.cast(proxy);
    }

    /** @return an endpoint configuration on an ephemeral port of 127.0.0.1, with changes */
    static OscEndpointComponent.Config endpointConfig(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        values.put("port", 0);
        values.put("name", "test");
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config(OscEndpointComponent.Config.class, values);
    }

    /** A handler that queues what it receives. */
    static final class Recorder implements OscHandler {
        final BlockingQueue<OscReceived> received = new LinkedBlockingQueue<>();

        @Override
        public void handle(OscReceived r) {
            received.add(r);
        }

        OscReceived next() throws InterruptedException {
            OscReceived r = received.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                fail("no message within 5 s");
            }
            return r;
        }
    }

    /** @return an endpoint with a recording handler for every address, started */
    static OscEndpointComponent start(OscHandler handler, Object... keyValues) throws IOException {
        OscEndpointComponent endpoint = new OscEndpointComponent();
        endpoint.bindHandler(handler, Map.of(OscHandler.PROP_ADDRESS, "/"));
        endpoint.activate(endpointConfig(keyValues));
        return endpoint;
    }

    /** Waits until the endpoint's counters satisfy a condition. */
    static OscStats await(OscEndpoint endpoint, Predicate<OscStats> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        OscStats s = endpoint.stats();
        while (!condition.test(s)) {
            if (System.nanoTime() > deadline) {
                fail("counters never got there: " + s);
            }
            Thread.sleep(2);
            s = endpoint.stats();
        }
        return s;
    }

    /** A UDP client socket, as a control surface has. */
    static final class Client implements AutoCloseable {
        final DatagramSocket socket;

        Client(String localAddress) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.setSoTimeout(5000);
        }

        void send(InetSocketAddress to, byte[] packet) throws IOException {
            socket.send(new DatagramPacket(packet, packet.length, to));
        }

        void send(InetSocketAddress to, String address, Object... args) throws IOException {
            send(to, Packets.encode(new com.illposed.osc.OSCMessage(address, List.of(args))));
        }

        /** @return the next datagram, decoded, with where it came from */
        Reply receive() throws IOException {
            byte[] buffer = new byte[65536];
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            socket.receive(p);
            try {
                List<OscParser.Parsed> parsed = new OscParser().parse(buffer, 0, p.getLength());
                return new Reply(parsed.get(0).message(), (InetSocketAddress) p.getSocketAddress());
            } catch (OscParseException e) {
                throw new IOException("reply is not OSC: " + e.getMessage());
            }
        }

        /** @return whether nothing arrives within the time */
        boolean silentFor(int millis) throws IOException {
            int before = socket.getSoTimeout();
            socket.setSoTimeout(millis);
            try {
                socket.receive(new DatagramPacket(new byte[65536], 65536));
                return false;
            } catch (SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(before);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A decoded reply and its source. */
    record Reply(OscMessage message, InetSocketAddress from) {
    }
}
