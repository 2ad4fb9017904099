// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Section;

/** Proves that planning allocates nothing once warm, as the session thread's budget demands. */
class AllocationTest {

    static final int CALLS = 20_000;

    /** Contexts covering the paths: groove, section change with fill, cues, feels. */
    static MusicalContext[] contexts(int n) {
        MusicalContext[] c = new MusicalContext[n];
        Section verse = Section.named("Verse", 4);
        Section chorus = Section.named("Chorus", 4);
        Feel[] feels = Feel.values();
        for (int b = 0; b < n; b++) {
            MusicalContext.Builder x = Songs.at(b).intensity((b % 10) / 10.0).feel(feels[(b / 32) % 3])
                    .sections(verse, chorus);
            if (b % 16 == 14) {
                x.cues(Set.of(Cue.FILL));
            }
            c[b] = x.build();
        }
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"root-fifth", "walking", "syncopated"})
    void planAllocatesNothingAfterWarmUp(String style) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        Bassist bass = Songs.bassist(style);
        MusicalContext[] c = contexts(256);
        FixedSink sink = new FixedSink();
        run(bass, c, sink, CALLS); // warm-up: class loading, JIT
        // the least of three rounds: a one-off (a JIT transition, a lazily loaded class) is not per-call allocation,
        // which would show in every round (20,000 calls of even one object are over 300 kB)
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3 && least > 0; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            run(bass, c, sink, CALLS);
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertTrue(sink.total > CALLS, "it played");
        assertEquals(0, least, "bytes allocated over " + CALLS + " plan calls");
    }

    static void run(Bassist bass, MusicalContext[] c, FixedSink sink, int calls) {
        for (int i = 0; i < calls; i++) {
            int b = i % c.length;
            if (b == 0) {
                bass.reset();
            }
            sink.count = 0;
            bass.plan(c[b], b + 1, b + 2, sink);
        }
    }
}
