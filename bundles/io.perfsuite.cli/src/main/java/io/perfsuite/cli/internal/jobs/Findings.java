// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Note;
import io.perfsuite.audio.FileAnalysis;

/**
 * What one causal run heard, in the terms a person or a metric reads: beats, a tempo, onsets, chord segments, the
 * key, the pitch track and its notes, and a loudness summary, all with times in seconds from the file's start.
 * Everything here is derived from the events alone, after the run; nothing is re-analysed.
 *
 * <p>Immutable once built.
 */
final class Findings {

    /** The tempo is 60 over the median beat period reported with this many last beats. */
    static final int TEMPO_BEATS = 16;
    /**
     * The running tempo of the tempo-over-time list is the median over this many beats; odd, so a step in tempo
     * shows as a step, not through the mean of the two middle periods.
     */
    static final int RUNNING_TEMPO_BEATS = 7;
    /** A running tempo this far (relative) from the last listed one is listed as a change. */
    static final double TEMPO_CHANGE = 0.04;
    /** A pitch frame counts as confident when voiced with at least this confidence. */
    static final double PITCH_CONFIDENCE = 0.8;
    /** Note segments shorter than this are dropped: single-block flickers, not notes. */
    static final double MIN_NOTE_SECONDS = 0.03;
    /** Up to this many blocks of another or no pitch inside a note are bridged (a glitch, not a new note). */
    static final int BRIDGE_BLOCKS = 2;
    /** Short-term loudness values under this are left out of the integrated figure (EBU R128 absolute gate). */
    static final double ABSOLUTE_GATE_LUFS = -70;
    /** And those more than this below the mean of the rest (EBU R128 relative gate). */
    static final double RELATIVE_GATE_LU = 10;

    /** A beat: time (s), 1-based position in the bar or 0 when unknown, period (s), confidence. */
    record BeatRow(double time, int beatInBar, double period, double confidence) {
    }

    /** A point of the tempo over time: from this time (s), this tempo (BPM). */
    record TempoPoint(double time, double bpm) {
    }

    /**
     * The tempo.
     *
     * @param bpm     60 over the median period of the last {@link #TEMPO_BEATS} beats, NaN without beats
     * @param beats   how many beat periods that median took
     * @param changes the running tempo over time, one point per change of more than {@link #TEMPO_CHANGE}
     */
    record Tempo(double bpm, int beats, List<TempoPoint> changes) {
    }

    /** An onset: time (s) and strength. */
    record OnsetRow(double time, double strength) {
    }

    /** A chord segment: start and end (s), Harte label, the confidence when it was decided. */
    record ChordRow(double start, double end, String label, double confidence) {
    }

    /** A key decision: when (s), the key, its confidence. */
    record KeyChange(double time, Key key, double confidence) {
    }

    /**
     * The key.
     *
     * @param last           the last key decided
     * @param confidence     its confidence
     * @param decidedAt      when it was decided (s)
     * @param firstDecidedAt when a key was first decided (s)
     * @param longest        the key held longest in total, from each decision to the next or the end
     * @param longestSeconds for how long
     * @param changes        every decision
     */
    record KeySummary(Key last, double confidence, double decidedAt, double firstDecidedAt, Key longest,
            double longestSeconds, List<KeyChange> changes) {
    }

    /** A pitch estimate: time (s), frequency (Hz, 0 when unvoiced), confidence. */
    record PitchFrame(double time, double hz, double confidence) {
    }

    /**
     * A note: consecutive confident pitch frames nearest to the same MIDI note.
     *
     * @param start       time of its first frame (s)
     * @param end         time of the frame after its last one (s)
     * @param midi        the MIDI note
     * @param name        its name, e.g. {@code A4}
     * @param medianHz    median frequency of its frames
     * @param medianCents median deviation of its frames from the equal-tempered note (A4 = 440 Hz)
     * @param frames      frames counted (bridged glitches excluded)
     */
    record NoteRow(double start, double end, int midi, String name, double medianHz, double medianCents,
            int frames) {
    }

    /**
     * The loudness.
     *
     * @param integratedLufs   the EBU R128 gating applied to the per-block short-term (3 s) loudness: an
     *                         approximation of the integrated loudness, NaN if nothing passes the gates
     * @param shortTermMaxLufs the highest short-term loudness
     * @param peakDbfs         the highest sample peak
     * @param rmsDbfs          the RMS level of the whole file
     * @param accents          blocks flagged as accents
     */
    record Loudness(double integratedLufs, double shortTermMaxLufs, double peakDbfs, double rmsDbfs, int accents) {
    }

    private final FileAnalysis.Result result;
    private final List<BeatRow> beats;
    private final Tempo tempo;
    private final List<OnsetRow> onsets;
    private final List<ChordRow> chords;
    private final KeySummary key;
    private final List<PitchFrame> pitch;
    private final List<NoteRow> notes;
    private final Loudness loudness;
    private final List<AnalysisEvent.Level> levels;

