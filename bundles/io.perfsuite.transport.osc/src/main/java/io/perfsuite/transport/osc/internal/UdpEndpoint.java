// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.OSCSerializerAndParserBuilder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.transport.osc.OscEndpoint;
import io.perfsuite.transport.osc.OscHandler;
import io.perfsuite.transport.osc.OscMessage;
import io.perfsuite.transport.osc.OscReceived;

/**
 * One bound UDP socket with its receive thread: reads each datagram into a preallocated buffer, checks the sender
 * against the allow-list, the sender's rate and the size against the limit (in that order, all before any parsing),
 * decodes it strictly, and gives each message to the handlers whose prefix matches. Sends go through the same socket.
 * Nothing a peer sends can stop the thread: every bad packet is counted by reason and warned about at most every
 * {@value #WARN_INTERVAL_SECONDS} s.
 *
 * <p><b>Threading:</b> the receive thread owns the receive buffer; handlers, settings and routes are swapped through
 * volatile fields; the rate limiter is guarded by its own lock (so tests may feed {@link #process} directly); sends
 * are serialised by a lock of their own and never wait for the receive thread.
 */
final class UdpEndpoint implements AutoCloseable {

    /** Seconds between two drop warnings of one endpoint. */
    static final int WARN_INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(WARN_INTERVAL_SECONDS);

    /** A handler with the address prefixes it takes. */
    record Route(List<String> prefixes, OscHandler handler) {
        Route {
            prefixes = List.copyOf(prefixes);
            Objects.requireNonNull(handler, "handler");
        }

        boolean matches(String address) {
            for (String prefix : prefixes) {
                if (prefix.equals("/") || address.equals(prefix) || address.startsWith(prefix)
                        && (prefix.endsWith("/") || address.charAt(prefix.length()) == '/')) {
                    return true;
                }
            }
            return false;
        }
    }

    private final OscEndpoint facade;
    private final Counters counters;
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final OscParser parser = new OscParser();
    private final Thread thread;

    private final Object sendLock = new Object();
    private final BufferBytesReceiver sendBytes; // guarded by sendLock
    private final OSCSerializer serializer; // guarded by sendLock

    private final Object limiterLock = new Object();
    private RateLimiter limiter; // guarded by limiterLock
    private EndpointSettings limiterSettings; // guarded by limiterLock

    private volatile EndpointSettings settings;
    private volatile Route[] routes = new Route[0];
    private volatile boolean closed;

    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private final AtomicLong unwarnedDrops = new AtomicLong();

    private UdpEndpoint(EndpointSettings settings, OscEndpoint facade, Counters counters, DatagramChannel channel)
            throws IOException {
        this.settings = settings;
        this.facade = facade;
        this.counters = counters;
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        ByteBuffer sendBuffer = ByteBuffer.allocate(EndpointSettings.MAX_DATAGRAM);
        this.sendBytes = new BufferBytesReceiver(sendBuffer);
        this.serializer = new OSCSerializerAndParserBuilder().buildSerializer(sendBytes);
        this.thread = new Thread(this::receiveLoop, "perfsuite-osc-" + settings.name());
        this.thread.setDaemon(true);
    }

