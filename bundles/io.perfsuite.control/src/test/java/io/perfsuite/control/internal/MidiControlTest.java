// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Sequence;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.control.internal.MidiMapper.Counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MIDI mapped to commands, through javax.sound.midi: messages built by JavaSound sent to the mapper as a
 * {@link javax.sound.midi.Receiver}, and a whole performance played by JavaSound's own "Real Time Sequencer" device,
 * found by name and connected by the component exactly as a hardware controller would be.
 */
class MidiControlTest {

    private static final String[] MAPPINGS = {"note:60=next-section", "cc:64:127=fill",
        "pc:3=goto-section name=chorus", "note:62=tap-tempo", "cc:80=ending quantize=bar", "ch2:note:36=tap-tempo",
        "note:70=no-such-command"};

    private final RecordingSessionManager session = new RecordingSessionManager();
    private MidiControl control;

    @AfterEach
    void stop() {
        if (control != null) {
            control.deactivate();
        }
    }

    private MidiMapper mapper(int channel) {
        return new MidiMapper(() -> session, MidiMapping.parse(MAPPINGS), channel);
    }

    private static ShortMessage shortMessage(int command, int channel, int data1, int data2) throws Exception {
        return new ShortMessage(command, channel - 1, data1, data2);
    }

    /** A message as a broken driver could deliver it, bytes as they are. */
    private static MidiMessage raw(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new MidiMessage(b) {
            @Override
            public Object clone() {
                return this;
            }
        };
    }

    @Test
    void mappedNotesControllersAndProgramsSubmitTheirCommands() throws Exception {
        MidiMapper m = mapper(0);
        m.send(shortMessage(ShortMessage.NOTE_ON, 1, 60, 90), -1);
        m.send(shortMessage(ShortMessage.CONTROL_CHANGE, 5, 64, 127), -1);
        m.send(shortMessage(ShortMessage.PROGRAM_CHANGE, 16, 3, 0), -1);
        m.send(shortMessage(ShortMessage.CONTROL_CHANGE, 1, 80, 100), -1);
        m.send(shortMessage(ShortMessage.NOTE_ON, 2, 36, 1), -1);

        QueuedCommand a = session.next();
        assertEquals("next-section", a.name());
        assertEquals(Quantization.NOW, a.quantization());
        assertEquals("fill", session.next().name());
        QueuedCommand pc = session.next();
        assertEquals("goto-section", pc.name());
        assertEquals(Map.of("name", "chorus"), pc.arguments());
        QueuedCommand ending = session.next();
        assertEquals("ending", ending.name());
        assertEquals(Quantization.BAR, ending.quantization());
        assertEquals("tap-tempo", session.next().name());
        assertEquals(5, m.count(Counter.FIRED));
    }

    @Test
    void ignoresAndCountsWhatIsNotMapped() throws Exception {
        MidiMapper m = mapper(0);
        m.send(shortMessage(ShortMessage.NOTE_ON, 1, 61, 90), -1); // unmapped note
        m.send(shortMessage(ShortMessage.NOTE_OFF, 1, 60, 0), -1);
        m.send(shortMessage(ShortMessage.NOTE_ON, 1, 60, 0), -1); // velocity 0: a note-off
        m.send(shortMessage(ShortMessage.CONTROL_CHANGE, 1, 64, 100), -1); // mapped to exactly 127
        m.send(shortMessage(ShortMessage.PITCH_BEND, 1, 0, 64), -1);
        m.send(new ShortMessage(ShortMessage.ACTIVE_SENSING), -1);
        m.send(new ShortMessage(ShortMessage.TIMING_CLOCK), -1);
        m.send(new SysexMessage(new byte[] {(byte) 0xf0, 0x7e, 0x7f, 0x06, 0x01, (byte) 0xf7}, 6), -1);
        m.send(raw(60, 100), -1); // running status with no status byte
        m.send(raw(0x90, 60), -1); // a note-on cut short
        m.send(raw(0x90, 60, 0xff), -1); // a data byte with the high bit set
        m.send(raw(), -1);
        m.send(shortMessage(ShortMessage.NOTE_ON, 1, 36, 100), -1); // mapped on channel 2 only

        assertTrue(session.submitted.isEmpty());
        assertEquals(13, m.count(Counter.RECEIVED));
        assertEquals(1, m.count(Counter.UNMAPPED));
        assertEquals(6, m.count(Counter.IGNORED));
        assertEquals(1, m.count(Counter.SYSEX));
        assertEquals(4, m.count(Counter.MALFORMED));
        assertEquals(1, m.count(Counter.WRONG_CHANNEL));
        assertEquals(0, m.count(Counter.FIRED));
    }

    @Test
    void aSwitchFiresOncePerPressAndTheChannelFilterHolds() throws Exception {
        MidiMapper m = mapper(1);
        int[] values = {127, 127, 0, 0, 127, 64, 0, 100};
        for (int v : values) { // presses: 127 (first), 127 after 0, 100 after 0
            m.send(shortMessage(ShortMessage.CONTROL_CHANGE, 1, 80, v), -1);
        }
        m.send(shortMessage(ShortMessage.NOTE_ON, 3, 60, 100), -1);
        assertEquals(3, m.count(Counter.FIRED));
        assertEquals(1, m.count(Counter.WRONG_CHANNEL));
        assertEquals(3, session.submitted.size());
    }