    private Findings(FileAnalysis.Result result, EventLog log) {
        this.result = result;
        double rate = result.sampleRate();
        double duration = result.seconds();
        List<BeatRow> b = new ArrayList<>();
        for (AnalysisEvent.Beat e : log.beats()) {
            b.add(new BeatRow(e.frame() / rate, e.beatInBar(), e.periodSeconds(), e.confidence()));
        }
        this.beats = List.copyOf(b);
        this.tempo = tempo(beats);
        List<OnsetRow> o = new ArrayList<>();
        for (AnalysisEvent.Onset e : log.onsets()) {
            o.add(new OnsetRow(e.frame() / rate, e.strength()));
        }
        // an onset is reported after the frame it names, so two analysers' orders may differ: list them by time
        o.sort(Comparator.comparingDouble(OnsetRow::time));
        this.onsets = List.copyOf(o);
        this.chords = chords(log.chords(), rate, duration);
        this.key = key(log.keys(), rate, duration);
        List<PitchFrame> p = new ArrayList<>();
        for (AnalysisEvent.Pitch e : log.pitches()) {
            p.add(new PitchFrame(e.frame() / rate, e.hz(), e.confidence()));
        }
        this.pitch = List.copyOf(p);
        this.notes = notes(pitch, result.blockSize() / rate);
        this.levels = log.levels();
        this.loudness = loudness(levels);
    }

    /**
     * @param result the run's figures
     * @param log    its events
     * @return what the run heard
     */
    static Findings of(FileAnalysis.Result result, EventLog log) {
        return new Findings(result, log);
    }

    FileAnalysis.Result result() {
        return result;
    }

    List<BeatRow> beats() {
        return beats;
    }

    Tempo tempo() {
        return tempo;
    }

    List<OnsetRow> onsets() {
        return onsets;
    }

    List<ChordRow> chords() {
        return chords;
    }

    /** @return the key, or null when none was decided */
    KeySummary key() {
        return key;
    }

    List<PitchFrame> pitch() {
        return pitch;
    }

    List<NoteRow> notes() {
        return notes;
    }

    Loudness loudness() {
        return loudness;
    }

    /** @return the level events, one per block */
    List<AnalysisEvent.Level> levels() {
        return levels;
    }

    /**
     * @param frame a pitch frame
     * @return whether it counts as a confident pitch
     */
    static boolean confident(PitchFrame frame) {
        return frame.hz() > 0 && frame.confidence() >= PITCH_CONFIDENCE;
    }

    private static Tempo tempo(List<BeatRow> beats) {
        double[] periods = beats.stream().mapToDouble(BeatRow::period).filter(p -> p > 0).toArray();
        int from = Math.max(0, periods.length - TEMPO_BEATS);
        double[] last = Arrays.copyOfRange(periods, from, periods.length);
        double bpm = last.length == 0 ? Double.NaN : 60 / Stats.median(last);
        List<TempoPoint> changes = new ArrayList<>();
        List<Double> window = new ArrayList<>();
        for (BeatRow beat : beats) {
            if (!(beat.period() > 0)) {
                continue;
            }
            window.add(beat.period());
            if (window.size() > RUNNING_TEMPO_BEATS) {
                window.remove(0);
            }
            // the first few beats of a causal tracker are its guess; list the tempo once half a window is in
            if (window.size() < (RUNNING_TEMPO_BEATS + 1) / 2) {
                continue;
            }
            double running = 60 / Stats.median(window);
            if (changes.isEmpty()
                    || Math.abs(running - changes.get(changes.size() - 1).bpm()) > TEMPO_CHANGE
                            * changes.get(changes.size() - 1).bpm()) {
                changes.add(new TempoPoint(beat.time(), running));
            }
        }
        return new Tempo(bpm, last.length, List.copyOf(changes));
    }

    /**
     * Chord segments from the decisions in report order. A decision's frame is where the new chord began, which
     * can be before earlier decisions' frames when the tracker revises itself: such a superseded segment is
     * dropped, and the one before ends where the new chord began.
     */
    private static List<ChordRow> chords(List<AnalysisEvent.ChordHeard> events, double rate, double duration) {
        List<ChordRow> rows = new ArrayList<>();
        for (AnalysisEvent.ChordHeard e : events) {
            double start = Math.min(duration, e.frame() / rate);
            while (!rows.isEmpty() && rows.get(rows.size() - 1).start() >= start) {
                rows.remove(rows.size() - 1);
            }
            String label = e.chord().toString();
            if (!rows.isEmpty()) {
                ChordRow previous = rows.remove(rows.size() - 1);
                if (previous.label().equals(label)) {
                    rows.add(previous); // the same chord again: one segment
                    continue;
                }
                rows.add(new ChordRow(previous.start(), start, previous.label(), previous.confidence()));
            }
            rows.add(new ChordRow(start, duration, label, e.confidence()));
        }
        return List.copyOf(rows);
    }

