// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class EventPublisherTest {

    /** A client that counts what it gets and can be told to stall. */
    private static final class Counting implements EventPublisher.Client {
        final AtomicInteger frames = new AtomicInteger();
        final AtomicBoolean stalled = new AtomicBoolean();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile String last;

        @Override
        public boolean ready() {
            return !stalled.get();
        }

        @Override
        public void send(byte[] frame) {
            last = new String(frame, StandardCharsets.UTF_8);
            frames.incrementAndGet();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void oneThreadFeedsEveryClientAtTheRate() throws Exception {
        try (EventPublisher p = new EventPublisher(() -> "{\"x\":1}", 20, 4, 10)) {
            Counting a = new Counting();
            Counting b = new Counting();
            assertTrue(p.add(a));
            assertTrue(p.add(b));
            Thread.sleep(1000);
            int n = a.frames.get();
            assertTrue(n >= 15 && n <= 22, "about 20 frames in a second, got " + n);
            assertTrue(Math.abs(a.frames.get() - b.frames.get()) <= 1);
            assertEquals("event: context\ndata: {\"x\":1}\n\n", a.last);
            assertEquals(2, p.stats().clients());
        }
    }

    @Test
    void aStalledClientIsDroppedAndTheOthersGoOn() throws Exception {
        try (EventPublisher p = new EventPublisher(() -> "{}", 20, 4, 5)) {
            Counting slow = new Counting();
            Counting fine = new Counting();
            slow.stalled.set(true);
            p.add(slow);
            p.add(fine);
            assertTrue(slow.closed.await(2, TimeUnit.SECONDS), "the stalled client is dropped");
            assertEquals(0, slow.frames.get());
            int before = fine.frames.get();
            Thread.sleep(300);
            assertTrue(fine.frames.get() > before, "the other client still gets frames");
            assertEquals(1, p.stats().dropped());
            assertEquals(1, p.stats().clients());
        }
    }

    @Test
    void aBrokenConnectionIsDropped() throws Exception {
        try (EventPublisher p = new EventPublisher(() -> "{}", 20, 4, 5)) {
            Counting broken = new Counting();
            EventPublisher.Client throwing = new EventPublisher.Client() {
                @Override
                public boolean ready() {
                    return true;
                }

                @Override
                public void send(byte[] frame) throws IOException {
                    throw new IOException("reset by peer");
                }

                @Override
                public void close() {
                    broken.closed.countDown();
                }
            };
            p.add(throwing);
            assertTrue(broken.closed.await(2, TimeUnit.SECONDS));
            assertEquals(0, p.stats().clients());
        }
    }

    @Test
    void theNumberOfClientsIsBounded() {
        try (EventPublisher p = new EventPublisher(() -> null, 20, 2, 5)) {
            assertTrue(p.add(new Counting()));
            assertTrue(p.add(new Counting()));
            assertFalse(p.add(new Counting()));
        }
    }

    @Test
    void closingEndsEveryClient() throws Exception {
        Counting c = new Counting();
        EventPublisher p = new EventPublisher(() -> "{}", 20, 2, 5);
        p.add(c);
        p.close();
        assertTrue(c.closed.await(1, TimeUnit.SECONDS));
        assertFalse(p.add(new Counting()));
    }
}
