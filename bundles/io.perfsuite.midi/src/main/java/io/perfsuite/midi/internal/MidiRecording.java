// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * One take of what the band played, as a Standard MIDI File sequence: a conductor track, then one track per
 * bandmate named by its id. Time is wall-clock time: the file holds one tempo, {@value #BPM} BPM at
 * {@value #PPQ} ticks per quarter note (960 ticks a second), and each event's tick is its {@code nanoTime} since
 * the take's first event, so the file plays back exactly as it was heard, tempo drift included; a DAW's bar lines
 * match the music only when the band played at 120 BPM. Notes still sounding when the take ends get their note-off
 * at the end, so every note-on in the file has its note-off.
 *
 * <p><b>Threading:</b> not thread-safe; used on the recorder's worker thread only.
 */
final class MidiRecording {

    static final int PPQ = 480;
    static final int BPM = 120;
    private static final double TICKS_PER_NANO = PPQ * BPM / 60.0 / 1e9;

    private Sequence sequence;
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private final Map<String, int[]> open = new LinkedHashMap<>();
    private long origin;
    private long lastTick;
    private int notes;

    /** @return whether no note was recorded since the take began */
    boolean isEmpty() {
        return notes == 0;
    }

    /**
     * Records one event.
     *
     * @param kind     {@link HandOffOutput#ON} and the other kinds
     * @param nanoTime when it sounded
     * @param ch       channel
     * @param d1       note, controller or program
     * @param d2       velocity or value
     * @param who      the bandmate, or null (then the track is named by channel)
     */
    void event(int kind, long nanoTime, int ch, int d1, int d2, String who) {
        if (sequence == null) {
            begin(nanoTime);
        }
        long tick = Math.max(0, Math.round((nanoTime - origin) * TICKS_PER_NANO));
        lastTick = Math.max(lastTick, tick);
        if (kind == HandOffOutput.ALL_OFF) {
            for (String name : open.keySet()) {
                closeAll(name, tick);
            }
            return;
        }
        String name = who != null ? who : "channel " + (ch + 1);
        Track track = track(name);
        int[] sounding = open.get(name);
        int key = ch * 128 + d1;
        switch (kind) {
            case HandOffOutput.ON -> {
                add(track, ShortMessage.NOTE_ON, ch, d1, d2, tick);
                sounding[key]++;
                notes++;
            }
            case HandOffOutput.OFF -> {
                if (sounding[key] > 0) { // an off for a note this take never started is left out
                    sounding[key]--;
                    add(track, ShortMessage.NOTE_OFF, ch, d1, 0, tick);
                }
            }
            case HandOffOutput.CC -> add(track, ShortMessage.CONTROL_CHANGE, ch, d1, d2, tick);
            default -> add(track, ShortMessage.PROGRAM_CHANGE, ch, d1, 0, tick);
        }
    }

    /**
     * Begins the take at a given time instead of at its first event (a render whose file starts with the input).
     *
     * @param nanoTime the time of tick 0
     */
    void beginAt(long nanoTime) {
        if (sequence == null) {
            begin(nanoTime);
        }
    }

    /**
     * Ends the take: closes every sounding note at the last event's tick and starts a new take.
     *
     * @return the sequence, or null if nothing was recorded
     */
    Sequence finish() {
        Sequence done = sequence;
        if (done != null) {
            for (String name : open.keySet()) {
                closeAll(name, lastTick);
            }
        }
        boolean empty = notes == 0;
        sequence = null;
        tracks.clear();
        open.clear();
        notes = 0;
        lastTick = 0;
        return empty ? null : done;
    }

    private void begin(long nanoTime) {
        try {
            sequence = new Sequence(Sequence.PPQ, PPQ);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e); // PPQ is a valid division
        }
        origin = nanoTime;
        Track conductor = sequence.createTrack();
        meta(conductor, 0x03, "perfsuite".getBytes(StandardCharsets.US_ASCII));
        int micros = 60_000_000 / BPM;
        meta(conductor, 0x51, new byte[] {(byte) (micros >> 16), (byte) (micros >> 8), (byte) micros});
    }

    private Track track(String name) {
        Track t = tracks.get(name);
        if (t == null) {
            t = sequence.createTrack();
            meta(t, 0x03, name.getBytes(StandardCharsets.UTF_8));
            tracks.put(name, t);
            open.put(name, new int[16 * 128]);
        }
        return t;
    }

    private void closeAll(String name, long tick) {
        int[] sounding = open.get(name);
        Track track = tracks.get(name);
        for (int key = 0; key < sounding.length; key++) {
            while (sounding[key] > 0) {
                sounding[key]--;
                add(track, ShortMessage.NOTE_OFF, key >> 7, key & 127, 0, tick);
            }
        }
    }

    private static void add(Track track, int command, int ch, int d1, int d2, long tick) {
        try {
            track.add(new MidiEvent(new ShortMessage(command, ch, d1, d2), tick));
        } catch (InvalidMidiDataException e) {
            // values are checked by the scheduler
        }
    }

    private static void meta(Track track, int type, byte[] data) {
        try {
            track.add(new MidiEvent(new MetaMessage(type, data, data.length), 0));
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }
}
