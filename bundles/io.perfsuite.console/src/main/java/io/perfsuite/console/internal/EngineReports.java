// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures out of the audio engine's and the MIDI scheduler's shell reports ({@code perfsuite:audio},
 * {@code perfsuite:midiout}). Neither bundle exports its figures as a service, and their shell commands are the
 * only public way to them; so the console runs the commands and reads their tables. A report that does not have the
 * expected shape is kept as text and its figures are left out, never guessed.
 */
final class EngineReports {

    /** One analyser's compute time per block, or the whole chain's ("chain"), in microseconds. */
    record Timing(String id, long blocks, double p50Micros, double p99Micros, double maxMicros, String failure) {
    }

    /**
     * The audio engine's report.
     *
     * @param state   "running", "stopped" or "idle"; null when the report could not be read
     * @param source  the configured source when idle, else null
     * @param blocks  blocks processed (running or stopped)
     * @param timings the chain first, then each analyser; empty when idle
     * @param text    the report as the engine wrote it
     */
    record Audio(String state, String source, long blocks, List<Timing> timings, String text) {

        /** @return the whole chain's timing, or null */
        Timing chain() {
            return timing("chain");
        }

        /** @return the timing of the analyser with this id, or null */
        Timing timing(String id) {
            for (Timing t : timings) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * The MIDI scheduler's report.
     *
     * @param running     whether the scheduler runs; false also when the report could not be read
     * @param readable    whether the report had the expected shape
     * @param clock       "session" or "none, notes wait"
     * @param outputs     the outputs' names as the scheduler has them
     * @param played      events played
     * @param late        events played late
     * @param droppedLate note-ons dropped for being too late
     * @param timedEvents events whose timing error was measured
     * @param p50Micros   median timing error (how late an event left)
     * @param p99Micros   99th percentile timing error
     * @param maxMicros   largest timing error
     * @param text        the report as the scheduler wrote it
     */
    record Midi(boolean running, boolean readable, String clock, List<String> outputs, long played, long late,
            long droppedLate, long timedEvents, double p50Micros, double p99Micros, double maxMicros, String text) {
    }

    private static final String NUMBER = "(-?[0-9]+(?:\\.[0-9]+)?|NaN)";
    private static final Pattern AUDIO_IDLE = Pattern.compile("^Audio engine idle \\(source: (.*)\\);");
    private static final Pattern AUDIO_HEAD = Pattern.compile(
            "^Audio engine (running|stopped): ([0-9]+) blocks, ([0-9]+) frames, ([0-9]+) events dropped");
    private static final Pattern AUDIO_ROW = Pattern.compile("^\\s+(\\S+)\\s+([0-9]+)\\s+" + NUMBER + "\\s+" + NUMBER
            + "\\s+" + NUMBER + "(?:\\s+FAILED (.*))?$");
    private static final Pattern MIDI_CLOCK = Pattern.compile("^MIDI scheduler \\(clock: (.*)\\)$");
    private static final Pattern MIDI_OUTPUTS = Pattern.compile("^\\s+outputs:\\s+(.*)$");
    private static final Pattern MIDI_COUNTS = Pattern.compile(
            "scheduled ([0-9]+), played ([0-9]+), late ([0-9]+), dropped \\(late\\) ([0-9]+)");
    private static final Pattern MIDI_TIMING = Pattern.compile("timing error over ([0-9]+) events: p50 " + NUMBER
            + " µs, p99 " + NUMBER + " µs, p99\\.9 " + NUMBER + " µs, max " + NUMBER + " µs");

    private EngineReports() {
    }

    /**
     * @param s the audio engine's status
     * @return its figures, with a table of them as the report's text
     */
    static Audio audio(io.perfsuite.audio.AudioEngineStatus.Snapshot s) {
        StringBuilder text = new StringBuilder();
        if (s.state().equals("idle")) {
            text.append("Audio engine idle (source: ").append(s.source()).append("); ").append(s.analysers())
                    .append(" analysers bound\n");
            return new Audio("idle", s.source(), 0, List.of(), text.toString());
        }
        text.append(String.format(java.util.Locale.ROOT, "Audio engine %s: %d blocks, %d frames, %d events dropped%n",
                s.state(), s.blocks(), s.frames(), s.droppedEvents()));
        List<Timing> timings = new ArrayList<>();
        for (io.perfsuite.audio.FileAnalysis.Timing t : s.timings()) {
            timings.add(new Timing(t.id(), t.blocks(), t.p50Micros(), t.p99Micros(), t.maxMicros(), t.failure()));
            text.append(String.format(java.util.Locale.ROOT, "  %-24s %10d %10.1f %10.1f %10.1f%s%n", t.id(),
                    t.blocks(), t.p50Micros(), t.p99Micros(), t.maxMicros(),
                    t.failure() == null ? "" : "  FAILED " + t.failure()));
        }
        return new Audio(s.state(), null, s.blocks(), List.copyOf(timings), text.toString());
    }

    /**
     * @param text what {@code perfsuite:audio} printed
     * @return its figures; state null if it has not the expected shape
     */
    static Audio audio(String text) {
        String[] lines = text.split("\\R");
        Matcher idle = AUDIO_IDLE.matcher(lines[0]);
        if (idle.find()) {
            return new Audio("idle", idle.group(1), 0, List.of(), text);
        }
        Matcher head = AUDIO_HEAD.matcher(lines[0]);
        if (!head.find()) {
            return new Audio(null, null, 0, List.of(), text);
        }
        List<Timing> timings = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            Matcher row = AUDIO_ROW.matcher(lines[i]);
            if (row.find()) {
                timings.add(new Timing(row.group(1), Long.parseLong(row.group(2)), number(row.group(3)),
                        number(row.group(4)), number(row.group(5)), row.group(6)));
            }
        }
        boolean hasChain = timings.stream().anyMatch(t -> t.id().equals("chain"));
        return hasChain ? new Audio(head.group(1), null, Long.parseLong(head.group(2)), List.copyOf(timings), text)
                : new Audio(null, null, 0, List.of(), text);
    }

