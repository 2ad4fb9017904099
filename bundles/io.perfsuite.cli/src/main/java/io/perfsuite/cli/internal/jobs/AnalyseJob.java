// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.perfsuite.audio.FileAnalysis;

/**
 * {@code perfsuite analyse FILE [--json]}: runs one recording through the analysis chain causally, as the live
 * engine would hear it, and prints what was heard: beats, tempo, onsets, chord segments, key, the pitch track
 * (as notes in text, every frame in JSON), a loudness summary and the run's compute figures.
 *
 * <p>How the figures are derived from the events is stated in the output itself and in {@link Findings}: the
 * tempo is 60 over the median beat period of the last {@value Findings#TEMPO_BEATS} beats; a chord segment starts
 * where the tracker placed the change and ends where the next one starts; the key is the last one decided (the
 * one held longest is given too); loudness figures are gated means of the dynamics analyser's values.
 *
 * <p>Exit codes: {@value #OK} done, {@value #FAILED} the file could not be analysed (unreadable, not audio,
 * truncated to nothing, or an analysis error), {@value #USAGE} the path is not a readable file. Errors are one line
 * on the error stream, never a stack trace.
 *
 * <p>Stateless and thread-safe: each {@link #run} is independent.
 */
public final class AnalyseJob {

    /** Exit code: analysed and printed. */
    public static final int OK = 0;
    /** Exit code: the file could not be analysed. */
    public static final int FAILED = 1;
    /** Exit code: usage error (no such file, a folder, not readable). */
    public static final int USAGE = 2;

    /**
     * Analyses one file and prints the result.
     *
     * @param analysis the file analysis service
     * @param file     the recording
     * @param json     one JSON object instead of text
     * @param out      where the result goes
     * @param err      where problems go, one line each
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    public int run(FileAnalysis analysis, Path file, boolean json, PrintStream out, PrintStream err) {
        String problem = FileRun.usageProblem(file);
        if (problem != null) {
            err.println("analyse: " + problem);
            return USAGE;
        }
        Findings findings;
        try {
            findings = FileRun.analyse(analysis, file);
        } catch (FileRun.Failure e) {
            err.println("analyse: " + e.getMessage());
            return FAILED;
        }
        String warning = FileRun.truncationWarning(file, findings.result());
        if (warning != null) {
            err.println("analyse: warning: " + warning);
        }
        if (json) {
            out.println(json(file, findings));
        } else {
            text(file, findings, out);
        }
        out.flush();
        return OK;
    }

    /**
     * The result as one JSON object on one line.
     *
     * @param file     the recording as given
     * @param findings what was heard
     * @return the JSON text
     */
    static String json(Path file, Findings findings) {
        FileAnalysis.Result r = findings.result();
        Json j = new Json().beginObject();
        j.name("file").value(file.toString());
        j.name("sampleRate").value(r.sampleRate(), 1);
        j.name("duration").value(r.seconds(), 4);
        j.name("blockSize").value(r.blockSize());
        j.name("analysers").beginArray();
        r.analysers().forEach(j::value);
        j.endArray();

        j.name("beats").beginArray();
        for (Findings.BeatRow b : findings.beats()) {
            j.beginObject().name("t").value(b.time(), 4).name("inBar").value(b.beatInBar())
                    .name("period").value(b.period(), 4).name("confidence").value(b.confidence(), 3).endObject();
        }
        j.endArray();

        Findings.Tempo tempo = findings.tempo();
        j.name("tempo").beginObject().name("bpm").value(tempo.bpm(), 2)
                .name("method").value("60 / median beat period of the last " + Findings.TEMPO_BEATS + " beats")
                .name("beatsUsed").value(tempo.beats())
                .name("changes").beginArray();
        for (Findings.TempoPoint p : tempo.changes()) {
            j.beginObject().name("t").value(p.time(), 4).name("bpm").value(p.bpm(), 2).endObject();
        }
        j.endArray().endObject();

        j.name("onsets").beginArray();
        for (Findings.OnsetRow o : findings.onsets()) {
            j.beginObject().name("t").value(o.time(), 4).name("strength").value(o.strength(), 3).endObject();
        }
        j.endArray();

        j.name("chords").beginArray();
        for (Findings.ChordRow c : findings.chords()) {
            j.beginObject().name("start").value(c.start(), 4).name("end").value(c.end(), 4)
                    .name("label").value(c.label()).name("confidence").value(c.confidence(), 3).endObject();
        }
        j.endArray();

        Findings.KeySummary key = findings.key();
        j.name("key");
        if (key == null) {
            j.nullValue();
        } else {
            j.beginObject().name("label").value(key.last().toString()).name("confidence").value(key.confidence(), 3)
                    .name("decidedAt").value(key.decidedAt(), 4)
                    .name("firstDecidedAt").value(key.firstDecidedAt(), 4)
                    .name("longest").value(key.longest().toString())
                    .name("longestSeconds").value(key.longestSeconds(), 3)
                    .name("changes").beginArray();
            for (Findings.KeyChange c : key.changes()) {
                j.beginObject().name("t").value(c.time(), 4).name("label").value(c.key().toString())
                        .name("confidence").value(c.confidence(), 3).endObject();
            }
            j.endArray().endObject();
        }

        j.name("pitch").beginObject().name("minConfidence").value(Findings.PITCH_CONFIDENCE, 3)
                .name("frames").beginArray();
        for (Findings.PitchFrame p : findings.pitch()) {
            j.beginArray().value(p.time(), 4).value(p.hz(), 2).value(p.confidence(), 3).endArray();
        }
        j.endArray().name("notes").beginArray();
        for (Findings.NoteRow n : findings.notes()) {
            j.beginObject().name("start").value(n.start(), 4).name("end").value(n.end(), 4)
                    .name("note").value(n.name()).name("midi").value(n.midi())
                    .name("hz").value(n.medianHz(), 2).name("cents").value(n.medianCents(), 1)
                    .name("frames").value(n.frames()).endObject();
        }
        j.endArray().endObject();

        Findings.Loudness l = findings.loudness();
        j.name("loudness").beginObject().name("integratedLufs").value(l.integratedLufs(), 2)
                .name("shortTermMaxLufs").value(l.shortTermMaxLufs(), 2).name("peakDbfs").value(l.peakDbfs(), 2)
                .name("rmsDbfs").value(l.rmsDbfs(), 2).name("accents").value(l.accents()).endObject();

        j.name("run").beginObject().name("audioSeconds").value(r.seconds(), 3)
                .name("wallSeconds").value(r.wallNanos() / 1e9, 3).name("realTime").value(r.realTimeFactor(), 1)
                .endObject();
        timings(j.name("timings"), r.timings());
        return j.endObject().toString();
    }

