// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sound.midi.MidiSystem;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.audio.FileAnalysis;
import io.perfsuite.midi.OfflineNoteScheduler;
import io.perfsuite.midi.OfflineRenderer;

/**
 * {@code perfsuite render IN.wav -o OUT.wav [--midi OUT.mid] [--report OUT.json] [--song SONG] [--set KEY=VALUE]}:
 * the band plays along with a recording exactly as it would live (see {@link Render}), is rendered through the
 * built-in synthesizer and mixed with the recording. The report holds what was heard, what the band played, how
 * well it fits the recording's annotations when there are any, and the compute time of each stage against the
 * design's budget.
 *
 * <p>Exit codes: 0 done, 1 failed (unreadable input, a song file refused, no bandmate, a file not written), 2 usage.
 */
public final class RenderJob {

    /** Exit code: rendered. */
    public static final int OK = 0;
    /** Exit code: failed. */
    public static final int FAILED = 1;
    /** Exit code: usage error. */
    public static final int USAGE = 2;

    /** Input and band levels in the mix, before the peak guard. */
    static final double INPUT_GAIN = 0.8;
    static final double BAND_GAIN = 0.8;
    /** The mix runs this long past the input, for the band's last notes to ring out. */
    static final double TAIL_SECONDS = 0.5;

    /** Where the job gets bandmate instances of its own. */
    public interface Band {
        /** @return fresh bandmate instances for one render; empty when none is installed */
        List<Bandmate> take();

        /** Gives back the instances of {@link #take}. */
        void release();
    }

    /** The parsed command line. */
    record Options(Path input, Path output, Path midi, Path report, Path song, Map<String, String> settings) {
    }