    /**
     * @param s the scheduler's status
     * @return its figures, with the report's text
     */
    static Midi midi(io.perfsuite.midi.SchedulerStatus.Snapshot s) {
        if (!s.running()) {
            return new Midi(false, true, null, List.of(), 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                    "MIDI scheduler stopped\n");
        }
        String text = String.format(java.util.Locale.ROOT, "MIDI scheduler (clock: %s)%n  outputs:   %s%n"
                + "  played %d, late %d, dropped (late) %d%n  timing error over %d events: p50 %.1f µs, "
                + "p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n", s.clock(),
                s.outputs().isEmpty() ? "(none)" : String.join(", ", s.outputs()), s.played(), s.late(),
                s.droppedLate(), s.timedEvents(), s.p50Micros(), s.p99Micros(), s.p999Micros(), s.maxMicros());
        return new Midi(true, true, s.clock(), s.outputs(), s.played(), s.late(), s.droppedLate(), s.timedEvents(),
                s.p50Micros(), s.p99Micros(), s.maxMicros(), text);
    }

    /**
     * @param text what {@code perfsuite:midiout} printed
     * @return its figures; readable false if it has not the expected shape
     */
    static Midi midi(String text) {
        String[] lines = text.split("\\R");
        if (lines[0].startsWith("MIDI scheduler stopped")) {
            return new Midi(false, true, null, List.of(), 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, text);
        }
        Matcher clock = MIDI_CLOCK.matcher(lines[0]);
        Matcher counts = MIDI_COUNTS.matcher(text);
        Matcher timing = MIDI_TIMING.matcher(text);
        if (!clock.find() || !counts.find() || !timing.find()) {
            return new Midi(false, false, null, List.of(), 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, text);
        }
        List<String> outputs = List.of();
        for (String line : lines) {
            Matcher o = MIDI_OUTPUTS.matcher(line);
            if (o.find()) {
                outputs = o.group(1).equals("(none)") ? List.of() : List.of(o.group(1).split(",\\s*"));
            }
        }
        return new Midi(true, true, clock.group(1), outputs, Long.parseLong(counts.group(2)),
                Long.parseLong(counts.group(3)), Long.parseLong(counts.group(4)), Long.parseLong(timing.group(1)),
                number(timing.group(2)), number(timing.group(3)), number(timing.group(5)), text);
    }

    private static double number(String s) {
        return Double.parseDouble(s);
    }

    /** @return microseconds as whole nanoseconds, or null for NaN */
    static Long nanos(double micros) {
        return Double.isNaN(micros) ? null : Math.round(micros * 1000);
    }
}
