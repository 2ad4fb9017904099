// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The scheduler thread's time slice: applied where the platform has it (Linux with the Foreign Function API: the
 * kernel then reports the slice for the thread), else a reason, never an exception; 0 leaves the thread alone.
 */
class ThreadSliceTest {

    @Test
    void appliesTheSliceOrSaysWhyNot() throws Exception {
        AtomicReference<String> result = new AtomicReference<>();
        AtomicReference<String> sched = new AtomicReference<>();
        Thread t = new Thread(() -> { // a thread of its own: the slice stays with it
            result.set(ThreadSlice.apply(100_000));
            try {
                Path p = Path.of("/proc/thread-self/sched");
                sched.set(Files.isReadable(p) ? Files.readString(p) : null);
            } catch (java.io.IOException e) {
                sched.set(null);
            }
        });
        t.start();
        t.join();
        System.out.println("time slice: " + (result.get() == null ? "100 µs" : result.get()));
        if (result.get() == null && kernelAtLeast(6, 12) && sched.get() != null && sched.get().contains("se.slice")) {
            String line = sched.get().lines().filter(l -> l.startsWith("se.slice")).findFirst().orElseThrow();
            assertEquals("100000", line.substring(line.indexOf(':') + 1).trim(), line);
        }
        if (Runtime.version().feature() < 22) {
            assertNotNull(result.get(), "no Foreign Function API before Java 22");
        }
        assertEquals("not asked", ThreadSlice.apply(0));
    }

    /** Custom slices for normal threads came with Linux 6.12; older kernels accept and ignore them. */
    private static boolean kernelAtLeast(int major, int minor) {
        String[] v = System.getProperty("os.version", "0.0").split("[.-]");
        try {
            int a = Integer.parseInt(v[0]);
            int b = v.length > 1 ? Integer.parseInt(v[1]) : 0;
            return a > major || a == major && b >= minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
