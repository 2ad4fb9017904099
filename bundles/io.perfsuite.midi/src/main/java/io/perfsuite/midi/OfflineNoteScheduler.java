// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi;

import java.util.List;
import java.util.Map;

import javax.sound.midi.Sequence;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.midi.internal.OfflineScheduler;

/**
 * The show's note scheduler for a file job: the same rules as the live scheduler thread (beats turned into time as
 * late as possible with the newest context, late notes played at once or dropped beyond the tolerance, note-offs
 * and controllers always played, retriggered keys, releases), on a clock the job moves with {@link #advance}. What
 * was played is kept as timed events for {@link OfflineRenderer}, as notes for a report, and as a Standard MIDI File
 * with one track per bandmate.
 *
 * <p><b>Threading:</b> not thread-safe; the job's thread calls everything, the {@link NoteScheduler} methods
 * through the session's step.
 */
public final class OfflineNoteScheduler implements NoteScheduler {

    /** The live scheduler's default: a note-on found more than 20 ms behind its time is dropped. */
    public static final long DEFAULT_LATE_TOLERANCE_NANOS = 20_000_000L;

    /**
     * One note as played.
     *
     * @param bandmate  who planned it
     * @param channel   MIDI channel 0..15
     * @param note      key
     * @param velocity  velocity
     * @param beat      the beat it was planned on
     * @param onNanos   when it started
     * @param offNanos  when it ended, -1 while it sounds
     */
    public record PlayedNote(String bandmate, int channel, int note, int velocity, double beat, long onNanos,
            long offNanos) {
    }

    /**
     * The counters of a run.
     *
     * @param scheduled   notes handed over
     * @param played      notes started
     * @param late        events played after their time (within the tolerance for note-ons)
     * @param droppedLate note-ons dropped because they were further behind than the tolerance
     * @param rejected    calls with values out of range
     * @param unrouted    calls from a bandmate with no channel
     * @param released    releases (mute, leave, stop)
     * @param maxLateMillis the latest event played, behind its time
     */
    public record Counts(long scheduled, long played, long late, long droppedLate, long rejected, long unrouted,
            long released, double maxLateMillis) {
    }

    private final OfflineScheduler impl;

    /**
     * @param channelMap         entries "bandmate=channel:program" as the live scheduler's setting; empty for the
     *                           defaults by id prefix (drums on 10, bass 2, keys 1...)
     * @param lateToleranceNanos a note-on further behind than this is dropped
     * @param startNanos         the clock at the start: tick 0 of the MIDI file
     */
    public OfflineNoteScheduler(String[] channelMap, long lateToleranceNanos, long startNanos) {
        impl = new OfflineScheduler(channelMap, lateToleranceNanos, startNanos);
    }

    @Override
    public void note(String bandmateId, double beat, int note, int velocity, double durationBeats) {
        impl.note(bandmateId, beat, note, velocity, durationBeats);
    }

    @Override
    public void control(String bandmateId, double beat, int controller, int value) {
        impl.control(bandmateId, beat, controller, value);
    }

    @Override
    public void release(String bandmateId) {
        impl.release(bandmateId);
    }

    @Override
    public void releaseAll() {
        impl.releaseAll();
    }

    /**
     * Plays every event due before a time: the live scheduler's work between two steps of the session.
     *
     * @param until   the end of the step, exclusive
     * @param context the context the session published at the start of the step
     */
    public void advance(long until, MusicalContext context) {
        impl.advance(until, context);
    }

    /** @param at ends every sounding note then and drops what is pending (the end of the input) */
    public void finish(long at) {
        impl.finish(at);
    }

    /** @return the played events, in time order, for {@link OfflineRenderer#render(List, double, java.nio.file.Path)} */
    public List<OfflineRenderer.Event> events() {
        return impl.events();
    }

    /** @return every note played */
    public List<PlayedNote> played() {
        return impl.played();
    }

    /** @return the take as a Standard MIDI File sequence (call once, after {@link #finish}); null if silent */
    public Sequence sequence() {
        return impl.sequence();
    }

    /** @return the counters */
    public Counts counts() {
        return impl.counts();
    }

    /** @return each bandmate's channel (0..15) and program */
    public Map<String, int[]> routes() {
        return impl.routes();
    }
}
