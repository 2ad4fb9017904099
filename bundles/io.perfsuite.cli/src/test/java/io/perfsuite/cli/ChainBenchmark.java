// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.perfsuite.api.analysis.AnalysisListener;
import io.perfsuite.audio.FileAnalysis;
import io.perfsuite.audio.internal.FileAnalysisComponent;

/**
 * Benchmark harness (not a test): the full default analysis chain offline on recordings, against aubio's pitch,
 * onset and beat tools run as processes on the same files in the same run, so the ratio is side by side.
 *
 * <p>Usage: {@code cnf/tools/bench-analysis.sh [RUNS] [FILE...]} (pins everything to one core with taskset). For each
 * file: warm-up runs ({@code -Dbench.warmups}, 2), then RUNS measured runs; prints audio seconds / wall seconds for our chain and for each aubio
 * tool and the three together, and the chain's compute time per block (p50, p99, max) over the measured runs.
 */
public final class ChainBenchmark {

    /** Warm-up runs per file before the measured ones ({@code -Dbench.warmups}). */
    private static final int WARM_UPS = Integer.getInteger("bench.warmups", 2);

    private ChainBenchmark() {
    }

    /**
     * @param args RUNS then the files
     * @throws Exception if a file cannot be read or a tool fails
     */
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        boolean aubio = hasAubio();
        System.out.printf(Locale.ROOT, "%-44s %8s | %9s %9s %9s | %8s %8s %8s | %8s %8s %8s %8s%n", "file", "audio s",
                "ours x", "p99 µs", "max µs", "pitch x", "onset x", "beat x", "3 aubio", "ratio", "p50 µs", "blocks");
        for (int f = 1; f < args.length; f++) {
            Path file = Path.of(args[f]);
            AnalysisListener ignore = e -> { };
            for (int w = 0; w < WARM_UPS; w++) { // until the JIT is done with the chain: on one core it competes
                FileAnalysisComponent.run(file, FullChainTest.defaultChain(), ignore, null, 256, 2048);
            }
            double oursWall = 0;
            double seconds = 0;
            double p50 = 0;
            double p99 = 0;
            double max = 0;
            long blocks = 0;
            for (int r = 0; r < runs; r++) {
                FileAnalysis.Result res = FileAnalysisComponent.run(file, FullChainTest.defaultChain(), ignore, null, 256,
                        2048);
                oursWall += res.wallNanos() / 1e9;
                seconds = res.seconds();
                FileAnalysis.Timing chain = res.timings().get(0);
                p50 = Math.max(p50, chain.p50Micros());
                p99 = Math.max(p99, chain.p99Micros());
                max = Math.max(max, chain.maxMicros());
                blocks += chain.blocks();
                if (Boolean.getBoolean("bench.verbose") && r == runs - 1) {
                    res.timings().forEach(t -> System.out.printf(Locale.ROOT, "    %-10s p50 %6.1f p99 %6.1f max %7.1f µs%n",
                            t.id(), t.p50Micros(), t.p99Micros(), t.maxMicros()));
                }
            }
            double ours = seconds * runs / oursWall;
            double pitch = Double.NaN;
            double onset = Double.NaN;
            double beat = Double.NaN;
            double together = Double.NaN;
            if (aubio) {
                double tp = 0;
                double to = 0;
                double tb = 0;
                for (int r = 0; r < runs; r++) {
                    tp += time("aubiopitch", "-i", file.toString(), "-p", "yinfft");
                    to += time("aubioonset", "-i", file.toString());
                    tb += time("aubiotrack", "-i", file.toString());
                }
                pitch = seconds * runs / tp;
                onset = seconds * runs / to;
                beat = seconds * runs / tb;
                together = seconds * runs / (tp + to + tb);
            }
            System.out.printf(Locale.ROOT, "%-44s %8.1f | %8.0fx %9.0f %9.0f | %7.0fx %7.0fx %7.0fx | %7.0fx %8.2f %8.0f %8d%n",
                    shorten(file.getFileName().toString()), seconds, ours, p99, max, pitch, onset, beat, together,
                    ours / together, p50, blocks);
        }
        System.out.println("ours x: audio seconds / wall seconds of the whole default chain (decode included), "
                + "warm JVM; p50/p99/max: the worst of the measured runs' per-block compute time of the chain; "
                + "aubio: each tool as a process on the same file; ratio: ours / the three aubio tools together");
    }

    private static String shorten(String name) {
        return name.length() <= 44 ? name : name.substring(0, 41) + "...";
    }

    private static boolean hasAubio() {
        try {
            time("aubioonset", "--help");
            return true;
        } catch (IOException | InterruptedException e) {
            System.out.println("NOTICE: aubio-tools not installed; aubio columns left empty");
            return false;
        }
    }

    private static double time(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 0 && !command[command.length - 1].equals("--help")) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue());
        }
        return wall;
    }
}
