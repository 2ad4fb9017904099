// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.OSCSerializerAndParserBuilder;

/**
 * A control surface for tests: a UDP socket on 127.0.0.1 that sends and receives OSC through JavaOSC's own encoder
 * and parser (an implementation independent of the endpoint's decoder).
 */
final class Surface implements AutoCloseable {

    /** A reply: address and arguments. */
    record Reply(String address, List<Object> arguments) {
    }

    final DatagramSocket socket;
    private final InetSocketAddress to;

    Surface(InetSocketAddress to) throws IOException {
        this.to = to;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        socket.setSoTimeout(5000);
    }

    void send(String address, Object... args) throws IOException {
        send(new OSCMessage(address, Arrays.asList(args)));
    }

    void send(OSCPacket packet) throws IOException {
        byte[] bytes = encode(packet);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    static byte[] encode(OSCPacket packet) {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        OSCSerializer serializer = new OSCSerializerAndParserBuilder()
                .buildSerializer(new BufferBytesReceiver(buffer));
        try {
            serializer.write(packet);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    Reply receive() throws IOException {
        return receive(socket);
    }

    static Reply receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[65536];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        socket.receive(p);
        try {
            OSCMessage m = (OSCMessage) new OSCSerializerAndParserBuilder().buildParser()
                    .convert(ByteBuffer.wrap(buffer, 0, p.getLength()));
            return new Reply(m.getAddress(), m.getArguments());
        } catch (Exception e) {
            throw new IOException("not an OSC message", e);
        }
    }

    /** @return whether nothing arrives within the time */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            socket.receive(new DatagramPacket(new byte[65536], 65536));
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** @return a configuration as DS passes it: the annotation's defaults with changes */
    static <T extends Annotation> T config(Class<T> type, Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
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
}
