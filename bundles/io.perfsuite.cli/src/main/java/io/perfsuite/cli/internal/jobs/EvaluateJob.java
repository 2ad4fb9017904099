// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.perfsuite.api.music.Note;
import io.perfsuite.audio.FileAnalysis;

/**
 * {@code perfsuite evaluate PATH [--json]}: scores the analysis chain against annotated recordings, with the
 * outputs of peer analysers stored next to them scored by the same metrics, side by side.
 *
 * <p>PATH is a recording or a folder searched recursively for {@code .wav}, {@code .aif}, {@code .aiff} and
 * {@code .au} files. Each recording with at least one annotation ({@link GroundTruth}) is analysed causally and
 * scored ({@link Scoring}); recordings without any are listed as not scored and not analysed. Peer outputs
 * ({@link PeerOutputs}) are scored where present; a column is empty where a peer has no output of that kind.
 *
 * <p>Text: per recording, a table of one row per metric with the columns truth (the annotated value where it is
 * one value), ours, and the peers aubio, qm, chordino, pyin, example; then a summary: the means of each metric
 * over the recordings scored. JSON: one object per recording per line (JSON Lines), with every figure of ours and
 * of each peer, the annotated values and the run's figures.
 *
 * <p>Exit codes: {@value #OK} the evaluation ran (whatever the scores), {@value #FAILED} a recording could not be
 * analysed or an annotation file could not be read (the others are still evaluated), {@value #USAGE} usage error
 * (no such path, no recording under it, or none annotated). Problems are one line each on the error stream.
 *
 * <p>Stateless and thread-safe: each {@link #run} is independent.
 */
public final class EvaluateJob {

    /** Exit code: evaluated. */
    public static final int OK = 0;
    /** Exit code: a recording failed to analyse or an annotation was unreadable. */
    public static final int FAILED = 1;
    /** Exit code: usage error. */
    public static final int USAGE = 2;

    /** The column of our own figures. */
    static final String OURS = "ours";

    /** Width of the metric column of the tables. */
    private static final int LABEL_WIDTH = 20;
    /** Width of each value column. */
    private static final int CELL_WIDTH = 9;

    /**
     * One recording's evaluation.
     *
     * @param name     its name relative to the path given
     * @param findings what our run heard
     * @param truth    its annotations
     * @param columns  the figures per column (ours first, then the peers present), in {@link Metric} order
     * @param notes    lines saying what was not scored and why
     */
    record Scored(String name, Findings findings, GroundTruth truth, Map<String, Map<Metric, Object>> columns,
            List<String> notes) {
    }