    private static KeySummary key(List<AnalysisEvent.KeyHeard> events, double rate, double duration) {
        if (events.isEmpty()) {
            return null;
        }
        List<KeyChange> changes = new ArrayList<>();
        Map<String, Double> held = new LinkedHashMap<>();
        Map<String, Key> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            AnalysisEvent.KeyHeard e = events.get(i);
            double t = e.frame() / rate;
            double next = i + 1 < events.size() ? events.get(i + 1).frame() / rate : duration;
            changes.add(new KeyChange(t, e.key(), e.confidence()));
            String label = e.key().toString();
            held.merge(label, Math.max(0, next - t), Double::sum);
            byLabel.putIfAbsent(label, e.key());
        }
        String longest = null;
        for (Map.Entry<String, Double> h : held.entrySet()) {
            if (longest == null || h.getValue() > held.get(longest)) {
                longest = h.getKey();
            }
        }
        KeyChange last = changes.get(changes.size() - 1);
        return new KeySummary(last.key(), last.confidence(), last.time(), changes.get(0).time(),
                byLabel.get(longest), held.get(longest), List.copyOf(changes));
    }

    /**
     * Condenses the pitch track into notes: each frame is labelled with its nearest MIDI note (or none when not
     * confident); runs of at most {@link #BRIDGE_BLOCKS} frames between two runs of the same note are absorbed
     * into it; runs shorter than {@link #MIN_NOTE_SECONDS} are dropped.
     */
    private static List<NoteRow> notes(List<PitchFrame> frames, double hop) {
        int n = frames.size();
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            PitchFrame f = frames.get(i);
            int midi = confident(f) ? Stats.nearestMidi(f.hz()) : -1;
            label[i] = midi >= 0 && midi <= 127 ? midi : -1;
        }
        // runs as {label, first, end (exclusive)}; a bridged run is merged into its neighbours
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && label[j] == label[i]) {
                j++;
            }
            runs.add(new int[] {label[i], i, j});
            i = j;
        }
        List<int[]> merged = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            int[] run = runs.get(r);
            if (!merged.isEmpty() && r + 1 < runs.size()) {
                int[] before = merged.get(merged.size() - 1);
                int[] after = runs.get(r + 1);
                if (before[0] >= 0 && before[0] == after[0] && run[2] - run[1] <= BRIDGE_BLOCKS) {
                    before[2] = after[2];
                    r++;
                    continue;
                }
            }
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[0] == run[0]) {
                merged.get(merged.size() - 1)[2] = run[2];
            } else {
                merged.add(run.clone());
            }
        }
        List<NoteRow> notes = new ArrayList<>();
        for (int[] run : merged) {
            if (run[0] < 0) {
                continue;
            }
            double start = frames.get(run[1]).time();
            double end = run[2] < n ? frames.get(run[2]).time() : frames.get(run[2] - 1).time() + hop;
            if (end - start < MIN_NOTE_SECONDS) {
                continue;
            }
            List<Double> hz = new ArrayList<>();
            List<Double> cents = new ArrayList<>();
            double nominal = Stats.midiToHz(run[0]);
            for (int k = run[1]; k < run[2]; k++) {
                if (label[k] == run[0]) {
                    hz.add(frames.get(k).hz());
                    cents.add(Stats.cents(frames.get(k).hz(), nominal));
                }
            }
            notes.add(new NoteRow(start, end, run[0], Note.of(run[0]).name(), Stats.median(hz),
                    Stats.median(cents), hz.size()));
        }
        return List.copyOf(notes);
    }

    private static Loudness loudness(List<AnalysisEvent.Level> levels) {
        double peak = Double.NEGATIVE_INFINITY;
        double shortTermMax = Double.NEGATIVE_INFINITY;
        double energy = 0;
        int accents = 0;
        List<Double> gated = new ArrayList<>();
        for (AnalysisEvent.Level l : levels) {
            peak = Math.max(peak, l.peakDbfs());
            if (Double.isFinite(l.rmsDbfs())) {
                energy += Math.pow(10, l.rmsDbfs() / 10);
            }
            if (Double.isFinite(l.loudness())) {
                shortTermMax = Math.max(shortTermMax, l.loudness());
                if (l.loudness() > ABSOLUTE_GATE_LUFS) {
                    gated.add(l.loudness());
                }
            }
            if (l.accent()) {
                accents++;
            }
        }
        double rms = levels.isEmpty() ? Double.NaN : 10 * Math.log10(energy / levels.size());
        double integrated = Double.NaN;
        if (!gated.isEmpty()) {
            // loudness values are averaged as energies, as EBU R128 does with its blocks
            double relativeGate = energyMean(gated, Double.NEGATIVE_INFINITY) - RELATIVE_GATE_LU;
            integrated = energyMean(gated, relativeGate);
        }
        return new Loudness(integrated, shortTermMax, peak, rms, accents);
    }

    /** The energy mean, in LUFS, of the values above a gate; NaN when none is. */
    private static double energyMean(List<Double> lufs, double gate) {
        double sum = 0;
        int n = 0;
        for (double v : lufs) {
            if (v > gate) {
                sum += Math.pow(10, v / 10);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 10 * Math.log10(sum / n);
    }
}
