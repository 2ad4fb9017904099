// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.testkit;

import java.util.concurrent.locks.LockSupport;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import javax.sound.sampled.spi.MixerProvider;

/**
 * A stand-in for an audio interface, which the build machines do not have: a capture device that the JDK's own
 * {@code AudioSystem} lists through its service-provider interface ({@code META-INF/services}), so the code under
 * test finds and opens it exactly as it would a USB interface. Its one capture line delivers 16-bit signed
 * little-endian PCM at the rate and channel count it is opened with, in real time like hardware (a read returns
 * when the frames would have been captured), with the samples a test sets in {@link #feed}.
 */
public final class TestInterface extends MixerProvider {

    /** The device's name, as {@code AudioSystem.getMixerInfo()} lists it. */
    public static final String NAME = "PerfSuite Test Interface";

    /** The samples the interface "hears". */
    @FunctionalInterface
    public interface Feed {
        /**
         * @param frame   the frame, from 0 when the line was opened
         * @param channel the channel, from 0
         * @return the 16-bit sample
         */
        short sample(long frame, int channel);
    }

    /** What the next opened line captures; silence unless a test sets it. */
    public static volatile Feed feed = (frame, channel) -> 0;

    private static final Mixer.Info INFO = new Mixer.Info(NAME, "Performance Suite tests", "a capture device for "
            + "tests", "1.0") {
    };
    private static final AudioFormat ANY = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED,
            AudioSystem.NOT_SPECIFIED, 16, AudioSystem.NOT_SPECIFIED, AudioSystem.NOT_SPECIFIED,
            AudioSystem.NOT_SPECIFIED, false);
    private static final DataLine.Info LINE = new DataLine.Info(TargetDataLine.class, new AudioFormat[] {ANY},
            AudioSystem.NOT_SPECIFIED, AudioSystem.NOT_SPECIFIED);
    private static final Device DEVICE = new Device();

    @Override
    public Mixer.Info[] getMixerInfo() {
        return new Mixer.Info[] {INFO};
    }

    @Override
    public Mixer getMixer(Mixer.Info info) {
        if (info == null || info.equals(INFO)) {
            return DEVICE;
        }
        throw new IllegalArgumentException("not this provider's mixer: " + info);
    }

    /** Behaviour every line and mixer here shares: no controls, no listeners to speak of. */
    private abstract static class Plain implements Line {
        @Override
        public Control[] getControls() {
            return new Control[0];
        }

        @Override
        public boolean isControlSupported(Control.Type control) {
            return false;
        }

        @Override
        public Control getControl(Control.Type control) {
            throw new IllegalArgumentException("no controls: " + control);
        }

        @Override
        public void addLineListener(LineListener listener) {
        }

        @Override
        public void removeLineListener(LineListener listener) {
        }
    }

    /** The device: one capture line, nothing to play on. */
    private static final class Device extends Plain implements Mixer {
        @Override
        public Mixer.Info getMixerInfo() {
            return INFO;
        }

        @Override
        public Line.Info[] getSourceLineInfo() {
            return new Line.Info[0];
        }

        @Override
        public Line.Info[] getTargetLineInfo() {
            return new Line.Info[] {LINE};
        }

        @Override
        public Line.Info[] getSourceLineInfo(Line.Info info) {
            return new Line.Info[0];
        }

        @Override
        public Line.Info[] getTargetLineInfo(Line.Info info) {
            return LINE.matches(info) ? new Line.Info[] {LINE} : new Line.Info[0];
        }

        @Override
        public boolean isLineSupported(Line.Info info) {
            return info.matches(LINE) || LINE.matches(info);
        }

        @Override
        public Line getLine(Line.Info info) throws LineUnavailableException {
            if (!isLineSupported(info)) {
                throw new IllegalArgumentException("not supported here: " + info);
            }
            return new Capture();
        }

        @Override
        public int getMaxLines(Line.Info info) {
            return isLineSupported(info) ? AudioSystem.NOT_SPECIFIED : 0;
        }

        @Override
        public Line[] getSourceLines() {
            return new Line[0];
        }

        @Override
        public Line[] getTargetLines() {
            return new Line[0];
        }

        @Override
        public void synchronize(Line[] lines, boolean maintainSync) {
            throw new IllegalArgumentException("no synchronization");
        }

        @Override
        public void unsynchronize(Line[] lines) {
            throw new IllegalArgumentException("no synchronization");
        }

        @Override
        public boolean isSynchronizationSupported(Line[] lines, boolean maintainSync) {
            return false;
        }

        @Override
        public Line.Info getLineInfo() {
            return new Line.Info(Mixer.class);
        }

        @Override
        public void open() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }

    /** The capture line: frames become readable when real time reaches them, as with hardware. */
    private static final class Capture extends Plain implements TargetDataLine {
        private volatile AudioFormat format;
        private volatile boolean open;
        private volatile boolean running;
        private volatile int bufferBytes;
        private Feed source;
        private long startNanos;
        private long frame;

        @Override
        public void open(AudioFormat f, int bufferSize) throws LineUnavailableException {
            if (f.getSampleSizeInBits() != 16 || f.isBigEndian() || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED
                    || f.getSampleRate() <= 0 || f.getChannels() < 1) {
                throw new IllegalArgumentException("the test interface captures 16-bit little-endian PCM: " + f);
            }
            format = f;
            bufferBytes = bufferSize > 0 ? bufferSize : (int) f.getSampleRate() / 10 * f.getFrameSize();
            source = feed;
            frame = 0;
            open = true;
        }

        @Override
        public void open(AudioFormat f) throws LineUnavailableException {
            open(f, AudioSystem.NOT_SPECIFIED);
        }

        @Override
        public void open() throws LineUnavailableException {
            open(new AudioFormat(44100, 16, 1, true, false));
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            AudioFormat f = format;
            if (!open || f == null) {
                return 0;
            }
            int frameSize = f.getFrameSize();
            int frames = len / frameSize;
            // the last of these frames is captured at start + (frame + frames) / rate: wait for it, like hardware
            long due = startNanos + Math.round((frame + frames) * 1e9 / f.getSampleRate());
            for (long wait = due - System.nanoTime(); wait > 0 && open; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(Math.min(wait, 5_000_000L));
            }
            if (!open) {
                return 0;
            }
            int p = off;
            for (int i = 0; i < frames; i++, frame++) {
                for (int c = 0; c < f.getChannels(); c++) {
                    short s = source.sample(frame, c);
                    b[p++] = (byte) s;
                    b[p++] = (byte) (s >> 8);
                }
            }
            return frames * frameSize;
        }

        @Override
        public void start() {
            if (!running) {
                startNanos = System.nanoTime() - Math.round(frame * 1e9 / format.getSampleRate());
                running = true;
            }
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public void close() {
            open = false;
            running = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public boolean isActive() {
            return running;
        }

        @Override
        public void drain() {
        }

        @Override
        public void flush() {
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public int getBufferSize() {
            return bufferBytes;
        }

        @Override
        public AudioFormat getFormat() {
            return format == null ? ANY : format;
        }

        @Override
        public int getFramePosition() {
            return (int) frame;
        }

        @Override
        public long getLongFramePosition() {
            return frame;
        }

        @Override
        public long getMicrosecondPosition() {
            return format == null ? 0 : Math.round(frame * 1e6 / format.getSampleRate());
        }

        @Override
        public float getLevel() {
            return AudioSystem.NOT_SPECIFIED;
        }

        @Override
        public Line.Info getLineInfo() {
            return LINE;
        }
    }
}
