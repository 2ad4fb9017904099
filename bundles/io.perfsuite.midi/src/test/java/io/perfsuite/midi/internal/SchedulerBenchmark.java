// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Tempo;
import io.perfsuite.api.output.NoteOutput;

/**
 * Timing benchmark, not a test: a note every 5 ms (an event every 2.5 ms) through the real scheduler into an output
 * that records |actual - scheduled| on arrival, under a load named on the command line. Prints p50, p99, p99.9 and
 * max, with what else the machine did meanwhile (CPU of the other processes, the scheduler thread's time waiting for
 * a CPU, GC pauses and safepoints that overlap the late events), so a figure can be read honestly.
 *
 * <pre>
 * cnf/tools/bench-scheduler.sh [seconds=30] [load=idle] [JVM options...]
 * load: '+'-joined parts
 *   idle         nothing else in this JVM
 *   runtime      the runtime's own load, simulated: an audio thread doing the analysis chain's measured work
 *                (3 FFTs of 2048 points and as much again, ~55 µs, BENCHMARKS.md) per 256-sample block (5.8 ms),
 *                a session thread publishing a ~500-byte snapshot per block
 *   alloc=MB     a thread allocating MB megabytes a second (0: as fast as it can), 1 in 32 arrays kept for a
 *                while in a 32 MB ring so some survive young collections
 *   saturate=N   N other processes (sh busy loops) that each keep a core busy
 *   spin         a thread of this JVM that keeps a core busy
 *   (the first version's "true", "alloc" and "false" are alloc=0+spin, alloc=0 and idle)
 * -Dbench.spinMicros=100        the scheduler's spin window
 * -Dbench.sliceMicros=100       the scheduler thread's Linux time slice (Java 22+, Linux 6.12+), 0: the kernel's
 * -Dbench.realtimePriority=20   the scheduler thread's SCHED_RR priority (needs the privilege), 0: a normal thread
 * -Dbench.safepointLog=FILE     FILE written by -Xlog:safepoint:file=FILE:tn (time decorator = System.nanoTime),
 *                               to count the late events that overlap a safepoint
 * </pre>
 */
public final class SchedulerBenchmark {

    private static final long MAX = 10_000_000_000L;
    /** Events later than this are kept for attribution. */
    private static final long SLOW_NANOS = 100_000L;

    private SchedulerBenchmark() {
    }

    /** Records on arrival, allocation-free. */
    private static final class TimingOutput implements NoteOutput {
        final Histogram histogram = new Histogram(MAX, 3);
        final long[] slowDue = new long[100_000];
        final long[] slowActual = new long[100_000];
        int slow;
        long early;
        volatile boolean measuring;

        @Override
        public String id() {
            return "timing";
        }

        private void at(long due) {
            if (!measuring) {
                return;
            }
            long now = System.nanoTime();
            long error = now - due;
            if (error < 0) {
                early++;
            }
            histogram.recordValue(Math.min(Math.abs(error), MAX));
            if (error > SLOW_NANOS && slow < slowDue.length) {
                slowDue[slow] = due;
                slowActual[slow] = now;
                slow++;
            }
        }

        @Override
        public void noteOn(long t, int c, int n, int v) {
            at(t);
        }

        @Override
        public void noteOff(long t, int c, int n) {
            at(t);
        }

        @Override
        public void controlChange(long t, int c, int k, int v) {
            at(t);
        }

        @Override
        public void programChange(long t, int c, int p) {
        }

        @Override
        public void allNotesOff(long t) {
        }
    }

    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String load = args.length > 1 ? args[1] : "idle";
        long spinNanos = Long.getLong("bench.spinMicros", MidiScheduler.Settings.defaults().spinNanos() / 1000) * 1000;
        List<Thread> threads = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        String described = startLoad(load, threads, processes);

