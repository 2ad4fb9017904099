// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.audio.internal.AudioSource;

/**
 * Live input from an audio interface through {@code javax.sound.sampled}: 16-bit signed little-endian PCM at the
 * asked sample rate and channel count, mixed to mono by averaging the channels.
 *
 * <p>{@link #open} picks the first mixer whose name contains the asked device name (case-insensitive; an empty
 * name means the system's default capture device) and that has a {@link TargetDataLine} for that format, opens
 * the line with a buffer of {@value #BUFFER_BLOCKS} blocks of {@code maxFrames} and starts it. {@link #read}
 * blocks in {@link TargetDataLine#read} until the frames have arrived, which makes this source the engine's clock.
 *
 * <p><b>Threading:</b> construct, {@link #open}, {@link #describe} and {@link #captureDevices} off the audio
 * thread; hand the opened source to the audio thread through a happens-before edge (thread start, volatile field,
 * concurrent queue). {@link #read} on that one thread only: it allocates nothing, takes no lock of its own and
 * does not log; it blocks only in the device's own read. {@link #close} may be called from another thread: it
 * stops and closes the line, which wakes a blocked read; that read returns the frames that had arrived, then
 * every later read returns -1.
 */
public final class CaptureSource implements AudioSource {

    /** How many blocks of {@code maxFrames} the device buffer holds. */
    public static final int BUFFER_BLOCKS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(CaptureSource.class);
    private static final float SCALE = 1f / 32768f;

    private final String deviceName;
    private final float sampleRate;
    private final int channels;
    private final AudioFormat format;

    /** The open line; null before open and after close. Volatile so that close is seen by a blocked reader. */
    private volatile TargetDataLine line;
    private volatile String mixerName;
    private byte[] bytes;
    private int maxFrames;
    private boolean opened;

