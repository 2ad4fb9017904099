// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes audio files (WAV, AIFF, AU: whatever {@code javax.sound.sampled} reads) fully into memory as mono floats,
 * so the engine never does file I/O on the audio thread.
 *
 * <p>Supported sample formats: linear PCM, signed or unsigned, 8 to 64 bits in whole bytes, big- or little-endian
 * (24-bit and 32-bit included), and IEEE float 32 and 64 bit; these are decoded byte by byte here. Any other
 * encoding the JDK can convert to 16-bit PCM (u-law, a-law) goes through
 * {@link AudioSystem#getAudioInputStream(AudioFormat, AudioInputStream)}. Samples narrower than their container
 * (20 bits in 3 bytes) are read as the container, which is right because WAV and AIFF store them left-justified.
 * Any number of channels is mixed to mono by averaging; the sample rate is kept (no resampling). Float samples
 * outside [-1, 1] are clipped and NaN or infinite ones become 0, with one warning per file.
 *
 * <p><b>Truncated files:</b> when the header announces more frames than the file holds (a copy that was cut
 * short), the complete frames that are present are decoded and returned, and a warning naming the file and both
 * counts is logged; a trailing partial frame is dropped. A file with no complete frame at all is an error.
 *
 * <p>Memory: 4 bytes per frame (one minute at 48 kHz is 11 MB), plus a 64 KiB read buffer while decoding.
 *
 * <p><b>Threading:</b> stateless and thread-safe; {@link #decode} blocks on file I/O and allocates, so never call
 * it on the audio thread.
 */
public final class AudioFiles {

    /** The most frames one Java array can hold, with the usual head-room below {@code Integer.MAX_VALUE}. */
    static final int MAX_FRAMES = Integer.MAX_VALUE - 16;

    private static final Logger LOG = LoggerFactory.getLogger(AudioFiles.class);
    private static final int CHUNK_BYTES = 64 * 1024;

    private AudioFiles() {
    }

    /**
     * Reads a whole audio file and mixes it to mono.
     *
     * @param file the file; its name as given appears in every error message
     * @return the decoded audio, at least one frame long
     * @throws NoSuchFileException when the file does not exist
     * @throws AccessDeniedException when it cannot be read
     * @throws IOException when it is a directory, empty, not an audio file the JDK can read, in an encoding that
     *         cannot be decoded, holds no complete frame, or reading fails; the message names the file and the
     *         reason, and the original exception, if any, is the cause
     */
    public static DecodedAudio decode(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(name, null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(name + ": is a directory, not an audio file");
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(name, null, "not readable (permission denied)");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new IOException(name + ": empty file (0 bytes), not audio");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK_BYTES);
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(raw);
        } catch (UnsupportedAudioFileException e) {
            closeQuietly(raw);
            throw new IOException(name + ": not a WAV, AIFF or AU file the JDK can read (" + brief(e) + ")", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw new IOException(name + ": cannot read the audio header (" + brief(e) + ")", e);
        }
        try (AudioInputStream audio = in) {
            return decode(name, size, audio);
        } finally {
            closeQuietly(raw);
        }
    }

    private static DecodedAudio decode(String name, long fileBytes, AudioInputStream in) throws IOException {
        AudioFormat format = in.getFormat();
        AudioFormat.Encoding encoding = format.getEncoding();
        int channels = format.getChannels();
        float rate = format.getSampleRate();
        String encodingText = encoding + " " + bits(format.getSampleSizeInBits());
        if (channels < 1) {
            throw new IOException(name + ": the header gives no channel count (" + format + ")");
        }
        if (!(rate > 0) || Float.isInfinite(rate)) {
            throw new IOException(name + ": the header gives no valid sample rate (" + format + ")");
        }
        int fileFrameSize = format.getFrameSize();
        AudioInputStream pcm = in;
        if (!isLinear(encoding)) {
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels,
                    2 * channels, rate, false);
            if (!AudioSystem.isConversionSupported(target, format)) {
                throw new IOException(name + ": unsupported encoding " + encodingText
                        + " (the JDK has no converter from it to PCM)");
            }
            try {
                pcm = AudioSystem.getAudioInputStream(target, in);
            } catch (IllegalArgumentException e) {
                throw new IOException(name + ": unsupported encoding " + encodingText + " (" + brief(e) + ")", e);
            }
        }
        AudioFormat pcmFormat = pcm.getFormat();
        int frameSize = pcmFormat.getFrameSize();
        if (frameSize < 1 || frameSize % channels != 0) {
            throw new IOException(name + ": unsupported frame layout (" + pcmFormat + ")");
        }
        int bytesPerSample = frameSize / channels;
        boolean isFloat = AudioFormat.Encoding.PCM_FLOAT.equals(pcmFormat.getEncoding());
        if (isFloat ? bytesPerSample != 4 && bytesPerSample != 8 : bytesPerSample > 8) {
            throw new IOException(name + ": unsupported encoding " + encodingText + " in " + bytesPerSample
                    + "-byte samples");
        }
        SampleReader reader = new SampleReader(pcmFormat.getEncoding(), bytesPerSample, pcmFormat.isBigEndian(),
                channels);

        long announced = in.getFrameLength(); // AudioSystem.NOT_SPECIFIED (-1) when the header does not say
        if (announced > MAX_FRAMES) {
            throw new IOException(name + ": too long to decode into memory (" + announced + " frames, at most "
                    + MAX_FRAMES + ")");
        }
        long possible = fileFrameSize > 0 ? fileBytes / fileFrameSize + 1 : announced;
        long capacity = announced >= 0 ? Math.min(announced, Math.max(possible, 0)) : possible;
        float[] mono = new float[(int) Math.max(1, Math.min(capacity > 0 ? capacity : 1 << 16, MAX_FRAMES))];

        byte[] buffer = new byte[Math.max(frameSize, CHUNK_BYTES / frameSize * frameSize)];
        int frames = 0;
        int filled = 0;
        while (true) {
            int n;
            try {
                n = pcm.read(buffer, filled, buffer.length - filled);
            } catch (IOException | RuntimeException e) {
                throw new IOException(name + ": reading failed after " + frames + " frames (" + brief(e) + ")", e);
            }
            if (n < 0) {
                break;
            }
            filled += n;
            int whole = filled / frameSize;
            if (whole > 0) {
                if ((long) frames + whole > MAX_FRAMES) {
                    throw new IOException(name + ": too long to decode into memory (more than " + MAX_FRAMES
                            + " frames)");
                }
                if (frames + whole > mono.length) {
                    long grown = Math.max((long) frames + whole, 2L * mono.length);
                    mono = Arrays.copyOf(mono, (int) Math.min(grown, MAX_FRAMES));
                }
                reader.mix(buffer, whole, mono, frames);
                frames += whole;
                int rest = filled - whole * frameSize;
                System.arraycopy(buffer, whole * frameSize, buffer, 0, rest);
                filled = rest;
            }
        }

        if (frames == 0) {
            if (announced > 0) {
                throw new IOException(name + ": truncated: the header announces " + announced
                        + " frames but the file holds none");
            }
            throw new IOException(name + ": empty: the file holds no audio frames");
        }
        if (announced > frames) {
            LOG.warn("{}: truncated: the header announces {} frames but only {} complete frames are present; "
                    + "decoded those ({} s), a partial last frame is dropped", name, announced, frames,
                    String.format(Locale.ROOT, "%.3f", frames / (double) rate));
        } else if (filled > 0) {
            LOG.warn("{}: ends in a partial frame; its {} bytes were dropped", name, filled);
        }
        if (reader.clipped > 0 || reader.invalid > 0) {
            LOG.warn("{}: {} samples outside [-1, 1] were clipped and {} NaN or infinite samples set to 0", name,
                    reader.clipped, reader.invalid);
        }
        if (frames < mono.length) {
            mono = Arrays.copyOf(mono, frames);
        }
        DecodedAudio decoded = new DecodedAudio(rate, channels, encodingText, mono);
        LOG.debug("{}: decoded {}", name, decoded);
        return decoded;
    }

    private static boolean isLinear(AudioFormat.Encoding encoding) {
        return AudioFormat.Encoding.PCM_SIGNED.equals(encoding) || AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding)
                || AudioFormat.Encoding.PCM_FLOAT.equals(encoding);
    }

    private static String bits(int sampleSizeInBits) {
        return sampleSizeInBits > 0 ? sampleSizeInBits + " bit" : "(unknown bits)";
    }

    private static String brief(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing an input stream failed", e);
        }
    }

    /** Turns interleaved frames of one format into mono floats; counts clipped and invalid float samples. */
    private static final class SampleReader {

        private final boolean isFloat;
        private final boolean signed;
        private final int bytesPerSample;
        private final boolean bigEndian;
        private final int channels;
        private final int shift;
        private final double scale;
        long clipped;
        long invalid;

        SampleReader(AudioFormat.Encoding encoding, int bytesPerSample, boolean bigEndian, int channels) {
            this.isFloat = AudioFormat.Encoding.PCM_FLOAT.equals(encoding);
            this.signed = !AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding);
            this.bytesPerSample = bytesPerSample;
            this.bigEndian = bigEndian;
            this.channels = channels;
            this.shift = 64 - 8 * bytesPerSample;
            this.scale = Math.scalb(1.0, -(8 * bytesPerSample - 1));
        }

        void mix(byte[] bytes, int frames, float[] out, int at) {
            int p = 0;
            for (int f = 0; f < frames; f++) {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += sample(bytes, p);
                    p += bytesPerSample;
                }
                out[at + f] = (float) (sum / channels);
            }
        }

        private double sample(byte[] bytes, int p) {
            long v = 0;
            if (bigEndian) {
                for (int b = 0; b < bytesPerSample; b++) {
                    v = (v << 8) | (bytes[p + b] & 0xFF);
                }
            } else {
                for (int b = bytesPerSample - 1; b >= 0; b--) {
                    v = (v << 8) | (bytes[p + b] & 0xFF);
                }
            }
            if (isFloat) {
                double x = bytesPerSample == 4 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
                if (Double.isNaN(x) || Double.isInfinite(x)) {
                    invalid++;
                    return 0;
                }
                if (x > 1 || x < -1) {
                    clipped++;
                    return x > 1 ? 1 : -1;
                }
                return x;
            }
            if (signed) {
                v = (v << shift) >> shift; // sign-extend the container
            } else {
                v -= 1L << (8 * bytesPerSample - 1); // offset binary to two's complement (wraps right for 64 bit)
            }
            return v * scale;
        }
    }
}
