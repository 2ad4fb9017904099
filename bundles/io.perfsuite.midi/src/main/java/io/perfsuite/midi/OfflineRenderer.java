// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * Renders MIDI to a 16-bit stereo WAV file with the JDK's built-in synthesizer (Gervill), faster than real time:
 * the synthesizer is opened as a stream ({@code AudioSynthesizer.openStream}) instead of on an audio device, every
 * event is sent with its time stamp, and the stream is read for as long as the music plus a tail for the release.
 *
 * <p>{@code AudioSynthesizer} is in {@code com.sun.media.sound}, which {@code java.desktop} does not export: the JVM
 * must run with {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} (or the launcher jar's manifest
 * {@code Add-Exports: java.desktop/com.sun.media.sound}); without it {@link #render} fails with an
 * {@link IOException} saying so.
 *
 * <p><b>Threading:</b> an instance holds only its settings and may be used from any thread; each render opens its
 * own synthesizer. Rendering blocks (it does file I/O): never call it on the audio, session or scheduler thread.
 */
public final class OfflineRenderer {

    /**
     * One timed MIDI channel message.
     *
     * @param timeNanos when, in nanoseconds from the start of the rendering, &gt;= 0
     * @param command   {@link ShortMessage#NOTE_ON}, {@link ShortMessage#NOTE_OFF},
     *                  {@link ShortMessage#CONTROL_CHANGE} or {@link ShortMessage#PROGRAM_CHANGE}
     * @param channel   0..15
     * @param data1     the note, controller or program, 0..127
     * @param data2     the velocity or value, 0..127 (0 for a program change)
     */
    public record Event(long timeNanos, int command, int channel, int data1, int data2) {

        /** Validates the event. */
        public Event {
            if (timeNanos < 0 || channel < 0 || channel > 15 || data1 < 0 || data1 > 127 || data2 < 0 || data2 > 127
                    || (command != ShortMessage.NOTE_ON && command != ShortMessage.NOTE_OFF
                    && command != ShortMessage.CONTROL_CHANGE && command != ShortMessage.PROGRAM_CHANGE)) {
                throw new IllegalArgumentException("not a valid timed channel message: " + timeNanos + " " + command
                        + " " + channel + " " + data1 + " " + data2);
            }
        }

        /** @return a note-on at a time (seconds) */
        public static Event noteOn(double seconds, int channel, int note, int velocity) {
            return new Event(Math.round(seconds * 1e9), ShortMessage.NOTE_ON, channel, note, velocity);
        }

        /** @return a note-off at a time (seconds) */
        public static Event noteOff(double seconds, int channel, int note) {
            return new Event(Math.round(seconds * 1e9), ShortMessage.NOTE_OFF, channel, note, 0);
        }

        /** @return a program change at a time (seconds) */
        public static Event program(double seconds, int channel, int program) {
            return new Event(Math.round(seconds * 1e9), ShortMessage.PROGRAM_CHANGE, channel, program, 0);
        }

        /** @return a controller change at a time (seconds) */
        public static Event control(double seconds, int channel, int controller, int value) {
            return new Event(Math.round(seconds * 1e9), ShortMessage.CONTROL_CHANGE, channel, controller, value);
        }
    }

    /**
     * What a rendering produced.
     *
     * @param file          the WAV file
     * @param frames        sample frames written
     * @param sampleRate    frames per second
     * @param renderSeconds wall-clock time the rendering took
     */
    public record Result(Path file, long frames, float sampleRate, double renderSeconds) {
        /** @return the duration of the audio in seconds */
        public double seconds() {
            return frames / (double) sampleRate;
        }

        /** @return how many times faster than real time it rendered */
        public double speed() {
            return seconds() / Math.max(renderSeconds, 1e-9);
        }
    }

    private final Path soundfont;
    private final float sampleRate;

    /**
     * @param soundfont  an SF2 (or DLS) file, or null for the JDK's built-in sound set
     * @param sampleRate frames per second, e.g. 44100
     */
    public OfflineRenderer(Path soundfont, float sampleRate) {
        if (!(sampleRate >= 8000 && sampleRate <= 192000)) {
            throw new IllegalArgumentException("sample rate must be 8000..192000, was " + sampleRate);
        }
        this.soundfont = soundfont;
        this.sampleRate = sampleRate;
    }

    /**
     * @return the General MIDI soundfont the show's synthesizer loads when none is configured (Debian's FluidR3 or
     *     TimGM6mb when installed), or null for the JDK's built-in sound set
     */
    public static Path defaultSoundfont() {
        return io.perfsuite.midi.internal.Soundfonts.choose(null);
    }

    /**
     * Renders timed events.
     *
     * @param events      the events, in any order
     * @param tailSeconds silence rendered after the last event, for releases and reverb (&gt;= 0)
     * @param wav         the file to write (replaced)
     * @return what was written
     * @throws IOException if the synthesizer cannot be opened as a stream, the soundfont cannot be read or the file
     *     cannot be written
     */
    public Result render(List<Event> events, double tailSeconds, Path wav) throws IOException {
        Objects.requireNonNull(wav, "wav");
        if (!(tailSeconds >= 0)) {
            throw new IllegalArgumentException("tail must be >= 0 s, was " + tailSeconds);
        }
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::timeNanos));
        long endNanos = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).timeNanos();
        long frames = (long) Math.ceil((endNanos / 1e9 + tailSeconds) * sampleRate);
        long started = System.nanoTime();
        AudioFormat format = new AudioFormat(sampleRate, 16, 2, true, false);
        Synthesizer synth = openSynthesizer();
        try {
            AudioInputStream stream = openStream(synth, format);
            if (soundfont != null) {
                Soundbank bank = MidiSystem.getSoundbank(soundfont.toFile());
                if (!synth.loadAllInstruments(bank)) {
                    throw new IOException("soundfont " + soundfont + " could not be loaded");
                }
            }
            Receiver receiver = synth.getReceiver();
            for (Event e : sorted) {
                ShortMessage m = new ShortMessage(e.command(), e.channel(), e.data1(), e.data2());
                receiver.send(m, e.timeNanos() / 1000); // Gervill plays time-stamped messages at their sample
            }
            writeWav(stream, format, frames, wav);
        } catch (InvalidMidiDataException | MidiUnavailableException e) {
            throw new IOException("cannot render: " + e.getMessage(), e);
        } finally {
            synth.close();
        }
        return new Result(wav, frames, sampleRate, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Renders a sequence (a Standard MIDI File read with {@link MidiSystem#getSequence}), following its tempo map.
     *
     * @param sequence    the sequence
     * @param tailSeconds silence after the last event
     * @param wav         the file to write
     * @return what was written
     * @throws IOException as {@link #render(List, double, Path)}
     */
    public Result render(Sequence sequence, double tailSeconds, Path wav) throws IOException {
        return render(events(sequence), tailSeconds, wav);
    }

    /**
     * Turns a sequence into timed events: ticks become nanoseconds through the tempo map (set-tempo meta events on
     * any track; 120 BPM until the first), or through the frame rate for SMPTE divisions.
     *
     * @param sequence the sequence
     * @return its channel messages (note, controller, program), in time order
     */
    public static List<Event> events(Sequence sequence) {
        List<MidiEvent> all = new ArrayList<>();
        for (Track t : sequence.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                all.add(t.get(i));
            }
        }
        all.sort(Comparator.comparingLong(MidiEvent::getTick));
        List<Event> out = new ArrayList<>();
        boolean ppq = sequence.getDivisionType() == Sequence.PPQ;
        double resolution = sequence.getResolution();
        double nanosPerTick = ppq ? 500_000e3 / resolution : 1e9 / (sequence.getDivisionType() * resolution);
        long lastTick = 0;
        double nanos = 0;
        for (MidiEvent e : all) {
            nanos += (e.getTick() - lastTick) * nanosPerTick;
            lastTick = e.getTick();
            MidiMessage m = e.getMessage();
            if (m instanceof MetaMessage meta && meta.getType() == 0x51 && ppq && meta.getData().length == 3) {
                byte[] d = meta.getData();
                int micros = ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff);
                nanosPerTick = micros * 1e3 / resolution;
            } else if (m instanceof ShortMessage s) {
                int cmd = s.getCommand();
                if (cmd == ShortMessage.NOTE_ON || cmd == ShortMessage.NOTE_OFF || cmd == ShortMessage.CONTROL_CHANGE
                        || cmd == ShortMessage.PROGRAM_CHANGE) {
                    out.add(new Event(Math.round(nanos), cmd, s.getChannel(), s.getData1(),
                            cmd == ShortMessage.PROGRAM_CHANGE ? 0 : s.getData2()));
                }
            }
        }
        return out;
    }

    private static Synthesizer openSynthesizer() throws IOException {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        // Java Sound finds its providers through the context class loader; in OSGi that is a bundle's loader
        current.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            return MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new IOException("no synthesizer: " + e.getMessage(), e);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private AudioInputStream openStream(Synthesizer synth, AudioFormat format) throws IOException {
        Map<String, Object> info = new HashMap<>();
        // with a soundfont of our own, skip loading (or generating) the default set: seconds saved per render
        info.put("load default soundbank", soundfont == null);
        try {
            Method open = synth.getClass().getMethod("openStream", AudioFormat.class, Map.class);
            return (AudioInputStream) open.invoke(synth, format, info);
        } catch (NoSuchMethodException e) {
            throw new IOException("the JDK's synthesizer " + synth.getClass().getName()
                    + " cannot render offline (no AudioSynthesizer.openStream)", e);
        } catch (IllegalAccessException e) {
            throw new IOException("offline rendering needs the JVM option "
                    + "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED", e);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot open the synthesizer as a stream: " + e.getCause(), e.getCause());
        }
    }

    private static void writeWav(AudioInputStream stream, AudioFormat format, long frames, Path wav)
            throws IOException {
        int frameSize = format.getFrameSize();
        long dataBytes = frames * frameSize;
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IOException("rendering too long for a WAV file: " + frames + " frames");
        }
        Path parent = wav.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(wav), 1 << 16)) {
            out.write(header(format, dataBytes));
            byte[] buffer = new byte[frameSize * 4096];
            long left = dataBytes;
            while (left > 0) {
                int n = stream.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n <= 0) {
                    throw new IOException("the synthesizer stream ended early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static byte[] header(AudioFormat f, long dataBytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int channels = f.getChannels();
        int rate = Math.round(f.getSampleRate());
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
        b.putShort((short) channels).putInt(rate).putInt(rate * f.getFrameSize()).putShort((short) f.getFrameSize());
        b.putShort((short) f.getSampleSizeInBits());
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.array();
    }
}
