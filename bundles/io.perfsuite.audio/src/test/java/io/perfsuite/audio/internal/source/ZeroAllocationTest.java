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
        for (int round = 0; round < 3; round++) { // warm-up on other instances: let the JIT compile read
            try (AudioSource warm = fresh.get()) {
                warm.open(BLOCK);
                for (int i = 0; i < READS; i++) {
                    sink += warm.read(buffer, BLOCK) + buffer[i % BLOCK];
                }
            }
        }
        try (AudioSource source = fresh.get()) {
            source.open(BLOCK);
            long id = Thread.currentThread().getId();
            THREADS.getThreadAllocatedBytes(id);
            long before = THREADS.getThreadAllocatedBytes(id);
            int delivered = 0;
            for (int i = 0; i < READS; i++) {
                delivered += source.read(buffer, BLOCK);
                sink += buffer[i % BLOCK];
            }
            long after = THREADS.getThreadAllocatedBytes(id);
            assertEquals(READS * BLOCK, delivered, "every measured read was a full block");
            return after - before;
        }
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
