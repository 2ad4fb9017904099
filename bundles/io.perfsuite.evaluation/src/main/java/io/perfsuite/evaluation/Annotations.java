// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads annotation files: the project's ground-truth formats and the mir_eval fixture formats.
 *
 * <p>Common rules: UTF-8 text; lines whose first non-blank character is {@code #} are comments; blank lines are
 * skipped; columns are separated by whitespace (tabs or spaces) unless stated otherwise. A malformed line throws
 * an {@link IllegalArgumentException} whose message starts with {@code <source>:<line number>:}, the source being
 * the file name given or read.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>method</th><th>file</th><th>line</th></tr>
 *   <tr><td>{@link #readBeats}</td><td>{@code .beats}</td><td>time [beat-in-bar]</td></tr>
 *   <tr><td>{@link #readEvents}</td><td>{@code .onsets}, mir_eval beat/onset</td><td>time</td></tr>
 *   <tr><td>{@link #readTempo}</td><td>{@code .tempo}</td><td>BPM (one value line)</td></tr>
 *   <tr><td>{@link #readMirexTempo}</td><td>mir_eval tempo</td><td>tempo1 tempo2 weight (one line)</td></tr>
 *   <tr><td>{@link #readChords}</td><td>{@code .chords.lab}, mir_eval chord</td><td>start end label</td></tr>
 *   <tr><td>{@link #readKey}</td><td>{@code .key}, mir_eval key</td><td>tonic mode (one line)</td></tr>
 *   <tr><td>{@link #readTimeSeries}</td><td>f0 tracks, mir_eval melody</td><td>time Hz</td></tr>
 *   <tr><td>{@link #readNotesCsv}</td><td>{@code .notes.csv}</td><td>onset,offset,midi[,...]</td></tr>
 *   <tr><td>{@link #readValuedIntervals}</td><td>mir_eval transcription</td><td>onset offset Hz</td></tr>
 * </table>
 * Each {@code read} method has a {@code parse} twin that takes the text and a source name.
 *
 * <p>Stateless and thread-safe.
 */
public final class Annotations {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** A decimal number with optional sign, fraction and exponent, or an infinity. */
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|Infinity)");

    private Annotations() {
    }

    /**
     * Reads beats: a time (s) and optionally the position in the bar (1 = downbeat) per line.
     *
     * @param file the file
     * @return the beats in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed
     */
    public static List<BeatEvent> readBeats(Path file) throws IOException {
        return parseBeats(read(file), name(file));
    }

    /**
     * Parses beats; see {@link #readBeats}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the beats in file order
     * @throws IllegalArgumentException if a line is malformed
     */
    public static List<BeatEvent> parseBeats(String text, String source) {
        List<BeatEvent> beats = new ArrayList<>();
        for (Line line : lines(text, source)) {
            String[] columns = line.split(1, 2);
            double time = line.number(columns[0], "beat time");
            int beatInBar = 0;
            if (columns.length > 1) {
                beatInBar = line.integer(columns[1], "beat in bar");
                if (beatInBar < 1) {
                    throw line.error("beat in bar must be at least 1, got " + beatInBar);
                }
            }
            beats.add(new BeatEvent(time, beatInBar));
        }
        return beats;
    }

    /**
     * Reads event times (s), the first column of each line; extra columns are not allowed.
     *
     * @param file the file, e.g. {@code .onsets} or a mir_eval beat or onset fixture
     * @return the times in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed
     */
    public static double[] readEvents(Path file) throws IOException {
        return parseEvents(read(file), name(file));
    }

    /**
     * Parses event times; see {@link #readEvents}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the times in file order
     * @throws IllegalArgumentException if a line is malformed
     */
    public static double[] parseEvents(String text, String source) {
        List<Line> lines = lines(text, source);
        double[] times = new double[lines.size()];
        for (int i = 0; i < times.length; i++) {
            Line line = lines.get(i);
            times[i] = line.number(line.split(1, 1)[0], "time");
        }
        return times;
    }

    /**
     * Reads the beat times of a {@code .beats} file, dropping the beat-in-bar column.
     *
     * @param file the file
     * @return the times in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed
     */
    public static double[] readBeatTimes(Path file) throws IOException {
        return readBeats(file).stream().mapToDouble(BeatEvent::time).toArray();
    }

    /**
     * Reads a single tempo (BPM) from the one non-comment line.
     *
     * @param file the file
     * @return the tempo, positive
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if there is not exactly one value line or the value is not positive
     */
    public static double readTempo(Path file) throws IOException {
        return parseTempo(read(file), name(file));
    }

    /**
     * Parses a single tempo; see {@link #readTempo}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the tempo, positive
     * @throws IllegalArgumentException if there is not exactly one value line or the value is not positive
     */
    public static double parseTempo(String text, String source) {
        Line line = single(lines(text, source), source, "a tempo");
        double bpm = line.number(line.split(1, 1)[0], "tempo");
        if (!(bpm > 0) || Double.isInfinite(bpm)) {
            throw line.error("tempo must be a positive number of BPM, got " + bpm);
        }
        return bpm;
    }

    /**
     * Reads a MIREX tempo annotation: two tempi and the weight of the first, on one line.
     *
     * @param file the file
     * @return the annotation
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if there is not exactly one value line, a tempo is negative or not
     *     finite, both are 0, or the weight is outside [0, 1]
     */
    public static TempoAnnotation readMirexTempo(Path file) throws IOException {
        return parseMirexTempo(read(file), name(file));
    }

    /**
     * Parses a MIREX tempo annotation; see {@link #readMirexTempo}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the annotation
     * @throws IllegalArgumentException as {@link #readMirexTempo}
     */
    public static TempoAnnotation parseMirexTempo(String text, String source) {
        Line line = single(lines(text, source), source, "a tempo line");
        String[] columns = line.split(3, 3);
        double first = line.number(columns[0], "first tempo");
        double second = line.number(columns[1], "second tempo");
        double weight = line.number(columns[2], "weight");
        if (!Double.isFinite(first) || !Double.isFinite(second) || first < 0 || second < 0) {
            throw line.error("tempi must be non-negative numbers, got " + first + " and " + second);
        }
        if (first == 0 && second == 0) {
            throw line.error("at least one tempo must be greater than 0");
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw line.error("weight must be in [0, 1], got " + weight);
        }
        return new TempoAnnotation(first, second, weight);
    }

    /**
     * Reads chord segments: start (s), end (s) and a label, which is the rest of the line.
     *
     * @param file the file
     * @return the segments in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed (labels are not checked here)
     */
    public static List<ChordSegment> readChords(Path file) throws IOException {
        return parseChords(read(file), name(file));
    }

    /**
     * Parses chord segments; see {@link #readChords}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the segments in file order
     * @throws IllegalArgumentException if a line is malformed
     */
    public static List<ChordSegment> parseChords(String text, String source) {
        List<ChordSegment> segments = new ArrayList<>();
        for (Line line : lines(text, source)) {
            String[] columns = line.splitRest(3);
            double start = line.number(columns[0], "start time");
            double end = line.number(columns[1], "end time");
            segments.add(new ChordSegment(start, end, columns[2]));
        }
        return segments;
    }

    /**
     * Reads a key label from the one non-comment line, tonic and mode separated by whitespace, e.g.
     * {@code "C major"}; returned with a single space. A lone {@code X} (no key) is accepted.
     *
     * @param file the file
     * @return the label, e.g. {@code "F# minor"}
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if there is not exactly one value line or it is not a key label
     */
    public static String readKey(Path file) throws IOException {
        return parseKey(read(file), name(file));
    }

    /**
     * Parses a key label; see {@link #readKey}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the label
     * @throws IllegalArgumentException if there is not exactly one value line or it is not a key label
     */
    public static String parseKey(String text, String source) {
        Line line = single(lines(text, source), source, "a key");
        String[] columns = WHITESPACE.split(line.text);
        String label = String.join(" ", columns);
        try {
            KeyMetrics.validate(label);
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
        return label;
    }

    /**
     * Reads a time series such as an f0 track: a time (s) and a value (e.g. Hz) per line. The time may end in a
     * colon and the columns may also be separated by a comma, so Vamp-style lines ({@code " 0.0174: 66.3"}) and
     * CSV lines are accepted too.
     *
     * @param file the file
     * @return the series
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed
     */
    public static TimeSeries readTimeSeries(Path file) throws IOException {
        return parseTimeSeries(read(file), name(file));
    }

    /**
     * Parses a time series; see {@link #readTimeSeries}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the series
     * @throws IllegalArgumentException if a line is malformed
     */
    public static TimeSeries parseTimeSeries(String text, String source) {
        List<Line> lines = lines(text, source);
        double[] times = new double[lines.size()];
        double[] values = new double[lines.size()];
        for (int i = 0; i < times.length; i++) {
            Line line = lines.get(i);
            String[] columns = line.splitLoose(2);
            times[i] = line.number(stripColon(columns[0]), "time");
            values[i] = line.number(columns[1], "value");
        }
        return new TimeSeries(times, values);
    }

    /**
     * Reads notes from the project's CSV: onset (s), offset (s), MIDI pitch, then any further columns (velocity,
     * track, channel, ...), comma separated. Pitches are converted to Hz.
     *
     * @param file the file
     * @return the notes in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed
     */
    public static List<NoteEvent> readNotesCsv(Path file) throws IOException {
        return parseNotesCsv(read(file), name(file));
    }

    /**
     * Parses notes from CSV; see {@link #readNotesCsv}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the notes in file order
     * @throws IllegalArgumentException if a line is malformed
     */
    public static List<NoteEvent> parseNotesCsv(String text, String source) {
        List<NoteEvent> notes = new ArrayList<>();
        for (Line line : lines(text, source)) {
            String[] columns = line.text.split(",", -1);
            if (columns.length < 3) {
                throw line.error("expected at least 3 comma-separated columns (onset,offset,midi), got "
                        + columns.length);
            }
            double onset = line.number(columns[0].strip(), "onset");
            double offset = line.number(columns[1].strip(), "offset");
            double midi = line.number(columns[2].strip(), "MIDI pitch");
            notes.add(NoteEvent.ofMidi(onset, offset, midi));
        }
        return notes;
    }

    /**
     * Reads notes in the mir_eval transcription format: onset (s), offset (s) and pitch (Hz) per line.
     *
     * @param file the file
     * @return the notes in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a line is malformed
     */
    public static List<NoteEvent> readValuedIntervals(Path file) throws IOException {
        return parseValuedIntervals(read(file), name(file));
    }

    /**
     * Parses notes in the mir_eval transcription format; see {@link #readValuedIntervals}.
     *
     * @param text the file content
     * @param source the name used in error messages
     * @return the notes in file order
     * @throws IllegalArgumentException if a line is malformed
     */
    public static List<NoteEvent> parseValuedIntervals(String text, String source) {
        List<NoteEvent> notes = new ArrayList<>();
        for (Line line : lines(text, source)) {
            String[] columns = line.split(3, 3);
            notes.add(new NoteEvent(line.number(columns[0], "onset"), line.number(columns[1], "offset"),
                    line.number(columns[2], "pitch")));
        }
        return notes;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String name(Path file) {
        return file.toString();
    }

    private static String stripColon(String text) {
        return text.endsWith(":") ? text.substring(0, text.length() - 1) : text;
    }

    private static List<Line> lines(String text, String source) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String stripped = raw[i].strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            lines.add(new Line(source, i + 1, stripped));
        }
        return lines;
    }

    private static Line single(List<Line> lines, String source, String what) {
        if (lines.size() != 1) {
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(source + ": expected one line with " + what + ", found none");
            }
            throw lines.get(1).error("expected one line with " + what + ", found " + lines.size() + " lines");
        }
        return lines.get(0);
    }

    /** One non-comment line, stripped, with its 1-based number. */
    private static final class Line {
        private final String source;
        private final int number;
        private final String text;

        Line(String source, int number, String text) {
            this.source = source;
            this.number = number;
            this.text = text;
        }

        /** Splits on whitespace into {@code min} to {@code max} columns. */
        String[] split(int min, int max) {
            String[] columns = WHITESPACE.split(text);
            if (columns.length < min || columns.length > max) {
                throw error("expected " + (min == max ? Integer.toString(min) : min + " to " + max)
                        + " columns, got " + columns.length);
            }
            return columns;
        }

        /** Splits on whitespace into {@code count} columns, the last one keeping the rest of the line. */
        String[] splitRest(int count) {
            String[] columns = WHITESPACE.split(text, count);
            if (columns.length != count) {
                throw error("expected " + count + " columns, got " + columns.length);
            }
            return columns;
        }

        /** Splits on whitespace or commas into exactly {@code count} columns. */
        String[] splitLoose(int count) {
            String[] columns = text.split("\\s*,\\s*|\\s+");
            if (columns.length != count) {
                throw error("expected " + count + " columns, got " + columns.length);
            }
            return columns;
        }

        double number(String column, String what) {
            if (!NUMBER.matcher(column).matches()) {
                throw error("bad " + what + " \"" + column + "\" (not a number)");
            }
            return Double.parseDouble(column);
        }

        int integer(String column, String what) {
            try {
                return Integer.parseInt(column);
            } catch (NumberFormatException e) {
                throw error("bad " + what + " \"" + column + "\" (not an integer)");
            }
        }

        IllegalArgumentException error(String reason) {
            return new IllegalArgumentException(source + ":" + number + ": " + reason + ": \"" + text + "\"");
        }
    }
}