        long now = System.nanoTime();
        MusicalContext context = MusicalContext.initial(now).next().playing(true).tempo(new Tempo(100), 1)
                .at(now, 0).build(); // 100 BPM: 600 ms a beat
        MidiScheduler.Settings d = MidiScheduler.Settings.defaults();
        MidiScheduler scheduler = new MidiScheduler(new MidiScheduler.Settings(d.commandCapacity(),
                d.eventCapacity(), d.maxBandmates(), d.lateToleranceNanos(), spinNanos, d.maxParkNanos(),
                d.minBeat(), d.maxDurationBeats(), Long.getLong("bench.sliceMicros", d.sliceNanos() / 1000) * 1000,
                Integer.getInteger("bench.realtimePriority", d.realtimePriority())),
                ChannelMap.parse(new String[0], true));
        TimingOutput out = new TimingOutput();
        scheduler.addOutput(out);
        scheduler.contextSource(() -> context);
        scheduler.start();

        long warmEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        long[] cpuBefore = null;
        long procBefore = 0;
        long[] threadBefore = null;
        long gcCountBefore = 0;
        long gcTimeBefore = 0;
        long measureStart = 0;
        String tid = null;
        int i = 0;
        while (System.nanoTime() < end) {
            if (!out.measuring && System.nanoTime() > warmEnd) {
                tid = schedulerTid();
                cpuBefore = machineCpu();
                procBefore = processCpuTicks();
                threadBefore = threadSched(tid);
                gcCountBefore = gcCount();
                gcTimeBefore = gcMillis();
                measureStart = System.nanoTime();
                out.measuring = true;
            }
            double beat = context.beatAt(System.nanoTime()) + 0.5; // planned 300 ms ahead, like a session
            scheduler.note((i & 1) == 0 ? "drums" : "bass", beat, 36 + (i & 15), 100, 1.0 / 480);
            i++;
            LockSupport.parkNanos(5_000_000L); // a note (on + off) every 5 ms: an event every 2.5 ms
        }
        Thread.sleep(400); // the last notes planned 300 ms ahead
        out.measuring = false;
        long measureEnd = System.nanoTime();
        long[] cpuAfter = machineCpu();
        long procAfter = processCpuTicks();
        long[] threadAfter = threadSched(tid);
        long gcCount = gcCount() - gcCountBefore;
        long gcTime = gcMillis() - gcTimeBefore;
        running = false;
        for (Thread t : threads) {
            t.join(1000);
        }
        for (Process p : processes) {
            p.destroy();
        }
        scheduler.stop();

