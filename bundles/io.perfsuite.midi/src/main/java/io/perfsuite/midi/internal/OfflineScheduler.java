// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.midi.OfflineNoteScheduler;
import io.perfsuite.midi.OfflineRenderer;

/**
 * The rules of {@link MidiScheduler} on a clock the caller moves (see {@link OfflineNoteScheduler}): notes wait in
 * musical time; at each {@link #advance} the earliest beats are turned into time with the context the session
 * published last, so a correction published after a note was planned is followed, as live. A note whose time has
 * passed is played at once (late), or dropped when it is more than the late tolerance behind; note-offs and
 * controllers are always played. A key already sounding on its channel is ended before it is struck again, and it
 * is released only when its last holder ends it.
 */
public final class OfflineScheduler implements NoteScheduler {

    private static final int ON = 0;
    private static final int OFF = 1;
    private static final int CC = 2;

    private static final class Item {
        final long seq;
        final int kind;
        final String who;
        final int channel;
        final int data1;
        final int data2;
        final double beat;
        Item partner; // the note-off of a note-on
        boolean cancelled;

        Item(long seq, int kind, String who, int channel, int data1, int data2, double beat) {
            this.seq = seq;
            this.kind = kind;
            this.who = who;
            this.channel = channel;
            this.data1 = data1;
            this.data2 = data2;
            this.beat = beat;
        }
    }

    private final ChannelMap channels;
    private final long lateToleranceNanos;
    private final PriorityQueue<Item> pending = new PriorityQueue<>((a, b) -> a.beat != b.beat
            ? Double.compare(a.beat, b.beat) : a.kind != b.kind ? Integer.compare(b.kind, a.kind)
            : Long.compare(a.seq, b.seq)); // offs before ons on the same beat
    private final Map<String, ChannelMap.Route> routes = new LinkedHashMap<>();
    private final Map<String, int[]> soundingBy = new HashMap<>();
    private final int[] sounding = new int[16 * 128];
    private final List<OfflineRenderer.Event> events = new ArrayList<>();
    private final List<OfflineNoteScheduler.PlayedNote> played = new ArrayList<>();
    private final Map<Long, Integer> openNotes = new HashMap<>(); // channel*128+key*... -> index into played
    private final MidiRecording recording = new MidiRecording();
    private long seq;
    private long now;
    private long scheduled;
    private long late;
    private long droppedLate;
    private long rejected;
    private long unrouted;
    private long released;
    private long maxLateNanos;

    /**
     * @param channelMap        bandmate=channel:program entries (channels 1..16 as in the live component's setting),
     *                          empty for the defaults by id prefix
     * @param lateToleranceNanos a note-on this late is dropped
     * @param startNanos        the clock at the start (tick 0 of the MIDI file)
     */
    public OfflineScheduler(String[] channelMap, long lateToleranceNanos, long startNanos) {
        this.channels = ChannelMap.parse(channelMap, true);
        this.lateToleranceNanos = lateToleranceNanos;
        this.now = startNanos;
        recording.beginAt(startNanos);
    }

    private ChannelMap.Route route(String who) {
        ChannelMap.Route r = routes.get(who);
        if (r == null) {
            r = channels.route(who);
            if (r == null) {
                return null;
            }
            routes.put(who, r);
            emit(now, ShortMessage.PROGRAM_CHANGE, r.channel(), r.program(), 0, who);
        }
        return r;
    }

    @Override
    public void note(String bandmateId, double beat, int note, int velocity, double durationBeats) {
        if (bandmateId == null || !Double.isFinite(beat) || note < 0 || note > 127 || velocity < 1 || velocity > 127
                || !(durationBeats > 0) || !Double.isFinite(durationBeats)) {
            rejected++;
            return;
        }
        ChannelMap.Route r = route(bandmateId);
        if (r == null) {
            unrouted++;
            return;
        }
        Item on = new Item(seq++, ON, bandmateId, r.channel(), note, velocity, beat);
        Item off = new Item(seq++, OFF, bandmateId, r.channel(), note, 0, beat + durationBeats);
        on.partner = off;
        pending.add(on);
        pending.add(off);
        scheduled++;
    }

    @Override
    public void control(String bandmateId, double beat, int controller, int value) {
        if (bandmateId == null || !Double.isFinite(beat) || controller < 0 || controller > 119 || value < 0
                || value > 127) {
            rejected++;
            return;
        }
        ChannelMap.Route r = route(bandmateId);
        if (r == null) {
            unrouted++;
            return;
        }
        pending.add(new Item(seq++, CC, bandmateId, r.channel(), controller, value, beat));
    }

    @Override
    public void release(String bandmateId) {
        pending.removeIf(i -> i.who.equals(bandmateId) && i.kind != OFF);
        List<Item> offs = new ArrayList<>();
        pending.removeIf(i -> i.who.equals(bandmateId) && i.kind == OFF && offs.add(i));
        int[] mine = soundingBy.get(bandmateId);
        ChannelMap.Route r = routes.get(bandmateId);
        if (mine != null) {
            for (int k = 0; k < mine.length; k++) {
                while (mine[k] > 0) {
                    end(bandmateId, k >> 7, k & 127, now);
                }
            }
        }
        if (r != null) {
            emit(now, ShortMessage.CONTROL_CHANGE, r.channel(), 64, 0, bandmateId);
        }
        released++;
    }

