// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import io.perfsuite.midi.testkit.MidiTestKit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.perfsuite.cli.jobs.TestChain;
import io.perfsuite.midi.OfflineNoteScheduler.PlayedNote;

/** The render on parts the project generates itself: these always run. */
class RenderTest {

    /** The renders stay as build outputs, to listen to. */
    static Path dir = Path.of("target", "renders");
    static PerformerPart.Written demo;
    static Path song;

    @BeforeAll
    static void generate() throws Exception {
        Files.createDirectories(dir);
        demo = PerformerPart.write(PerformerPart.demo(), dir.resolve("demo-part.wav"), 44100);
        song = dir.resolve("demo-song.yaml");
        PerformerPart.writeSong(PerformerPart.demo(), song);
    }

    /** Renders a file with the test band into {@code target/renders/NAME.*} and prints the summary. */
    static RenderJob.Produced render(Path input, Path song, String name) throws Exception {
        Files.createDirectories(dir);
        RenderJob.Options o = new RenderJob.Options(input, dir.resolve(name + ".wav"), dir.resolve(name + ".mid"),
                dir.resolve(name + ".json"), song, Map.of());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RenderJob.Produced p = RenderJob.produce(TestChain.fileAnalysis(), new TestBand(), o, List.of(),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(p != null, err.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderJob.printSummary(p, new PrintStream(out, true, StandardCharsets.UTF_8));
        System.out.println(out.toString(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void theBandFollowsTheDemoPartWithItsChart() throws Exception {
        RenderJob.Produced p = render(demo.wav(), song, "demo");
        Render.Outcome r = p.outcome();
        double entry = r.played().get(0).onNanos() / 1e9;
        // in once the tracker is confident plus a bar (autoStartBeats 4): within three bars at 96 BPM
        assertTrue(entry < demo.beats()[12], "in within three bars: " + entry);
        assertTrue(p.onBeat().median() <= 20, "drums on the beat: " + p.onBeat());
        assertTrue(p.tones().share() >= 0.95, "on chord tones with the chart: " + p.tones());
        assertTrue(r.contexts().stream().anyMatch(c -> c.section().equals("Chorus")
                && c.seconds() >= demo.sectionStarts()[1] - 0.1), "the chorus comes when the performer plays it");
        assertEquals(0, r.counts().droppedLate());
        StereoAudio mix = StereoAudio.read(p.options().output());
        StereoAudio in = StereoAudio.read(demo.wav());
        assertEquals(in.seconds() + RenderJob.TAIL_SECONDS, mix.seconds(), 0.01, "as long as the input");
        assertTrue(mix.rmsDbfs() > in.rmsDbfs(), "the band adds to the input: " + mix.rmsDbfs() + " vs "
                + in.rmsDbfs());
        assertBalanced(MidiSystem.getSequence(p.options().midi().toFile()));
        String json = Files.readString(p.options().report());
        assertTrue(json.contains("\"drumsOnBeat\"") && json.contains("\"stages\""), json.substring(0, 200));
    }

    @Test
    void theBandFollowsATempoRampOfTenPercentWithinABar() throws Exception {
        PerformerPart.Spec spec = PerformerPart.ramp(120, 0.10, 4);
        PerformerPart.Written ramp = PerformerPart.write(spec, dir.resolve("ramp.wav"), 44100);
        RenderJob.Produced p = render(ramp.wav(), null, "ramp");
        double[] beats = ramp.beats();
        // the performer's tempo starts changing at bars 4 and 12 (up, then down): after each, one bar of grace
        double[] changes = {beats[4 * 4], beats[12 * 4]};
        double entry = p.outcome().played().get(0).onNanos() / 1e9;
        List<Double> errors = new ArrayList<>();
        double worst = 0;
        for (PlayedNote n : p.outcome().played()) {
            if (!n.bandmate().equals("drums") || Math.abs(n.beat() - Math.rint(n.beat())) > BandQuality.ON_BEAT) {
                continue;
            }
            double t = n.onNanos() / 1e9;
            if (t < entry + 4 * 60 / 120.0 || t > beats[beats.length - 1]) {
                continue;
            }
            boolean grace = false;
            for (double c : changes) {
                grace |= t >= c && t < c + 4 * 60 / 132.0;
            }
            double e = 1000 * Math.abs(t - nearest(beats, t));
            if (!grace) {
                errors.add(e);
                worst = Math.max(worst, e);
            }
        }
        errors.sort(null);
        double median = errors.get(errors.size() / 2);
        System.out.printf(Locale.ROOT, "ramp: %d on-beat hits outside the grace bars, median %.1f ms, max %.1f ms%n",
                errors.size(), median, worst);
        // together with the performer one bar after each change: as tight as on a steady recording (median 20 ms)
        // and never more than 60 ms off (an eighth of a beat at 120 BPM), which a listener hears as together
        assertTrue(errors.size() > 80, "hits measured: " + errors.size());
        assertTrue(median <= 20, "median " + median);
        assertTrue(worst <= 60, "max " + worst);
    }

    @Test
    void replacingTheDrummerMidSongCostsTheOthersNoBeatAndTheDrumsComeBackWithinOne() throws Exception {
        List<io.perfsuite.api.band.Bandmate> band = TestBand.fresh();
        io.perfsuite.api.band.Bandmate funk = new io.perfsuite.bandmate.drums.DefaultDrummer(
                io.perfsuite.audio.testkit.EngineTestKit.config(io.perfsuite.bandmate.drums.Drummer.Config.class,
                        Map.of("style", "funk")));
        double swapAt = 20.0;
        Render.Outcome r = Render.run(TestChain.fileAnalysis(), demo.wav(), band, Map.of(), song, List.of(),
                List.of(new Render.Swap(swapAt, band.get(0), funk)));
        double beat = 60 / 96.0;
        Render.Outcome steady = Render.run(TestChain.fileAnalysis(), demo.wav(), TestBand.fresh(), Map.of(), song,
                List.of());
        for (String id : List.of("bass", "keys")) {
            List<PlayedNote> with = r.played().stream().filter(n -> n.bandmate().equals(id)).toList();
            List<PlayedNote> without = steady.played().stream().filter(n -> n.bandmate().equals(id)).toList();
            assertTrue(with.size() > 20, id + " played");
            assertEquals(without, with, id + " plays exactly the same notes as without the swap: not a beat missed");
        }
        double lastOld = r.played().stream().filter(n -> n.bandmate().equals("drums") && n.onNanos() < swapAt * 1e9)
                .mapToDouble(n -> n.onNanos() / 1e9).max().orElseThrow();
        double firstNew = r.played().stream().filter(n -> n.bandmate().equals("drums") && n.onNanos() >= swapAt * 1e9)
                .mapToDouble(n -> n.onNanos() / 1e9).min().orElseThrow();
        System.out.printf(Locale.ROOT, "swap at %.2f s: last old drum note %.3f s, first new %.3f s (%.2f beats)%n",
                swapAt, lastOld, firstNew, (firstNew - swapAt) / beat);
        assertTrue(firstNew - swapAt <= beat, "the drums resume within one beat: " + (firstNew - swapAt) + " s");
        assertTrue(r.played().stream().allMatch(n -> n.offNanos() > n.onNanos()), "every note ended");
        assertBalanced(r.sequence());
    }

    /** Every note-on has its note-off, and the band played. */
    static void assertBalanced(Sequence s) {
        int notes = MidiTestKit.assertBalanced(s);
        assertTrue(notes > 50, "notes in the file: " + notes);
    }

    static double nearest(double[] sorted, double t) {
        double best = sorted[0];
        for (double b : sorted) {
            if (Math.abs(b - t) < Math.abs(best - t)) {
                best = b;
            }
        }
        return best;
    }

}
