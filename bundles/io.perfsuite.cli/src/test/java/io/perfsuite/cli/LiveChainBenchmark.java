// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.FileAnalysisComponent;
import io.perfsuite.audio.internal.source.FileSource;

/**
 * Benchmark harness (not a test): the full default chain on a recording paced like a live input (the real-time
 * clock), as a show runs it, on every core, with or without other processes keeping the cores busy; prints the
 * chain's compute time per block (p50, p99, max) and the audio thread's scheduling.
 *
 * <p>Usage: {@code java ... io.perfsuite.cli.LiveChainBenchmark SECONDS PRIORITY BUSY FILE}: PRIORITY is the audio
 * thread's SCHED_RR priority (0: a normal thread), BUSY how many busy-loop processes run meanwhile. One offline pass
 * over the file first warms the JIT up.
 */
public final class LiveChainBenchmark {

    private LiveChainBenchmark() {
    }

    /**
     * @param args SECONDS PRIORITY BUSY FILE
     * @throws Exception if the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int priority = Integer.parseInt(args[1]);
        int busy = Integer.parseInt(args[2]);
        Path file = Path.of(args[3]);
        FileAnalysisComponent.run(file, FullChainTest.defaultChain(), e -> { }, null, 256, 2048); // warm-up
        List<Process> load = new ArrayList<>();
        for (int i = 0; i < busy; i++) {
            load.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
        }
        try {
            AudioEngine engine = new AudioEngine(256, 2048, 1 << 14);
            engine.realtimePriority(priority);
            FullChainTest.defaultChain().forEach(engine::addAnalyser);
            engine.addListener(e -> { });
            engine.start(new FileSource(file), AudioEngine.Clock.REALTIME);
            boolean ended = engine.awaitEnd(java.time.Duration.ofSeconds(seconds));
            engine.stop();
            System.out.printf(Locale.ROOT, "JDK %s, %s, %d s of %s, real-time clock, %d busy processes%n",
                    System.getProperty("java.version"), engine.threadPolicy(), seconds, file.getFileName(), busy);
            for (AudioEngine.AnalyserStats s : engine.stats()) {
                System.out.printf(Locale.ROOT, "  %-10s %7d blocks  p50 %6.1f  p99 %6.1f  max %7.1f µs%n", s.id(),
                        s.blocks(), s.p50Micros(), s.p99Micros(), s.maxMicros());
            }
            System.out.println(ended ? "  (the file ended first)" : "");
        } finally {
            load.forEach(Process::destroyForcibly);
        }
    }
}
