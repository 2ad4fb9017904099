// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.jobs;

import static io.perfsuite.cli.jobs.AnalyseJobTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.cli.internal.jobs.EvaluateJob;
import io.perfsuite.evaluation.Annotations;

/**
 * {@code evaluate} on a folder the test writes: the click track with its annotations, a peer's beats in aubio's
 * format shifted by 200 ms, and a recording without annotations. The scores are those the signal deserves, the
 * peer appears in its column, and bad paths give one line and an exit code.
 */
class EvaluateJobTest {

    @TempDir
    static Path folder;
    static Path wav;

    @BeforeAll
    static void writeRecordings() throws IOException {
        Path take = Files.createDirectories(folder.resolve("takes"));
        wav = Signals.clickTrackWithTones(take, "clicks", 120, 12);
        // a peer that is 200 ms late on every beat: outside the 70 ms window, so F must be 0
        StringBuilder late = new StringBuilder();
        for (double t : Annotations.readBeatTimes(take.resolve("clicks.beats"))) {
            late.append(String.format(Locale.ROOT, "%.6f%n", t + 0.2));
        }
        Files.writeString(take.resolve("clicks.wav.aubio.beats.txt"), late);
        Files.writeString(take.resolve("clicks.wav.aubio.tempo.txt"), "119.00 bpm (uncertain)\n");
        Files.writeString(take.resolve("clicks.wav.vamp-qm.key.txt"), " 0.000000000: 1 C major\n"
                + " 1.000000000: 8 G major\n 2.000000000: 1 C major\n");
        Files.writeString(take.resolve("clicks.wav.vamp-chordino.chords.txt"), " 0.1: N\n 0.2: C\n 8.1: Am\n");
        // no annotation: listed, not analysed
        Signals.write(folder.resolve("unannotated.wav"), new double[4410]);
    }

    static JobOutput evaluate(Path path, boolean json) {
        return JobOutput.of((out, err) -> new EvaluateJob().run(TestChain.fileAnalysis(), path, json, out, err));
    }

    @Test
    void jsonLinesScoreOursAndThePeers() {
        JobOutput r = evaluate(folder, true);
        assertEquals(EvaluateJob.OK, r.exit(), r.err());
        assertEquals("", r.err());
        List<Object> lines = new ArrayList<>();
        r.out().lines().forEach(line -> lines.add(MiniJson.parse(line)));
        assertEquals(2, lines.size(), r.out());
        Object skipped = lines.get(0);
        assertEquals("unannotated.wav", MiniJson.at(skipped, "file"));
        assertEquals("no annotations", MiniJson.at(skipped, "skipped"));

        Object take = lines.get(1);
        assertEquals("takes/clicks.wav", MiniJson.at(take, "file"));
        assertEquals(120.0, MiniJson.at(take, "truth", "tempo"));
        assertEquals("C major", MiniJson.at(take, "truth", "key"));
        assertTrue(((List<?>) MiniJson.at(take, "annotations")).containsAll(List.of("clicks.beats", "clicks.onsets",
                "clicks.tempo", "clicks.chords.lab", "clicks.key")));
        Object ours = MiniJson.at(take, "scores", "ours");
        // a causal tracker needs a few beats to lock: F over all 24 beats misses those
        assertTrue(number(ours, "beatF") >= 0.8, "beat F " + ours);
        assertTrue(number(ours, "beatCMLt") >= 0.85, "beat CMLt " + ours);
        assertTrue(number(ours, "beatAMLt") >= 0.9, "beat AMLt " + ours);
        assertTrue(number(ours, "onsetF") >= 0.9, "onset F " + ours);
        assertTrue(number(ours, "tempoErrorPercent") < 2, "tempo error " + ours);
        assertEquals(Boolean.TRUE, MiniJson.at(ours, "tempoWithin4"));
        assertTrue(number(ours, "chordMajmin") >= 0.8, "majmin over the C major part " + ours);
        assertTrue(number(ours, "chordRoot") >= 0.5, "root " + ours);
        assertEquals("C major", MiniJson.at(ours, "key"));
        assertEquals(1.0, number(ours, "keyScore"));

        Object aubio = MiniJson.at(take, "scores", "aubio");
        assertEquals(0.0, number(aubio, "beatF"), "200 ms late beats all miss");
        assertEquals(119.0, number(aubio, "tempoBpm"));
        assertEquals(Boolean.TRUE, MiniJson.at(aubio, "tempoWithin4"));
        Object qm = MiniJson.at(take, "scores", "qm");
        assertEquals("C major", MiniJson.at(qm, "key"), "the key held longest (10 of 12 s)");
        Object chordino = MiniJson.at(take, "scores", "chordino");
        // N before 0.2 s (and before its first line), C to 8.1 s: 0.2 s of the 8 s of C major missed; the lone A
        // is out of majmin's gamut
        assertEquals(7.8 / 8, number(chordino, "chordMajmin"), 1e-6);
        assertTrue(((Map<?, ?>) MiniJson.at(take, "scores")).keySet().containsAll(List.of("ours", "aubio", "qm",
                "chordino")));
        assertTrue((Double) MiniJson.at(take, "run", "realTime") > 1);
        assertEquals("chain", MiniJson.at(take, "timings", 0, "id"));
    }

