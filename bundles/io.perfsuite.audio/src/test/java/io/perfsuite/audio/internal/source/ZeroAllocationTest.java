// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.internal.AudioSource;

/**
 * The real-time rule: after warm-up, 10,000 reads of 256 frames allocate nothing on the reading thread. The
 * measured reads never reach the end of the source.
 */
class ZeroAllocationTest {

    private static final int BLOCK = 256;
    private static final int READS = 10_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Read results land here so the JIT cannot drop the reads. */
    private double sink;

    private static float[] sixtySeconds() {
        float[] mono = new float[60 * 44100];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = (float) Math.sin(i * 0.0626);
        }
        return mono;
    }

    private long allocatedByReads(Supplier<AudioSource> fresh) throws IOException {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM measures allocation per thread");
        float[] buffer = new float[BLOCK];
        // warm-up through the very method that is measured, on another instance, so that method is compiled
        // before the measurement (a measured loop of its own would start interpreted and be compiled mid-way)
        try (AudioSource warm = fresh.get()) {
            for (int round = 0; round < 100; round++) {
                warm.open(BLOCK);
                readBlocks(warm, buffer, 1000);
            }
        }
        // three measured windows: a steady allocation shows in every one of them, while a one-off of the JIT
        // (a deoptimisation rematerialising an object, seen on JDK 25) shows in one at most; the least counts
        try (AudioSource source = fresh.get()) {
            long id = Thread.currentThread().getId();
            long least = Long.MAX_VALUE;
            for (int window = 0; window < 3; window++) {
                source.open(BLOCK);
                THREADS.getThreadAllocatedBytes(id);
                long before = THREADS.getThreadAllocatedBytes(id);
                long delivered = readBlocks(source, buffer, READS);
                long after = THREADS.getThreadAllocatedBytes(id);
                assertEquals(READS * BLOCK, delivered, "every measured read was a full block");
                least = Math.min(least, after - before);
            }
            return least;
        }
    }

    private long readBlocks(AudioSource source, float[] buffer, int reads) {
        long delivered = 0;
        for (int i = 0; i < reads; i++) {
            delivered += source.read(buffer, BLOCK);
            sink += buffer[i % BLOCK];
        }
        return delivered;
    }

    @Test
    void fileSourceReadsAllocateNothing() throws IOException {
        float[] mono = sixtySeconds();
        DecodedAudio audio = new DecodedAudio(44100, 1, "PCM_FLOAT 32 bit", mono);
        assertEquals(0, allocatedByReads(() -> new FileSource(audio, "sixty seconds")),
                "bytes allocated by 10,000 FileSource reads of 256 frames");
    }

    @Test
    void testSignalReadsAllocateNothing() throws IOException {
        assertEquals(0, allocatedByReads(() -> TestSignalSource.sine(44100, 440, 0.5)), "sine");
        assertEquals(0, allocatedByReads(() -> TestSignalSource.chord(44100, 0.9, 220, 277.18, 329.63)), "chord");
        assertEquals(0, allocatedByReads(() -> TestSignalSource.clicks(44100, 120, 0.8)), "clicks");
        assertEquals(0, allocatedByReads(() -> TestSignalSource.noise(44100, 0.5, 7)), "noise");
        assertEquals(0, allocatedByReads(() -> TestSignalSource.sine(44100, 440, 0.5).withLength(1L << 40)),
                "a long finite sine");
    }
}
