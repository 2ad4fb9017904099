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

    /** What the audio thread allocated over a number of blocks. */
    public record Allocation(long blocks, long bytes) {
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
     * over at least {@link #MEASURED_BLOCKS}.
     *
     * @param engine a started engine whose source does not end
     * @return the blocks measured and the bytes allocated by the audio thread meanwhile
     */
    public static Allocation audioThreadAllocation(AudioEngine engine) throws InterruptedException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        awaitBlocks(engine, WARM_UP_BLOCKS);
        long id = engine.audioThread().getId();
        long blocks = engine.blocks();
        long before = threads.getThreadAllocatedBytes(id);
        awaitBlocks(engine, blocks + MEASURED_BLOCKS);
        long after = threads.getThreadAllocatedBytes(id);
        return new Allocation(engine.blocks() - blocks, after - before);
    }
}
