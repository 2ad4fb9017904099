// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void aBurstPassesThenTheRate() throws Exception {
        RateLimiter limiter = new RateLimiter(100, 10); // one token per 10 ms
        InetAddress a = InetAddress.getByName("127.0.0.1");
        int passed = 0;
        for (int i = 0; i < 50; i++) {
            passed += limiter.tryAcquire(a, 0) ? 1 : 0;
        }
        assertEquals(10, passed, "the burst");
        assertFalse(limiter.tryAcquire(a, 5 * MS));
        assertTrue(limiter.tryAcquire(a, 10 * MS));
        assertFalse(limiter.tryAcquire(a, 10 * MS));
        passed = 0;
        for (long t = 10 * MS; t <= 1010 * MS; t += MS) { // one second at 1000 packets/s: 100 pass
            passed += limiter.tryAcquire(a, t) ? 1 : 0;
        }
        assertEquals(100, passed, 1);
    }

    @Test
    void eachSenderHasItsOwnBucket() throws Exception {
        RateLimiter limiter = new RateLimiter(100, 5);
        InetAddress flood = InetAddress.getByName("127.0.0.3");
        InetAddress surface = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire(flood, i * 1000L);
        }
        assertTrue(limiter.tryAcquire(surface, 1_000_000L));
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        RateLimiter limiter = new RateLimiter(0, 1);
        InetAddress a = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limiter.tryAcquire(a, 0));
        }
    }

    @Test
    void staysBoundedWithManySenders() throws Exception {
        RateLimiter limiter = new RateLimiter(10, 1);
        for (int i = 0; i < 5000; i++) {
            byte[] ip = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            limiter.tryAcquire(InetAddress.getByAddress(ip), i * 1_000_000_000L);
        }
        assertTrue(limiter.senders() <= RateLimiter.MAX_SENDERS);
    }
}
