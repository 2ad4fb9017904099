// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.harmony.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.ChordQuality;
import io.perfsuite.api.music.PitchClass;
import io.perfsuite.audio.internal.AudioEngine;
import io.perfsuite.audio.internal.source.DecodedAudio;
import io.perfsuite.audio.internal.source.FileSource;
import io.perfsuite.audio.internal.source.TestSignalSource;
import io.perfsuite.evaluation.Annotations;
import io.perfsuite.evaluation.ChordMetrics;
import io.perfsuite.evaluation.ChordScores;
import io.perfsuite.evaluation.ChordSegment;

/**
 * The harmony analyser run causally through the real engine (block 256, FFT 2048, 44.1 kHz, the runtime's
 * defaults): generated chords always, the shared recordings when the data folder is there, chords scored with the
 * mir_eval chord metrics next to Chordino's output on the same file.
 */
class HarmonyAccuracyTest {

    private static final float RATE = 44100;
    private static final String BACH = "bach-bwv846-prelude1/bwv846-prelude1_bars1-19";

    /** C major, A minor, G major, F major: root-position triads with the root doubled an octave below. */
    static final int[][] PROGRESSION = {
        {48, 60, 64, 67}, // C3 C4 E4 G4
        {45, 57, 60, 64}, // A2 A3 C4 E4
        {43, 55, 59, 62}, // G2 G3 B3 D4
        {41, 53, 57, 60}, // F2 F3 A3 C4
    };

    static final Chord[] EXPECTED = {Chord.of(PitchClass.C, ChordQuality.MAJ), Chord.of(PitchClass.A,
        ChordQuality.MIN), Chord.of(PitchClass.G, ChordQuality.MAJ), Chord.of(PitchClass.F, ChordQuality.MAJ)};

    @Test
    void generatedProgressionIsHeardWithChangesWithinAThirdOfASecond() throws Exception {
        double lead = 0.5;
        double each = 2.0;
        DecodedAudio audio = Signals.progression(RATE, PROGRESSION, each, lead, 1.0);
        Harness.Run run = Harness.run(new FileSource(audio, "progression"), Harness.defaults());
        List<AnalysisEvent.ChordHeard> chords = run.chords();
        Harness.Run late = Harness.run(new FileSource(audio, "progression"), Harness.config(Map.of("maxLookbackMs",
                0)));
        StringBuilder heard = new StringBuilder();
        for (int i = 0; i < chords.size(); i++) {
            heard.append(String.format("%n  %6.3f s %-6s %.2f (decided at %.3f s)", chords.get(i).nanos() / 1e9,
                    chords.get(i).chord(), chords.get(i).confidence(), i < late.chords().size()
                            ? late.chords().get(i).nanos() / 1e9 : Double.NaN));
        }
        System.out.println("generated progression:" + heard);
        List<Chord> expectedChords = new ArrayList<>();
        List<Double> expectedTimes = new ArrayList<>();
        expectedChords.add(Chord.NO_CHORD);
        expectedTimes.add(0.0);
        for (int i = 0; i < EXPECTED.length; i++) {
            expectedChords.add(EXPECTED[i]);
            expectedTimes.add(lead + i * each);
        }
        expectedChords.add(Chord.NO_CHORD);
        expectedTimes.add(lead + EXPECTED.length * each);
        assertEquals(expectedChords, chords.stream().map(AnalysisEvent.ChordHeard::chord).toList(),
                "the reported chords" + heard);
        for (int i = 0; i < chords.size(); i++) {
            double error = chords.get(i).nanos() / 1e9 - expectedTimes.get(i);
            assertTrue(Math.abs(error) <= 0.3, "change " + i + " to " + expectedChords.get(i) + " reported "
                    + error + " s from the true change" + heard);
        }
    }

    @Test
    void silenceIsNoChordAndNoKey() throws Exception {
        Harness.Run run = Harness.run(TestSignalSource.sine(RATE, 440, 0).withLength((long) (RATE * 3)),
                Harness.defaults());
        assertEquals(List.of(Chord.NO_CHORD), run.chords().stream().map(AnalysisEvent.ChordHeard::chord).toList());
        assertEquals(0, run.chords().get(0).frame());
        assertEquals(List.of(), run.keys());
    }

