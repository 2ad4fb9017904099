// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sound.midi.Sequence;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.SongFormatException;
import io.perfsuite.audio.FileAnalysis;
import io.perfsuite.midi.OfflineNoteScheduler;
import io.perfsuite.session.OfflineSession;

/**
 * The band playing along with a recording, on the recording's clock: each block of the file goes through the
 * analyser chain exactly as live; the events of that block are handed to the show's session logic
 * ({@link OfflineSession}), which is stepped to the block's end, plans the bandmates and carries out commands; the
 * show's scheduler rules ({@link OfflineNoteScheduler}) then play what is due until the next block with the context
 * published at that moment. Nothing can see ahead of the block being heard.
 *
 * <p>Compute time is measured as it runs: the analysis chain per block (by the engine), the session's step per
 * block (agents and listeners), the scheduler's work per block, each bandmate's plan calls (by the session).
 */
final class Render {

    /**
     * Session settings a render uses unless told otherwise: the band comes in after a bar of confident beats; and
     * compute time never costs notes. Live, a plan call over its budget loses its window because its notes would be
     * late; on the file's clock nothing is late, and a render on a busy machine must give the same music as on an
     * idle one. The time of every call is still measured and reported against the live budgets.
     */
    static final Map<String, Object> DEFAULT_SESSION = Map.of("autoStartBeats", 4, "bandmateBudgetMicros", 1_000_000,
            "listenerBudgetMicros", 1_000_000, "agentDeadlineMicros", 1_000_000, "stepBudgetMicros", 1_000_000);

    /**
     * A command the performer gives at a time (the demo's footswitch).
     *
     * @param seconds      when
     * @param name         the command
     * @param arguments    its arguments
     * @param quantization its quantization, e.g. "BAR"
     */
    record Cue(double seconds, String name, Map<String, String> arguments, String quantization) {
    }

    /**
     * A bandmate replaced by another while the band plays (a plugin updated mid-song).
     *
     * @param seconds  when
     * @param leaving  the instance that leaves
     * @param joining  the instance that joins
     */
    record Swap(double seconds, Bandmate leaving, Bandmate joining) {
    }

    /**
     * What a render did.
     *
     * @param findings      what the analysis heard (as {@code analyse} reports it)
     * @param played        every note the band played
     * @param roles         each bandmate's role
     * @param counts        the scheduler's counters
     * @param sequence      the take as a MIDI file sequence, one track per bandmate (null if silent)
     * @param events        the played MIDI events, for the synthesizer
     * @param agents        the session's figures per agent at the end
     * @param stepMicros    session step compute per block (sorted)
     * @param scheduleMicros scheduler compute per block (sorted)
     * @param contexts      the context at each beat the band played: time (s), bpm, chord, section
     * @param analysisDropped events the session could not take
     * @param seconds       the input's duration
     * @param wallSeconds   the whole run's wall time
     */
    record Outcome(Findings findings, List<OfflineNoteScheduler.PlayedNote> played, Map<String, Role> roles,
            OfflineNoteScheduler.Counts counts, Sequence sequence, List<io.perfsuite.midi.OfflineRenderer.Event> events,
            List<AgentStatus> agents, double[] stepMicros, double[] scheduleMicros, List<BeatContext> contexts,
            long analysisDropped, double seconds, double wallSeconds) {
    }

    /**
     * The context the band played a beat with.
     *
     * @param seconds when the beat was published
     * @param beat    the beat number
     * @param bpm     the tempo
     * @param chord   the chord
     * @param section the section
     */
    record BeatContext(double seconds, double beat, double bpm, String chord, String section) {
    }

    private Render() {
    }

    /**
     * Renders.
     *
     * @param analysis the file analysis service
     * @param input    the recording
     * @param band     bandmate instances for this render only
     * @param settings session settings over {@link #DEFAULT_SESSION}
     * @param song     a song or setlist file, or null
     * @param cues     performer commands at given times
     * @return what happened
     * @throws FileRun.Failure if the input cannot be analysed or the song cannot be loaded (one-line message)
     */
    static Outcome run(FileAnalysis analysis, Path input, List<Bandmate> band, Map<String, ?> settings, Path song,
            List<Cue> cues) throws FileRun.Failure {
        return run(analysis, input, band, settings, song, cues, List.of());
    }

