// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.perfsuite.api.music.Chord;
import io.perfsuite.midi.OfflineRenderer;

/**
 * A performer the project makes itself: a pianist playing a chord on every beat with the left hand and an
 * eighth-note melody over it with the right, through a song of sections with a chord per bar, on a tempo map that
 * may drift. It is rendered by the built-in synthesizer to a WAV file, and what it plays is written next to it as
 * annotations ({@code .beats}, {@code .chords.lab}, {@code .tempo}) in the formats of the shared recordings, so
 * {@code evaluate} and a render's report can score the band against it; a song file with the same chart can be
 * written for the band to read. The melody comes from a seeded random source: the same spec gives the same part.
 */
final class PerformerPart {

    /**
     * One section.
     *
     * @param name   its name ("Verse", "Chorus": the song file's section kind)
     * @param chords one chord per bar (Harte labels, e.g. "C:maj", "A:min")
     * @param styles style hints for the song file, e.g. "{drums: ballad}", or empty
     */
    record SectionSpec(String name, List<String> chords, String styles) {
    }

    /**
     * The part.
     *
     * @param title    the song's title
     * @param key      its key for the song file, e.g. "C"
     * @param tempo    the tempo of each bar (BPM), one entry per bar of all sections together; the tempo moves
     *                 linearly from one bar's value to the next bar's through the bar
     * @param sections the sections in order
     * @param seed     the melody's seed
     */
    record Spec(String title, String key, double[] tempo, List<SectionSpec> sections, long seed) {

        int bars() {
            return sections.stream().mapToInt(s -> s.chords().size()).sum();
        }
    }

    /**
     * What was written.
     *
     * @param wav      the performance
     * @param beats    the beat times (s)
     * @param seconds  the duration of the audio (s)
     * @param sectionStarts the start time of each section (s)
     */
    record Written(Path wav, double[] beats, double seconds, double[] sectionStarts) {
    }

    private static final int BEATS_PER_BAR = 4;
    private static final int CHANNEL = 0;
    private static final int PIANO = 0;

    private PerformerPart() {
    }

    /**
     * The demo's song: a verse at 96 BPM, then a chorus that pushes to 102 BPM, and a last chord.
     *
     * @return the spec
     */
    static Spec demo() {
        List<String> verse = List.of("C:maj", "A:min", "F:maj", "G:maj", "C:maj", "A:min", "F:maj", "G:maj");
        List<String> chorus = List.of("F:maj", "G:maj", "E:min", "A:min", "F:maj", "G:maj", "C:maj", "C:maj");
        double[] tempo = new double[verse.size() + chorus.size()];
        for (int bar = 0; bar < tempo.length; bar++) {
            tempo[bar] = bar < verse.size() ? 96 : 96 + 6.0 * (bar - verse.size() + 1) / chorus.size();
        }
        return new Spec("Demo", "C", tempo, List.of(new SectionSpec("Verse", verse, "{drums: ballad, keys: pads}"),
                new SectionSpec("Chorus", chorus, "{drums: rock, keys: comping, bass: syncopated}")), 7);
    }

    /**
     * A tempo ramp: {@code bars} bars at {@code bpm}, then up by {@code ratio} over as many bars, held, back down to
     * {@code 1 - ratio} and held; over a four-chord loop.
     *
     * @param bpm   the starting tempo
     * @param ratio the relative change, e.g. 0.10
     * @param bars  bars per phase
     * @return the spec
     */
    static Spec ramp(double bpm, double ratio, int bars) {
        int phases = 5;
        double[] tempo = new double[phases * bars];
        List<String> chords = new ArrayList<>();
        String[] loop = {"C:maj", "A:min", "F:maj", "G:maj"};
        for (int bar = 0; bar < tempo.length; bar++) {
            int phase = bar / bars;
            double x = (bar % bars + 1) / (double) bars;
            tempo[bar] = switch (phase) {
                case 0 -> bpm;
                case 1 -> bpm * (1 + ratio * x);
                case 2 -> bpm * (1 + ratio);
                case 3 -> bpm * (1 + ratio - 2 * ratio * x);
                default -> bpm * (1 - ratio);
            };
            chords.add(loop[bar % loop.length]);
        }
        return new Spec("Ramp", "C", tempo, List.of(new SectionSpec("Verse", chords, "")), 11);
    }