        Histogram h = out.histogram;
        MidiScheduler.Stats s = scheduler.stats();
        double wall = (measureEnd - measureStart) / 1e9;
        long ticksPerSecond = 100; // USER_HZ on Linux
        int cpus = Runtime.getRuntime().availableProcessors();
        double machineBusy = cpuBefore == null || cpuAfter == null ? Double.NaN
                : (double) ((cpuAfter[0] - cpuBefore[0]) - (cpuAfter[1] - cpuBefore[1]))
                        / (cpuAfter[0] - cpuBefore[0]) * cpus;
        double ours = (procAfter - procBefore) / (double) ticksPerSecond / wall;
        double steal = cpuBefore == null || cpuAfter == null ? Double.NaN
                : (double) (cpuAfter[2] - cpuBefore[2]) / (cpuAfter[0] - cpuBefore[0]) * cpus;
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .reduce((a, b) -> a + "/" + b).orElse("?");
        System.out.printf(Locale.ROOT, "JDK %s, %s, spin %d µs, time slice %s, %d s, load: %s%n",
                System.getProperty("java.version"), gc, spinNanos / 1000, scheduler.slice(), seconds, described);
        System.out.println("scheduler thread: " + scheduler.policy());
        System.out.printf(Locale.ROOT, "  %d events: |actual - scheduled| p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, "
                + "max %.1f µs; over 300 µs: %d; early: %d; dropped late %d, overflow %d%n", h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getCountBetweenValues(300_001, MAX),
                out.early, s.droppedLate(), s.overflow());
        if (s.droppedLate() > 0) { // dropped notes never reach the output: count them (on and off) as 20 ms late
            Histogram all = h.copy();
            all.recordValueWithCount(d.lateToleranceNanos(), 2 * s.droppedLate());
            System.out.printf(Locale.ROOT, "  with the %d dropped notes counted as %d ms late: p99 %.1f µs, "
                    + "p99.9 %.1f µs%n", s.droppedLate(), d.lateToleranceNanos() / 1_000_000,
                    all.getValueAtPercentile(99) / 1e3, all.getValueAtPercentile(99.9) / 1e3);
        }
        System.out.printf(Locale.ROOT, "  machine: %d CPUs, %.2f busy (this JVM %.2f, other processes %.2f, "
                + "stolen by the hypervisor %.2f); GC: %d collections, %d ms (collector time, not pauses only)%n",
                cpus, machineBusy, ours, machineBusy - ours - steal, steal, gcCount, gcTime);
        if (threadBefore != null && threadAfter != null) {
            long events = Math.max(1, h.getTotalCount());
            System.out.printf(Locale.ROOT, "  scheduler thread: on CPU %.1f %%, runnable but waiting for a CPU "
                    + "%.1f µs per event (%.1f ms in all), involuntary context switches %d%n",
                    (threadAfter[0] - threadBefore[0]) / 1e7 / wall, (threadAfter[1] - threadBefore[1]) / 1e3 / events,
                    (threadAfter[1] - threadBefore[1]) / 1e6, threadAfter[2] - threadBefore[2]);
        }
        String log = System.getProperty("bench.safepointLog");
        if (log != null) {
            attribute(Path.of(log), out, measureStart, measureEnd);
        }
    }

    static volatile boolean running = true;

    static String startLoad(String load, List<Thread> threads, List<Process> processes) throws IOException {
        List<String> described = new ArrayList<>();
        String parts = switch (load) { // the first version's arguments
            case "false" -> "idle";
            case "alloc" -> "alloc=0";
            case "true" -> "alloc=0+spin";
            default -> load;
        };
        for (String part : parts.split("\\+")) {
            if (part.equals("idle")) {
                described.add("idle");
            } else if (part.equals("runtime")) {
                int ffts = calibrate();
                threads.add(daemon("audio", () -> audio(ffts)));
                threads.add(daemon("session", SchedulerBenchmark::session));
                described.add("runtime (audio thread " + ffts + " FFTs of 2048 per 5.8 ms block, session "
                        + "500 B per block)");
            } else if (part.equals("spin")) {
                threads.add(daemon("busy", () -> {
                    long x = 0;
                    while (running) {
                        x += System.nanoTime() % 7;
                    }
                    sink = x;
                }));
                described.add("a thread of this JVM spinning");
            } else if (part.startsWith("alloc=")) {
                int mb = Integer.parseInt(part.substring(6));
                threads.add(daemon("allocator", () -> allocate(mb)));
                described.add("allocating " + (mb == 0 ? "as fast as it can" : mb + " MB/s"));
            } else if (part.startsWith("saturate=")) {
                int n = Integer.parseInt(part.substring(9));
                for (int k = 0; k < n; k++) {
                    processes.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
                }
                described.add(n + " busy processes");
            } else {
                throw new IllegalArgumentException("load part? " + part);
            }
        }
        threads.forEach(Thread::start);
        return String.join(" + ", described);
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ------------------------------------------------------------------------------------------ the loads

    /** How many 2048-point FFTs take ~55 µs here, alone (the chain's p50 per block, BENCHMARKS.md). */
    private static int calibrate() {
        double[] re = new double[2048];
        double[] im = new double[2048];
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 2000; k++) {
            long t = System.nanoTime();
            fft(re, im);
            best = Math.min(best, System.nanoTime() - t);
        }
        return (int) Math.max(1, Math.round(55_000.0 / best));
    }

    private static void audio(int ffts) {
        double[] re = new double[2048];
        double[] im = new double[2048];
        long block = 5_804_989L; // 256 frames at 44.1 kHz
        long next = System.nanoTime();
        double acc = 0;
        while (running) {
            for (int k = 0; k < re.length; k++) {
                re[k] = Math.sin(k * 0.01 + acc);
                im[k] = 0;
            }
            for (int f = 0; f < ffts; f++) {
                fft(re, im);
            }
            acc += re[3] * 1e-9;
            next += block;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        sink = acc;
    }

    private static void session() {
        long block = 5_804_989L;
        long next = System.nanoTime();
        while (running) {
            sink = new double[60]; // the snapshot a session publishes per analysis event, ~500 bytes
            next += block;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static void allocate(int mbPerSecond) {
        byte[][] kept = new byte[32 * 1024 * 1024 / 4096][];
        int keep = 0;
        long start = System.nanoTime();
        long bytes = 0;
        while (running) {
            for (int k = 0; k < 256; k++) { // 1 MB in 4 KB arrays
                byte[] b = new byte[4096];
                if ((k & 31) == 0) {
                    kept[keep++ % kept.length] = b;
                }
                sink = b;
            }
            bytes += 1 << 20;
            if (mbPerSecond > 0) {
                long due = start + bytes * 1000L / mbPerSecond; // ns at which this many bytes are due
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }

    /** In-place radix-2 FFT, the work the analysis chain does most (45 % of it by JFR). */
    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------ what else happened

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** @return {all ticks, idle + iowait ticks, steal ticks} of the machine, or null off Linux */
    private static long[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int k = 1; k < Math.min(f.length, 9); k++) { // user..steal, not guest (counted in user)
                all += Long.parseLong(f[k]);
            }
            return new long[] {all, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[8])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long processCpuTicks() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String schedulerTid() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).trim().equals("perfsuite-midi-")) {
                    return t.getFileName().toString();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    /** @return {ns on CPU, ns runnable waiting for a CPU, involuntary context switches} of a thread */
    private static long[] threadSched(String tid) {
        if (tid == null) {
            return null;
        }
        try {
            Path task = Path.of("/proc/self/task", tid);
            String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
            long nonVoluntary = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    nonVoluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), nonVoluntary};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Counts the late events whose [due, actual] overlaps a safepoint of the log (interval [end - total, end]). */
    private static void attribute(Path log, TimingOutput out, long from, long to) throws IOException {
        Pattern line = Pattern.compile("^\\[(\\d+)ns\\].*Safepoint \"([^\"]+)\".*Total: (\\d+) ns");
        List<long[]> pauses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                long end = Long.parseLong(m.group(1));
                long total = Long.parseLong(m.group(3));
                if (end >= from && end - total <= to) {
                    pauses.add(new long[] {end - total, end});
                    names.add(m.group(2));
                }
            }
        }
        Histogram ph = new Histogram(MAX, 3);
        for (long[] p : pauses) {
            ph.recordValue(Math.min(p[1] - p[0], MAX));
        }
        int[] byThreshold = new int[2]; // > 100 µs, > 300 µs
        int[] overlapping = new int[2];
        for (int k = 0; k < out.slow; k++) {
            long due = out.slowDue[k];
            long actual = out.slowActual[k];
            boolean hit = false;
            for (long[] p : pauses) {
                if (p[0] < actual && p[1] > due) {
                    hit = true;
                    break;
                }
            }
            byThreshold[0]++;
            overlapping[0] += hit ? 1 : 0;
            if (actual - due > 300_000) {
                byThreshold[1]++;
                overlapping[1] += hit ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "  safepoints in the window: %d (%s), p50 %.1f µs, p99 %.1f µs, "
                + "max %.1f µs; late events overlapping one: %d of %d over 100 µs, %d of %d over 300 µs%n",
                pauses.size(),
                names.stream().distinct().reduce((a, b) -> a + ", " + b).orElse("none"),
                ph.getValueAtPercentile(50) / 1e3, ph.getValueAtPercentile(99) / 1e3, ph.getMaxValue() / 1e3,
                overlapping[0], byThreshold[0], overlapping[1], byThreshold[1]);
    }
}