    /**
     * Binds the socket and starts the receive thread.
     *
     * @param settings the configuration
     * @param facade   the service object handlers see as the endpoint
     * @param counters where to count (kept by the caller across rebinds)
     * @return the running endpoint
     * @throws IOException if the socket cannot be bound (the port is taken, the host is not local)
     */
    static UdpEndpoint open(EndpointSettings settings, OscEndpoint facade, Counters counters) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            if (settings.receiveBuffer() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBuffer());
            }
            channel.bind(new InetSocketAddress(InetAddress.getByName(settings.bindHost()), settings.port()));
            UdpEndpoint endpoint = new UdpEndpoint(settings, facade, counters, channel);
            endpoint.thread.start();
            return endpoint;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the bound address */
    InetSocketAddress localAddress() {
        return local;
    }

    /** @return the current settings */
    EndpointSettings settings() {
        return settings;
    }

    /**
     * Applies settings that keep the same socket; the next packet is checked against them.
     *
     * @param changed the new settings
     * @throws IllegalArgumentException if they need another socket
     */
    void update(EndpointSettings changed) {
        if (!settings.sameSocket(changed)) {
            throw new IllegalArgumentException("new socket settings need a new endpoint");
        }
        settings = changed;
    }

    /** @param newRoutes the handlers and their prefixes, replacing the previous ones */
    void routes(List<Route> newRoutes) {
        routes = newRoutes.toArray(new Route[0]);
    }

    /** @return how many handlers are routed */
    int routeCount() {
        return routes.length;
    }

    /** @return whether the receive thread is still running */
    boolean isReceiving() {
        return thread.isAlive();
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(settings.maxPacketSize() + 1);
        while (!closed) {
            EndpointSettings s = settings;
            if (buffer.capacity() != s.maxPacketSize() + 1) {
                buffer = ByteBuffer.allocate(s.maxPacketSize() + 1);
            }
            buffer.clear();
            SocketAddress from;
            try {
                // one byte more than allowed: a datagram that fills it was larger (the rest is cut by the kernel)
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException | RuntimeException e) {
                warn("receive failed: " + e);
                pause();
                continue;
            }
            long now = System.nanoTime();
            if (from instanceof InetSocketAddress sender) {
                process(buffer.array(), buffer.position(), sender, now, s);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10); // a failing socket must not turn the loop into a busy spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Checks, decodes and dispatches one datagram. Called by the receive thread; tests may call it too, which is why
     * the rate limiter has a lock.
     *
     * @param data     the datagram's bytes, from index 0
     * @param length   its size (more than the maximum packet size means oversized)
     * @param sender   where it came from
     * @param nowNanos when it was read
     * @param s        the settings to check it against
     */
    void process(byte[] data, int length, InetSocketAddress sender, long nowNanos, EndpointSettings s) {
        counters.increment(Counter.RECEIVED);
        try {
            InetAddress address = sender.getAddress();
            if (address == null || !s.allowList().allows(address)) {
                dropped(Counter.DISALLOWED, sender, "sender not in the allow-list " + s.allowList());
                return;
            }
            // the rate before the size: an oversized packet costs a token too, so the error replies to an allowed
            // sender can never outnumber its rate
            if (!acquire(address, nowNanos, s)) {
                dropped(Counter.RATE_LIMITED, sender, "more than " + s.rateLimit() + " packets/s");
                return;
            }
            if (length > s.maxPacketSize()) {
                refused(Counter.OVERSIZED, sender, "packet larger than " + s.maxPacketSize() + " bytes", s);
                return;
            }
            List<OscParser.Parsed> messages;
            try {
                messages = parser.parse(data, 0, length);
            } catch (OscParseException e) {
                refused(switch (e.kind()) {
                    case TRUNCATED -> Counter.TRUNCATED;
                    case MALFORMED -> Counter.MALFORMED;
                    case BAD_TYPE_TAG -> Counter.BAD_TYPE_TAG;
                }, sender, e.getMessage(), s);
                return;
            }
            counters.increment(Counter.ACCEPTED);
            for (OscParser.Parsed p : messages) {
                dispatch(new OscReceived(facade, sender, p.message(), p.timetag(), nowNanos));
            }
        } catch (RuntimeException e) {
            counters.increment(Counter.INTERNAL_ERRORS);
            LOG.error("OSC endpoint '{}': fault handling a packet from {}", s.name(), sender, e);
        }
    }

    private boolean acquire(InetAddress sender, long nowNanos, EndpointSettings s) {
        synchronized (limiterLock) {
            if (limiterSettings != s) { // a new configuration starts every sender with a full bucket
                limiter = new RateLimiter(s.rateLimit(), s.rateBurst());
                limiterSettings = s;
            }
            return limiter.tryAcquire(sender, nowNanos);
        }
    }

    private void dispatch(OscReceived received) {
        String address = received.message().address();
        boolean handled = false;
        for (Route r : routes) {
            if (!r.matches(address)) {
                continue;
            }
            handled = true;
            try {
                r.handler().handle(received);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) { // a handler's bug, even a linkage error of an updated bundle, stays its own
                counters.increment(Counter.HANDLER_ERRORS);
                warn("handler " + r.handler().getClass().getName() + " failed on " + address + ": " + e);
            }
        }
        counters.increment(handled ? Counter.DELIVERED : Counter.UNHANDLED);
    }

    /**
     * Drops a packet from an allowed sender within its rate, and tells it why when an error address is configured:
     * the packet was not decoded, so the error names no address (""). Strangers and floods are never answered.
     */
    private void refused(Counter counter, InetSocketAddress sender, String why, EndpointSettings s) {
        dropped(counter, sender, why);
        if (!s.errorReply().isEmpty()) {
            try {
                send(sender, OscMessage.of(s.errorReply(), "", why));
            } catch (RuntimeException e) {
                counters.increment(Counter.SEND_ERRORS); // closing under us: the drop is counted either way
            }
        }
    }

    private void dropped(Counter counter, InetSocketAddress sender, String why) {
        counters.increment(counter);
        String category = counter.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        warn("dropped a packet from " + sender + " (" + category + "): " + why);
    }

    /** Logs at most one warning per interval, with how many drops went unlogged since the last one. */
    private void warn(String what) {
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            long more = unwarnedDrops.getAndSet(0);
            LOG.warn("OSC endpoint '{}' {}{}", settings.name(), what, more == 0 ? ""
                    : " (and " + more + " more problems since the last warning; perfsuite:osc shows the counters)");
        } else {
            unwarnedDrops.incrementAndGet();
        }
    }

    /**
     * Sends a message through the socket.
     *
     * @param to      where to
     * @param message the message
     * @return true if handed to the operating system
     */
    boolean send(SocketAddress to, OscMessage message) {
        OSCMessage packet;
        try {
            packet = new OSCMessage(message.address(), message.arguments());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot send " + message.address() + ": " + e.getMessage(), e);
        }
        return send(to, packet);
    }

    /**
     * Sends a packet through the socket.
     *
     * @param to     where to
     * @param packet the packet
     * @return true if handed to the operating system
     */
    boolean send(SocketAddress to, OSCPacket packet) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(packet, "packet");
        synchronized (sendLock) {
            if (closed) {
                throw new IllegalStateException("OSC endpoint '" + settings.name() + "' is closed");
            }
            sendBytes.clear();
            try {
                serializer.write(packet);
            } catch (OSCSerializeException | RuntimeException e) {
                throw new IllegalArgumentException("cannot encode the packet: " + e.getMessage(), e);
            }
            ByteBuffer datagram = sendBytes.getBuffer();
            datagram.flip();
            try {
                channel.send(datagram, to);
                counters.increment(Counter.SENT);
                return true;
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("OSC endpoint '" + settings.name() + "' is closed", e);
            } catch (IOException e) {
                counters.increment(Counter.SEND_ERRORS);
                warn("send to " + to + " failed: " + e);
                return false;
            } finally {
                sendBytes.clear();
            }
        }
    }

    /** Closes the socket and waits (briefly) for the receive thread to end. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing OSC endpoint '{}'", settings.name(), e);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
