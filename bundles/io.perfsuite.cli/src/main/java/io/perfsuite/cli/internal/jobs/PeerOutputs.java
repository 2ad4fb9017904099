// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.perfsuite.evaluation.ChordSegment;
import io.perfsuite.evaluation.KeyMetrics;
import io.perfsuite.evaluation.NoteEvent;
import io.perfsuite.evaluation.TimeSeries;

/**
 * Reads the outputs of peer analysers stored next to a recording as {@code <file>.<tool>.<feature>.txt} (the
 * file name with its extension, e.g. {@code take.wav.aubio.beats.txt}) into {@link Estimate}s, so they are scored
 * by exactly the metrics that score ours.
 *
 * <p>Formats: aubio writes one time per line for beats and onsets, {@code "148.68 bpm"} (possibly followed by
 * {@code "(uncertain)"}, or {@code "unknown bpm"}, read as no tempo) for the tempo, {@code "time hz"} for pitch
 * (0 or negative: unvoiced) and {@code "midi start end"} for notes. Vamp plugins (through sonic-annotator) write
 * {@code " time: value label"} or {@code " time, duration: value label"}. Where a Vamp output changes over time
 * and one value is scored (the key detector's key, the tempo tracker's tempo) the value held longest in total is
 * taken, the same rule as for our key. Chordino's chord symbols are converted by {@link ChordNames}. pYIN lists only
 * voiced frames: gaps longer than one and a half of its hops are marked unvoiced, so that resampling does not
 * read a gap as a held pitch.
 *
 * <p>Outputs not compared: notes of polyphonic material, bar positions ({@code barbeats}), ffmpeg loudness.
 *
 * <p>Stateless and thread-safe.
 */
final class PeerOutputs {

    /** A peer analyser: its file-name tool part and its column name. */
    enum Peer {
        /** aubio 0.4.9 command-line tools. */
        AUBIO("aubio", "aubio"),
        /** qm-vamp-plugins: tempo tracker, onset detector, key detector, note transcription. */
        QM("vamp-qm", "qm"),
        /** Chordino (nnls-chroma). */
        CHORDINO("vamp-chordino", "chordino"),
        /** pYIN: pitch and notes. */
        PYIN("vamp-pyin", "pyin"),
        /** The Vamp SDK example plugins: percussion onsets, fixed tempo. */
        EXAMPLE("vamp-example", "example");

        private final String tool;
        private final String column;

        Peer(String tool, String column) {
            this.tool = tool;
            this.column = column;
        }

        /** @return the tool part of the output file names */
        String tool() {
            return tool;
        }

        /** @return the column name in the tables and the JSON */
        String column() {
            return column;
        }
    }

    /** A Vamp line: time, optional duration, then the rest (value and label). */
    private static final Pattern VAMP = Pattern.compile(
            "\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(?:,\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?))?"
                    + "\\s*:\\s*(.*)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?");
    private static final Pattern AUBIO_TEMPO = Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*bpm.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QM_KEY = Pattern.compile("\\s*\\d+\\s+(.+)");

    /**
     * What the peers said, and what could not be read.
     *
     * @param estimates one estimate per peer that has any readable output
     * @param files     the output files read
     * @param problems  one line per unreadable file
     */
    record Read(Map<Peer, Estimate> estimates, List<Path> files, List<String> problems) {
    }

    private PeerOutputs() {
    }

