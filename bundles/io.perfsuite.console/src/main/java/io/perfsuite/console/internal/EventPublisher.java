// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the session's state to every connected Server-Sent Events client from one thread: a frame is rendered
 * once per period and written to each client without blocking. A client whose connection has not taken the last
 * frames (a slow or stalled browser) is dropped rather than allowed to hold the others back, and there is a bound
 * on how many clients may connect. The thread sleeps while no client is connected.
 */
final class EventPublisher implements AutoCloseable {

    /** One connected client. Implementations must not block. */
    interface Client {
        /**
         * @return whether the client can take a frame now (its previous writes have gone out)
         */
        boolean ready();

        /**
         * Writes a frame; called only after {@link #ready()} said yes.
         *
         * @throws IOException if the connection is gone
         */
        void send(byte[] frame) throws IOException;

        /** Ends the client's response; called once, when the client is dropped or the publisher closes. */
        void close();
    }

    /** Figures for the console and for the CPU-cost test. */
    record Stats(int clients, long frames, long dropped, long cpuNanos, long runNanos, double hz) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final Supplier<String> frames;
    private final long periodNanos;
    private final int maxClients;
    private final int maxMissed;
    private final List<Slot> clients = new CopyOnWriteArrayList<>();
    private final Object wake = new Object();
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long cpuNanos;
    private volatile long runNanos;
    private volatile boolean closed;

    private static final class Slot {
        final Client client;
        int missed;

        Slot(Client client) {
            this.client = client;
        }
    }

    /**
     * @param frames      renders the data of one frame (one line of JSON); null means nothing to send this time
     * @param hz          frames per second
     * @param maxClients  the most clients connected at once
     * @param maxMissed   frames in a row a client may be unable to take before it is dropped
     */
    EventPublisher(Supplier<String> frames, double hz, int maxClients, int maxMissed) {
        this.frames = frames;
        this.periodNanos = (long) (1e9 / hz);
        this.maxClients = maxClients;
        this.maxMissed = maxMissed;
        this.thread = new Thread(this::run, "perfsuite-console-events");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param client a new client
     * @return false if there are already as many clients as allowed (the caller refuses the connection)
     */
    boolean add(Client client) {
        synchronized (wake) {
            if (closed || clients.size() >= maxClients) {
                return false;
            }
            clients.add(new Slot(client));
            wake.notifyAll();
        }
        return true;
    }

    /** Forgets a client whose connection ended (the container said so). */
    void remove(Client client) {
        clients.removeIf(s -> s.client == client);
    }

    Stats stats() {
        return new Stats(clients.size(), sent.get(), dropped.get(), cpuNanos, runNanos, 1e9 / periodNanos);
    }

    private void run() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        long next = System.nanoTime();
        long cpuAtStart = cpu ? mx.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        while (!closed) {
            try {
                synchronized (wake) {
                    while (clients.isEmpty() && !closed) {
                        wake.wait();
                        next = System.nanoTime();
                    }
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += periodNanos;
                if (next < System.nanoTime() - periodNanos) {
                    next = System.nanoTime(); // fell behind (suspended machine): do not burst to catch up
                }
                publish();
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("Console event frame failed", e);
            }
            if (cpu) {
                cpuNanos = mx.getCurrentThreadCpuTime() - cpuAtStart;
            }
            runNanos = System.nanoTime() - start;
        }
        for (Slot s : clients) {
            s.client.close();
        }
        clients.clear();
    }

    private void publish() {
        String data = frames.get();
        if (data == null) {
            return;
        }
        byte[] frame = ("event: context\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (Slot s : clients) {
            boolean drop;
            try {
                if (s.client.ready()) {
                    s.missed = 0;
                    s.client.send(frame);
                    sent.incrementAndGet();
                    drop = false;
                } else {
                    drop = ++s.missed > maxMissed;
                }
            } catch (IOException | RuntimeException gone) {
                drop = true;
            }
            if (drop) {
                clients.remove(s);
                dropped.incrementAndGet();
                s.client.close();
            }
        }
    }

    @Override
    public void close() {
        synchronized (wake) {
            closed = true;
            wake.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
