// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.command.Command;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Dynamics;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.SectionKind;
import io.perfsuite.api.music.Tempo;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.session.internal.command.InternalTarget;
import io.perfsuite.session.internal.journal.JournalEntry;
import io.perfsuite.session.internal.song.Setlist;
import io.perfsuite.session.internal.song.Song;
import io.perfsuite.session.internal.song.SongSection;

/**
 * Everything the session thread does: the beat grid and the song position, the musical state, the quantized
 * commands, planning the bandmates, telling the listeners, supervision and degradation. One {@link #step} takes the
 * hand-offs (requests, analysis events), passes every beat boundary that is due, and publishes a snapshot.
 *
 * <p>Beats are counted from where the band starts (0 = bar 1 beat 1 of the song or of the section it starts from,
 * as the song's beat count); a count-in runs at negative beats. Bar lines are at multiples of the beats per bar.
 * While the band is stopped there are no beat boundaries: the grid keeps time (and follows the performer) but
 * nothing is planned, and quantized commands run at once.
 *
 * <p><b>Threading:</b> not thread-safe: only the session thread (or a test standing in for it) calls {@link #step}.
 * It publishes through the manager's volatile fields.
 */
final class SessionEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEngine.class);
    private static final long STALE_PAST_NANOS = 2_000_000_000L;
    private static final long STALE_FUTURE_NANOS = 1_000_000_000L;
    private static final long TAP_GAP_NANOS = 2_000_000_000L;
    private static final double TEMPO_NOTIFY_BPM = 0.1;
    /** Beats the session thread passes one by one after a delay; beyond, it skips to now. */
    private static final int MAX_CATCH_UP_BEATS = 4;
    /** Silence after which the performer's next onset counts as the start of the music. */
    private static final long FRESH_START_NANOS = 2_000_000_000L;

    private final DefaultSessionManager m;
    private final LongSupplier stopwatch;
    private final LongSupplier compute;
    /** How far ahead a joining bandmate's first planned beat must be for its notes to be sent on time. */
    private static final long JOIN_LEAD_NANOS = 20_000_000L;
    /** A command's delay from submission (or its quantization point) to being carried out: budget 1 ms. */
    final StageStats commandStage = new StageStats("session.command", 1_000_000L);
    private final PlanSink sink = new PlanSink();
    private final Target target = new Target();
    private Settings s;
    private long now;

    // the grid and the position
    private final Grid grid;
    private boolean playing;
    private long lastProcessed;
    private long horizon;
    private boolean inBoundary;
    private boolean gridDirty;
    /** Something may have changed since the last snapshot (a command, an event, a mode): publish to find out. */
    private boolean dirty;
    private double stoppedBeat;
    /** Confident beats heard in a row while stopped, for the start with the performer. */
    private int confidentBeats;
    private boolean autoStartArmed = true;
    private boolean autoStartDue;
    /** The performer changed chord (heard, no chart): what the harmony players planned with the old one is wrong. */
    private boolean harmonyChanged;
    /** The performer's first onset since the band stopped (after a silence of {@link #FRESH_START_NANOS}), or -1. */
    private long firstSoundNanos = -1;
    private long lastSoundNanos = Long.MIN_VALUE / 2;
    /** When an onset last moved the grid. */
    private long lastNudgeNanos = Long.MIN_VALUE / 2;
    private long songStartBeat;

    // the musical state
    private SystemMode mode;
    private DegradationLevel degradation = DegradationLevel.FULL;
    private DegradationLevel autoLevel = DegradationLevel.FULL;
    private double confidence;
    private Meter meter;
    private Chord chord = Chord.NO_CHORD;
    private Chord nextChord = Chord.NO_CHORD;
    private Chord heardChord = Chord.NO_CHORD;
    private Key key;
    private Key heardKey;
    private Dynamics dynamics = Dynamics.SILENCE;
    private double intensity = 0.5;
    private Section section = MusicalContext.FREE;
    private Section nextSection;
    private int sectionSerial;
    private int publishedSectionSerial;
    private Feel feel = Feel.NORMAL;
    private final EnumSet<Cue> cues = EnumSet.noneOf(Cue.class);
    private long fillSetAt;
    private long endingSetAt;

    // the song
    private Setlist setlist;
    private int songIndex = -1;
    private Song song;
    private int sectionIndex = -1;
    private long sectionStart;
    private boolean sectionChangedThisStep;
    private final ArrayDeque<Section> freeHistory = new ArrayDeque<>();

    private Set<String> muted = Set.of(); // copied on change: the status view shares it
    private final long[] taps = new long[5];
    private int tapCount;

    // publishing
    private MusicalContext published;
    private double notifiedBpm;
    private final EnumSet<ContextChange> changes = EnumSet.noneOf(ContextChange.class);

    private final ArrayList<Pending> scheduled = new ArrayList<>();
    private long overloadBits;
    private int quietBeats;
    private long beatsSinceStepUp = Long.MAX_VALUE / 2;
    private int recoverNeeded;

    // figures for the status page; written here only
    volatile long analysisUsed;
    volatile long analysisIgnored;
    volatile long analysisStale;
    volatile long analysisLowConfidence;
    volatile long commandsExecuted;
    volatile long commandsFailed;
    volatile long commandsLate;
    volatile long notesForwarded;
    volatile long schedulerFaults;
    volatile long agentNanosLastBeat;
    volatile long beatsSkipped;
    volatile long harmonyReplans;
    volatile String lastFailure = "";
    /** When the band last came in with the performer, and on which beat; -1 before. */
    volatile long joinedAtNanos = -1;
    volatile long joinedAtBeat = -1;

    SessionEngine(DefaultSessionManager manager, Settings settings, long nowNanos, LongSupplier stopwatch,
            LongSupplier compute) {
        this.m = manager;
        this.s = settings;
        this.stopwatch = stopwatch;
        this.compute = compute;
        this.now = nowNanos;
        this.mode = manager.mode;
        this.meter = settings.meter;
        this.grid = new Grid(nowNanos, SessionLimits.periodNanos(settings.tempoBpm));
        MusicalContext initial = MusicalContext.initial(nowNanos);
        this.published = initial;
        this.notifiedBpm = initial.tempo().bpm();
        publish();
    }

    // ---------------------------------------------------------------------------------------------- the step

    /**
     * One step of the session: take what was handed over, pass the beat boundaries up to now, publish.
     *
     * @param nowNanos the session clock
     */
    void step(long nowNanos) {
        now = nowNanos;
        s = m.settings();
        drainRequests();
        drainAnalysis();
        warmUp();
        if (autoStartDue) {
            autoStartDue = false;
            confidentBeats = 0;
            if (!playing) {
                joinPerformer();
            }
        }
        syncModeAndDegradation();
        joinNewcomers();
        if (!playing) {
            runAllScheduled();
            for (BandmateSlot slot : m.bandmates) {
                slot.active = true;
            }
        }
        if (playing && (long) Math.floor(grid.beatAt(now)) - lastProcessed > MAX_CATCH_UP_BEATS) {
            skipStall();
        }
        while (playing && grid.timeOf(lastProcessed + 1) <= now) {
            boundary(lastProcessed + 1);
        }
        if (dirty || gridDirty || !changes.isEmpty()) {
            Set<ContextChange> delivered = publish();
            notifyListeners(delivered);
        }
        if (harmonyChanged) {
            harmonyChanged = false;
            replanHarmony();
        }
    }

    /** Warm-up calls made per step and bandmate: about a millisecond of the session thread while compiling. */
    private static final int WARM_UP_PER_STEP = 25;
    /**
     * Warm-up calls per step and bandmate on a newly selected song: fewer, since the band waits for no one then but
     * the performer's commands (a count-in) should not wait behind a long step.
     */
    private static final int REWARM_PER_STEP = 8;
    /** While a bandmate warms up, the session thread steps at least this often (so it joins within ~0.1 s). */
    private static final long WARM_UP_STEP_NANOS = 1_000_000L;
    private boolean warming;
    private final PlanSink warmSink = new PlanSink();
    private WarmUpSong warmUpSong = new WarmUpSong(null);

    /**
     * Warms the bandmates up: the first calls of a plugin run interpreted, tens of times slower than compiled, and a
     * code path the JIT has not seen (a style, a fill into a section, an ending) sends compiled code back to the
     * interpreter the first time the show takes it. So each bandmate plans {@code warmUpPlans} windows of a made-up
     * song ({@link WarmUpSong}: the loaded song's sections with their style hints, the common section kinds, fills,
     * holds, endings, feels, tempos and chord qualities) into a sink that is thrown away, then is reset.
     * {@value #WARM_UP_PER_STEP} calls per step ({@value #REWARM_PER_STEP} on a selected song), so the session
     * thread is never held up.
     *
     * <p>A newly bound bandmate warms up before its notes count, then joins like any newcomer. When a song is
     * selected, the whole band warms up again on it while the band is stopped; if the band starts first, that warm-up
     * ends there (the bandmate is reset as it starts). A throw during a warm-up is left to the real calls to count.
     */
    private void warmUp() {
        warming = false;
        for (BandmateSlot slot : m.bandmates) {
            if (slot.warmUpLeft < 0) {
                slot.warmUpLeft = s.warmUpPlans;
            }
            if (slot.warmUpLeft > 0) {
                slot.warmUpLeft = warmUpCalls(slot, slot.warmUpLeft, WARM_UP_PER_STEP);
                warming |= slot.warmUpLeft > 0;
            } else if (slot.rewarmLeft > 0 && !playing) {
                slot.rewarmLeft = warmUpCalls(slot, slot.rewarmLeft, REWARM_PER_STEP);
                warming |= slot.rewarmLeft > 0;
            }
        }
    }

    /** Makes up to {@code perStep} warm-up calls; resets the bandmate after the last. @return calls left */
    private int warmUpCalls(BandmateSlot slot, int left, int perStep) {
        int n = Math.min(perStep, left);
        for (int i = 0; i < n; i++) {
            long beat = WarmUpSong.FIRST_BEAT + slot.warmUpCalls++;
            try {
                warmSink.begin(beat, beat + 1);
                slot.bandmate.plan(warmUpSong.context(published.next().at(now, beat), beat), beat, beat + 1,
                        warmSink);
            } catch (Throwable t) {
                rethrowIfFatal(t);
            } finally {
                warmSink.end();
            }
        }
        if (left - n == 0) {
            resetBandmate(slot);
        }
        return left - n;
    }

    /** The band starts: a bandmate still warming up on the selected song stops and is reset before it plays. */
    private void endRewarm() {
        for (BandmateSlot slot : m.bandmates) {
            if (slot.rewarmLeft > 0) {
                slot.rewarmLeft = 0;
                resetBandmate(slot);
            }
        }
    }

    /**
     * Following the performer's harmony by ear: the chord changed after the harmony players (every role but drums,
     * percussion and click) planned the beats ahead with the old one. As a player who hears the change would, each
     * stops what it holds and plays again from the next beat it can still reach on time, with the new chord: its
     * notes are released, it is reset and planned once more up to the planning horizon. Drums keep their groove.
     */
    private void replanHarmony() {
        if (!playing || published == null) {
            return;
        }
        long from = Math.max((long) Math.ceil(grid.beatAt(now + JOIN_LEAD_NANOS)), lastProcessed + 1);
        if (from >= horizon) {
            return;
        }
        NoteScheduler scheduler = m.scheduler;
        int bpb = meter.beatsPerBar();
        for (BandmateSlot slot : m.bandmates) {
            if (!slot.active || slot.warmUpLeft != 0 || slot.role == Role.DRUMS || slot.role == Role.PERCUSSION
                    || slot.role == Role.CLICK || muted.contains(slot.id)) {
                continue;
            }
            if (scheduler != null) {
                try {
                    scheduler.release(slot.id);
                } catch (RuntimeException e) {
                    schedulerFaults++;
                }
            }
            try {
                slot.bandmate.reset();
            } catch (Throwable t) {
                rethrowIfFatal(t);
                slot.stats.record(0, 0, true, s.bandmateBudgetNanos, now, retryNanos(bpb), s);
                continue;
            }
            planSlot(slot, published, from, horizon, scheduler, bpb);
        }
        harmonyReplans++;
    }

    /**
     * The thread was held up for beats (a machine that slept, a debugger): planning every missed beat would send
     * notes that are already late. The band goes on from now instead; for the bandmates the music jumped.
     */
    private void skipStall() {
        long to = (long) Math.floor(grid.beatAt(now)) - 1;
        beatsSkipped += to - lastProcessed;
        LOG.warn("The session thread fell {} beats behind; it goes on from now", to - lastProcessed);
        lastProcessed = to;
        horizon = Math.max(horizon, to + 1 + s.planAheadBeats);
        resetBandmates();
    }

    /** @return when the next step is due by the music (a beat boundary), or {@link Long#MAX_VALUE} when stopped */
    long nextWakeNanos() {
        long beat = playing ? grid.timeOf(lastProcessed + 1) : Long.MAX_VALUE;
        return warming ? Math.min(beat, now + WARM_UP_STEP_NANOS) : beat;
    }

    private void boundary(long b) {
        inBoundary = true;
        lastProcessed = b;
        sectionChangedThisStep = false;
        int bpb = meter.beatsPerBar();
        boolean bar = Math.floorMod(b, bpb) == 0;
        changes.add(ContextChange.BEAT);
        if (bar) {
            changes.add(ContextChange.BAR);
            if (cues.contains(Cue.FILL) && fillSetAt < b) {
                cues.remove(Cue.FILL);
            }
            if (cues.contains(Cue.COUNT_IN) && b >= songStartBeat) {
                cues.remove(Cue.COUNT_IN);
            }
            if (cues.contains(Cue.ENDING) && endingSetAt < b) {
                endSong();
            }
        }
        runDue(b);
        if (playing && bar && b >= songStartBeat) {
            advanceSong(b);
        }
        if (playing) {
            updateChart(b);
        }
        if (!playing) {
            changes.remove(ContextChange.BEAT);
            changes.remove(ContextChange.BAR);
        } else if (Math.floorMod(lastProcessed, meter.beatsPerBar()) != 0) {
            changes.remove(ContextChange.BAR); // a count-in renumbered the beat
        }
        Set<ContextChange> delivered = publish();
        long agentNanos = 0;
        if (playing) {
            agentNanos += plan(lastProcessed);
        }
        agentNanos += notifyListeners(delivered);
        agentNanosLastBeat = agentNanos;
        if (playing) {
            overload(agentNanos);
        }
        inBoundary = false;
    }

    // ---------------------------------------------------------------------------------------------- hand-offs

    private void drainRequests() {
        Request r;
        while ((r = m.requests.poll()) != null) {
            try {
                handle(r);
            } catch (RuntimeException e) {
                LOG.error("Session request {} failed", r, e);
            }
        }
    }

    private void handle(Request r) {
        dirty = true;
        if (r instanceof Request.Submit submit) {
            take(submit.pending());
        } else if (r instanceof Request.Undo u) {
            runUndo(u.entry());
        } else if (r instanceof Request.Redo u) {
            runRedo(u.entry());
        } else if (r instanceof Request.Release release) {
            release(release.bandmateId());
        } else if (r instanceof Request.Load load) {
            loadSetlist(load.setlist());
        } else if (r instanceof Request.Replay replay) {
            replay(replay);
        }
    }

    private void take(Pending p) {
        if (p.state.get() != Pending.QUEUED) {
            return; // cancelled before the session thread saw it
        }
        // quantized from when the performer asked, not from when this thread got to it
        double due = playing ? quantView().due(p.quantization, grid.beatAt(p.submitNanos)) : Double.NaN;
        p.dueBeat = due;
        if (Double.isNaN(due) || due <= lastProcessed) {
            if (!Double.isNaN(due)) {
                commandsLate++;
            }
            run(p);
            return;
        }
        int i = scheduled.size();
        while (i > 0 && scheduled.get(i - 1).dueBeat > due) {
            i--;
        }
        scheduled.add(i, p);
    }

    private void runDue(long b) {
        while (!scheduled.isEmpty() && scheduled.get(0).dueBeat <= b) {
            run(scheduled.remove(0));
        }
    }

    private void runAllScheduled() {
        while (!scheduled.isEmpty()) {
            dirty = true;
            run(scheduled.remove(0));
        }
    }

    private void drainAnalysis() {
        AnalysisEvent e;
        int budget = s.analysisQueueSize;
        while (budget-- > 0 && (e = m.analysis.poll()) != null) {
            apply(e);
        }
    }

    /**
     * Applies one analysis event to the grid and the state. Values outside what an analyser can mean (NaN,
     * infinities, a period outside 20..400 BPM, a confidence outside [0, 1]) are counted and ignored, as are events
     * far from now (another clock, or a stalled dispatcher).
     *
     * @param e the event
     */
    void apply(AnalysisEvent e) {
        dirty = true;
        if (e.nanos() > now + STALE_FUTURE_NANOS || e.nanos() < now - STALE_PAST_NANOS) {
            analysisStale++;
            return;
        }
        if (e instanceof AnalysisEvent.Onset o) {
            if (!(Double.isFinite(o.strength()) && o.strength() >= 0)) {
                analysisIgnored++;
                return;
            }
            if (!playing && o.strength() > 0) {
                if (firstSoundNanos < 0 || o.nanos() - lastSoundNanos > FRESH_START_NANOS) {
                    firstSoundNanos = o.nanos();
                }
                lastSoundNanos = o.nanos();
            }
            if (s.followPerformer && s.onsetPhaseGain > 0 && confidence >= s.minBeatConfidence
                    && grid.nudge(o.nanos(), s.onsetWindowBeats, s.onsetPhaseGain, s.driftGain)) {
                lastNudgeNanos = o.nanos();
                gridDirty = true;
                analysisUsed++;
            }
            return;
        }
        if (e instanceof AnalysisEvent.Beat b) {
            double period = b.periodSeconds() * 1e9;
            if (!(period >= SessionLimits.periodNanos(SessionLimits.MAX_BPM)
                    && period <= SessionLimits.periodNanos(SessionLimits.MIN_BPM))
                    || !(b.confidence() >= 0 && b.confidence() <= 1) || b.beatInBar() < 0 || b.beatInBar() > 32) {
                analysisIgnored++;
                return;
            }
            if (b.confidence() < s.minBeatConfidence) {
                analysisLowConfidence++;
                confidentBeats = 0;
                return;
            }
            if (!playing && autoStartArmed && s.autoStartBeats > 0 && ++confidentBeats >= s.autoStartBeats) {
                autoStartDue = true;
            }
            if (s.followPerformer) {
                // the tracker's beats are predictions from its tempo estimate, which lags when the performer speeds up
                // or slows down; the performer's own attacks near the beats (onsets) are the better evidence of drift,
                // so the tracker's beats move the tempo through the phase only when no onset did lately
                boolean onsetsLately = b.nanos() - lastNudgeNanos < 2 * grid.periodNanos();
                grid.follow(b.nanos(), period, s.phaseGain, s.tempoGain, s.phaseJumpBeats, s.tempoJumpRatio,
                        onsetsLately ? 0 : s.driftGain);
                confidence += 0.3 * (b.confidence() - confidence);
                gridDirty = true;
            }
            analysisUsed++;
        } else if (e instanceof AnalysisEvent.ChordHeard c) {
            if (!(c.confidence() >= 0 && c.confidence() <= 1)) {
                analysisIgnored++;
                return;
            }
            if (c.confidence() < s.minChordConfidence) {
                analysisLowConfidence++;
                return;
            }
            heardChord = c.chord();
            if (!chartActive() && !cues.contains(Cue.HOLD)) {
                if (playing && !heardChord.equals(chord)) {
                    harmonyChanged = true;
                }
                chord = heardChord;
                nextChord = heardChord;
            }
            analysisUsed++;
        } else if (e instanceof AnalysisEvent.KeyHeard k) {
            if (!(k.confidence() >= 0 && k.confidence() <= 1)) {
                analysisIgnored++;
                return;
            }
            heardKey = k.key();
            if (song == null || song.key() == null) {
                key = heardKey;
            }
            analysisUsed++;
        } else if (e instanceof AnalysisEvent.Level l) {
            if (!(l.rmsDbfs() <= Dynamics.MAX_DB) || !(l.peakDbfs() <= Dynamics.MAX_DB)
                    || !(l.loudness() <= Dynamics.MAX_DB)) {
                analysisIgnored++; // NaN fails every comparison
                return;
            }
            if (dynamics.rmsDbfs() != l.rmsDbfs() || dynamics.peakDbfs() != l.peakDbfs()
                    || dynamics.loudness() != l.loudness()) {
                dynamics = new Dynamics(l.rmsDbfs(), l.peakDbfs(), l.loudness());
            }
            analysisUsed++;
        }
        // pitch and onsets are for the bandmates' own listeners; the context does not carry them
    }

    private void syncModeAndDegradation() {
        SystemMode wanted = m.mode;
        if (wanted != mode) {
            mode = wanted;
            dirty = true;
        }
        DegradationLevel forced = m.forcedDegradation;
        setLevel(forced != null ? forced : autoLevel);
    }

    private void setLevel(DegradationLevel level) {
        if (level == degradation) {
            return;
        }
        degradation = level;
        dirty = true;
        if (level == DegradationLevel.MINIMAL) {
            for (BandmateSlot slot : m.bandmates) {
                if (!s.essentialRoles.contains(slot.role) && !slot.releasedForMinimal) {
                    slot.releasedForMinimal = true;
                    releaseNotes(slot.id);
                }
            }
        } else {
            for (BandmateSlot slot : m.bandmates) {
                slot.releasedForMinimal = false;
            }
        }
        LOG.info("Degradation level {}", level);
    }

    // ---------------------------------------------------------------------------------------------- commands

    private void run(Pending p) {
        if (!p.state.compareAndSet(Pending.QUEUED, Pending.RUNNING)) {
            return; // cancelled
        }
        m.pending.remove(p.id);
        target.begin(p);
        Command.Undo undo;
        try {
            undo = p.command.execute(target);
            target.commit();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            target.discard();
            failed(p, t);
            return;
        }
        commandsExecuted++;
        // the delay the session added, the musical wait excluded: from submission, or from the due beat's time
        long from = Double.isNaN(p.dueBeat) ? p.submitNanos : Math.max(p.submitNanos, grid.timeOf(p.dueBeat));
        commandStage.record(m.clockNanos() - from);
        dirty = true;
        m.journal(JournalEntry.command("execute", now, p.id, p.name, p.arguments, p.quantization.name(),
                p.dueBeat, currentBeat(), null));
        m.history.executed(undo == null ? null : new History.Entry(p.record(), p.command, undo));
    }

    private void failed(Pending p, Throwable t) {
        commandsFailed++;
        lastFailure = p.name + ": " + t;
        LOG.warn("Command {} (id {}) failed and changed nothing: {}", p.name, p.id, t.toString());
        m.journal(JournalEntry.command("fail", now, p.id, p.name, p.arguments, p.quantization.name(), p.dueBeat,
                currentBeat(), t.toString()));
    }

    private void runUndo(History.Entry e) {
        Command.Undo undo = e.undo;
        target.begin(null);
        try {
            undo.undo(target);
            target.commit();
            dirty = true;
        } catch (Throwable t) {
            rethrowIfFatal(t);
            target.discard();
            m.history.forget(e);
            commandsFailed++;
            lastFailure = "undo " + e.record.name() + ": " + t;
            LOG.warn("Undo of {} (id {}) failed and changed nothing: {}", e.record.name(), e.record.id(),
                    t.toString());
            return;
        }
        m.journal(JournalEntry.command("undo", now, e.record.id(), e.record.name(), e.record.arguments(), null,
                Double.NaN, currentBeat(), null));
    }

    private void runRedo(History.Entry e) {
        target.begin(null);
        Command.Undo undo;
        try {
            undo = e.command.execute(target);
            target.commit();
            dirty = true;
        } catch (Throwable t) {
            rethrowIfFatal(t);
            target.discard();
            m.history.forget(e);
            commandsFailed++;
            lastFailure = "redo " + e.record.name() + ": " + t;
            LOG.warn("Redo of {} (id {}) failed and changed nothing: {}", e.record.name(), e.record.id(),
                    t.toString());
            return;
        }
        if (undo == null) {
            m.history.forget(e);
        } else {
            e.undo = undo;
        }
        m.journal(JournalEntry.command("redo", now, e.record.id(), e.record.name(), e.record.arguments(), null,
                Double.NaN, currentBeat(), null));
    }

    private void replay(Request.Replay replay) {
        int done = 0;
        for (Request.Action a : replay.actions()) {
            if (a instanceof Request.Execute x) {
                Pending p = m.newPending(x.command(), io.perfsuite.api.command.Quantization.NOW, now);
                p.state.set(Pending.QUEUED);
                run(p);
            } else if (a instanceof Request.UndoTop) {
                History.Entry e = m.history.popUndo();
                if (e != null) {
                    runUndo(e);
                }
            } else if (a instanceof Request.RedoTop) {
                History.Entry e = m.history.popRedo();
                if (e != null) {
                    runRedo(e);
                }
            } else if (a instanceof Request.LoadAgain load) {
                loadSetlist(load.setlist());
            } else if (a instanceof Request.Degrade d) {
                m.forcedDegradation = d.level();
                syncModeAndDegradation();
            }
            done++;
        }
        m.journal(JournalEntry.session("replay", now, replay.file().toString() + " (" + done + " actions)", null));
    }

    /**
     * The session as commands see it. Each operation checks its arguments at once (so a bad one throws inside
     * {@code execute}) and is carried out only when the command returns: a command that throws half-way changes
     * nothing.
     */
    private final class Target implements InternalTarget {

        private final List<Runnable> ops = new ArrayList<>();
        private Pending current;

        void begin(Pending p) {
            ops.clear();
            current = p;
        }

        void commit() {
            for (int i = 0; i < ops.size(); i++) {
                ops.get(i).run();
            }
            ops.clear();
        }

        void discard() {
            ops.clear();
        }

        @Override
        public MusicalContext context() {
            // a command sees what the commands before it in the same step did
            return dirty || gridDirty ? snapshot() : published;
        }

        @Override
        public void setTempo(Tempo tempo) {
            Objects.requireNonNull(tempo, "tempo");
            if (!(tempo.bpm() >= SessionLimits.MIN_BPM && tempo.bpm() <= SessionLimits.MAX_BPM)) {
                throw new IllegalArgumentException("tempo " + tempo + " is outside " + (int) SessionLimits.MIN_BPM
                        + ".." + (int) SessionLimits.MAX_BPM + " BPM");
            }
            ops.add(() -> setTempoNow(tempo.bpm()));
        }

        @Override
        public void setIntensity(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("intensity must be in [0, 1], was " + value);
            }
            ops.add(() -> intensity = value);
        }

        @Override
        public void goToSection(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("section name is blank");
            }
            if (song != null) {
                int index = findSection(name.strip());
                ops.add(() -> moveToSection(index, true));
            } else {
                Section free = Section.named(name.strip(), 0);
                ops.add(() -> moveToFree(free, true));
            }
        }

        @Override
        public void setMuted(String bandmateId, boolean value) {
            Objects.requireNonNull(bandmateId, "bandmateId");
            ops.add(() -> {
                if (value == muted.contains(bandmateId)) {
                    return;
                }
                Set<String> next = new HashSet<>(muted);
                if (value) {
                    next.add(bandmateId);
                } else {
                    next.remove(bandmateId);
                }
                muted = Set.copyOf(next);
                if (value) {
                    releaseNotes(bandmateId);
                }
            });
        }

        @Override
        public boolean isMuted(String bandmateId) {
            return muted.contains(bandmateId);
        }

        @Override
        public void setPlaying(boolean value) {
            ops.add(() -> {
                if (value && !playing) {
                    countInNow(0);
                } else if (!value) {
                    autoStartArmed = false;
                    stopBand();
                }
            });
        }

        @Override
        public void setFeel(Feel value) {
            Objects.requireNonNull(value, "feel");
            ops.add(() -> feel = value);
        }

        @Override
        public void setCue(Cue cue, boolean active) {
            Objects.requireNonNull(cue, "cue");
            if (cue == Cue.COUNT_IN) {
                throw new IllegalArgumentException("COUNT_IN is set by countIn(bars), not by setCue");
            }
            ops.add(() -> {
                if (!active) {
                    cues.remove(cue);
                } else if (cues.add(cue)) {
                    long at = playing ? lastProcessed : Long.MIN_VALUE;
                    if (cue == Cue.FILL) {
                        fillSetAt = at;
                    } else if (cue == Cue.ENDING) {
                        endingSetAt = at;
                    }
                }
            });
        }

        @Override
        public void countIn(int bars) {
            if (bars < 0 || bars > SessionLimits.MAX_COUNT_IN_BARS) {
                throw new IllegalArgumentException("count-in bars must be 0.." + SessionLimits.MAX_COUNT_IN_BARS
                        + ", was " + bars);
            }
            ops.add(() -> countInNow(bars));
        }

        @Override
        public List<Section> sections() {
            return song == null ? List.of() : song.apiSections();
        }

        @Override
        public int songIndex() {
            return songIndex;
        }

        @Override
        public int setlistSize() {
            return setlist == null ? 0 : setlist.songs().size();
        }

        @Override
        public void selectSong(int index) {
            if (setlist == null || index < 0 || index >= setlist.songs().size()) {
                throw new IllegalArgumentException("no song " + index + " (0-based) in a setlist of "
                        + setlistSize());
            }
            ops.add(() -> selectSongNow(index));
        }

        @Override
        public void tap(long nanos) {
            ops.add(() -> tapNow(nanos));
        }

        @Override
        public void nextSection() {
            ops.add(SessionEngine.this::nextSectionNow);
        }

        @Override
        public void previousSection() {
            ops.add(SessionEngine.this::previousSectionNow);
        }

        @Override
        public Object sectionState() {
            return new SectionState(songIndex, sectionIndex, section);
        }

        @Override
        public void restoreSection(Object state) {
            if (!(state instanceof SectionState st)) {
                throw new IllegalArgumentException("not a section state of this session: " + state);
            }
            if (st.songIndex != songIndex) {
                throw new IllegalStateException("the song changed since; its section is not restored");
            }
            ops.add(() -> {
                if (st.sectionIndex >= 0 && song != null) {
                    moveToSection(st.sectionIndex, true);
                } else {
                    moveToFree(st.section, true);
                }
            });
        }

        @Override
        public void setDegradation(DegradationLevel level) {
            ops.add(() -> {
                m.forcedDegradation = level;
                syncModeAndDegradation();
            });
        }

        @Override
        public DegradationLevel forcedDegradation() {
            return m.forcedDegradation;
        }

        @Override
        public double intensityStep() {
            return s.intensityStep;
        }
    }

    /** Where the song was, for undo. */
    private record SectionState(int songIndex, int sectionIndex, Section section) {
    }

    // ---------------------------------------------------------------------------------------------- transport

    private void countInNow(int bars) {
        int bpb = meter.beatsPerBar();
        if (playing) {
            releaseAll();
        } else {
            long k = (long) Math.floor(grid.beatAt(now)) + 1;
            lastProcessed = k - 1;
            horizon = k + s.planAheadBeats;
        }
        resetBandmates();
        long start = song != null ? song.startBeat(sectionIndex) : 0;
        startSongAt(start, start - (long) bars * bpb - horizon);
        if (bars > 0) {
            cues.add(Cue.COUNT_IN);
        }
    }

    /**
     * Starts the song at beat {@code start} of the current section: the grid, the planning marks and the commands
     * waiting for a beat move by {@code shift} beats, the chart's first chord is due, every bandmate plays.
     */
    private void startSongAt(long start, long shift) {
        grid.shift(shift);
        lastProcessed += shift;
        horizon += shift;
        for (Pending p : scheduled) {
            p.dueBeat += shift;
        }
        endRewarm();
        songStartBeat = start;
        sectionStart = start;
        playing = true;
        cues.clear();
        if (chartActive()) {
            chord = Chord.NO_CHORD;
            nextChord = currentSongSection().firstChord();
        }
        for (BandmateSlot slot : m.bandmates) {
            slot.active = true;
        }
        gridDirty = true;
    }

    /**
     * The band comes in with the performer (the start with the performer): on the first beat it can still play on
     * time, numbered as if the song had started on the performer's first onset, so its bars and the song's chart
     * line up with what the performer has been playing since.
     */
    private void joinPerformer() {
        long k = (long) Math.floor(grid.beatAt(now)) + 1;
        long firstPlayed = k + s.planAheadBeats;
        long performerStart = firstSoundNanos >= 0 ? Math.round(grid.beatAt(firstSoundNanos)) : firstPlayed;
        long elapsed = Math.max(0, firstPlayed - performerStart);
        lastProcessed = k - 1;
        horizon = firstPlayed;
        resetBandmates();
        long start = song != null ? song.startBeat(sectionIndex) : 0;
        startSongAt(start, start + elapsed - horizon);
        joinedAtNanos = now;
        joinedAtBeat = horizon;
    }

    private void stopBand() {
        firstSoundNanos = -1;
        leftWhilePlaying.clear();
        if (!playing) {
            return;
        }
        playing = false;
        cues.clear();
        releaseAll();
        resetBandmates();
        stoppedBeat = song != null ? song.startBeat(sectionIndex) : 0;
        if (chartActive()) {
            chord = Chord.NO_CHORD;
            nextChord = currentSongSection().firstChord();
        }
    }

    /** The song ended (its last section, or an ending cue): stop, and be ready at its top again. */
    private void endSong() {
        autoStartArmed = false;
        stopBand();
        if (song != null) {
            enterStopped(0);
        }
    }

    private void setTempoNow(double bpm) {
        long at = inBoundary ? grid.timeOf(lastProcessed) : now;
        grid.setPeriod(at, SessionLimits.periodNanos(bpm));
        confidence = 1;
        gridDirty = true;
    }

    private void tapNow(long nanos) {
        if (tapCount > 0) {
            long last = taps[(tapCount - 1) % taps.length];
            if (nanos <= last || nanos - last > TAP_GAP_NANOS) {
                tapCount = 0;
            }
        }
        taps[tapCount % taps.length] = nanos;
        tapCount++;
        int intervals = Math.min(Math.min(tapCount - 1, taps.length - 1), 4);
        if (intervals < 1) {
            return;
        }
        long newest = taps[(tapCount - 1) % taps.length];
        long oldest = taps[(tapCount - 1 - intervals) % taps.length];
        double bpm = 60e9 / ((newest - oldest) / (double) intervals);
        if (bpm >= SessionLimits.MIN_BPM && bpm <= SessionLimits.MAX_BPM) {
            setTempoNow(bpm);
        }
    }

    // ---------------------------------------------------------------------------------------------- the song

    private void loadSetlist(Setlist list) {
        setlist = list;
        songIndex = -1;
        selectSongNow(0);
    }

    private void selectSongNow(int index) {
        stopBand();
        autoStartArmed = true;
        confidentBeats = 0;
        firstSoundNanos = -1;
        song = setlist.songs().get(index);
        songIndex = index;
        meter = song.meter();
        key = song.key() != null ? song.key() : heardKey;
        setTempoNow(song.tempoBpm());
        feel = Feel.NORMAL;
        cues.clear();
        freeHistory.clear();
        enterStopped(0);
        if (!chartActive()) {
            chord = heardChord;
            nextChord = heardChord;
        }
        resetBandmates();
        warmUpSong = new WarmUpSong(song);
        for (BandmateSlot slot : m.bandmates) {
            slot.rewarmLeft = slot.warmUpLeft == 0 ? s.warmUpPlans : 0; // a newcomer's own warm-up uses the song
        }
    }

    private void enterStopped(int index) {
        sectionIndex = index;
        SongSection ss = song.sections().get(index);
        section = ss.section();
        nextSection = index + 1 < song.sections().size() ? song.sections().get(index + 1).section() : null;
        sectionSerial++;
        if (!Double.isNaN(ss.intensity())) {
            intensity = ss.intensity();
        }
        stoppedBeat = song.startBeat(index);
        if (ss.hasChart()) {
            chord = Chord.NO_CHORD;
            nextChord = ss.firstChord();
        }
    }

    private void enterSection(int index, long start, boolean jump) {
        sectionIndex = index;
        sectionStart = start;
        SongSection ss = song.sections().get(index);
        section = ss.section();
        nextSection = index + 1 < song.sections().size() ? song.sections().get(index + 1).section() : null;
        sectionSerial++;
        sectionChangedThisStep = true;
        if (!Double.isNaN(ss.intensity())) {
            intensity = ss.intensity();
        }
        if (jump) {
            resetBandmates();
        }
    }

    private void moveToSection(int index, boolean jump) {
        if (!playing) {
            enterStopped(index);
            return;
        }
        enterSection(index, sectionStartHere(), jump);
        if (inBoundary) {
            updateChart(lastProcessed);
        } else if (chartActive()) {
            nextChord = currentSongSection().firstChord();
        }
    }

    private void moveToFree(Section free, boolean remember) {
        if (remember && section != null) {
            freeHistory.push(section);
            while (freeHistory.size() > 32) {
                freeHistory.removeLast();
            }
        }
        section = free;
        nextSection = null;
        sectionSerial++;
        sectionChangedThisStep = true;
        if (playing) {
            sectionStart = sectionStartHere();
        }
    }

    /** @return where a section entered now starts: this bar line, or the next one when between bar lines */
    private long sectionStartHere() {
        int bpb = meter.beatsPerBar();
        long bar = inBoundary ? lastProcessed : lastProcessed + 1;
        bar = Math.floorDiv(bar + bpb - 1, bpb) * bpb;
        return Math.max(bar, songStartBeat);
    }

    private void nextSectionNow() {
        if (song != null) {
            if (sectionIndex + 1 < song.sections().size()) {
                moveToSection(sectionIndex + 1, false);
            } else if (playing) {
                cues.add(Cue.ENDING); // past the last section: the band ends after this bar
                endingSetAt = lastProcessed;
            }
            return;
        }
        SectionKind kind = section.kind();
        moveToFree(Section.named(kind == SectionKind.VERSE ? "chorus" : "verse", 0), true);
    }

    private void previousSectionNow() {
        if (song != null) {
            moveToSection(Math.max(0, sectionIndex - 1), true);
            return;
        }
        Section before = freeHistory.poll();
        if (before != null) {
            moveToFree(before, false);
        }
    }

    private int findSection(String name) {
        List<SongSection> list = song.sections();
        int n = list.size();
        int from = Math.max(0, sectionIndex);
        for (int i = 0; i < n; i++) {
            int j = (from + 1 + i) % n;
            if (list.get(j).section().name().equalsIgnoreCase(name)) {
                return j;
            }
        }
        SectionKind kind = SectionKind.fromName(name);
        if (kind != SectionKind.CUSTOM) {
            for (int i = 0; i < n; i++) {
                int j = (from + 1 + i) % n;
                if (list.get(j).section().kind() == kind) {
                    return j;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (SongSection ss : list) {
            names.add(ss.section().name());
        }
        throw new IllegalArgumentException("no section \"" + name + "\" in \"" + song.title() + "\" (sections: "
                + String.join(", ", names) + ")");
    }

    private void advanceSong(long b) {
        if (song == null) {
            return;
        }
        int bpb = meter.beatsPerBar();
        if (cues.contains(Cue.HOLD)) {
            if (b > sectionStart) {
                sectionStart += bpb; // holding: the song does not move on
            }
            return;
        }
        int length = section.lengthBars();
        if (!sectionChangedThisStep && length > 0 && b >= sectionStart + (long) length * bpb) {
            if (sectionIndex + 1 < song.sections().size()) {
                enterSection(sectionIndex + 1, b, false);
            } else {
                endSong();
                return;
            }
        }
        int last = song.sections().size() - 1;
        length = section.lengthBars();
        if (sectionIndex == last && length > 0 && b == sectionStart + (long) (length - 1) * bpb
                && !cues.contains(Cue.ENDING)) {
            cues.add(Cue.ENDING); // the last bar of the song: the band plays its ending
            endingSetAt = b;
        }
    }

    private SongSection currentSongSection() {
        return song == null || sectionIndex < 0 ? null : song.sections().get(sectionIndex);
    }

    private boolean chartActive() {
        SongSection ss = currentSongSection();
        return ss != null && ss.hasChart();
    }

    private void updateChart(long b) {
        if (cues.contains(Cue.HOLD)) {
            return;
        }
        SongSection ss = currentSongSection();
        if (ss == null || !ss.hasChart()) {
            chord = heardChord;
            nextChord = heardChord;
            return;
        }
        if (b < songStartBeat || b < sectionStart) {
            if (b < songStartBeat) {
                chord = Chord.NO_CHORD;
            }
            nextChord = ss.firstChord();
            return;
        }
        int bpb = meter.beatsPerBar();
        long rel = b - sectionStart;
        long bar = rel / bpb;
        long beat = rel % bpb;
        chord = ss.chordAt(bar, beat, bpb);
        Chord after = ss.chordAfter(bar, beat, bpb);
        if (after == null) {
            SongSection following = sectionIndex + 1 < song.sections().size()
                    ? song.sections().get(sectionIndex + 1) : null;
            after = following != null && following.hasChart() ? following.firstChord() : chord;
        }
        nextChord = after;
    }

    // ---------------------------------------------------------------------------------------------- agents

    private long plan(long b) {
        long from = horizon;
        long to = b + s.planAheadBeats + 1;
        if (to <= from) {
            return 0;
        }
        horizon = to;
        MusicalContext ctx = published;
        NoteScheduler scheduler = m.scheduler;
        int bpb = meter.beatsPerBar();
        long total = 0;
        for (BandmateSlot slot : m.bandmates) {
            if (slot.warmUpLeft != 0) {
                continue; // still warming up
            }
            if (!slot.active) {
                if (mode == SystemMode.PERFORMANCE) {
                    continue; // on stage a newcomer waits for the band to stop
                }
                slot.active = true;
            }
            total += planSlot(slot, ctx, from, to, scheduler, bpb);
        }
        return total;
    }

    /** Plans one bandmate's window, timed and supervised; @return the time the call took (0 if not called) */
    private long planSlot(BandmateSlot slot, MusicalContext ctx, double from, long to, NoteScheduler scheduler,
            int bpb) {
        if (muted.contains(slot.id)) {
            return 0;
        }
        if (degradation == DegradationLevel.MINIMAL && !s.essentialRoles.contains(slot.role)) {
            return 0;
        }
        if (!slot.stats.mayCall(now)) {
            return 0;
        }
        sink.begin(from, to);
        boolean threw = false;
        long c0 = compute.getAsLong();
        long t0 = stopwatch.getAsLong();
        try {
            slot.bandmate.plan(ctx, from, to, sink);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            threw = true;
        }
        long dt = stopwatch.getAsLong() - t0;
        long cpu = compute.getAsLong() - c0;
        sink.end();
        boolean wasDegraded = slot.stats.degraded();
        boolean fault = slot.stats.record(dt, cpu, threw || sink.invalid() > 0, s.bandmateBudgetNanos, now,
                retryNanos(bpb), s);
        // an overrun window is dropped, except during the agent's warm-up calls (then it is no fault); an overrun is
        // compute over the budget, or the session thread held past the deadline (a call that blocked)
        boolean overran = cpu > s.bandmateBudgetNanos || dt > s.agentDeadlineNanos;
        if (!threw && (!overran || !fault)) {
            try {
                sink.forward(scheduler, slot.id);
                if (scheduler != null) {
                    notesForwarded += sink.size();
                }
            } catch (RuntimeException e) {
                schedulerFaults++;
            }
        }
        if (!wasDegraded && slot.stats.degraded()) {
            LOG.warn("Bandmate {} is degraded after repeated faults (threw, overran {} us, or wrote invalid "
                    + "notes); retried in {} bars", slot.id, s.bandmateBudgetNanos / 1000, s.retryBars);
            releaseNotes(slot.id);
        }
        return dt;
    }

    /**
     * A bandmate that joins while the band plays is planned at once for what the others have already planned and is
     * still far enough ahead to be heard on time, so it comes in at the next beat, not a beat later.
     */
    private void joinNewcomers() {
        if (!playing || published == null) {
            return;
        }
        // from the first moment its notes can still be sent on time: mid-beat if need be (a drummer comes back on
        // the next eighth, not on the next beat); the others' notes up to the horizon are already planned
        double start = Math.max(grid.beatAt(now + JOIN_LEAD_NANOS), lastProcessed);
        for (BandmateSlot slot : m.bandmates) {
            if (slot.active || slot.warmUpLeft != 0) {
                continue;
            }
            // on stage a newcomer waits for the band to stop, but a member replaced by a new version or style of
            // itself (same id: a plugin updated mid-song) takes its place again at once
            if (mode == SystemMode.PERFORMANCE && !leftWhilePlaying.remove(slot.id)) {
                continue;
            }
            slot.active = true;
            if (start < horizon) {
                planSlot(slot, published, start, horizon, m.scheduler, meter.beatsPerBar());
            }
        }
    }

    private long notifyListeners(Set<ContextChange> delivered) {
        if (delivered == null || delivered.isEmpty()) {
            return 0;
        }
        MusicalContext ctx = published;
        int bpb = meter.beatsPerBar();
        long total = 0;
        for (ListenerSlot slot : m.listeners) {
            Set<ContextChange> filter = slot.filter;
            if (filter != null && Collections.disjoint(filter, delivered)) {
                continue;
            }
            if (!slot.stats.mayCall(now)) {
                continue;
            }
            boolean threw = false;
            long c0 = compute.getAsLong();
            long t0 = stopwatch.getAsLong();
            try {
                slot.listener.contextChanged(ctx, delivered);
            } catch (Throwable t) {
                rethrowIfFatal(t);
                threw = true;
            }
            long dt = stopwatch.getAsLong() - t0;
            long cpu = compute.getAsLong() - c0;
            total += dt;
            boolean wasDegraded = slot.stats.degraded();
            slot.stats.record(dt, cpu, threw, s.listenerBudgetNanos, now, retryNanos(bpb), s);
            if (!wasDegraded && slot.stats.degraded()) {
                LOG.warn("Context listener {} is degraded after repeated faults; retried in {} bars", slot.id,
                        s.retryBars);
            }
        }
        return total;
    }

    private long retryNanos(int bpb) {
        return Math.round((double) s.retryBars * bpb * grid.periodNanos());
    }

    /**
     * The automatic degradation rule: a beat whose agents took longer than the step budget is an overload; overloads
     * in {@code overloadBeats} of the last {@code overloadWindowBeats} beats take the level one step down, and
     * {@code recoverBeats} beats in a row without one take it one step back up. Hysteresis: a step up that is
     * followed by a step down before it held as long doubles the quiet period the next step up needs (up to 16
     * times), so a load that only the lower level can carry does not make the level flap; a full quiet period at
     * FULL brings it back to {@code recoverBeats}.
     */
    private void overload(long agentNanos) {
        boolean over = agentNanos > s.stepBudgetNanos;
        long mask = (1L << s.overloadWindowBeats) - 1;
        overloadBits = ((overloadBits << 1) | (over ? 1 : 0)) & mask;
        quietBeats = over ? 0 : quietBeats + 1;
        beatsSinceStepUp++;
        if (recoverNeeded < s.recoverBeats) {
            recoverNeeded = s.recoverBeats;
        }
        if (m.forcedDegradation != null) {
            return;
        }
        DegradationLevel[] levels = DegradationLevel.values();
        if (Long.bitCount(overloadBits) >= s.overloadBeats && autoLevel.ordinal() < levels.length - 1) {
            if (beatsSinceStepUp <= recoverNeeded) {
                recoverNeeded = Math.min(recoverNeeded * 2, s.recoverBeats * 16);
            }
            autoLevel = levels[autoLevel.ordinal() + 1];
            overloadBits = 0;
            LOG.warn("Overload: agents took {} us this beat (budget {} us); degradation steps down to {}",
                    agentNanos / 1000, s.stepBudgetNanos / 1000, autoLevel);
        } else if (quietBeats >= recoverNeeded && autoLevel.ordinal() > 0) {
            autoLevel = levels[autoLevel.ordinal() - 1];
            quietBeats = 0;
            beatsSinceStepUp = 0;
        } else if (autoLevel == DegradationLevel.FULL && quietBeats >= recoverNeeded) {
            recoverNeeded = s.recoverBeats;
        }
        setLevel(autoLevel);
    }

    private void resetBandmates() {
        for (BandmateSlot slot : m.bandmates) {
            resetBandmate(slot);
        }
    }

    private void resetBandmate(BandmateSlot slot) {
        try {
            slot.bandmate.reset();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            LOG.warn("Bandmate {} failed to reset: {}", slot.id, t.toString());
        }
    }

    private void releaseNotes(String id) {
        NoteScheduler scheduler = m.scheduler;
        if (scheduler != null) {
            try {
                scheduler.release(id);
            } catch (RuntimeException e) {
                schedulerFaults++;
            }
        }
    }

    private void releaseAll() {
        NoteScheduler scheduler = m.scheduler;
        if (scheduler != null) {
            try {
                scheduler.releaseAll();
            } catch (RuntimeException e) {
                schedulerFaults++;
            }
        }
    }

    private void release(String bandmateId) {
        releaseNotes(bandmateId);
        if (playing) {
            leftWhilePlaying.add(bandmateId);
        }
    }

    /** Ids of bandmates that left while the band played: a new version under the same id is a replacement. */
    private final Set<String> leftWhilePlaying = new HashSet<>();

    // ---------------------------------------------------------------------------------------------- publishing

    private double currentBeat() {
        if (!playing) {
            return stoppedBeat;
        }
        if (inBoundary) {
            return lastProcessed;
        }
        double position = grid.beatAt(now);
        return Math.min(Math.max(position, lastProcessed), lastProcessed + 0.999_999);
    }

    /**
     * Builds and publishes the next snapshot, working out what changed.
     *
     * @return the changes to tell the listeners (immutable, possibly empty)
     */
    private Set<ContextChange> publish() {
        MusicalContext prev = published;
        double bpm = bpm();
        if (Math.abs(bpm - notifiedBpm) >= TEMPO_NOTIFY_BPM) {
            changes.add(ContextChange.TEMPO);
            notifiedBpm = bpm;
        }
        if (!chord.equals(prev.chord()) || !nextChord.equals(prev.nextChord())) {
            changes.add(ContextChange.CHORD);
        }
        if (!Objects.equals(key, prev.key().orElse(null))) {
            changes.add(ContextChange.KEY);
        }
        if (sectionSerial != publishedSectionSerial || !meter.equals(prev.meter())
                || !Objects.equals(nextSection, prev.nextSection().orElse(null))) {
            changes.add(ContextChange.SECTION);
            publishedSectionSerial = sectionSerial;
        }
        if (!dynamics.equals(prev.dynamics()) || intensity != prev.intensity()) {
            changes.add(ContextChange.DYNAMICS);
        }
        if (mode != prev.mode()) {
            changes.add(ContextChange.MODE);
        }
        if (degradation != prev.degradation()) {
            changes.add(ContextChange.DEGRADATION);
        }
        if (playing != prev.playing()) {
            changes.add(ContextChange.TRANSPORT);
        }
        if (feel != prev.feel() || !cues.equals(prev.cues())) {
            changes.add(ContextChange.CUE);
        }
        MusicalContext next = snapshot();
        published = next;
        gridDirty = false;
        dirty = false;
        m.publish(next, quantView(), songView());
        Set<ContextChange> delivered = changes.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(changes));
        changes.clear();
        return delivered;
    }

    private double bpm() {
        return Math.max(Tempo.MIN_BPM, Math.min(Tempo.MAX_BPM, grid.bpm()));
    }

    /** @return the context as the state is now, following the published one (not published itself) */
    private MusicalContext snapshot() {
        MusicalContext prev = published;
        long timestamp = playing && inBoundary ? grid.timeOf(lastProcessed) : now;
        long nextBeat = playing ? grid.timeOf(lastProcessed + 1) : grid.timeOf(Math.floor(grid.beatAt(now)) + 1);
        double bpm = bpm();
        return prev.next()
                .at(timestamp, currentBeat())
                .nextBeatNanos(nextBeat)
                .mode(mode)
                .degradation(degradation)
                .playing(playing)
                .tempo(bpm == prev.tempo().bpm() ? prev.tempo() : new Tempo(bpm), Math.max(0, Math.min(1, confidence)))
                .meter(meter)
                .chords(chord, nextChord)
                .key(key)
                .dynamics(dynamics)
                .intensity(intensity)
                .sections(section, nextSection)
                .feel(feel)
                .cues(cues)
                .build();
    }

    private QuantView quantView() {
        SongSection ss = currentSongSection();
        int phrase = song != null ? song.phraseBars() : s.phraseBars;
        return new QuantView(playing, meter.beatsPerBar(), sectionStart, ss == null ? 0 : ss.section().lengthBars(),
                phrase);
    }

    // ---------------------------------------------------------------------------------------------- status

    /**
     * Where the song is, for the shell and tools: published with each snapshot. Immutable.
     *
     * @param setlist      the setlist, or null
     * @param songIndex    the current song's index, or -1
     * @param song         the current song, or null
     * @param sectionIndex the current section's index in the song, or -1
     * @param sectionStart the beat at which the current section started
     * @param muted        the muted bandmates' ids
     */
    record SongView(Setlist setlist, int songIndex, Song song, int sectionIndex, long sectionStart,
            Set<String> muted) {
    }

    private SongView songView() {
        return new SongView(setlist, songIndex, song, sectionIndex, sectionStart, muted);
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }
}