    /**
     * Reads every peer output next to a recording.
     *
     * @param recording the recording
     * @param duration  its duration (s): the last chord, key or tempo of a Vamp output lasts until then
     * @return the estimates
     */
    static Read read(Path recording, double duration) {
        Map<Peer, Estimate> estimates = new EnumMap<>(Peer.class);
        List<Path> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Peer peer : Peer.values()) {
            Estimate e = Estimate.none();
            for (String feature : new String[] {"beats", "onsets", "tempo", "chords", "key", "pitch", "notes"}) {
                Path file = sibling(recording, recording.getFileName() + "." + peer.tool() + "." + feature + ".txt");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    e = add(peer, feature, Files.readString(file, StandardCharsets.UTF_8), duration, e);
                    files.add(file);
                } catch (IOException | RuntimeException ex) {
                    problems.add(file + ": " + FileRun.oneLine(ex.getMessage(), ex.getClass().getSimpleName()));
                }
            }
            if (!e.isEmpty()) {
                estimates.put(peer, e);
            }
        }
        return new Read(estimates, List.copyOf(files), List.copyOf(problems));
    }

    private static Path sibling(Path recording, String name) {
        Path parent = recording.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    /** Adds one output file to a peer's estimate. */
    static Estimate add(Peer peer, String feature, String text, double duration, Estimate e) {
        boolean aubio = peer == Peer.AUBIO;
        switch (feature) {
            case "beats":
                return e.withBeats(aubio ? firstColumn(text) : vampTimes(text));
            case "onsets":
                return e.withOnsets(aubio ? firstColumn(text) : vampTimes(text));
            case "tempo":
                return e.withTempo(aubio ? aubioTempo(text) : vampTempo(text, duration));
            case "chords":
                return e.withChords(vampChords(text, duration));
            case "key":
                return e.withKey(vampKey(text, duration));
            case "pitch":
                return e.withPitch(aubio ? aubioPitch(text) : vampPitch(text));
            case "notes":
                return e.withNotes(aubio ? aubioNotes(text) : vampNotes(text, peer == Peer.QM));
            default:
                return e;
        }
    }

    /** The first number of each line: aubio's beats and onsets. */
    static double[] firstColumn(String text) {
        List<Double> values = new ArrayList<>();
        for (String line : lines(text)) {
            values.add(number(line.split("\\s+")[0], line));
        }
        return sorted(values);
    }

    /** The times of Vamp lines. */
    static double[] vampTimes(String text) {
        List<Double> values = new ArrayList<>();
        for (String line : lines(text)) {
            values.add(number(vamp(line).group(1), line));
        }
        return sorted(values);
    }

    /** aubio's tempo, NaN when it says it does not know. */
    static double aubioTempo(String text) {
        for (String line : lines(text)) {
            Matcher m = AUBIO_TEMPO.matcher(line);
            if (m.matches()) {
                return Double.parseDouble(m.group(1));
            }
        }
        return Double.NaN;
    }

    /** The tempo (first number of the value) held longest over a Vamp output, NaN when it has none. */
    static double vampTempo(String text, double duration) {
        Map<String, Double> held = new LinkedHashMap<>();
        List<String> lines = lines(text);
        List<double[]> spans = spans(lines, duration);
        for (int i = 0; i < lines.size(); i++) {
            Matcher value = NUMBER.matcher(vamp(lines.get(i)).group(3));
            if (value.lookingAt()) {
                held.merge(value.group(), spans.get(i)[1] - spans.get(i)[0], Double::sum);
            }
        }
        String longest = longest(held);
        return longest == null ? Double.NaN : Double.parseDouble(longest);
    }

    /** Chord segments from Vamp lines: each symbol holds until the next line, the last until the end. */
    static List<ChordSegment> vampChords(String text, double duration) {
        List<String> lines = lines(text);
        List<double[]> spans = spans(lines, duration);
        List<ChordSegment> segments = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            double[] span = spans.get(i);
            if (span[1] > span[0]) {
                segments.add(new ChordSegment(span[0], span[1], ChordNames.harte(vamp(lines.get(i)).group(3))));
            }
        }
        return segments;
    }

    /**
     * The key held longest over the key detector's output ({@code " 0.0: 1 C major"}), in the metrics' form. A
     * label naming two spellings ({@code "Eb / D# minor"}) is read as its first one.
     */
    static String vampKey(String text, double duration) {
        Map<String, Double> held = new LinkedHashMap<>();
        List<String> lines = lines(text);
        List<double[]> spans = spans(lines, duration);
        for (int i = 0; i < lines.size(); i++) {
            String rest = vamp(lines.get(i)).group(3).strip();
            Matcher m = QM_KEY.matcher(rest);
            String label = m.matches() ? m.group(1).strip() : rest;
            int slash = label.indexOf('/');
            if (slash >= 0) {
                String[] words = label.split("\\s+");
                label = label.substring(0, slash).strip() + " " + words[words.length - 1];
            }
            KeyMetrics.validate(label);
            held.merge(label, spans.get(i)[1] - spans.get(i)[0], Double::sum);
        }
        return longest(held);
    }

    /** aubio's pitch track: every frame, 0 or negative when unvoiced. */
    static TimeSeries aubioPitch(String text) {
        List<String> lines = lines(text);
        double[] times = new double[lines.size()];
        double[] hz = new double[lines.size()];
        for (int i = 0; i < times.length; i++) {
            String[] columns = lines.get(i).split("\\s+");
            if (columns.length < 2) {
                throw new IllegalArgumentException("expected \"time hz\", got \"" + lines.get(i) + "\"");
            }
            times[i] = number(columns[0], lines.get(i));
            hz[i] = number(columns[1], lines.get(i));
        }
        return times.length == 0 ? null : new TimeSeries(times, hz);
    }

    /** A Vamp pitch track of voiced frames only, with its gaps marked unvoiced. */
    static TimeSeries vampPitch(String text) {
        List<String> lines = lines(text);
        List<double[]> frames = new ArrayList<>();
        for (String line : lines) {
            Matcher m = vamp(line);
            Matcher value = NUMBER.matcher(m.group(3));
            if (!value.lookingAt()) {
                throw new IllegalArgumentException("no frequency in \"" + line + "\"");
            }
            frames.add(new double[] {number(m.group(1), line), Double.parseDouble(value.group())});
        }
        if (frames.isEmpty()) {
            return null;
        }
        frames.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] steps = new double[frames.size() - 1];
        for (int i = 1; i < frames.size(); i++) {
            steps[i - 1] = frames.get(i)[0] - frames.get(i - 1)[0];
        }
        double hop = steps.length == 0 ? 0.01 : Stats.median(steps);
        List<double[]> filled = new ArrayList<>();
        if (frames.get(0)[0] > 1.5 * hop) {
            // the metrics hold the first value back to time 0: say the start was unvoiced
            filled.add(new double[] {0, 0});
            filled.add(new double[] {frames.get(0)[0] - hop, 0});
        }
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0 && frames.get(i)[0] - frames.get(i - 1)[0] > 1.5 * hop) {
                filled.add(new double[] {frames.get(i - 1)[0] + hop, 0});
                filled.add(new double[] {frames.get(i)[0] - hop, 0});
            }
            filled.add(frames.get(i));
        }
        double last = filled.get(filled.size() - 1)[0];
        filled.add(new double[] {last + hop, 0});
        double[] times = new double[filled.size()];
        double[] hz = new double[filled.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = filled.get(i)[0];
            hz[i] = filled.get(i)[1];
        }
        return new TimeSeries(times, hz);
    }

    /** aubio's notes: {@code "midi start end"} lines; its single-number lines (note-off times) are skipped. */
    static List<NoteEvent> aubioNotes(String text) {
        List<NoteEvent> notes = new ArrayList<>();
        for (String line : lines(text)) {
            String[] c = line.split("\\s+");
            if (c.length >= 3) {
                notes.add(NoteEvent.ofMidi(number(c[1], line), number(c[2], line), number(c[0], line)));
            }
        }
        return notes;
    }

    /** Vamp notes {@code " time, duration: value"}: the value is Hz (pYIN) or a MIDI number (qm). */
    static List<NoteEvent> vampNotes(String text, boolean midi) {
        List<NoteEvent> notes = new ArrayList<>();
        for (String line : lines(text)) {
            Matcher m = vamp(line);
            Matcher value = NUMBER.matcher(m.group(3));
            if (m.group(2) == null || !value.lookingAt()) {
                throw new IllegalArgumentException("expected \"time, duration: value\", got \"" + line + "\"");
            }
            double start = number(m.group(1), line);
            double end = start + number(m.group(2), line);
            double v = Double.parseDouble(value.group());
            notes.add(midi ? NoteEvent.ofMidi(start, end, v) : new NoteEvent(start, end, v));
        }
        return notes;
    }

    /** The span of each Vamp line: its time and duration, or its time to the next line's (the end for the last). */
    private static List<double[]> spans(List<String> lines, double duration) {
        List<double[]> spans = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = vamp(lines.get(i));
            double start = number(m.group(1), lines.get(i));
            double end;
            if (m.group(2) != null) {
                end = start + number(m.group(2), lines.get(i));
            } else if (i + 1 < lines.size()) {
                end = number(vamp(lines.get(i + 1)).group(1), lines.get(i + 1));
            } else {
                end = Math.max(start, duration);
            }
            spans.add(new double[] {start, Math.max(start, end)});
        }
        return spans;
    }

    private static String longest(Map<String, Double> held) {
        String longest = null;
        for (Map.Entry<String, Double> h : held.entrySet()) {
            if (longest == null || h.getValue() > held.get(longest)) {
                longest = h.getKey();
            }
        }
        return longest;
    }

    private static Matcher vamp(String line) {
        Matcher m = VAMP.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Vamp output line (\"time: value\"): \"" + line + "\"");
        }
        return m;
    }

    private static double number(String text, String line) {
        if (!NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("bad number \"" + text + "\" in \"" + line + "\"");
        }
        return Double.parseDouble(text);
    }

    private static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                lines.add(stripped);
            }
        }
        return lines;
    }
}