    /**
     * Renders the part and writes its annotations next to it.
     *
     * @param spec the part
     * @param wav  the WAV file to write; {@code <base>.beats}, {@code .chords.lab} and {@code .tempo} are written
     *             beside it
     * @param rate the sample rate
     * @return what was written
     * @throws IOException if a file cannot be written or the synthesizer cannot be opened
     */
    static Written write(Spec spec, Path wav, float rate) throws IOException {
        int bars = spec.bars();
        if (spec.tempo().length != bars) {
            throw new IllegalArgumentException("one tempo per bar: " + bars + " bars, " + spec.tempo().length
                    + " tempi");
        }
        double lead = 0.5; // silence before the first note
        int beatsTotal = bars * BEATS_PER_BAR;
        double[] beats = new double[beatsTotal + 1];
        beats[0] = lead;
        for (int k = 0; k < beatsTotal; k++) {
            int bar = k / BEATS_PER_BAR;
            double from = spec.tempo()[bar];
            double to = bar + 1 < bars ? spec.tempo()[bar + 1] : from;
            double bpm = from + (to - from) * (k % BEATS_PER_BAR) / (double) BEATS_PER_BAR;
            beats[k + 1] = beats[k] + 60.0 / bpm;
        }
        List<String> chordOfBar = new ArrayList<>();
        List<Double> sectionStarts = new ArrayList<>();
        for (SectionSpec s : spec.sections()) {
            sectionStarts.add(beats[chordOfBar.size() * BEATS_PER_BAR]);
            chordOfBar.addAll(s.chords());
        }
        List<OfflineRenderer.Event> events = new ArrayList<>();
        events.add(OfflineRenderer.Event.program(0, CHANNEL, PIANO));
        SplittableRandom random = new SplittableRandom(spec.seed());
        int melody = 72;
        for (int k = 0; k < beatsTotal; k++) {
            int bar = k / BEATS_PER_BAR;
            int inBar = k % BEATS_PER_BAR;
            Chord chord = Chord.parse(chordOfBar.get(bar));
            int[] tones = chordTones(chord);
            double t = beats[k];
            double len = beats[k + 1] - t;
            boolean last = k == beatsTotal - 1;
            // left hand: the root low on the downbeat, the triad on every beat
            if (inBar == 0) {
                note(events, t, len * (last ? 1 : BEATS_PER_BAR) * 0.95, 36 + Math.floorMod(tones[0] - 36, 12) + 12,
                        78);
            }
            for (int i = 0; i < tones.length; i++) {
                note(events, t, len * 0.8, 48 + Math.floorMod(tones[i] - 48, 12) + 12, inBar == 0 ? 72 : 62);
            }
            // right hand: eighths, chord tones on the beat, steps between
            for (int half = 0; half < 2 && !(last && half == 1); half++) {
                double when = t + half * len / 2;
                if (half == 0) {
                    melody = nearestTone(melody + random.nextInt(-4, 5), tones);
                } else {
                    melody = Math.max(64, Math.min(84, melody + (random.nextBoolean() ? 2 : -1)));
                }
                note(events, when, len * (last ? 1.5 : 0.45), melody, half == 0 ? (inBar == 0 ? 96 : 86) : 74);
            }
        }
        double end = beats[beatsTotal] + 1.0;
        Path parent = wav.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new OfflineRenderer(OfflineRenderer.defaultSoundfont(), rate).render(events,
                end - events.stream().mapToLong(OfflineRenderer.Event::timeNanos).max().orElse(0) / 1e9, wav);
        writeAnnotations(wav, beats, chordOfBar, spec);
        double[] starts = sectionStarts.stream().mapToDouble(Double::doubleValue).toArray();
        return new Written(wav, java.util.Arrays.copyOf(beats, beatsTotal), end, starts);
    }