    /**
     * A capture source; nothing is opened yet.
     *
     * @param deviceName part of the mixer's name, case-insensitive (e.g. {@code "scarlett"}); empty or null for
     *        the default capture device
     * @param sampleRate in Hz, greater than 0, e.g. 48000
     * @param channels how many input channels to capture (they are averaged to mono), at least 1
     * @throws IllegalArgumentException for a sample rate or channel count out of range
     */
    public CaptureSource(String deviceName, float sampleRate, int channels) {
        if (!(sampleRate > 0) || Float.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, was " + sampleRate);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, was " + channels);
        }
        this.deviceName = deviceName == null ? "" : deviceName.strip();
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.format = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, channels, 2 * channels,
                sampleRate, false);
    }

    /**
     * The names of the mixers that offer a capture line (any format), in the order the JDK lists them. Never
     * throws: a mixer that fails to answer is left out. Off the audio thread.
     *
     * @return the names, possibly empty (no audio interface, or a headless machine)
     */
    public static List<String> captureDevices() {
        List<String> names = new ArrayList<>();
        Mixer.Info[] infos;
        try {
            infos = AudioSystem.getMixerInfo();
        } catch (RuntimeException e) {
            LOG.warn("Cannot list the audio mixers: {}", e.toString());
            return names;
        }
        for (Mixer.Info info : infos) {
            try {
                if (hasCaptureLine(AudioSystem.getMixer(info))) {
                    names.add(info.getName());
                }
            } catch (RuntimeException e) {
                LOG.debug("Mixer {} does not answer: {}", info.getName(), e.toString());
            }
        }
        return names;
    }

    private static boolean hasCaptureLine(Mixer mixer) {
        for (Line.Info target : mixer.getTargetLineInfo()) {
            if (target instanceof DataLine.Info && TargetDataLine.class.isAssignableFrom(target.getLineClass())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the device, opens its capture line in 16-bit PCM at the sample rate and channel count, and starts it.
     * Opening again closes the previous line first.
     *
     * @param maxFrames the largest number of frames one {@link #read} will ask for, at least 1
     * @throws IOException when no device matches (the message names the device asked for and lists the capture
     *         devices there are, or says there are none), when the matching devices do not support the format, or
     *         when the line is busy; the JDK's exception, if any, is the cause
     * @throws IllegalArgumentException when {@code maxFrames} is below 1
     */
    @Override
    public void open(int maxFrames) throws IOException {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        close();
        DataLine.Info wanted = new DataLine.Info(TargetDataLine.class, format);
        Mixer.Info chosen = null;
        List<String> nameMatches = new ArrayList<>();
        Mixer.Info[] infos = AudioSystem.getMixerInfo();
        if (deviceName.isEmpty()) {
            if (!AudioSystem.isLineSupported(wanted)) {
                throw new IOException("no default capture device supports " + formatText() + "; "
                        + devicesText());
            }
        } else {
            String needle = deviceName.toLowerCase(Locale.ROOT);
            for (Mixer.Info info : infos) {
                if (!info.getName().toLowerCase(Locale.ROOT).contains(needle)) {
                    continue;
                }
                try {
                    Mixer mixer = AudioSystem.getMixer(info);
                    if (!hasCaptureLine(mixer)) {
                        continue;
                    }
                    nameMatches.add(info.getName());
                    if (mixer.isLineSupported(wanted)) {
                        chosen = info;
                        break;
                    }
                } catch (RuntimeException e) {
                    LOG.debug("Mixer {} does not answer: {}", info.getName(), e.toString());
                }
            }
            if (chosen == null) {
                if (nameMatches.isEmpty()) {
                    throw new IOException("capture device \"" + deviceName + "\" not found; " + devicesText());
                }
                throw new IOException("capture device \"" + deviceName + "\" matches " + quoted(nameMatches)
                        + " but none of them supports " + formatText());
            }
        }
        String label = chosen == null ? "default capture device" : "capture device \"" + chosen.getName() + "\"";
        TargetDataLine opening;
        try {
            opening = chosen == null
                    ? (TargetDataLine) AudioSystem.getLine(wanted)
                    : (TargetDataLine) AudioSystem.getMixer(chosen).getLine(wanted);
            opening.open(format, BUFFER_BLOCKS * maxFrames * format.getFrameSize());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new IOException(label + ": cannot open it for " + formatText() + " (" + e + ")", e);
        }
        opening.start();
        this.bytes = new byte[maxFrames * format.getFrameSize()];
        this.maxFrames = maxFrames;
        this.mixerName = chosen == null ? "default" : chosen.getName();
        this.opened = true;
        this.line = opening;
        LOG.info("Opened {} (buffer {} frames)", describe(), opening.getBufferSize() / format.getFrameSize());
    }

    /** @return the sample rate in Hz given to the constructor; any thread */
    @Override
    public float sampleRate() {
        return sampleRate;
    }

    /**
     * Blocks until {@code frames} frames have been captured, then writes them as mono floats. Audio thread only;
     * allocation-free.
     *
     * @param buffer where to write, from index 0
     * @param frames how many frames are wanted, 0 to the {@code maxFrames} given to {@link #open}
     * @return the frames written ({@code frames}, or fewer when the line was closed meanwhile), or -1 once closed
     * @throws IllegalStateException when called before {@link #open}
     * @throws IllegalArgumentException when {@code frames} is negative, above {@code maxFrames} or above the
     *         buffer length (a programming error)
     */
    @Override
    public int read(float[] buffer, int frames) {
        TargetDataLine current = line;
        if (current == null) {
            if (!opened) {
                throw new IllegalStateException("capture source read before open");
            }
            return -1;
        }
        if (frames < 0 || frames > maxFrames || frames > buffer.length) {
            throw new IllegalArgumentException("cannot read " + frames + " frames: maxFrames is " + maxFrames
                    + " and the buffer holds " + buffer.length);
        }
        byte[] raw = bytes;
        int frameSize = 2 * channels;
        int wanted = frames * frameSize;
        int got = 0;
        while (got < wanted) {
            int n = current.read(raw, got, wanted - got);
            if (n <= 0 || line == null) {
                got += Math.max(n, 0);
                break;
            }
            got += n;
        }
        int whole = got / frameSize;
        if (whole == 0 && frames > 0 && line == null) {
            return -1;
        }
        int p = 0;
        for (int f = 0; f < whole; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += (short) ((raw[p + 1] << 8) | (raw[p] & 0xFF));
                p += 2;
            }
            buffer[f] = sum * SCALE / channels;
        }
        return whole;
    }

    /** @return true: paced by the audio interface */
    @Override
    public boolean isLive() {
        return true;
    }

    /**
     * @return e.g. {@code "capture \"scarlett\" -> Scarlett 2i2 (48000 Hz, 2 ch, PCM_SIGNED 16 bit)"}; any thread
     */
    @Override
    public String describe() {
        String asked = deviceName.isEmpty() ? "default device" : "\"" + deviceName + "\"";
        String using = mixerName;
        return "capture " + asked + (using != null ? " -> " + using : "") + " ("
                + DecodedAudio.formatRate(sampleRate) + " Hz, " + channels + " ch, PCM_SIGNED 16 bit)";
    }

    /** Stops and closes the line, which wakes a blocked {@link #read}. Any thread; never throws. */
    @Override
    public void close() {
        TargetDataLine current = line;
        line = null;
        if (current != null) {
            try {
                current.stop();
                current.flush();
                current.close();
                LOG.info("Closed {}", describe());
            } catch (RuntimeException e) {
                LOG.warn("Closing {} failed: {}", describe(), e.toString());
            }
        }
    }

    private String formatText() {
        return "PCM_SIGNED 16 bit little-endian " + DecodedAudio.formatRate(sampleRate) + " Hz " + channels + " ch";
    }

    private static String devicesText() {
        List<String> devices = captureDevices();
        return devices.isEmpty() ? "this machine has no capture devices (there are none)"
                : "capture devices: " + quoted(devices);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    /** @return the device name asked for, stripped; empty for the default device */
    public String deviceName() {
        return deviceName;
    }

    @Override
    public String toString() {
        return describe();
    }
}