    @Test
    void sumOfSinesIsItsTriad() throws Exception {
        // A minor as three pure tones, A3 C4 E4, for 3 s
        Harness.Run run = Harness.run(TestSignalSource.chord(RATE, 0.6, Signals.hz(57), Signals.hz(60),
                Signals.hz(64)).withLength((long) (RATE * 3)), Harness.defaults());
        Chord expected = Chord.of(PitchClass.A, ChordQuality.MIN);
        double wrong = 0;
        for (ChordSegment s : run.segments()) {
            if (!Chord.parse(s.label()).equals(expected)) {
                wrong += s.end() - s.start();
            }
        }
        List<AnalysisEvent.ChordHeard> chords = run.chords();
        assertEquals(expected, chords.get(chords.size() - 1).chord(), "last chord of " + run.segments());
        assertTrue(wrong <= 0.3, wrong + " s not A:min: " + run.segments());
    }

    @Test
    void bachPreludeChordsAgainstTheAnnotationAndChordino() throws Exception {
        Path wav = Harness.data(BACH + ".wav");
        List<ChordSegment> reference = Annotations.readChords(Harness.data(BACH + ".chords.lab"));
        Path chordinoFile = Harness.data(BACH + ".wav.vamp-chordino.chords.txt");
        Harness.Run run = Harness.run(wav, Harness.defaults());
        ChordScores ours = ChordMetrics.evaluate(reference, run.segments());
        ChordScores chordino = ChordMetrics.evaluate(reference, chordino(chordinoFile, run.seconds()));
        Harness.Run late = Harness.run(wav, Harness.config(Map.of("maxLookbackMs", 0)));
        ChordScores atDecision = ChordMetrics.evaluate(reference, late.segments());
        double delay = 0;
        for (int i = 0; i < run.chords().size(); i++) {
            delay += (late.chords().get(i).nanos() - run.chords().get(i).nanos()) / 1e9 / run.chords().size();
        }
        System.out.printf("chords %s: %d reported%n", wav.getFileName(), run.chords().size());
        System.out.printf("  %-34s %7s %7s %7s %7s%n", "", "majmin", "root", "mirex", "segm.");
        System.out.printf("  %-34s %7.3f %7.3f %7.3f %7.3f%n", "harmony (causal, as reported)", ours.majmin(),
                ours.root(), ours.mirex(), ours.segmentation());
        System.out.printf("  %-34s %7.3f %7.3f %7.3f %7.3f%n", "harmony (at the decision frames)",
                atDecision.majmin(), atDecision.root(), atDecision.mirex(), atDecision.segmentation());
        System.out.printf("  %-34s %7.3f %7.3f %7.3f %7.3f%n", "Chordino (offline, Vamp output)", chordino.majmin(),
                chordino.root(), chordino.mirex(), chordino.segmentation());
        System.out.printf("  decisions come %.3f s after the reported change frames on average%n", delay);
        printStats(run);
        assertTrue(ours.majmin() >= 0.80, "majmin on Bach " + ours.majmin() + " (Chordino " + chordino.majmin()
                + ")");
    }

    @Test
    void bachPreludeIsInCMajor() throws Exception {
        Harness.Run run = Harness.run(Harness.data(BACH + ".wav"), Harness.defaults());
        assertKey(run, "C major", "Bach prelude", Harness.data(BACH + ".wav.vamp-qm.key.txt"));
    }

    /**
     * The trumpet loop's annotation is its pack's description, "in F, mostly blues and dorian scale" (the data
     * README: 90 BPM, "in F"): a tonic and no mode. Blues and dorian lines are minor-mode lines (the loop plays F, Ab,
     * Bb, C, Eb and D), so F minor and F major both name its tonic; qm's key detector says F major at the end, Chordino
     * hears an Fm chord. The tonic is what is checked; the mode is printed.
     */
    @Test
    void trumpetLoopIsInF() throws Exception {
        String trumpet = "trumpet-loop-90bpm/sorohanro_-_solo-trumpet-06.mono";
        Harness.Run run = Harness.run(Harness.data(trumpet + ".wav"), Harness.defaults());
        assertKey(run, "F", "trumpet loop", Harness.data(trumpet + ".wav.vamp-qm.key.txt"));
    }

