// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.audio.internal.AudioSource;

/**
 * Plays an audio file: {@link #open} decodes the whole file into memory ({@link AudioFiles}), {@link #read} copies
 * the next frames out of that array and returns -1 once all have been delivered. Not live: it can be read as fast
 * as wanted. Opening again starts from the beginning (a path-based source decodes the file again).
 *
 * <p><b>Threading:</b> construct, {@link #open}, {@link #describe} and {@link #close} off the audio thread; hand
 * the opened source to the audio thread through a happens-before edge (thread start, volatile field, concurrent
 * queue). {@link #read} on that one thread only: it copies with {@link System#arraycopy} and does not allocate,
 * lock, log or do I/O. Close only after the audio thread has stopped reading; a read that races with close returns
 * either samples or -1, never fails.
 */
public final class FileSource implements AudioSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    private final Path file;
    private final String name;
    private final DecodedAudio given;
    private DecodedAudio audio;
    /** The decoded file's rate, kept after close: a short file can end, and be closed, before its caller asks. */
    private volatile float rate = Float.NaN;
    private float[] samples;
    private int position;
    private int maxFrames;
    private boolean opened;

    /**
     * A source that decodes {@code file} when opened.
     *
     * @param file a WAV, AIFF or AU file
     */
    public FileSource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        Path fileName = file.getFileName();
        this.name = fileName != null ? fileName.toString() : file.toString();
        this.given = null;
    }

    /**
     * A source over audio that is already decoded (or generated), for tests and for reuse of one decode.
     *
     * @param audio the samples; the array is shared, not copied, and never written
     * @param name what {@link #describe} calls it, e.g. the file name
     */
    public FileSource(DecodedAudio audio, String name) {
        this.file = null;
        this.given = Objects.requireNonNull(audio, "audio");
        this.name = Objects.requireNonNull(name, "name");
        this.audio = audio;
        this.rate = audio.sampleRate();
    }

    /**
     * Decodes the file (unless constructed over decoded audio) and rewinds to the first frame.
     *
     * @param maxFrames the largest number of frames one {@link #read} will ask for, at least 1
     * @throws IOException when the file cannot be decoded; the message names the file and the reason
     * @throws IllegalArgumentException when {@code maxFrames} is below 1
     */
    @Override
    public void open(int maxFrames) throws IOException {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        DecodedAudio decoded = given != null ? given : AudioFiles.decode(file);
        this.audio = decoded;
        this.rate = decoded.sampleRate();
        this.maxFrames = maxFrames;
        this.position = 0;
        this.samples = decoded.mono();
        this.opened = true;
        LOG.info("Opened {}", describe());
    }

    /**
     * @return the file's sample rate in Hz; still known after {@link #close}
     * @throws IllegalStateException for a file source never opened (a source over decoded audio knows its rate)
     */
    @Override
    public float sampleRate() {
        float r = rate;
        if (Float.isNaN(r)) {
            throw new IllegalStateException("file source " + name + " was never opened, so its sample rate is "
                    + "unknown");
        }
        return r;
    }

    /**
     * Copies the next frames. Audio thread only; allocation-free.
     *
     * @param buffer where to write, from index 0
     * @param frames how many frames are wanted, 0 to the {@code maxFrames} given to {@link #open}
     * @return the frames written (fewer than asked only for the last ones), or -1 when all frames have been read
     *         or the source has been closed
     * @throws IllegalStateException when called before {@link #open}
     * @throws IllegalArgumentException when {@code frames} is negative, above {@code maxFrames} or above the
     *         buffer length (a programming error)
     */
    @Override
    public int read(float[] buffer, int frames) {
        float[] source = samples;
        if (source == null) {
            if (!opened) {
                throw new IllegalStateException("file source " + name + " read before open");
            }
            return -1;
        }
        if (frames < 0 || frames > maxFrames || frames > buffer.length) {
            throw new IllegalArgumentException("cannot read " + frames + " frames: maxFrames is " + maxFrames
                    + " and the buffer holds " + buffer.length);
        }
        int remaining = source.length - position;
        if (remaining <= 0) {
            return -1;
        }
        int n = Math.min(frames, remaining);
        System.arraycopy(source, position, buffer, 0, n);
        position += n;
        return n;
    }

    /** @return false: a file can be read as fast as wanted */
    @Override
    public boolean isLive() {
        return false;
    }

    /**
     * @return e.g. {@code "file song.wav (44100 Hz, 2 ch, PCM_SIGNED 16 bit, 76.0 s)"}, or
     *         {@code "file song.wav (not decoded yet)"} before {@link #open}; any thread
     */
    @Override
    public String describe() {
        DecodedAudio current = audio;
        return "file " + name + " (" + (current != null ? current.summary() : "not decoded yet") + ")";
    }

    /** @return the frames delivered since {@link #open}; audio thread, or any thread once reading has stopped */
    public int position() {
        return position;
    }

    /** Drops the decoded samples (a path-based source keeps only the path). Never throws. */
    @Override
    public void close() {
        samples = null;
        if (given == null) {
            audio = null;
        }
    }
}
