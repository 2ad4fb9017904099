// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.perfsuite.evaluation.Annotations;
import io.perfsuite.evaluation.ChordSegment;
import io.perfsuite.evaluation.NoteEvent;
import io.perfsuite.evaluation.TimeSeries;

/**
 * The annotations of one recording, found next to it by its base name (the file name without the audio
 * extension): {@code <base>.beats}, {@code .onsets}, {@code .tempo}, {@code .chords.lab}, {@code .key},
 * {@code .f0.csv} (or {@code .f0.txt}, {@code .f0}: time and Hz per line) and {@code .notes.csv}, read with the
 * evaluation library's readers; and the pitch of a single-note recording from a metadata table in its folder:
 * {@code pitch_groundtruth.csv} (EGFxSet: columns {@code file}, {@code midi_pitch}, and {@code f0_hz...}) or
 * {@code TinySOL_metadata.csv} (columns {@code Path}, whose file name is the recording's, and {@code Pitch ID},
 * the MIDI number). Nothing is invented: what has no file is absent (null, or NaN for the tempo).
 *
 * @param beats    annotated beat times (s)
 * @param onsets   annotated onset times (s)
 * @param tempo    annotated tempo (BPM), NaN when none
 * @param chords   annotated chord segments
 * @param key      annotated key label, e.g. {@code "C major"}
 * @param f0       annotated f0 track
 * @param notes    annotated notes
 * @param note     the pitch of a single-note recording
 * @param files    the annotation files read
 * @param problems one line per annotation file that could not be read
 */
record GroundTruth(double[] beats, double[] onsets, double tempo, List<ChordSegment> chords, String key,
        TimeSeries f0, List<NoteEvent> notes, SingleNote note, List<Path> files, List<String> problems) {

    /**
     * The pitch of a single-note recording.
     *
     * @param midi   its MIDI number
     * @param hz     its frequency: the table's f0 when it gives one, else the equal-tempered pitch of the MIDI number
     * @param source the table it comes from
     */
    record SingleNote(int midi, double hz, Path source) {
    }

    /** The single-note tables: file name, the column naming the recording, the MIDI column. */
    private static final String[][] NOTE_TABLES = {
        {"pitch_groundtruth.csv", "file", "midi_pitch"},
        {"TinySOL_metadata.csv", "Path", "Pitch ID"},
    };

    /** @return whether there is no annotation at all */
    boolean isEmpty() {
        return beats == null && onsets == null && Double.isNaN(tempo) && chords == null && key == null
                && f0 == null && notes == null && note == null;
    }

    /**
     * @param recording a recording
     * @return its base name: the file name without the audio extension
     */
    static String baseName(Path recording) {
        String name = recording.getFileName().toString();
        String extension = FileRun.extension(recording);
        return extension == null ? name : name.substring(0, name.length() - extension.length());
    }

    /**
     * Finds and reads the annotations of a recording.
     *
     * @param recording the recording
     * @return what is annotated (possibly nothing)
     */
    static GroundTruth find(Path recording) {
        Path folder = recording.toAbsolutePath().getParent();
        String base = baseName(recording);
        List<Path> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(folder, base, files, problems);
        double[] beats = r.read(".beats", Annotations::readBeatTimes);
        double[] onsets = r.read(".onsets", Annotations::readEvents);
        Double tempo = r.read(".tempo", Annotations::readTempo);
        List<ChordSegment> chords = r.read(".chords.lab", Annotations::readChords);
        String key = r.read(".key", Annotations::readKey);
        TimeSeries f0 = null;
        for (String suffix : new String[] {".f0.csv", ".f0.txt", ".f0"}) {
            if (f0 == null) {
                f0 = r.read(suffix, Annotations::readTimeSeries);
            }
        }
        List<NoteEvent> notes = r.read(".notes.csv", Annotations::readNotesCsv);
        SingleNote note = null;
        for (String[] table : NOTE_TABLES) {
            Path file = folder.resolve(table[0]);
            if (note == null && Files.isRegularFile(file)) {
                try {
                    note = singleNote(file, table[1], table[2], recording.getFileName().toString());
                    if (note != null) {
                        files.add(file);
                    }
                } catch (IOException | RuntimeException e) {
                    problems.add(file + ": " + FileRun.oneLine(e.getMessage(), e.getClass().getSimpleName()));
                }
            }
        }
        return new GroundTruth(beats, onsets, tempo == null ? Double.NaN : tempo, chords, key, f0, notes, note,
                List.copyOf(files), List.copyOf(problems));
    }

    /** The row of a metadata table whose key column names the recording, or null when none does. */
    private static SingleNote singleNote(Path table, String keyColumn, String midiColumn, String fileName)
            throws IOException {
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return null;
        }
        List<String> header = csv(lines.get(0));
        int key = header.indexOf(keyColumn);
        int midi = header.indexOf(midiColumn);
        int f0 = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).startsWith("f0_hz")) {
                f0 = i;
            }
        }
        if (key < 0 || midi < 0) {
            throw new IllegalArgumentException("no \"" + keyColumn + "\" or \"" + midiColumn + "\" column");
        }
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = csv(line);
            if (row.size() <= Math.max(key, midi) || row.get(key).isEmpty()) {
                continue;
            }
            // TinySOL's Path is relative (Strings/Contrabass/.../file.wav): compare the file names
            String named = row.get(key).replace('\\', '/');
            named = named.substring(named.lastIndexOf('/') + 1);
            if (named.equals(fileName)) {
                int number = (int) Math.round(Double.parseDouble(row.get(midi)));
                double hz = f0 >= 0 && f0 < row.size() && !row.get(f0).isEmpty() ? Double.parseDouble(row.get(f0))
                        : Stats.midiToHz(number);
                return new SingleNote(number, hz, table);
            }
        }
        return null;
    }

    /** Splits a CSV line; fields may be quoted, with {@code ""} for a quote inside. */
    static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }

    /** Reads one kind of annotation file when it exists. */
    private record Reader(Path folder, String base, List<Path> files, List<String> problems) {

        /** A reader of one file format. */
        interface Format<T> {
            T read(Path file) throws IOException;
        }

        <T> T read(String suffix, Format<T> format) {
            Path file = folder.resolve(base + suffix);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try {
                T value = format.read(file);
                files.add(file);
                return value;
            } catch (IOException | RuntimeException e) {
                String why = FileRun.oneLine(e.getMessage(), e.getClass().getSimpleName());
                // the library's messages already start with the file; do not name it twice
                problems.add(why.startsWith(file.toString()) ? why : file + ": " + why);
                return null;
            }
        }
    }
}
