// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.illposed.osc.OSCMessage;

import io.perfsuite.transport.osc.OscHandler;
import io.perfsuite.transport.osc.internal.OscEndpointComponent;

/**
 * Benchmark harness (not a test): how long an OSC command takes from the packet being read off the socket to
 * {@code SessionManager.submit} being called, through the real endpoint and control interface (the session is the
 * recording stand-in, so "applied" here means handed to the session's queue). Also the time from the surface's send
 * to the submit, and to the acknowledgement arriving back at the surface. One command at a time, at a steady pace,
 * after a warm-up; everything on 127.0.0.1.
 *
 * <p>Run: {@code mvn -B -o -f bundles/io.perfsuite.control/pom.xml test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.perfsuite.control.internal.OscCommandBenchmark
 * -Dexec.args="COMMANDS INTERVAL_MICROS"} (defaults 20000 and 500).
 */
public final class OscCommandBenchmark {

    private OscCommandBenchmark() {
    }

    /**
     * @param args the number of measured commands, and the pause between two, in microseconds
     * @throws Exception if a socket fails
     */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long interval = (args.length > 1 ? Long.parseLong(args[1]) : 500) * 1000;
        int warmup = Math.max(2_000, count / 4);
        int total = warmup + count;
        long[] received = new long[total];
        long[] submitted = new long[total];
        long[] sent = new long[total];
        long[] acked = new long[total];
        AtomicInteger seq = new AtomicInteger();
        long[] lastReceived = new long[1];

        RecordingSessionManager session = new RecordingSessionManager();
        session.onSubmit = now -> { // on the endpoint's receive thread, inside the handler call
            int i = seq.getAndIncrement();
            if (i < total) {
                received[i] = lastReceived[0];
                submitted[i] = now;
            }
        };
        OscControl control = new OscControl();
        control.bindSession(session);
        control.activate(Surface.config(OscControl.Config.class));
        OscEndpointComponent endpoint = new OscEndpointComponent();
        OscHandler timed = r -> {
            lastReceived[0] = r.receivedNanos(); // same thread as the submit below
            control.handle(r);
        };
        endpoint.bindHandler(timed, Map.of(OscHandler.PROP_ADDRESS, ControlProtocol.ROOT));
        // no rate limit: the benchmark sends 2,000 commands/s from one sender, above the default 1,000/s
        endpoint.activate(Surface.config(OscEndpointComponent.Config.class, "port", 0, "rateLimit", 0));

        byte[] packet = Surface.encode(new OSCMessage("/perfsuite/cmd/next-section", List.of()));
        try (DatagramSocket surface = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Thread acks = new Thread(() -> {
                byte[] buffer = new byte[1024];
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                for (int i = 0; i < total; i++) {
                    try {
                        surface.receive(p);
                    } catch (Exception e) {
                        return;
                    }
                    acked[i] = System.nanoTime();
                }
            }, "acks");
            acks.start();
            DatagramPacket out = new DatagramPacket(packet, packet.length, endpoint.localAddress());
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
                sent[i] = System.nanoTime();
                surface.send(out);
            }
            acks.join(10_000);
        } finally {
            endpoint.deactivate();
            control.deactivate();
        }
        System.out.printf(Locale.ROOT, "OSC command benchmark: %d commands after %d warm-up, one every %d µs, "
                + "JDK %s%n", count, warmup, interval / 1000, System.getProperty("java.version"));
        report("packet received -> submit called", received, submitted, warmup);
        report("surface send -> submit called", sent, submitted, warmup);
        report("surface send -> ack received", sent, acked, warmup);
        System.out.println("endpoint: " + endpoint.stats());
    }

    private static void report(String what, long[] from, long[] to, int skip) {
        long[] d = new long[from.length - skip];
        for (int i = skip; i < from.length; i++) {
            d[i - skip] = to[i] - from[i];
        }
        Arrays.sort(d);
        System.out.printf(Locale.ROOT, "  %-34s p50 %7.1f µs  p99 %7.1f µs  p99.9 %7.1f µs  max %8.1f µs%n", what,
                at(d, 0.50), at(d, 0.99), at(d, 0.999), d[d.length - 1] / 1000.0);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }
}