    /**
     * Evaluates a recording or a folder of recordings.
     *
     * @param analysis the file analysis service
     * @param path     a recording or a folder
     * @param json     JSON Lines instead of text
     * @param out      where the results go
     * @param err      where problems go, one line each
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public int run(FileAnalysis analysis, Path path, boolean json, PrintStream out, PrintStream err) {
        if (!Files.exists(path)) {
            err.println("evaluate: " + path + ": no such file or folder");
            return USAGE;
        }
        List<Path> recordings;
        try {
            recordings = recordings(path);
        } catch (IOException | UncheckedIOException e) {
            err.println("evaluate: " + path + ": cannot be searched: " + FileRun.oneLine(e.getMessage(), "I/O error"));
            return USAGE;
        }
        if (recordings.isEmpty()) {
            err.println("evaluate: " + path + ": no recording (.wav, .aif, .aiff, .au) "
                    + (Files.isDirectory(path) ? "under it" : "there"));
            return USAGE;
        }
        List<Path> annotated = new ArrayList<>();
        List<String> unannotated = new ArrayList<>();
        Map<Path, GroundTruth> truths = new LinkedHashMap<>();
        for (Path r : recordings) {
            GroundTruth truth = GroundTruth.find(r);
            if (truth.isEmpty() && truth.problems().isEmpty()) {
                unannotated.add(name(path, r));
            } else {
                annotated.add(r);
                truths.put(r, truth);
            }
        }
        if (annotated.isEmpty()) {
            err.println("evaluate: " + path + ": none of the " + recordings.size() + " recordings has annotations "
                    + "next to it (<name>.beats, .onsets, .tempo, .chords.lab, .key, .f0.csv, .notes.csv, or a "
                    + "single-note table)");
            return USAGE;
        }
        if (!json) {
            out.println(f("evaluate %s: %d annotated recordings; %d without annotations, not scored%s", path,
                    annotated.size(), unannotated.size(), unannotated.isEmpty() ? "" : ": "
                            + String.join(", ", unannotated)));
        } else {
            for (String name : unannotated) {
                out.println(new Json().beginObject().name("file").value(name).name("skipped")
                        .value("no annotations").endObject());
            }
        }
        int exit = OK;
        List<Scored> scored = new ArrayList<>();
        for (Path recording : annotated) {
            String name = name(path, recording);
            GroundTruth truth = truths.get(recording);
            for (String problem : truth.problems()) {
                err.println("evaluate: annotation not read: " + problem);
                exit = FAILED;
            }
            Findings findings;
            try {
                findings = FileRun.analyse(analysis, recording);
            } catch (FileRun.Failure e) {
                err.println("evaluate: " + e.getMessage());
                if (json) {
                    out.println(new Json().beginObject().name("file").value(name).name("error").value(e.getMessage())
                            .endObject());
                } else {
                    out.println();
                    out.println(name + ": FAILED: " + e.getMessage());
                }
                out.flush();
                exit = FAILED;
                continue;
            }
            String warning = FileRun.truncationWarning(recording, findings.result());
            if (warning != null) {
                err.println("evaluate: warning: " + warning);
            }
            Scored s = score(name, recording, findings, truth, err);
            scored.add(s);
            if (json) {
                out.println(json(s));
            } else {
                out.println();
                table(s, out);
            }
            out.flush();
        }
        if (!json) {
            out.println();
            summary(scored, annotated.size() - scored.size(), unannotated, out);
        }
        out.flush();
        return exit;
    }

    /** The recordings at a path: itself if it is one, else those under it, sorted by path. */
    static List<Path> recordings(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return FileRun.isRecording(path) ? List.of(path) : List.of();
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).filter(FileRun::isRecording).sorted().toList();
        }
    }

    /** A recording's name in the output: relative to the folder given, or as given. */
    private static String name(Path root, Path recording) {
        if (Files.isDirectory(root)) {
            return root.relativize(recording).toString().replace('\\', '/');
        }
        return recording.toString();
    }

    /** Scores our run and the peers' outputs on one recording. */
    static Scored score(String name, Path recording, Findings findings, GroundTruth truth, PrintStream err) {
        FileAnalysis.Result r = findings.result();
        double duration = r.seconds();
        double[] steady = truth.note() == null ? null
                : Scoring.steadyPart(findings.levels(), r.sampleRate(), r.blockSize() / (double) r.sampleRate());
        Map<String, Map<Metric, Object>> columns = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        columns.put(OURS, Scoring.score(truth, Estimate.ours(findings), steady, duration, problems));
        for (String p : problems) {
            err.println("evaluate: " + name + ": ours not scored on " + p);
        }
        PeerOutputs.Read peers = PeerOutputs.read(recording, duration);
        for (String p : peers.problems()) {
            err.println("evaluate: peer output not read: " + p);
        }
        for (Map.Entry<PeerOutputs.Peer, Estimate> e : peers.estimates().entrySet()) {
            List<String> peerProblems = new ArrayList<>();
            Map<Metric, Object> s = Scoring.score(truth, e.getValue(), steady, duration, peerProblems);
            for (String p : peerProblems) {
                err.println("evaluate: " + name + ": " + e.getKey().column() + " not scored on " + p);
            }
            if (!s.isEmpty()) {
                columns.put(e.getKey().column(), s);
            }
        }
        List<String> notes = new ArrayList<>();
        if (truth.notes() != null && !Scoring.monophonic(truth.notes())) {
            notes.add(f("%s.notes.csv: %d notes sounding together (polyphonic or drums); the pitch analyser is "
                    + "monophonic, notes not scored", GroundTruth.baseName(recording), truth.notes().size()));
        }
        if (!Double.isNaN(truth.tempo()) && !columns.get(OURS).containsKey(Metric.TEMPO_BPM)) {
            notes.add("tempo: ours has no tempo (no beat heard)");
        }
        return new Scored(name, findings, truth, columns, notes);
    }

    /** The annotated value of a metric's row, where the annotation is one value. */
    private static String truthCell(Metric metric, GroundTruth truth) {
        return switch (metric) {
            case TEMPO_BPM -> Double.isNaN(truth.tempo()) ? "" : f("%.1f", truth.tempo());
            case KEY -> truth.key() == null ? "" : truth.key();
            case NOTE_ERROR, NOTE_RPA -> truth.note() == null ? ""
                    : f("%s %.1f", Note.of(truth.note().midi()).name(), truth.note().hz());
            default -> "";
        };
    }

    /** The column names in table order: ours, then every peer. */
    private static List<String> columnOrder() {
        List<String> order = new ArrayList<>();
        order.add(OURS);
        for (PeerOutputs.Peer p : PeerOutputs.Peer.values()) {
            order.add(p.column());
        }
        return order;
    }

    /** Prints one recording's table. */
    static void table(Scored s, PrintStream out) {
        FileAnalysis.Result r = s.findings().result();
        List<String> kinds = new ArrayList<>();
        for (Path file : s.truth().files()) {
            String fileName = file.getFileName().toString();
            String base = GroundTruth.baseName(Path.of(s.name()));
            kinds.add(fileName.startsWith(base + ".") ? fileName.substring(base.length() + 1) : fileName);
        }
        out.println(f("%s: %.2f s, analysed at %.0fx real time; annotations: %s", s.name(), r.seconds(),
                r.realTimeFactor(), String.join(", ", kinds)));
        List<String> order = columnOrder();
        StringBuilder header = new StringBuilder(f("  %-" + LABEL_WIDTH + "s  %-10s", "metric", "truth"));
        for (String c : order) {
            header.append(pad(c));
        }
        out.println(header.toString().stripTrailing());
        for (Metric m : Metric.values()) {
            boolean any = s.columns().values().stream().anyMatch(c -> c.containsKey(m));
            if (!any) {
                continue;
            }
            StringBuilder row = new StringBuilder(f("  %-" + LABEL_WIDTH + "s  %-10s", m.label(),
                    truthCell(m, s.truth())));
            for (String c : order) {
                Map<Metric, Object> column = s.columns().get(c);
                row.append(pad(column == null ? "" : m.cell(column.get(m))));
            }
            out.println(row.toString().stripTrailing());
        }
        for (String note : s.notes()) {
            out.println("  not scored: " + note);
        }
    }

    private static String pad(String cell) {
        String text = cell.length() > CELL_WIDTH ? cell.substring(0, CELL_WIDTH) : cell;
        return " ".repeat(CELL_WIDTH + 1 - text.length()) + text;
    }

    /** Prints the means of each metric over the recordings scored, per column. */
    static void summary(List<Scored> scored, int failed, List<String> unannotated, PrintStream out) {
        out.println(f("SUMMARY  %d recordings scored, %d failed, %d without annotations", scored.size(), failed,
                unannotated.size()));
        if (scored.isEmpty()) {
            return;
        }
        List<String> order = columnOrder();
        StringBuilder header = new StringBuilder(f("  %-" + LABEL_WIDTH + "s  %-10s", "mean of", "n (ours)"));
        for (String c : order) {
            header.append(pad(c));
        }
        out.println(header.toString().stripTrailing());
        for (Metric m : Metric.values()) {
            if (!m.averaged()) {
                continue;
            }
            Map<String, double[]> sums = new LinkedHashMap<>();
            for (Scored s : scored) {
                for (Map.Entry<String, Map<Metric, Object>> c : s.columns().entrySet()) {
                    Object v = c.getValue().get(m);
                    double x = v instanceof Boolean b ? (b ? 1 : 0) : v instanceof Double d ? d : Double.NaN;
                    if (!Double.isNaN(x)) {
                        double[] sum = sums.computeIfAbsent(c.getKey(), k -> new double[2]);
                        sum[0] += x;
                        sum[1]++;
                    }
                }
            }
            if (sums.isEmpty()) {
                continue;
            }
            double[] ours = sums.get(OURS);
            StringBuilder row = new StringBuilder(f("  %-" + LABEL_WIDTH + "s  %-10s", m.label(),
                    ours == null ? "0" : Integer.toString((int) ours[1])));
            for (String c : order) {
                double[] sum = sums.get(c);
                row.append(pad(sum == null ? "" : m.cell(sum[0] / sum[1])));
            }
            out.println(row.toString().stripTrailing());
        }
        out.println("  (each mean is over the recordings where that column has the figure; yes/no as the fraction "
                + "of yes)");
    }

    /** One recording's evaluation as one JSON object. */
    static String json(Scored s) {
        FileAnalysis.Result r = s.findings().result();
        GroundTruth t = s.truth();
        Json j = new Json().beginObject();
        j.name("file").value(s.name());
        j.name("sampleRate").value(r.sampleRate(), 1);
        j.name("duration").value(r.seconds(), 4);
        j.name("annotations").beginArray();
        t.files().forEach(file -> j.value(file.getFileName().toString()));
        j.endArray();
        j.name("truth").beginObject();
        if (!Double.isNaN(t.tempo())) {
            j.name("tempo").value(t.tempo(), 4);
        }
        if (t.key() != null) {
            j.name("key").value(t.key());
        }
        if (t.note() != null) {
            j.name("midi").value(t.note().midi()).name("hz").value(t.note().hz(), 3);
        }
        j.endObject();
        j.name("scores").beginObject();
        for (Map.Entry<String, Map<Metric, Object>> c : s.columns().entrySet()) {
            j.name(c.getKey()).beginObject();
            for (Map.Entry<Metric, Object> m : c.getValue().entrySet()) {
                j.name(m.getKey().json());
                Object v = m.getValue();
                if (v instanceof Boolean b) {
                    j.value(b);
                } else if (v instanceof Double d) {
                    j.value(d, 6);
                } else {
                    j.value(String.valueOf(v));
                }
            }
            j.endObject();
        }
        j.endObject();
        j.name("notScored").beginArray();
        s.notes().forEach(j::value);
        j.endArray();
        j.name("run").beginObject().name("audioSeconds").value(r.seconds(), 3)
                .name("wallSeconds").value(r.wallNanos() / 1e9, 3).name("realTime").value(r.realTimeFactor(), 1)
                .name("analysers").beginArray();
        r.analysers().forEach(j::value);
        j.endArray().endObject();
        AnalyseJob.timings(j.name("timings"), r.timings());
        return j.endObject().toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
