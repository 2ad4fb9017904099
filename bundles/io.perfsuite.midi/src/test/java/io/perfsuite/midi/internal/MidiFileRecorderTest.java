// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Tempo;

/** The recorder behind the real scheduler: one named track per bandmate, every note-on with its note-off. */
class MidiFileRecorderTest {

    @TempDir
    Path dir;

    /** Plays a short planned sequence through a scheduler into a recorder and returns the file written on stop. */
    static Path record(Path dir, boolean stopWithNotesHeld) throws Exception {
        MidiFileRecorder.Worker recorder = new MidiFileRecorder.Worker("file",
                dir.resolve("take-{timestamp}.mid").toString(), true);
        recorder.start();
        MidiScheduler scheduler = new MidiScheduler(MidiScheduler.Settings.defaults(),
                ChannelMap.parse(new String[0], true));
        scheduler.addOutput(recorder);
        long now = System.nanoTime();
        AtomicReference<MusicalContext> context = new AtomicReference<>(MusicalContext.initial(now).next()
                .playing(true).tempo(new Tempo(240), 1).at(now, -0.2).build());
        scheduler.contextSource(context::get);
        scheduler.start();
        for (int beat = 0; beat < 8; beat++) { // 2 s at 240 BPM
            scheduler.note("drums", beat, beat % 2 == 0 ? 36 : 38, 110, 0.25);
            scheduler.note("metronome", beat, 76, 80, 0.1); // shares channel 9 with the drums, own track
            scheduler.note("bass", beat, 40 + (beat % 4) * 2, 100, 0.9);
            scheduler.note("keys", beat - beat % 4, 60, 80, 4);
            scheduler.note("keys", beat - beat % 4, 64, 80, 4);
        }
        scheduler.note("keys", 7, 67, 80, stopWithNotesHeld ? 100 : 0.5);
        Thread.sleep(stopWithNotesHeld ? 2000 : 2300);
        scheduler.releaseAll(); // the band stops: the take is written
        Thread.sleep(300);
        scheduler.stop();
        recorder.stop();
        return recorder.lastFile;
    }

    @Test
    void writesOneNamedTrackPerBandmateWithEveryNoteEnded() throws Exception {
        Path file = record(dir, true);
        assertNotNull(file, "a file was written at the stop");
        Sequence s = MidiSystem.getSequence(file.toFile());
        List<String> names = new ArrayList<>();
        int notes = 0;
        for (Track t : s.getTracks()) {
            int[] open = new int[16 * 128];
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).getMessage() instanceof MetaMessage m && m.getType() == 3) {
                    names.add(new String(m.getData(), StandardCharsets.UTF_8));
                } else if (t.get(i).getMessage() instanceof ShortMessage m) {
                    int key = m.getChannel() * 128 + m.getData1();
                    if (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
                        open[key]++;
                        notes++;
                    } else if (m.getCommand() == ShortMessage.NOTE_OFF
                            || m.getCommand() == ShortMessage.NOTE_ON) {
                        open[key]--;
                        assertTrue(open[key] >= 0, "a note-off without its note-on");
                    }
                }
            }
            for (int v : open) {
                assertEquals(0, v, "every note-on has its note-off");
            }
        }
        assertTrue(names.containsAll(List.of("perfsuite", "drums", "metronome", "bass", "keys")), names.toString());
        assertEquals(8 + 8 + 8 + 16 + 1, notes, "every planned note is in the file");
        double seconds = s.getMicrosecondLength() / 1e6;
        assertTrue(seconds > 1.9 && seconds < 2.6, "length " + seconds + " s");
        assertTrue(Files.size(file) > 100);
    }
}
