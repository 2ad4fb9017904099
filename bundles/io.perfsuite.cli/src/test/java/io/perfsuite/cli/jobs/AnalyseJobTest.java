// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.cli.internal.jobs.AnalyseJob;

/**
 * {@code analyse} on a recording the test writes (clicks at 120 BPM, a C major triad, then an A4), through the real
 * default analysis chain: the text sections and the JSON object say what the signal holds; bad input gives one
 * line and an exit code, never a stack trace.
 */
class AnalyseJobTest {

    @TempDir
    static Path folder;
    static Path wav;

    @BeforeAll
    static void writeRecording() throws IOException {
        wav = Signals.clickTrackWithTones(folder, "clicks", 120, 12);
    }

    static JobOutput analyse(Path file, boolean json) {
        return JobOutput.of((out, err) -> new AnalyseJob().run(TestChain.fileAnalysis(), file, json, out, err));
    }

    @Test
    void textHasEverySectionAndWhatTheSignalHolds() {
        JobOutput r = analyse(wav, false);
        System.out.println(r.out());
        assertEquals(AnalyseJob.OK, r.exit(), r.err());
        assertEquals("", r.err());
        String text = r.out();
        for (String heading : new String[] {"BEATS (", "TEMPO", "ONSETS (", "CHORDS (", "KEY", "PITCH (", "LOUDNESS",
            "RUN "}) {
            assertTrue(text.contains("\n" + heading), "section " + heading);
        }
        assertTrue(text.matches("(?s).*\n  1(19\\.[5-9]|20\\.[0-5]) BPM .*"), "tempo about 120 BPM");
        assertTrue(text.matches("(?s).*\n\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}\\s+A4 .*"), "an A4 note segment");
        assertTrue(text.matches("(?s).*\n\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}\\s+C:maj .*"), "a C major chord segment");
        // the key follows the music: C major over the triad; the lone A at the end may turn it to A minor
        assertTrue(text.contains("held longest: C major"), "the key");
        assertTrue(text.contains("x real time"), "the run figures");
        // condensed: far fewer lines than pitch frames (12 s = 2,067 blocks)
        assertTrue(text.lines().count() < 300, text.lines().count() + " lines");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonIsOneObjectWithEveryFinding() {
        JobOutput r = analyse(wav, true);
        assertEquals(AnalyseJob.OK, r.exit(), r.err());
        assertEquals(1, r.out().strip().lines().count(), "one line");
        Object doc = MiniJson.parse(r.out().strip());
        assertEquals(wav.toString(), MiniJson.at(doc, "file"));
        assertEquals(44100.0, MiniJson.at(doc, "sampleRate"));
        assertEquals(12.0, (Double) MiniJson.at(doc, "duration"), 0.01);
        assertEquals(List.of("dynamics", "onset", "beat", "pitch", "harmony"), MiniJson.at(doc, "analysers"));

        double bpm = (Double) MiniJson.at(doc, "tempo", "bpm");
        assertEquals(120, bpm, 1.5, "tempo");
        List<Object> beats = (List<Object>) MiniJson.at(doc, "beats");
        assertTrue(beats.size() >= 18, beats.size() + " beats in 12 s at 120 BPM");
        for (Object b : beats) {
            assertEquals(0.5, (Double) MiniJson.at(b, "period"), 0.02);
            assertTrue(((Map<String, Object>) b).keySet().containsAll(List.of("t", "inBar", "confidence")));
        }
        List<Object> onsets = (List<Object>) MiniJson.at(doc, "onsets");
        assertTrue(onsets.size() >= 20 && onsets.size() <= 30, onsets.size() + " onsets for 24 clicks");

        List<Object> notes = (List<Object>) MiniJson.at(doc, "pitch", "notes");
        double a4 = notes.stream().filter(n -> "A4".equals(MiniJson.at(n, "note")))
                .mapToDouble(n -> (Double) MiniJson.at(n, "end") - (Double) MiniJson.at(n, "start")).sum();
        assertTrue(a4 >= 3.0, "A4 heard for " + a4 + " s of the 4 s it sounds");
        for (Object n : notes) {
            if ("A4".equals(MiniJson.at(n, "note"))) {
                assertEquals(440, (Double) MiniJson.at(n, "hz"), 3, "A4 median frequency");
            }
        }
        List<Object> frames = (List<Object>) MiniJson.at(doc, "pitch", "frames");
        assertTrue(frames.size() > 2000, "every pitch frame: " + frames.size());
        assertEquals(3, ((List<Object>) frames.get(0)).size(), "[t, hz, confidence]");

        List<Object> chords = (List<Object>) MiniJson.at(doc, "chords");
        double cMajor = chords.stream().filter(c -> "C:maj".equals(MiniJson.at(c, "label")))
                .mapToDouble(c -> (Double) MiniJson.at(c, "end") - (Double) MiniJson.at(c, "start")).sum();
        assertTrue(cMajor >= 7, "C major for " + cMajor + " s of the 8 s it sounds");
        assertEquals("C major", MiniJson.at(doc, "key", "longest"));
        assertEquals("C major", MiniJson.at(doc, "key", "changes", 0, "label"), "decided over the triad");
        assertTrue((Double) MiniJson.at(doc, "key", "changes", 0, "t") < Signals.CHANGE);

        double peak = (Double) MiniJson.at(doc, "loudness", "peakDbfs");
        assertTrue(peak < 0 && peak > -12, "peak " + peak);
        assertTrue(MiniJson.at(doc, "loudness", "integratedLufs") instanceof Double);
        List<Object> timings = (List<Object>) MiniJson.at(doc, "timings");
        assertEquals("chain", MiniJson.at(timings.get(0), "id"));
        assertEquals(6, timings.size(), "the chain and five analysers");
        assertTrue((Double) MiniJson.at(doc, "run", "realTime") > 1);
    }

    @Test
    void aSilentRecordingHasEmptySectionsAndValidJson() throws IOException {
        Path silence = folder.resolve("silence.wav");
        Signals.write(silence, new double[(int) Signals.RATE * 2]);
        JobOutput text = analyse(silence, false);
        assertEquals(AnalyseJob.OK, text.exit(), text.err());
        assertTrue(text.out().contains("\nBEATS (0)\n"), text.out());
        assertTrue(text.out().contains("  none: no beat was heard"), text.out());
        assertTrue(text.out().contains("sample peak             -inf dBFS"), text.out());
        JobOutput json = analyse(silence, true);
        assertEquals(AnalyseJob.OK, json.exit(), json.err());
        Object doc = MiniJson.parse(json.out().strip());
        assertEquals(null, MiniJson.at(doc, "tempo", "bpm"), "no tempo is null, not NaN");
        assertEquals(null, MiniJson.at(doc, "loudness", "peakDbfs"), "-inf is null in JSON");
        assertEquals(List.of(), MiniJson.at(doc, "beats"));
    }

    @Test
    void aMissingFileIsAUsageError() {
        JobOutput r = analyse(folder.resolve("nothing-here.wav"), false);
        assertEquals(AnalyseJob.USAGE, r.exit());
        assertEquals("", r.out());
        assertOneLine(r.err(), "no such file");
    }

    @Test
    void aFolderIsAUsageError() {
        JobOutput r = analyse(folder, true);
        assertEquals(AnalyseJob.USAGE, r.exit());
        assertOneLine(r.err(), "is a folder");
    }

    @Test
    void aWavCutInsideItsHeaderFails() throws IOException {
        Path cut = folder.resolve("cut-header.wav");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(wav), 20));
        JobOutput r = analyse(cut, false);
        assertEquals(AnalyseJob.FAILED, r.exit());
        assertEquals("", r.out());
        assertOneLine(r.err(), "cut-header.wav");
    }

    @Test
    void aWavCutAfterItsHeaderFails() throws IOException {
        Path cut = folder.resolve("header-only.wav");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(wav), 44));
        JobOutput r = analyse(cut, true);
        assertEquals(AnalyseJob.FAILED, r.exit());
        assertEquals("", r.out());
        assertOneLine(r.err(), "truncated");
    }

    @Test
    void aWavMissingItsEndIsAnalysedWithAWarning() throws IOException {
        byte[] whole = Files.readAllBytes(wav);
        Path cut = folder.resolve("half.wav");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        JobOutput r = analyse(cut, true);
        assertEquals(AnalyseJob.OK, r.exit(), r.err());
        assertOneLine(r.err(), "truncated");
        assertEquals(6.0, (Double) MiniJson.at(MiniJson.parse(r.out().strip()), "duration"), 0.05);
    }

    @Test
    void aTextFileNamedWavFails() throws IOException {
        Path text = folder.resolve("notes.wav");
        Files.writeString(text, "this is not audio\n");
        JobOutput r = analyse(text, false);
        assertEquals(AnalyseJob.FAILED, r.exit());
        assertOneLine(r.err(), "not a WAV, AIFF or AU file");
    }

    /** One line, naming the problem, and no stack trace. */
    static void assertOneLine(String err, String expected) {
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(expected), err);
        assertFalse(err.contains("\tat ") || err.contains("Caused by"), "no stack trace: " + err);
    }
}