    private static void note(List<OfflineRenderer.Event> events, double t, double length, int key, int velocity) {
        events.add(OfflineRenderer.Event.noteOn(t, CHANNEL, key, velocity));
        events.add(OfflineRenderer.Event.noteOff(t + length, CHANNEL, key));
    }

    /** @return the chord's pitch classes, root first */
    static int[] chordTones(Chord chord) {
        int root = chord.root().pitchClass().semitone();
        int mask = chord.pitchClassMask();
        int[] out = new int[Integer.bitCount(mask)];
        int n = 0;
        for (int i = 0; i < 12; i++) {
            int pc = (root + i) % 12;
            if ((mask >> pc & 1) != 0) {
                out[n++] = pc;
            }
        }
        return out;
    }

    private static int nearestTone(int around, int[] tones) {
        int best = around;
        int bestDistance = Integer.MAX_VALUE;
        for (int key = 64; key <= 84; key++) {
            for (int pc : tones) {
                if (key % 12 == pc && Math.abs(key - around) < bestDistance) {
                    bestDistance = Math.abs(key - around);
                    best = key;
                }
            }
        }
        return best;
    }

    private static void writeAnnotations(Path wav, double[] beats, List<String> chordOfBar, Spec spec)
            throws IOException {
        String base = GroundTruth.baseName(wav);
        Path folder = wav.toAbsolutePath().getParent();
        StringBuilder b = new StringBuilder("# beat_time_s\tbeat_in_bar (4/4; generated)\n");
        for (int k = 0; k < beats.length - 1; k++) {
            b.append(String.format(Locale.ROOT, "%.6f\t%d%n", beats[k], k % BEATS_PER_BAR + 1));
        }
        Files.writeString(folder.resolve(base + ".beats"), b);
        StringBuilder c = new StringBuilder();
        for (int bar = 0; bar < chordOfBar.size(); bar++) {
            c.append(String.format(Locale.ROOT, "%.6f\t%.6f\t%s%n", beats[bar * BEATS_PER_BAR],
                    beats[(bar + 1) * BEATS_PER_BAR], chordOfBar.get(bar)));
        }
        Files.writeString(folder.resolve(base + ".chords.lab"), c);
        double mean = 60.0 * (beats.length - 1) / (beats[beats.length - 1] - beats[0]);
        Files.writeString(folder.resolve(base + ".tempo"),
                String.format(Locale.ROOT, "# mean tempo in BPM (generated; the part drifts)%n%.4f%n", mean));
    }

    /**
     * Writes the song file of a part: its sections, chart, tempo and style hints, for the band to read.
     *
     * @param spec the part
     * @param file the YAML file
     * @throws IOException if it cannot be written
     */
    static void writeSong(Spec spec, Path file) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("# generated by perfsuite demo: the performer part's chart\n");
        y.append("title: ").append(spec.title()).append('\n');
        y.append("key: ").append(spec.key()).append('\n');
        y.append(String.format(Locale.ROOT, "tempo: %.1f%n", spec.tempo()[0]));
        y.append("meter: 4/4\n");
        y.append("sections:\n");
        for (SectionSpec s : spec.sections()) {
            y.append("  - name: ").append(s.name()).append('\n');
            y.append("    bars: ").append(s.chords().size()).append('\n');
            y.append("    chords: \"").append(String.join(" | ", s.chords())).append("\"\n");
            if (!s.styles().isEmpty()) {
                y.append("    style: ").append(s.styles()).append('\n');
            }
        }
        Files.writeString(file, y);
    }
}
