// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One token bucket per sender host, so a flood from one host is cut down to its rate while every other host keeps its
 * own budget. A bucket holds at most {@code burst} tokens and refills at {@code rate} per second; a packet takes one.
 * Keyed by address, not address and port: a misbehaving device cannot get more by sending from many ports.
 *
 * <p><b>Threading:</b> not thread-safe; the endpoint calls it under its own lock.
 */
final class RateLimiter {

    /** Past this many senders the idle buckets are forgotten (only allowed senders get one, so this is generous). */
    static final int MAX_SENDERS = 1024;

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    private final double perNano;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();

    /**
     * @param ratePerSecond packets per second per sender; 0 or less for no limit
     * @param burst         packets a sender may send at once after being idle, at least 1
     */
    RateLimiter(int ratePerSecond, int burst) {
        this.perNano = ratePerSecond <= 0 ? 0 : ratePerSecond / 1e9;
        this.burst = Math.max(1, burst);
    }

    /**
     * Takes a token for a packet.
     *
     * @param sender   the packet's sender
     * @param nowNanos the current {@link System#nanoTime()}
     * @return true if the packet may pass
     */
    boolean tryAcquire(InetAddress sender, long nowNanos) {
        if (perNano == 0) {
            return true;
        }
        Bucket b = buckets.get(sender);
        if (b == null) {
            if (buckets.size() >= MAX_SENDERS) {
                forgetIdle(nowNanos);
            }
            b = new Bucket();
            b.tokens = burst;
            b.lastNanos = nowNanos;
            buckets.put(sender, b);
        } else {
            long elapsed = nowNanos - b.lastNanos;
            if (elapsed > 0) {
                b.tokens = Math.min(burst, b.tokens + elapsed * perNano);
                b.lastNanos = nowNanos;
            }
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }

    private void forgetIdle(long nowNanos) {
        buckets.values().removeIf(b -> b.tokens + (nowNanos - b.lastNanos) * perNano >= burst);
        if (buckets.size() >= MAX_SENDERS) {
            buckets.clear(); // everyone busy: start over rather than grow without bound
        }
    }

    /** @return how many senders have a bucket */
    int senders() {
        return buckets.size();
    }
}