    @Override
    public void releaseAll() {
        for (String who : new ArrayList<>(routes.keySet())) {
            release(who);
        }
        pending.clear();
    }

    /**
     * Plays everything due before a time, turning beats into time with a context.
     *
     * @param until   the end of this step (exclusive)
     * @param context the newest context the session published, or null (then nothing is played)
     */
    public void advance(long until, MusicalContext context) {
        if (context != null) {
            while (!pending.isEmpty()) {
                Item i = pending.peek();
                if (i.cancelled) {
                    pending.poll();
                    continue;
                }
                long due = context.nanosAt(i.beat);
                if (due >= until) {
                    break;
                }
                pending.poll();
                long at = Math.max(due, now);
                long behind = now - due;
                if (behind > 0) {
                    if (i.kind == ON && behind > lateToleranceNanos) {
                        droppedLate++;
                        if (i.partner != null) {
                            i.partner.cancelled = true;
                        }
                        continue;
                    }
                    late++;
                    maxLateNanos = Math.max(maxLateNanos, behind);
                }
                play(i, at);
            }
        }
        now = Math.max(now, until);
    }

    private void play(Item i, long at) {
        switch (i.kind) {
            case ON -> {
                int key = i.channel * 128 + i.data1;
                if (sounding[key] > 0) {
                    // retrigger: end the sounding key first (the holders' count stays as it is)
                    emit(at, ShortMessage.NOTE_OFF, i.channel, i.data1, 0, i.who);
                    closePlayed(key, at);
                }
                sounding[key]++;
                soundingBy.computeIfAbsent(i.who, w -> new int[16 * 128])[key]++;
                emit(at, ShortMessage.NOTE_ON, i.channel, i.data1, i.data2, i.who);
                openNotes.put((long) key, played.size());
                played.add(new OfflineNoteScheduler.PlayedNote(i.who, i.channel, i.data1, i.data2, i.beat, at, -1));
            }
            case OFF -> end(i.who, i.channel, i.data1, at);
            default -> emit(at, ShortMessage.CONTROL_CHANGE, i.channel, i.data1, i.data2, i.who);
        }
    }

    private void end(String who, int channel, int note, long at) {
        int key = channel * 128 + note;
        int[] mine = soundingBy.get(who);
        if (mine == null || mine[key] == 0) {
            return;
        }
        mine[key]--;
        sounding[key]--;
        if (sounding[key] == 0) {
            emit(at, ShortMessage.NOTE_OFF, channel, note, 0, who);
            closePlayed(key, at);
        }
    }

    private void closePlayed(int key, long at) {
        Integer index = openNotes.remove((long) key);
        if (index != null) {
            OfflineNoteScheduler.PlayedNote p = played.get(index);
            played.set(index, new OfflineNoteScheduler.PlayedNote(p.bandmate(), p.channel(), p.note(), p.velocity(),
                    p.beat(), p.onNanos(), at));
        }
    }

    private void emit(long at, int command, int channel, int data1, int data2, String who) {
        long t = Math.max(0, at);
        events.add(new OfflineRenderer.Event(t, command, channel, data1, data2));
        int kind = switch (command) {
            case ShortMessage.NOTE_ON -> HandOffOutput.ON;
            case ShortMessage.NOTE_OFF -> HandOffOutput.OFF;
            case ShortMessage.CONTROL_CHANGE -> HandOffOutput.CC;
            default -> HandOffOutput.PROGRAM;
        };
        recording.event(kind, t, channel, data1, data2, who);
    }

    /**
     * Ends every sounding note at a time and drops what is still pending.
     *
     * @param at the time
     */
    public void finish(long at) {
        now = Math.max(now, at);
        releaseAll();
    }

    /** @return every MIDI event played, in the order played (times never decrease per step) */
    public List<OfflineRenderer.Event> events() {
        List<OfflineRenderer.Event> copy = new ArrayList<>(events);
        copy.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        return Collections.unmodifiableList(copy);
    }

    /** @return every note played, with its times */
    public List<OfflineNoteScheduler.PlayedNote> played() {
        return List.copyOf(played);
    }

    /** @return the take as a Standard MIDI File sequence, one track per bandmate, or null if nothing played */
    public Sequence sequence() {
        return recording.finish();
    }

    /** @return the counters */
    public OfflineNoteScheduler.Counts counts() {
        return new OfflineNoteScheduler.Counts(scheduled, played.size(), late, droppedLate, rejected, unrouted,
                released, maxLateNanos / 1e6);
    }

    /** @return the route of each bandmate that played, as channel (0..15) and program */
    public Map<String, int[]> routes() {
        Map<String, int[]> out = new LinkedHashMap<>();
        routes.forEach((k, v) -> out.put(k, new int[] {v.channel(), v.program()}));
        return out;
    }
}
