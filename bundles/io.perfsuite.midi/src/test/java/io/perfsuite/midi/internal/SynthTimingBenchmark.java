// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import javax.sound.midi.MidiSystem;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;

import org.HdrHistogram.Histogram;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Tempo;

/**
 * Timing benchmark, not a test: where the built-in synthesizer's notes actually start in its audio, through the whole
 * live path (scheduler thread, {@link SynthOutput.Worker}'s hand-off thread, Gervill), with and without time-stamped
 * sends. No sound card is needed: Gervill is opened as a stream and a "device" thread pulls 256-frame blocks from it
 * in real time, two blocks ahead, as a sound card's driver would; sample {@code s} sounds at
 * {@code t0 + s / 44100 s}. A wood block (GM drums, key 76, no reverb) every 300 ms; its onset is the first sample
 * above -36 dBFS. Prints the latency (median onset - scheduled time) and the jitter around it (|onset - scheduled -
 * median|: p50, p99, max). The emulated device never underruns: a real one would click where this one is late.
 *
 * <pre>
 * java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED -cp ... \
 *     io.perfsuite.midi.internal.SynthTimingBenchmark [seconds=20] [leadMicros=3000, 0: no time stamps] [load=idle]
 * </pre>
 * (load as for {@link SchedulerBenchmark}).
 */
public final class SynthTimingBenchmark {

    private static final float RATE = 44_100f;
    private static final int BLOCK = 256;

    private SynthTimingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int lead = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        String load = args.length > 2 ? args[2] : "idle";
        List<Thread> threads = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        String described = SchedulerBenchmark.startLoad(load, threads, processes);

        Synthesizer synth = MidiSystem.getSynthesizer();
        AudioFormat format = new AudioFormat(RATE, 16, 2, true, false);
        Map<String, Object> info = new HashMap<>();
        Path sf2 = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");
        info.put("load default soundbank", !Files.isReadable(sf2));
        Method open = synth.getClass().getMethod("openStream", AudioFormat.class, Map.class);
        InputStream stream = (InputStream) open.invoke(synth, format, info);
        if (Files.isReadable(sf2)) {
            synth.loadAllInstruments(MidiSystem.getSoundbank(sf2.toFile()));
        }
        int total = (int) ((seconds + 6) * RATE);
        short[] left = new short[total];
        long[] t0 = new long[1];
        Thread device = new Thread(() -> pull(stream, left, t0), "device");
        device.setDaemon(true);
        device.start();
        while (t0[0] == 0) {
            Thread.sleep(1);
        }

        long now = System.nanoTime();
        MusicalContext context = MusicalContext.initial(now).next().playing(true).tempo(new Tempo(100), 1)
                .at(now, 0).build(); // 100 BPM: a beat is 600 ms, a note every half beat
        MidiScheduler scheduler = new MidiScheduler(MidiScheduler.Settings.defaults(),
                ChannelMap.parse(new String[0], true));
        SynthOutput.Worker worker = new SynthOutput.Worker("synth", synth, lead);
        worker.start();
        scheduler.addOutput(worker);
        scheduler.contextSource(() -> context);
        scheduler.start();
        scheduler.control("drums", 0.5, 91, 0); // no reverb or chorus: the onset stands out of silence
        scheduler.control("drums", 0.5, 93, 0);
        int notes = (int) (seconds / 0.3);
        long[] due = new long[notes];
        double first = 3; // after 1.8 s of warm-up
        for (int k = 0; k < notes; k++) {
            double beat = first + k * 0.5;
            // planned ~300 ms ahead, as a session does
            while (context.beatAt(System.nanoTime()) < beat - 0.5) {
                LockSupport.parkNanos(5_000_000L);
            }
            scheduler.note("drums", beat, 76, 127, 0.125);
            due[k] = context.nanosAt(beat);
        }
        Thread.sleep(1000);
        scheduler.stop();
        worker.stop();
        running = false;
        device.join(2000);
        SchedulerBenchmark.running = false;
        for (Process p : processes) {
            p.destroy();
        }
        synth.close();

        long[] error = new long[notes];
        int found = 0;
        for (int k = 0; k < notes; k++) {
            long start = (long) ((due[k] - t0[0]) / 1e9 * RATE) - (int) (0.005 * RATE);
            long end = start + (int) (0.2 * RATE);
            for (long s = Math.max(0, start); s < Math.min(end, total); s++) {
                if (Math.abs(left[(int) s]) > 512) {
                    error[found++] = t0[0] + Math.round(s * 1e9 / RATE) - due[k];
                    break;
                }
            }
        }
        long[] sorted = java.util.Arrays.copyOf(error, found);
        java.util.Arrays.sort(sorted);
        long median = found == 0 ? 0 : sorted[found / 2];
        Histogram jitter = new Histogram(10_000_000_000L, 3);
        for (int k = 0; k < found; k++) {
            jitter.recordValue(Math.abs(error[k] - median));
        }
        System.out.printf(Locale.ROOT, "JDK %s, %s, %s, load: %s%n", System.getProperty("java.version"),
                lead > 0 ? "time-stamped sends, lead " + lead + " µs" : "sends without time stamps",
                "Gervill at 44.1 kHz, emulated device pulling 256-frame blocks", described);
        System.out.printf(Locale.ROOT, "  %d of %d onsets found; latency (median onset - scheduled) %.2f ms; "
                + "jitter |onset - scheduled - median| p50 %.1f µs, p99 %.1f µs, max %.1f µs; spread %.2f ms; "
                + "hand-off overflow %d%n", found, notes, median / 1e6, jitter.getValueAtPercentile(50) / 1e3,
                jitter.getValueAtPercentile(99) / 1e3, jitter.getMaxValue() / 1e3,
                found == 0 ? 0 : (sorted[found - 1] - sorted[0]) / 1e6, worker.overflow());
    }

    static volatile boolean running = true;

    /** A sound card's driver: renders two blocks ahead of the (ideal) playback clock. */
    private static void pull(InputStream stream, short[] left, long[] t0) {
        byte[] buffer = new byte[BLOCK * 4];
        long blockNanos = Math.round(BLOCK * 1e9 / RATE);
        long start = System.nanoTime();
        int frame = 0;
        try {
            for (int b = 0; running && frame + BLOCK <= left.length; b++) {
                long at = start + (b - 2) * blockNanos;
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int got = 0;
                while (got < buffer.length) {
                    int n = stream.read(buffer, got, buffer.length - got);
                    if (n < 0) {
                        return;
                    }
                    got += n;
                }
                for (int i = 0; i < BLOCK; i++) {
                    left[frame + i] = (short) ((buffer[4 * i] & 0xff) | (buffer[4 * i + 1] << 8));
                }
                frame += BLOCK;
                if (b == 0) {
                    t0[0] = start; // sample 0 sounds at start
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