    /**
     * Renders, with bandmates swapped at given times.
     *
     * @param analysis the file analysis service
     * @param input    the recording
     * @param band     bandmate instances for this render only
     * @param settings session settings over {@link #DEFAULT_SESSION}
     * @param song     a song or setlist file, or null
     * @param cues     performer commands at given times
     * @param swaps    bandmates replaced at given times
     * @return what happened
     * @throws FileRun.Failure if the input cannot be analysed or the song cannot be loaded (one-line message)
     */
    static Outcome run(FileAnalysis analysis, Path input, List<Bandmate> band, Map<String, ?> settings, Path song,
            List<Cue> cues, List<Swap> swaps) throws FileRun.Failure {
        long wallStart = System.nanoTime();
        Map<String, Object> values = new LinkedHashMap<>(DEFAULT_SESSION);
        values.putAll(settings);
        EventLog log = new EventLog();
        Map<String, Role> roles = new LinkedHashMap<>();
        OfflineNoteScheduler scheduler = new OfflineNoteScheduler(new String[0],
                OfflineNoteScheduler.DEFAULT_LATE_TOLERANCE_NANOS, 0);
        List<BeatContext> contexts = new ArrayList<>();
        double[][] stepTimes = {new double[1 << 12]};
        double[][] schedTimes = {new double[1 << 12]};
        int[] blocks = {0};
        FileAnalysis.Result result;
        List<AgentStatus> agents;
        long dropped;
        try (OfflineSession session = new OfflineSession(values, 0)) {
            session.scheduler(scheduler);
            for (Bandmate b : band) {
                roles.put(b.id(), b.role());
                session.addBandmate(b);
            }
            session.manager().setMode(io.perfsuite.api.context.SystemMode.PERFORMANCE);
            if (song != null) {
                try {
                    session.manager().load(song);
                } catch (SongFormatException e) {
                    throw new FileRun.Failure(FileRun.oneLine(e.getMessage(), song + ": not a song file"), e);
                }
            }
            List<Swap> pendingSwaps = new ArrayList<>(swaps);
            pendingSwaps.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
            List<Cue> pendingCues = new ArrayList<>(cues);
            pendingCues.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
            double[] lastBeat = {Double.NEGATIVE_INFINITY};
            long[] blockNanos = {0};
            long[] lastEnd = {0};
            FileAnalysis.BlockListener ticks = (endFrame, nanos) -> {
                while (!pendingCues.isEmpty() && pendingCues.get(0).seconds() * 1e9 <= nanos) {
                    Cue c = pendingCues.remove(0);
                    session.manager().submit(session.manager().create(c.name(), c.arguments()),
                            io.perfsuite.api.command.Quantization.valueOf(c.quantization()));
                }
                while (!pendingSwaps.isEmpty() && pendingSwaps.get(0).seconds() * 1e9 <= nanos) {
                    Swap w = pendingSwaps.remove(0);
                    session.removeBandmate(w.leaving());
                    roles.put(w.joining().id(), w.joining().role());
                    session.addBandmate(w.joining());
                }
                long t0 = System.nanoTime();
                session.step(nanos);
                long t1 = System.nanoTime();
                MusicalContext ctx = session.context();
                long step = Math.max(1, nanos - lastEnd[0]);
                blockNanos[0] = step;
                lastEnd[0] = nanos;
                scheduler.advance(nanos + step, ctx);
                long t2 = System.nanoTime();
                int i = blocks[0]++;
                if (i >= stepTimes[0].length) {
                    stepTimes[0] = Arrays.copyOf(stepTimes[0], i * 2);
                    schedTimes[0] = Arrays.copyOf(schedTimes[0], i * 2);
                }
                stepTimes[0][i] = (t1 - t0) / 1e3;
                schedTimes[0][i] = (t2 - t1) / 1e3;
                if (ctx.playing()) {
                    double beat = Math.floor(ctx.beatAt(nanos));
                    if (beat > lastBeat[0]) {
                        lastBeat[0] = beat;
                        contexts.add(new BeatContext(nanos / 1e9, beat, ctx.tempo().bpm(), ctx.chord().toString(),
                                ctx.section().name()));
                    }
                }
            };
            io.perfsuite.api.analysis.AnalysisListener ears = e -> {
                log.heard(e);
                session.heard(e);
            };
            try {
                result = analysis.analyse(input, ears, ticks);
            } catch (NoSuchFileException e) {
                throw new FileRun.Failure(input + ": no such file", e);
            } catch (AccessDeniedException e) {
                throw new FileRun.Failure(input + ": not readable (permission denied)", e);
            } catch (IOException e) {
                throw new FileRun.Failure(FileRun.oneLine(e.getMessage(), input + ": cannot be read"), e);
            } catch (RuntimeException e) {
                throw new FileRun.Failure(input + ": render failed: " + e, e);
            }
            scheduler.finish(Math.round(result.seconds() * 1e9));
            agents = session.manager().agents();
            dropped = session.analysisDropped();
        }
        double[] steps = Arrays.copyOf(stepTimes[0], blocks[0]);
        double[] sched = Arrays.copyOf(schedTimes[0], blocks[0]);
        Arrays.sort(steps);
        Arrays.sort(sched);
        return new Outcome(Findings.of(result, log), scheduler.played(), roles, scheduler.counts(),
                scheduler.sequence(), scheduler.events(), agents, steps, sched, contexts, dropped, result.seconds(),
                (System.nanoTime() - wallStart) / 1e9);
    }
}