    @Test
    void refusalsAndAMissingSessionAreCountedNotThrown() throws Exception {
        MidiMapper noSession = new MidiMapper(() -> null, MidiMapping.parse(MAPPINGS), 0);
        noSession.send(shortMessage(ShortMessage.NOTE_ON, 1, 60, 100), -1);
        assertEquals(1, noSession.count(Counter.NO_SESSION));
        MidiMapper m = mapper(0);
        m.send(shortMessage(ShortMessage.NOTE_ON, 1, 70, 100), -1); // the session knows no such command
        assertEquals(1, m.count(Counter.REJECTED));
    }

    @Test
    void aSequencePlayedByJavaSoundsSequencerDeviceDrivesTheCommands() throws Exception {
        control = new MidiControl();
        control.bindSession(session);
        control.activate(Surface.config(MidiControl.Config.class, "device", "real time sequencer",
                "mappings", MAPPINGS));
        MidiDevice device = awaitDevice(control.watcher());
        assertTrue(device instanceof Sequencer, "found by name: " + device.getDeviceInfo().getName());
        Sequencer sequencer = (Sequencer) device;

        Sequence sequence = new Sequence(Sequence.PPQ, 96);
        Track track = sequence.createTrack();
        List<MidiMessage> performance = List.of(
                shortMessage(ShortMessage.NOTE_ON, 1, 60, 100), shortMessage(ShortMessage.NOTE_OFF, 1, 60, 0),
                shortMessage(ShortMessage.NOTE_ON, 1, 61, 100), shortMessage(ShortMessage.NOTE_OFF, 1, 61, 0),
                new SysexMessage(new byte[] {(byte) 0xf0, 0x43, 0x10, 0x4c, (byte) 0xf7}, 5),
                shortMessage(ShortMessage.CONTROL_CHANGE, 1, 80, 127), shortMessage(ShortMessage.CONTROL_CHANGE, 1,
                        80, 0),
                shortMessage(ShortMessage.PROGRAM_CHANGE, 1, 3, 0),
                shortMessage(ShortMessage.NOTE_ON, 2, 36, 110), shortMessage(ShortMessage.NOTE_OFF, 2, 36, 0));
        long tick = 0;
        for (MidiMessage message : performance) {
            track.add(new MidiEvent(message, tick));
            tick += 12; // a 32nd note apart at 96 PPQ
        }
        CountDownLatch ended = new CountDownLatch(1);
        sequencer.addMetaEventListener((MetaMessage meta) -> {
            if (meta.getType() == 0x2f) { // end of track
                ended.countDown();
            }
        });
        sequencer.setSequence(sequence);
        sequencer.setTempoInBPM(300);
        sequencer.start();
        assertTrue(ended.await(10, TimeUnit.SECONDS), "the sequence played to its end");

        List<String> commands = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            QueuedCommand q = session.next();
            commands.add(q.name() + q.arguments() + "@" + q.quantization());
        }
        assertEquals(List.of("next-section{}@NOW", "ending{}@BAR", "goto-section{name=chorus}@NOW",
                "tap-tempo{}@NOW"), commands);
        // At its end the sequencer resets every channel (notes off, CC 123, 64 and 121) and then re-sends the program
        // it "chases", program 3: a real device doing what it does, and the mapping fires for it like for any press.
        QueuedCommand chased = session.next();
        assertEquals("goto-section", chased.name());
        assertTrue(session.submitted.isEmpty());
        MidiMapper m = control.mapper();
        assertEquals(5, m.count(Counter.FIRED));
        assertEquals(1, m.count(Counter.SYSEX));
        assertTrue(m.count(Counter.UNMAPPED) >= 1 + 16 * 2, "note 61, and CC 123 and 121 on each channel");
        String report = control.midi();
        assertTrue(report.contains("connected to 'Real Time Sequencer'"), report);
    }

    @Test
    void aMissingDeviceIsWaitedForAndAnUnpluggedOneLetGoAndTakenBack() throws Exception {
        boolean[] present = {false};
        MidiInputWatcher.Devices hideable = new MidiInputWatcher.Devices() { // the system's devices, one hideable
            @Override
            public MidiDevice.Info[] list() {
                return Arrays.stream(MidiInputWatcher.SYSTEM.list())
                        .filter(i -> present[0] || !i.getName().equals("Real Time Sequencer"))
                        .toArray(MidiDevice.Info[]::new);
            }

            @Override
            public MidiDevice get(MidiDevice.Info info) throws MidiUnavailableException {
                return MidiInputWatcher.SYSTEM.get(info);
            }
        };
        MidiInputWatcher watcher = new MidiInputWatcher("Real Time Sequencer", mapper(0), hideable);
        try {
            watcher.check();
            assertNull(watcher.device());
            assertTrue(watcher.state().startsWith("waiting"), watcher.state());
            watcher.check(); // still missing: logged once, no exception

            present[0] = true;
            watcher.check();
            assertNotNull(watcher.device(), watcher.state());
            MidiDevice first = watcher.device();

            present[0] = false; // unplugged
            watcher.check();
            assertNull(watcher.device());
            assertTrue(!first.isOpen(), "the gone device was closed");

            present[0] = true; // plugged back in
            watcher.check();
            assertNotNull(watcher.device());
        } finally {
            watcher.close();
        }
    }

    @Test
    void withoutADeviceMidiControlIsOff() {
        control = new MidiControl();
        control.activate(Surface.config(MidiControl.Config.class));
        assertNull(control.watcher());
        assertTrue(control.midi().contains("off (no device configured)"), control.midi());
        assertTrue(control.midi().contains("cc:80=next-section"), "the default foot-switch mapping");
    }

    private static MidiDevice awaitDevice(MidiInputWatcher watcher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watcher.device() == null) {
            assertTrue(System.nanoTime() < deadline, "never connected: " + watcher.state());
            Thread.sleep(10);
        }
        return watcher.device();
    }
}
