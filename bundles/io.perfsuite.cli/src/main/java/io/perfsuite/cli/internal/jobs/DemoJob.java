// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

import io.perfsuite.audio.FileAnalysis;

/**
 * {@code perfsuite demo [--out DIR] [--quiet]}: the embedded default, needing nothing but the repository. The project
 * makes a performer (see {@link PerformerPart#demo()}: piano, a verse at 96 BPM and a chorus that pushes to 102 BPM,
 * a chord chart) and writes it with its chart; the band follows it exactly as it would live ({@link RenderJob}); the
 * mix, the band's MIDI file and the report are written to DIR (default {@code perfsuite-demo}); the summary says
 * how well the band fits what the performer played. When the machine has a sound card the mix is then played
 * through it (not with {@code --quiet}).
 */
public final class DemoJob {

    /** Where the files go by default, relative to the working directory. */
    static final String DEFAULT_DIR = "perfsuite-demo";

    /**
     * Runs the demo.
     *
     * @param analysis the file analysis service
     * @param band     the bandmates
     * @param args     the arguments
     * @param out      the summary
     * @param err      problems
     * @return the exit code: 0, 1 failed, 2 usage
     */
    public int run(FileAnalysis analysis, RenderJob.Band band, List<String> args, PrintStream out, PrintStream err) {
        Path dir = Path.of(DEFAULT_DIR);
        boolean quiet = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out") && i + 1 < args.size()) {
                dir = Path.of(args.get(++i));
            } else if (a.equals("--quiet")) {
                quiet = true;
            } else {
                err.println("demo: usage: demo [--out DIR] [--quiet]; unknown argument '" + a + "'");
                return RenderJob.USAGE;
            }
        }
        try {
            PerformerPart.Spec spec = PerformerPart.demo();
            Path part = dir.resolve("demo-performer.wav");
            Path song = dir.resolve("demo-song.yaml");
            out.println("Performer: generating a piano part (verse at 96 BPM, chorus pushing to 102 BPM)...");
            PerformerPart.Written written = PerformerPart.write(spec, part, 44100);
            PerformerPart.writeSong(spec, song);
            out.printf(Locale.ROOT, "  %s (%.1f s), its chart %s%n", part, written.seconds(), song);
            RenderJob.Options o = new RenderJob.Options(part, dir.resolve("demo-band.wav"),
                    dir.resolve("demo-band.mid"), dir.resolve("demo-report.json"), song, Map.of());
            RenderJob.Produced p = RenderJob.produce(analysis, band, o, List.of(), err);
            if (p == null) {
                return RenderJob.FAILED;
            }
            RenderJob.printSummary(p, out);
            if (!quiet) {
                play(o.output(), out);
            }
            return RenderJob.OK;
        } catch (FileRun.Failure e) {
            err.println("demo: " + e.getMessage());
            return RenderJob.FAILED;
        } catch (IOException e) {
            err.println("demo: " + FileRun.oneLine(e.getMessage(), "a file could not be written"));
            return RenderJob.FAILED;
        }
    }

    /** Plays a file through the default audio output, if the machine has one. */
    static void play(Path wav, PrintStream out) throws IOException {
        StereoAudio audio = StereoAudio.read(wav);
        AudioFormat format = new AudioFormat(audio.rate(), 16, 2, true, false);
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(format);
            line.open(format);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            out.println("No sound card to play on (" + FileRun.oneLine(e.getMessage(), e.getClass().getSimpleName())
                    + "): listen to " + wav);
            return;
        }
        out.printf(Locale.ROOT, "Playing %s through %s (%.0f s)...%n", wav, line.getLineInfo(), audio.seconds());
        try {
            line.start();
            byte[] chunk = new byte[4096 * 4];
            ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            for (int f = 0; f < audio.frames(); ) {
                b.clear();
                int n = Math.min(4096, audio.frames() - f);
                for (int i = 0; i < n; i++, f++) {
                    b.putShort((short) Math.round(Math.max(-1, Math.min(1, audio.left()[f])) * 32767));
                    b.putShort((short) Math.round(Math.max(-1, Math.min(1, audio.right()[f])) * 32767));
                }
                line.write(chunk, 0, n * 4);
            }
            line.drain();
        } finally {
            line.close();
        }
    }
}
