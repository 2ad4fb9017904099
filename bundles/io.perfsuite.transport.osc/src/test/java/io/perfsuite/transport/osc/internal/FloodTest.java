// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.illposed.osc.OSCMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.transport.osc.OscHandler;
import io.perfsuite.transport.osc.OscReceived;
import io.perfsuite.transport.osc.OscStats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One sender floods the endpoint at 20,000 packets/s while a control surface on another address sends a command
 * every 2 ms: the flood is cut to its rate and counted, every command arrives, and the commands' latency (sent to
 * handler called, same clock) under the flood stays within a millisecond of the quiet figure at the 99th percentile.
 */
class FloodTest {

    private static final int LEGIT = 500;
    private static final long LEGIT_INTERVAL_NANOS = 2_000_000;
    private static final int FLOOD_PER_MS = 20;

    private OscEndpointComponent endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.deactivate();
        }
    }

    /** Records the latency of each legitimate command by its sequence number. */
    private static final class Latencies implements OscHandler {
        volatile long[] sendToHandler = new long[LEGIT];
        volatile long[] receiveToHandler = new long[LEGIT];
        final AtomicInteger legit = new AtomicInteger();
        final AtomicLong flood = new AtomicLong();

        void reset() {
            sendToHandler = new long[LEGIT];
            receiveToHandler = new long[LEGIT];
            legit.set(0);
        }

        @Override
        public void handle(OscReceived r) {
            long now = System.nanoTime();
            if (r.message().address().equals("/legit")) {
                int seq = (Integer) r.message().argument(0);
                sendToHandler[seq] = now - (Long) r.message().argument(1);
                receiveToHandler[seq] = now - r.receivedNanos();
                legit.incrementAndGet();
            } else {
                flood.incrementAndGet();
            }
        }
    }

    @Test
    void aFloodFromOneSenderDoesNotDelayAnother() throws Exception {
        Latencies latencies = new Latencies();
        endpoint = TestSupport.start(latencies, "allowedSenders", new String[] {"127.0.0.0/8"});
        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1");
                TestSupport.Client flooder = new TestSupport.Client("127.0.0.3")) {
            legitRun(surface, endpoint.localAddress(), latencies); // warm-up: JIT and caches
            // The machine is shared with other builds: a timing assertion gets a second measurement before it fails,
            // and both are printed.
            long extra = measure(latencies, surface, flooder);
            if (extra >= 1_000_000) {
                System.out.println("flood: p99 more than 1 ms above quiet; measuring again");
                extra = measure(latencies, surface, flooder);
            }
            assertTrue(extra < 1_000_000, "p99 under flood within 1 ms of quiet: +" + extra / 1000 + " µs");
        }
    }

    /** @return how much the legitimate commands' p99 latency grew under the flood, in nanoseconds */
    private long measure(Latencies latencies, TestSupport.Client surface, TestSupport.Client flooder)
            throws Exception {
        InetSocketAddress to = endpoint.localAddress();
        OscStats start = settled(endpoint);
        latencies.reset();
        legitRun(surface, to, latencies);
        long[] quiet = latencies.sendToHandler.clone();
        long[] quietReceive = latencies.receiveToHandler.clone();
        latencies.reset();
        long floodBefore = latencies.flood.get();

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong floodSent = new AtomicLong();
        byte[] floodPacket = Packets.encode(new OSCMessage("/flood", java.util.List.of(1, 2.0f, "xxxx")));
        Thread floodThread = new Thread(() -> {
            long next = System.nanoTime();
            while (flooding.get()) {
                for (int i = 0; i < FLOOD_PER_MS; i++) {
                    try {
                        flooder.send(to, floodPacket);
                        floodSent.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
                next += 1_000_000;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "flood");
        long floodStart = System.nanoTime();
        floodThread.start();
        Thread.sleep(200); // the burst allowance is spent: the flood is being limited when the commands start
        legitRun(surface, to, latencies);
        flooding.set(false);
        floodThread.join();
        double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
        long[] flood = latencies.sendToHandler.clone();
        long[] floodReceive = latencies.receiveToHandler.clone();

        OscStats s = settled(endpoint);
        long received = s.received() - start.received();
        long floodPassed = latencies.flood.get() - floodBefore;
        long rateLimited = s.rateLimited() - start.rateLimited();
        long allowedFlood = 200 + Math.round(1000 * floodSeconds);
        long lostInKernel = floodSent.get() + 2L * LEGIT - received;
        System.out.printf("flood: %d packets in %.2f s (%.0f/s) from 127.0.0.3; %d passed, %d rate-limited, "
                + "%d never read (socket buffer full)%n", floodSent.get(), floodSeconds,
                floodSent.get() / floodSeconds, floodPassed, rateLimited, lostInKernel);
        System.out.printf("legit, sent to handler: quiet %s | flood %s%n", percentiles(quiet), percentiles(flood));
        System.out.printf("legit, received to handler: quiet %s | flood %s%n", percentiles(quietReceive),
                percentiles(floodReceive));

        assertEquals(LEGIT, latencies.legit.get(), "every command arrived during the flood");
        assertTrue(floodSent.get() / floodSeconds > 10_000, "the flood really was a flood");
        assertTrue(floodPassed <= allowedFlood + 50, "the flood was cut to its rate: " + s);
        assertEquals(received - 2L * LEGIT - floodPassed, rateLimited, "every flood packet read was counted");
        assertTrue(percentile(floodReceive, 99) < 1_000_000, "received to handler p99 under flood < 1 ms");
        return percentile(flood, 99) - percentile(quiet, 99);
    }

    private static void legitRun(TestSupport.Client surface, InetSocketAddress to, Latencies latencies)
            throws Exception {
        long next = System.nanoTime();
        for (int i = 0; i < LEGIT; i++) {
            next += LEGIT_INTERVAL_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
            surface.send(to, Packets.encode(new OSCMessage("/legit", java.util.List.of(i, System.nanoTime()))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (latencies.legit.get() < LEGIT && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** @return the counters once nothing more arrives */
    private static OscStats settled(OscEndpointComponent endpoint) throws InterruptedException {
        OscStats before;
        OscStats after = endpoint.stats();
        do {
            before = after;
            Thread.sleep(100);
            after = endpoint.stats();
        } while (after.received() != before.received());
        return after;
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static String percentiles(long[] v) {
        return String.format(java.util.Locale.ROOT, "p50 %d µs, p99 %d µs, max %d µs", percentile(v, 50) / 1000,
                percentile(v, 99) / 1000, percentile(v, 100) / 1000);
    }
}