    /**
     * The final key and the key reported for the longest time must both be the expected one (a key like "C major",
     * or only a tonic like "F", which either mode matches). Prints the qm Vamp key detector's output on the same
     * file ({@code time: index key} per line) beside ours.
     */
    static void assertKey(Harness.Run run, String expected, String what, Path qm) throws Exception {
        StringBuilder peer = new StringBuilder();
        for (String line : Files.readAllLines(qm)) {
            String text = line.strip();
            if (!text.isEmpty()) {
                int colon = text.indexOf(':');
                String key = text.substring(colon + 1).strip().split("\\s+", 2)[1];
                peer.append(String.format(" %.1f s %s;", Double.parseDouble(text.substring(0, colon)), key));
            }
        }
        boolean tonicOnly = !expected.contains(" ");
        List<AnalysisEvent.KeyHeard> keys = run.keys();
        Map<String, Double> share = new LinkedHashMap<>();
        StringBuilder heard = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            double start = keys.get(i).nanos() / 1e9;
            double end = i + 1 < keys.size() ? keys.get(i + 1).nanos() / 1e9 : run.seconds();
            String name = keys.get(i).key().toString();
            share.merge(tonicOnly ? name.split(" ")[0] : name, end - start, Double::sum);
            heard.append(String.format(" %.1f s %s (%.2f);", start, keys.get(i).key(), keys.get(i).confidence()));
        }
        String longest = share.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse("none");
        System.out.printf("key %s:%s longest %s (%.0f%% of %.1f s)%n  qm key detector:%s%n", what, heard, longest,
                100 * share.getOrDefault(longest, 0.0) / run.seconds(), run.seconds(), peer);
        assertTrue(!keys.isEmpty(), "no key reported for the " + what);
        String last = keys.get(keys.size() - 1).key().toString();
        assertEquals(expected, tonicOnly ? last.split(" ")[0] : last, "final key of the " + what + ":" + heard);
        assertEquals(expected, longest, "key reported longest for the " + what + ":" + heard);
    }

    static void printStats(Harness.Run run) {
        AudioEngine.AnalyserStats s = run.stats();
        System.out.printf("compute time per block (harmony, %d blocks): p50 %.1f us, p99 %.1f us, max %.1f us%n",
                s.blocks(), s.p50Micros(), s.p99Micros(), s.maxMicros());
    }

    private static final Pattern CHORDINO = Pattern.compile("([A-G][b#]?)([^/]*)(?:/([A-G][b#]?))?");
    private static final Map<String, String> SHORTHANDS = Map.ofEntries(Map.entry("", "maj"), Map.entry("m", "min"),
            Map.entry("7", "7"), Map.entry("maj7", "maj7"), Map.entry("m7", "min7"), Map.entry("6", "maj6"),
            Map.entry("m6", "min6"), Map.entry("dim", "dim"), Map.entry("dim7", "dim7"),
            Map.entry("m7b5", "hdim7"), Map.entry("aug", "aug"), Map.entry("sus4", "sus4"),
            Map.entry("sus2", "sus2"));
    private static final String[] DEGREES = {"1", "b2", "2", "b3", "3", "4", "b5", "5", "b6", "6", "b7", "7"};

    /**
     * Reads Chordino's Vamp output, {@code time: label} per line (labels like {@code Am}, {@code Em7b5/D}); each
     * chord lasts until the next, the last one until the end of the audio.
     */
    static List<ChordSegment> chordino(Path file, double end) throws Exception {
        List<Double> times = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int colon = text.indexOf(':');
            times.add(Double.parseDouble(text.substring(0, colon).strip()));
            labels.add(harte(text.substring(colon + 1).strip()));
        }
        List<ChordSegment> segments = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            double start = times.get(i);
            double stop = i + 1 < times.size() ? times.get(i + 1) : Math.max(start, end);
            if (stop > start) {
                segments.add(new ChordSegment(start, stop, labels.get(i)));
            }
        }
        return segments;
    }

    /** Chordino's label, e.g. {@code Em7b5/D}, as a Harte label, e.g. {@code E:hdim7/b7}. */
    static String harte(String label) {
        if (label.equals("N")) {
            return "N";
        }
        Matcher m = CHORDINO.matcher(label);
        String shorthand = m.matches() ? SHORTHANDS.get(m.group(2)) : null;
        if (shorthand == null) {
            throw new IllegalArgumentException("unknown Chordino label " + label);
        }
        String harte = m.group(1) + ":" + shorthand;
        if (m.group(3) != null) {
            int interval = PitchClass.parse(m.group(1)).intervalTo(PitchClass.parse(m.group(3)));
            harte += "/" + DEGREES[interval];
        }
        return harte;
    }
}
