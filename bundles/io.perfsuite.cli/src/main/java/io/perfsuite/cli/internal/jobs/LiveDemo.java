// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.SessionManager;

/**
 * The demo played live by the show's own components, in real time: the audio engine reads the generated
 * performer as if it were the audio interface (paced by the clock), the live session hears it and the band comes in
 * with it, the MIDI scheduler plays the band on the built-in synthesizer (to the sound card when there is one) and
 * the MIDI file recorder writes the take. The Web Console shows it all while it runs. Everything is configured
 * through Configuration Admin, exactly as a user would configure the runtime, and put back afterwards.
 */
public final class LiveDemo {

    private static final String AUDIO_PID = "io.perfsuite.audio";
    private static final String SESSION_PID = "io.perfsuite.session";
    private static final String RECORDER_PID = "io.perfsuite.midi.file";

    private final ConfigurationAdmin config;
    private final SessionManager session;

    /**
     * @param config  Configuration Admin
     * @param session the live session
     */
    public LiveDemo(ConfigurationAdmin config, SessionManager session) {
        this.config = config;
        this.session = session;
    }

    /**
     * Plays the demo live and prints what happened.
     *
     * @param dir    where the files go
     * @param clicks ids of click tracks, muted for the demo (a band, not a metronome)
     * @param out    progress and summary
     * @param err problems
     * @return the exit code
     */
    public int run(Path dir, List<String> clicks, PrintStream out, PrintStream err) {
        Configuration audio = null;
        Dictionary<String, Object> audioBefore = null;
        try {
            PerformerPart.Spec spec = PerformerPart.demo();
            Path part = dir.toAbsolutePath().resolve("demo-performer.wav");
            Path song = dir.toAbsolutePath().resolve("demo-song.yaml");
            Path takes = dir.toAbsolutePath().resolve("live");
            Files.createDirectories(takes);
            PerformerPart.Written written = PerformerPart.write(spec, part, 44100);
            PerformerPart.writeSong(spec, song);
            out.printf(Locale.ROOT, "Live demo: the performer %s (%.1f s) plays into the audio engine in real time%n",
                    part, written.seconds());

            update(SESSION_PID, "autoStartBeats", 4);
            update(RECORDER_PID, "file", takes.resolve("demo-live-{timestamp}.mid").toString());
            session.load(song);
            for (String click : clicks) {
                session.submit(session.create("mute", java.util.Map.of("id", click)), Quantization.NOW);
            }
            audio = config.getConfiguration(AUDIO_PID, "?");
            audioBefore = audio.getProperties();
            Hashtable<String, Object> a = copy(audioBefore);
            a.put("source", "file");
            a.put("file", part.toString());
            a.put("realtime", true);
            long started = System.nanoTime();
            audio.update(a);

            double seconds = written.seconds();
            long lastPrint = 0;
            while ((System.nanoTime() - started) / 1e9 < seconds + 1.0) {
                Thread.sleep(250);
                long now = System.nanoTime();
                if (now - lastPrint >= 4_000_000_000L) {
                    lastPrint = now;
                    MusicalContext c = session.context();
                    out.printf(Locale.ROOT, "  %5.1f s  %s  bar %s  %.1f BPM  %s  %s%n", (now - started) / 1e9,
                            c.playing() ? "playing" : "waiting", c.position(), c.tempo().bpm(), c.chord(),
                            c.section().name());
                }
            }
            session.submit(session.create("stop", java.util.Map.of()), Quantization.NOW);
            Thread.sleep(1500); // the stop reaches the scheduler, the recorder writes the take
            summary(takes, out);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("demo: interrupted");
            return 1;
        } catch (Exception e) {
            err.println("demo: " + FileRun.oneLine(e.getMessage(), e.getClass().getSimpleName()));
            return 1;
        } finally {
            if (audio != null) {
                try {
                    audio.update(copy(audioBefore == null ? new Hashtable<>() : audioBefore));
                    if (audioBefore == null) {
                        audio.delete();
                    }
                } catch (IOException | IllegalStateException e) {
                    err.println("demo: could not put the audio configuration back: " + e.getMessage());
                }
            }
        }
    }

    private void update(String pid, String key, Object value) throws IOException {
        Configuration c = config.getConfiguration(pid, "?");
        Hashtable<String, Object> p = copy(c.getProperties());
        p.put(key, value);
        c.update(p);
    }

    private static Hashtable<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> h = new Hashtable<>();
        if (d != null) {
            for (java.util.Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                h.put(k, d.get(k));
            }
        }
        return h;
    }

    private void summary(Path takes, PrintStream out) throws Exception {
        Path take;
        try (Stream<Path> files = Files.list(takes)) {
            take = files.filter(f -> f.toString().endsWith(".mid")).max((a, b) -> a.toFile().lastModified() > b
                    .toFile().lastModified() ? 1 : -1).orElse(null);
        }
        if (take == null) {
            out.println("The band played nothing: no MIDI take was written (see the log)");
            return;
        }
        Sequence s = MidiSystem.getSequence(take.toFile());
        out.println("The band's take: " + take);
        for (Track t : s.getTracks()) {
            int notes = 0;
            String name = "";
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON
                        && m.getData2() > 0) {
                    notes++;
                } else if (t.get(i).getMessage() instanceof javax.sound.midi.MetaMessage mm && mm.getType() == 3) {
                    name = new String(mm.getData(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            if (notes > 0) {
                out.printf(Locale.ROOT, "  %-10s %5d notes%n", name, notes);
            }
        }
        List<AgentStatus> agents = session.agents();
        out.println("Agent calls on the session thread: wall time per call; overruns of the compute budget (CPU time):");
        for (AgentStatus a : agents) {
            out.printf(Locale.ROOT, "  %-18s %-9s p50 %7.1f us  p99 %7.1f us  max %7.1f us  budget %.0f us, %d overruns%n",
                    a.id(), a.kind(), a.p50Nanos() / 1e3, a.p99Nanos() / 1e3, a.maxNanos() / 1e3,
                    a.budgetNanos() / 1e3, a.overruns());
        }
    }
}