    /** Writes the per-analyser compute times as a JSON array. */
    static void timings(Json j, List<FileAnalysis.Timing> timings) {
        j.beginArray();
        for (FileAnalysis.Timing t : timings) {
            j.beginObject().name("id").value(t.id()).name("blocks").value(t.blocks())
                    .name("p50Micros").value(t.p50Micros(), 1).name("p99Micros").value(t.p99Micros(), 1)
                    .name("maxMicros").value(t.maxMicros(), 1).name("failure").value(t.failure()).endObject();
        }
        j.endArray();
    }

    /**
     * The result as readable sections.
     *
     * @param file     the recording as given
     * @param findings what was heard
     * @param out      where it goes
     */
    static void text(Path file, Findings findings, PrintStream out) {
        FileAnalysis.Result r = findings.result();
        out.println(f("%s: %.2f s, %.0f Hz, analysed causally by %s (blocks of %d frames)", file, r.seconds(),
                r.sampleRate(), String.join(", ", r.analysers()), r.blockSize()));
        Findings.KeySummary heardKey = findings.key();
        out.println(f("  tempo %s, key %s, %d beats, %d onsets, %d chord segments, %d notes, loudness %s LUFS",
                Double.isNaN(findings.tempo().bpm()) ? "none" : f("%.1f BPM", findings.tempo().bpm()),
                heardKey == null ? "none" : heardKey.last(), findings.beats().size(), findings.onsets().size(),
                findings.chords().size(), findings.notes().size(), level(findings.loudness().integratedLufs())));

        List<Findings.BeatRow> beats = findings.beats();
        out.println();
        out.println(f("BEATS (%d)", beats.size()));
        if (!beats.isEmpty()) {
            out.println("    time s  in bar  period s  confidence");
        }
        for (Findings.BeatRow b : beats) {
            out.println(f("  %8.3f  %6s  %8.3f  %10.2f", b.time(), b.beatInBar() > 0 ? b.beatInBar() : "-",
                    b.period(), b.confidence()));
        }

        Findings.Tempo tempo = findings.tempo();
        out.println();
        out.println("TEMPO");
        if (Double.isNaN(tempo.bpm())) {
            out.println("  none: no beat was heard");
        } else {
            out.println(f("  %.1f BPM  (60 / the median beat period of the last %d beats)", tempo.bpm(),
                    tempo.beats()));
            out.println(f("  over time (median of the last %d beat periods, listed when it moves by more than "
                    + "%.0f %%):", Findings.RUNNING_TEMPO_BEATS, Findings.TEMPO_CHANGE * 100));
            for (Findings.TempoPoint p : tempo.changes()) {
                out.println(f("  %8.3f s  %6.1f BPM", p.time(), p.bpm()));
            }
        }

        List<Findings.OnsetRow> onsets = findings.onsets();
        out.println();
        out.println(f("ONSETS (%d)", onsets.size()));
        if (!onsets.isEmpty()) {
            out.println("    time s  strength");
        }
        for (Findings.OnsetRow o : onsets) {
            out.println(f("  %8.3f  %8.2f", o.time(), o.strength()));
        }

        List<Findings.ChordRow> chords = findings.chords();
        out.println();
        out.println(f("CHORDS (%d segments; each starts where the tracker placed the change)", chords.size()));
        if (!chords.isEmpty()) {
            out.println("   start s     end s  chord           confidence");
        }
        for (Findings.ChordRow c : chords) {
            out.println(f("  %8.3f  %8.3f  %-14s  %10.2f", c.start(), c.end(), c.label(), c.confidence()));
        }

        Findings.KeySummary key = findings.key();
        out.println();
        out.println("KEY");
        if (key == null) {
            out.println("  none decided");
        } else {
            out.println(f("  %s (confidence %.2f), decided at %.3f s; held longest: %s (%.1f s)", key.last(),
                    key.confidence(), key.decidedAt(), key.longest(), key.longestSeconds()));
            out.println(f("  decisions (%d):", key.changes().size()));
            for (Findings.KeyChange c : key.changes()) {
                out.println(f("  %8.3f s  %-12s  %.2f", c.time(), c.key(), c.confidence()));
            }
        }

        List<Findings.PitchFrame> pitch = findings.pitch();
        long confident = pitch.stream().filter(Findings::confident).count();
        List<Findings.NoteRow> notes = findings.notes();
        out.println();
        out.println(f("PITCH (%d frames, %d confident: voiced with confidence >= %.2f; every frame is in --json)",
                pitch.size(), confident, Findings.PITCH_CONFIDENCE));
        out.println(f("  %d notes: confident frames nearest the same note; glitches of up to %d blocks bridged, "
                + "notes under %.0f ms dropped", notes.size(), Findings.BRIDGE_BLOCKS,
                Findings.MIN_NOTE_SECONDS * 1000));
        if (!notes.isEmpty()) {
            out.println("   start s     end s  note  median Hz  cents  frames");
        }
        for (Findings.NoteRow n : notes) {
            out.println(f("  %8.3f  %8.3f  %-4s  %9.2f  %+5.1f  %6d", n.start(), n.end(), n.name(), n.medianHz(),
                    n.medianCents(), n.frames()));
        }

        Findings.Loudness l = findings.loudness();
        out.println();
        out.println("LOUDNESS");
        out.println(f("  integrated (approx.) %7s LUFS  (EBU R128 gates over the 3 s short-term loudness of each "
                + "block)", level(l.integratedLufs())));
        out.println(f("  short-term maximum   %7s LUFS", level(l.shortTermMaxLufs())));
        out.println(f("  sample peak          %7s dBFS", level(l.peakDbfs())));
        out.println(f("  RMS of the file      %7s dBFS", level(l.rmsDbfs())));
        out.println(f("  accents              %7d", l.accents()));

        out.println();
        runFooter(r, out);
    }

    /**
     * Prints the run figures: audio and wall time, real-time factor, compute time per block per analyser.
     *
     * @param r   the run
     * @param out where they go
     */
    static void runFooter(FileAnalysis.Result r, PrintStream out) {
        out.println(f("RUN  %.2f s of audio in %.2f s wall time: %.0fx real time", r.seconds(), r.wallNanos() / 1e9,
                r.realTimeFactor()));
        out.println("  compute per block  blocks    p50 us    p99 us    max us");
        for (FileAnalysis.Timing t : r.timings()) {
            out.println(f("  %-16s %7d  %8.1f  %8.1f  %8.1f%s", t.id(), t.blocks(), t.p50Micros(), t.p99Micros(),
                    t.maxMicros(), t.failure() == null ? "" : "  FAILED: " + FileRun.oneLine(t.failure(), "")));
        }
    }

    /** A level with one decimal; digital silence is -inf, and a figure that could not be computed n/a. */
    static String level(double db) {
        if (Double.isNaN(db)) {
            return "n/a";
        }
        return db == Double.NEGATIVE_INFINITY ? "-inf" : f("%.1f", db);
    }

    /** Formats with the root locale: a decimal point whatever the user's locale. */
    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
