// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import java.util.Arrays;

import io.perfsuite.api.context.MusicalContext;

/**
 * Not a test: times {@code plan} over 100,000 one-beat windows per style after a warm-up and prints percentiles.
 * Run from the repository root:
 * <pre>
 * mvn -B -o -q -f plugins/io.perfsuite.bandmate.bass/pom.xml test-compile exec:java \
 *     -Dexec.mainClass=io.perfsuite.bandmate.bass.BassBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class BassBenchmark {

    private BassBenchmark() {
    }

    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MusicalContext[] c = AllocationTest.contexts(256);
        FixedSink sink = new FixedSink();
        long[] nanos = new long[windows];
        for (String style : new String[] {"root-fifth", "walking", "syncopated"}) {
            Bassist bass = Songs.bassist(style);
            AllocationTest.run(bass, c, sink, 50_000);
            for (int i = 0; i < windows; i++) {
                int b = i % c.length;
                sink.count = 0;
                long t0 = System.nanoTime();
                bass.plan(c[b], b + 1, b + 2, sink);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("bass %-10s windows %d  p50 %.2f us  p99 %.2f us  p99.9 %.2f us  max %.2f us%n", style,
                    windows, nanos[windows / 2] / 1e3, nanos[(int) (windows * 0.99)] / 1e3,
                    nanos[(int) (windows * 0.999)] / 1e3, nanos[windows - 1] / 1e3);
        }
    }
}
