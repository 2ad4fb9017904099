// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import io.perfsuite.audio.internal.AudioEngine;

/**
 * What the analysers' tests share (published as this module's test jar): configurations at their metatype
 * defaults, the shared recordings with the project's skip-or-fail rule, and the measurement of what the engine's
 * audio thread allocates.
 */
public final class EngineTestKit {

    /** Blocks an engine runs before a measurement, so the JIT has compiled the loop. */
    public static final long WARM_UP_BLOCKS = 20_000;
    /** Blocks a measurement covers; the requirement is at least 10,000. */
    public static final long MEASURED_BLOCKS = 12_000;

    /** Consecutive measurement windows; the least counts (see {@link #audioThreadAllocation}). */
    public static final int WINDOWS = 3;

    /**
     * What the audio thread allocated.
     *
     * @param blocks  blocks in the window that allocated least
     * @param bytes   bytes allocated in that window
     * @param windows bytes allocated in each window, in order
     */
    public record Allocation(long blocks, long bytes, java.util.List<Long> windows) {
        @Override
        public String toString() {
            return bytes + " bytes over " + blocks + " blocks (windows: " + windows + ")";
        }
    }

    private EngineTestKit() {
    }

    /**
     * @param config an {@code @ObjectClassDefinition} annotation type
     * @return the configuration as shipped: every attribute at its metatype default
     */
    public static <C> C defaults(Class<C> config) {
        return config(config, Map.of());
    }

    /**
     * @param config    an {@code @ObjectClassDefinition} annotation type
     * @param overrides attribute values that replace the defaults, by attribute name
     * @return the configuration
     */
    @SuppressWarnings("unchecked")
    public static <C> C config(Class<C> config, Map<String, Object> overrides) {
        return (C) Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config}, (proxy, method, args) ->
                method.getName().equals("annotationType") ? config
                        : overrides.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    /**
     * A file or folder of the shared recordings (system property {@code perfsuite.data}). When it is missing the
     * test is skipped with a printed notice, or fails when the environment variable {@code PERFSUITE_CI} is 1.
     *
     * @param relative the path below the data folder
     * @return the path
     */
    public static Path data(String relative) {
        String root = System.getProperty("perfsuite.data");
        Path p = root == null ? null : Path.of(root, relative);
        if (p == null || !Files.exists(p)) {
            String why = "shared data not found: " + relative;
            if ("1".equals(System.getenv("PERFSUITE_CI"))) {
                fail(why);
            }
            System.out.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        return p;
    }

    /**
     * Waits until a running engine has processed a number of blocks (60 s at most).
     *
     * @param engine the engine
     * @param blocks the count to reach
     */
    public static void awaitBlocks(AudioEngine engine, long blocks) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (engine.blocks() < blocks) {
            assertTrue(System.nanoTime() < deadline, "the engine processed only " + engine.blocks() + " blocks");
            Thread.sleep(5);
        }
    }

    /**
     * Measures the bytes the audio thread of a running, endless engine allocates: after {@link #WARM_UP_BLOCKS},
     * over {@link #WINDOWS} consecutive windows of at least {@link #MEASURED_BLOCKS} blocks each.
     *
     * @param engine a started engine whose source does not end
     * @return the window that allocated least (blocks and bytes), and every window's bytes
     */
    public static Allocation audioThreadAllocation(AudioEngine engine) throws InterruptedException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        awaitBlocks(engine, WARM_UP_BLOCKS);
        long id = engine.audioThread().getId();
        java.util.List<Long> windows = new java.util.ArrayList<>();
        long bestBlocks = 0;
        long bestBytes = Long.MAX_VALUE;
        // A per-block allocation shows in every window (12,000 blocks x at least 16 bytes). One-off counts do occur
        // in a single window: seen 104-416 bytes (pitch) and 4,032 bytes (beat), on JDK 17 and 25, in the same
        // window also with escape analysis switched off, so not an allocation the JIT usually removes; JIT
        // deoptimisations and GC-time accounting of the thread's buffer are the candidates. The least window is the
        // audio thread's own rate; every window is printed, so a one-off stays visible.
        for (int w = 0; w < WINDOWS; w++) {
            long blocks = engine.blocks();
            long before = threads.getThreadAllocatedBytes(id);
            awaitBlocks(engine, blocks + MEASURED_BLOCKS);
            long bytes = threads.getThreadAllocatedBytes(id) - before;
            windows.add(bytes);
            if (bytes < bestBytes) {
                bestBytes = bytes;
                bestBlocks = engine.blocks() - blocks;
            }
        }
        Allocation a = new Allocation(bestBlocks, bestBytes, java.util.List.copyOf(windows));
        System.out.println("audio thread allocation: " + a);
        return a;
    }
}