    /**
     * Parses the arguments.
     *
     * @param args the arguments
     * @param err  where usage problems go
     * @return the options, or null after printing a usage problem
     */
    static Options parse(List<String> args, PrintStream err) {
        Path input = null;
        Path output = null;
        Path midi = null;
        Path report = null;
        Path song = null;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "-o", "--output", "--midi", "--report", "--song", "--set" -> {
                    if (value == null) {
                        err.println("render: " + a + " needs a value");
                        return null;
                    }
                    i++;
                    switch (a) {
                        case "-o", "--output" -> output = Path.of(value);
                        case "--midi" -> midi = Path.of(value);
                        case "--report" -> report = Path.of(value);
                        case "--song" -> song = Path.of(value);
                        default -> {
                            int eq = value.indexOf('=');
                            if (eq <= 0) {
                                err.println("render: --set needs KEY=VALUE (a session setting), got '" + value + "'");
                                return null;
                            }
                            settings.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
                        }
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        err.println("render: unknown option '" + a + "'");
                        return null;
                    }
                    if (input != null) {
                        err.println("render: give one input file, got '" + input + "' and '" + a + "'");
                        return null;
                    }
                    input = Path.of(a);
                }
            }
        }
        if (input == null || output == null) {
            err.println("render: usage: render IN.wav -o OUT.wav [--midi OUT.mid] [--report OUT.json] "
                    + "[--song SONG.yaml] [--set KEY=VALUE]");
            return null;
        }
        return new Options(input, output, midi, report, song, settings);
    }

    /**
     * Runs the job.
     *
     * @param analysis the file analysis service
     * @param band     where the bandmates come from
     * @param args     the arguments
     * @param out      the summary
     * @param err      problems, one line each
     * @return the exit code
     */
    public int run(FileAnalysis analysis, Band band, List<String> args, PrintStream out, PrintStream err) {
        Options o = parse(args, err);
        if (o == null) {
            return USAGE;
        }
        String problem = FileRun.usageProblem(o.input());
        if (problem != null) {
            err.println("render: " + problem);
            return USAGE;
        }
        if (o.song() != null && !Files.isReadable(o.song())) {
            err.println("render: " + o.song() + ": no such song file");
            return USAGE;
        }
        try {
            Produced p = produce(analysis, band, o, List.of(), err);
            if (p == null) {
                return FAILED;
            }
            printSummary(p, out);
            return OK;
        } catch (FileRun.Failure e) {
            err.println("render: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("render: " + FileRun.oneLine(e.getMessage(), "a file could not be written"));
            return FAILED;
        }
    }

    /**
     * What a render produced.
     *
     * @param options what was asked
     * @param outcome the render
     * @param truth   the input's annotations
     * @param onBeat  the drums on the beat (NaN figures without beat annotations)
     * @param tones   the bass and keys on chord tones (NaN without chord annotations)
     * @param mixScale the gain the peak guard applied to the mix
     * @param synthSeconds wall time of the synthesizer
     */
    record Produced(Options options, Render.Outcome outcome, GroundTruth truth, BandQuality.OnBeat onBeat,
            BandQuality.ChordTones tones, double mixScale, double synthSeconds) {
    }

    /**
     * Renders and writes every file asked for.
     *
     * @param analysis the file analysis service
     * @param band     the bandmates
     * @param o        the options
     * @param cues     performer commands at given times
     * @param err      problems
     * @return what was produced, or null after printing why nothing could be
     * @throws FileRun.Failure if the input could not be analysed or the song was refused
     * @throws IOException     if a file could not be written
     */
    static Produced produce(FileAnalysis analysis, Band band, Options o, List<Render.Cue> cues, PrintStream err)
            throws FileRun.Failure, IOException {
        List<Bandmate> members = band.take();
        try {
            if (members.isEmpty()) {
                err.println("render: no bandmate is installed (plugins folder empty?)");
                return null;
            }
            Render.Outcome r = Render.run(analysis, o.input(), members, o.settings(), o.song(), cues);
            if (o.midi() != null && r.sequence() != null) {
                createParent(o.midi());
                MidiSystem.write(r.sequence(), 1, o.midi().toFile());
            }
            StereoAudio input = StereoAudio.read(o.input());
            Path bandWav = Files.createTempFile("perfsuite-band", ".wav");
            double synthSeconds;
            StereoAudio bandAudio;
            try {
                OfflineRenderer synth = new OfflineRenderer(OfflineRenderer.defaultSoundfont(), input.rate());
                synthSeconds = synth.render(r.events(), 1.0, bandWav).renderSeconds();
                bandAudio = StereoAudio.read(bandWav);
            } finally {
                Files.deleteIfExists(bandWav);
            }
            int frames = input.frames() + (int) Math.round(TAIL_SECONDS * input.rate());
            StereoAudio.Mixed mix = StereoAudio.mix(input, INPUT_GAIN, bandAudio, BAND_GAIN, frames);
            mix.audio().write(o.output());
            GroundTruth truth = GroundTruth.find(o.input());
            int beatsPerBar = 4;
            BandQuality.OnBeat onBeat = BandQuality.drumsOnBeat(r.played(),
                    BandQuality.ids(r.roles(), Role.DRUMS, Role.PERCUSSION), truth.beats(), beatsPerBar);
            BandQuality.ChordTones tones = BandQuality.chordTones(r.played(),
                    BandQuality.ids(r.roles(), Role.BASS, Role.KEYS), truth.chords());
            Produced p = new Produced(o, r, truth, onBeat, tones, mix.scale(), synthSeconds);
            if (o.report() != null) {
                createParent(o.report());
                Files.writeString(o.report(), RenderReport.json(p));
            }
            return p;
        } finally {
            band.release();
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    static void printSummary(Produced p, PrintStream out) {
        Render.Outcome r = p.outcome();
        out.printf(Locale.ROOT, "Rendered %s: %.1f s of audio in %.1f s (%.0fx real time)%n", p.options().input(),
                r.seconds(), r.wallSeconds() + p.synthSeconds(), r.seconds() / (r.wallSeconds() + p.synthSeconds()));
        Findings f = r.findings();
        out.printf(Locale.ROOT, "Heard: tempo %.1f BPM, key %s, %d chord changes, %d onsets%n", f.tempo().bpm(),
                f.key() == null || f.key().last() == null ? "-" : f.key().last(), f.chords().size(), f.onsets().size());
        double entry = r.played().isEmpty() ? Double.NaN : r.played().get(0).onNanos() / 1e9;
        out.printf(Locale.ROOT, "Band: came in at %.2f s; %d notes%n", entry, r.played().size());
        Map<String, Integer> perBandmate = new LinkedHashMap<>();
        for (OfflineNoteScheduler.PlayedNote n : r.played()) {
            perBandmate.merge(n.bandmate(), 1, Integer::sum);
        }
        perBandmate.forEach((id, n) -> out.printf(Locale.ROOT, "  %-10s %-6s %5d notes%n", id, r.roles().get(id), n));
        if (!Double.isNaN(p.onBeat().median())) {
            out.printf(Locale.ROOT, "Drums on the annotated beats: median %.1f ms, p90 %.1f ms (%d hits)%n",
                    p.onBeat().median(), p.onBeat().p90(), p.onBeat().hits());
        }
        if (!Double.isNaN(p.tones().share())) {
            out.printf(Locale.ROOT, "Bass and keys on chord tones of the annotated chords: %.1f %% of %.1f s%n",
                    100 * p.tones().share(), p.tones().seconds());
        }
        out.println("Compute per stage (budget from the design):");
        for (RenderReport.Stage s : RenderReport.stages(r)) {
            out.printf(Locale.ROOT, "  %-26s p50 %8.1f us  p99 %8.1f us  max %8.1f us  budget %6.0f us%n", s.name(),
                    s.p50(), s.p99(), s.max(), s.budgetMicros());
        }
        OfflineNoteScheduler.Counts c = r.counts();
        out.printf(Locale.ROOT, "Scheduler: %d notes played, %d late (max %.1f ms), %d dropped late, %d rejected%n",
                c.played(), c.late(), c.maxLateMillis(), c.droppedLate(), c.rejected());
        List<String> files = new ArrayList<>();
        files.add(p.options().output().toString());
        if (p.options().midi() != null) {
            files.add(p.options().midi().toString());
        }
        if (p.options().report() != null) {
            files.add(p.options().report().toString());
        }
        out.println("Wrote " + String.join(", ", files));
    }

    /** @return the agents' statuses of bandmates */
    static List<AgentStatus> bandmates(Render.Outcome r) {
        return r.agents().stream().filter(a -> a.kind().equals("bandmate")).toList();
    }
}
