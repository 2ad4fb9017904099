// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.transport.osc.OscEndpoint;
import io.perfsuite.transport.osc.OscMessage;

/**
 * Echoes state changes to the subscribed surfaces. The session thread only records what changed (a volatile write,
 * an atomic OR, an unpark: no allocation, no lock, no I/O); the sender thread wakes, takes the latest snapshot and
 * sends one message per changed part to each subscriber. Changes that pile up while it sends are coalesced: a surface
 * shows state, so the latest value is what counts.
 *
 * <p><b>Threading:</b> {@link #contextChanged} is for the session thread; the rest may be called from any thread.
 */
final class StatePublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatePublisher.class);

    /** A surface that asked for state, and the endpoint to reach it through. */
    record Subscriber(OscEndpoint endpoint, InetSocketAddress address, long sinceNanos) {
    }

    private final Map<InetSocketAddress, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final Thread thread;
    private volatile MusicalContext latest;
    private volatile int maxSubscribers;
    private volatile boolean closed;

    /** @param maxSubscribers how many surfaces may subscribe; beyond it the oldest subscription is dropped */
    StatePublisher(int maxSubscribers) {
        this.maxSubscribers = Math.max(1, maxSubscribers);
        this.thread = new Thread(this::sendLoop, "perfsuite-control-state");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @param max the new limit (existing subscriptions stay until the next subscribe) */
    void maxSubscribers(int max) {
        this.maxSubscribers = Math.max(1, max);
    }

    /**
     * Subscribes a surface (again: renewing is harmless).
     *
     * @param endpoint the endpoint it talks to
     * @param address  where it listens
     * @return the subscription dropped to make room, or null
     */
    Subscriber subscribe(OscEndpoint endpoint, InetSocketAddress address) {
        subscribers.put(address, new Subscriber(endpoint, address, System.nanoTime()));
        Subscriber oldest = null;
        while (subscribers.size() > maxSubscribers) {
            oldest = subscribers.values().stream().min((a, b) -> Long.compare(a.sinceNanos(), b.sinceNanos()))
                    .orElse(null);
            if (oldest == null || subscribers.remove(oldest.address()) == null) {
                break;
            }
        }
        return oldest;
    }

    /** @return whether the address was subscribed */
    boolean unsubscribe(InetSocketAddress address) {
        return subscribers.remove(address) != null;
    }

    /** @return the current subscribers */
    List<Subscriber> subscribers() {
        return new ArrayList<>(subscribers.values());
    }

    /**
     * Records a change for the sender thread. Called on the session thread: allocation-free and lock-free.
     *
     * @param context the new snapshot
     * @param changed what changed
     */
    void contextChanged(MusicalContext context, Set<ContextChange> changed) {
        latest = context;
        if (subscribers.isEmpty()) {
            return;
        }
        int parts = 0;
        if (changed.contains(ContextChange.TEMPO)) {
            parts |= StateMessages.TEMPO;
        }
        if (changed.contains(ContextChange.BEAT)) {
            parts |= StateMessages.BEAT;
        }
        if (changed.contains(ContextChange.SECTION)) {
            parts |= StateMessages.SECTION;
        }
        if (changed.contains(ContextChange.CHORD)) {
            parts |= StateMessages.CHORD;
        }
        if (changed.contains(ContextChange.MODE)) {
            parts |= StateMessages.MODE;
        }
        if (changed.contains(ContextChange.TRANSPORT)) {
            parts |= StateMessages.PLAYING;
        }
        if (changed.contains(ContextChange.KEY)) {
            parts |= StateMessages.KEY;
        }
        if (changed.contains(ContextChange.DYNAMICS)) {
            parts |= StateMessages.INTENSITY;
        }
        if (parts != 0) {
            pending.getAndAccumulate(parts, (a, b) -> a | b);
            LockSupport.unpark(thread);
        }
    }

    private void sendLoop() {
        while (!closed) {
            int parts = pending.getAndSet(0);
            MusicalContext c = latest;
            if (parts == 0 || c == null) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100)); // the timeout only notices close
                continue;
            }
            changes.incrementAndGet();
            try {
                List<OscMessage> messages = StateMessages.of(c, parts);
                for (Subscriber s : subscribers.values()) {
                    send(s, messages);
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn("state echo failed", e);
            }
        }
    }

    /**
     * Sends messages to one subscriber; a closed endpoint ends its subscription.
     *
     * @param s        the subscriber
     * @param messages the messages
     */
    void send(Subscriber s, List<OscMessage> messages) {
        for (OscMessage m : messages) {
            try {
                if (s.endpoint().send(s.address(), m)) {
                    sent.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            } catch (IllegalStateException endpointGone) {
                subscribers.remove(s.address(), s);
                return;
            }
        }
    }

    /** @return state messages sent */
    long sent() {
        return sent.get();
    }

    /** @return state messages the endpoint could not send */
    long failed() {
        return failed.get();
    }

    /** @return change sets the sender thread handled (several session changes may make one) */
    long changesSent() {
        return changes.get();
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscribers.clear();
    }
}