    @Test
    void textHasATableWithThePeerColumnsAndASummary() {
        JobOutput r = evaluate(folder, false);
        System.out.println(r.out());
        assertEquals(EvaluateJob.OK, r.exit(), r.err());
        String text = r.out();
        assertTrue(text.contains("not scored: unannotated.wav"), "the unannotated recording is listed");
        String header = line(text, "  metric ");
        for (String column : new String[] {"truth", "ours", "aubio", "qm", "chordino", "pyin", "example"}) {
            assertTrue(header.contains(column), header);
        }
        String[] beatF = line(text, "  beat F (70 ms)").strip().split("\\s+");
        // label (4 words), ours, aubio: the late peer scores 0 beside ours
        assertTrue(Double.parseDouble(beatF[4]) >= 0.8, String.join(" ", beatF));
        assertEquals("0.000", beatF[5], String.join(" ", beatF));
        assertTrue(line(text, "  tempo BPM ").contains("120.0"), "the annotated tempo in the truth column");
        assertTrue(line(text, "  key  ").matches("\\s+key\\s+C major\\s+C major\\s+C major\\s*"),
                line(text, "  key  "));
        assertTrue(text.contains("\nSUMMARY  1 recordings scored, 0 failed, 1 without annotations"), text);
        assertTrue(line(text.substring(text.indexOf("SUMMARY")), "  beat F (70 ms)").contains("0.000"));
    }

    @Test
    void aSingleRecordingCanBeEvaluated() {
        JobOutput r = evaluate(wav, true);
        assertEquals(EvaluateJob.OK, r.exit(), r.err());
        assertEquals(1, r.out().lines().count());
        assertEquals(wav.toString(), MiniJson.at(MiniJson.parse(r.out().strip()), "file"));
    }

    @Test
    void aRecordingThatFailsIsReportedAndTheOthersStillScored(@TempDir Path mixed) throws IOException {
        Signals.clickTrackWithTones(mixed, "good", 120, 6);
        Files.writeString(mixed.resolve("broken.wav"), "not audio at all\n");
        Files.writeString(mixed.resolve("broken.tempo"), "100\n");
        JobOutput r = evaluate(mixed, false);
        assertEquals(EvaluateJob.FAILED, r.exit());
        assertOneLine(r.err(), "broken.wav: not a WAV, AIFF or AU file");
        assertTrue(r.out().contains("broken.wav: FAILED: "), r.out());
        assertTrue(r.out().contains("good.wav: "), r.out());
        assertTrue(r.out().contains("SUMMARY  1 recordings scored, 1 failed"), r.out());

        JobOutput j = evaluate(mixed, true);
        assertEquals(EvaluateJob.FAILED, j.exit());
        List<Object> lines = new ArrayList<>();
        j.out().lines().forEach(line -> lines.add(MiniJson.parse(line)));
        assertEquals(2, lines.size());
        assertTrue(((String) MiniJson.at(lines.get(0), "error")).contains("not a WAV"));
        assertTrue(number(MiniJson.at(lines.get(1), "scores", "ours"), "beatF") >= 0);
    }

    @Test
    void aMalformedAnnotationIsReportedAndTheRestScored(@TempDir Path odd) throws IOException {
        Signals.clickTrackWithTones(odd, "take", 120, 6);
        Files.writeString(odd.resolve("take.tempo"), "fast\n");
        JobOutput r = evaluate(odd, true);
        assertEquals(EvaluateJob.FAILED, r.exit());
        assertOneLine(r.err(), "take.tempo:1: bad tempo");
        Object scores = MiniJson.at(MiniJson.parse(r.out().strip()), "scores", "ours");
        assertTrue(((Map<?, ?>) scores).containsKey("beatF"));
        assertFalse(((Map<?, ?>) scores).containsKey("tempoBpm"));
    }

    @Test
    void aMissingPathIsAUsageError() {
        JobOutput r = evaluate(folder.resolve("nowhere"), false);
        assertEquals(EvaluateJob.USAGE, r.exit());
        assertEquals("", r.out());
        assertOneLine(r.err(), "no such file or folder");
    }

    @Test
    void aFolderWithoutRecordingsIsAUsageError(@TempDir Path empty) throws IOException {
        Files.writeString(empty.resolve("readme.txt"), "nothing to hear\n");
        JobOutput r = evaluate(empty, true);
        assertEquals(EvaluateJob.USAGE, r.exit());
        assertEquals("", r.out());
        assertOneLine(r.err(), "no recording");
    }

    @Test
    void aFolderWithoutAnnotationsIsAUsageError(@TempDir Path bare) throws IOException {
        Signals.write(bare.resolve("tone.wav"), new double[4410]);
        JobOutput r = evaluate(bare, false);
        assertEquals(EvaluateJob.USAGE, r.exit());
        assertOneLine(r.err(), "has annotations");
    }

    static double number(Object object, String name) {
        return (Double) MiniJson.at(object, name);
    }

    /** The first line starting with a prefix. */
    static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with \"" + prefix + "\" in\n" + text));
    }
}
