// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import io.perfsuite.audio.FileAnalysis;

/** Runs one file through {@link FileAnalysis} for a job, and words what went wrong in one line. Stateless. */
final class FileRun {

    /** The extensions of the recordings the jobs take, lower case; the JDK reads these. */
    static final String[] AUDIO_EXTENSIONS = {".wav", ".aif", ".aiff", ".au"};

    /** A file the analysis could not take, with a one-line reason. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private FileRun() {
    }

    /**
     * Analyses one file and derives what was heard.
     *
     * @param analysis the service
     * @param file     the recording
     * @return what the run heard
     * @throws Failure when the file cannot be read or decoded, or the analysis broke; the message is one line
     */
    static Findings analyse(FileAnalysis analysis, Path file) throws Failure {
        EventLog log = new EventLog();
        FileAnalysis.Result result;
        try {
            result = analysis.analyse(file, log);
        } catch (NoSuchFileException e) {
            throw new Failure(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new Failure(file + ": not readable (permission denied)", e);
        } catch (IOException e) {
            throw new Failure(oneLine(e.getMessage(), file + ": cannot be read"), e);
        } catch (RuntimeException e) {
            // a broken analyser or engine: still one line for the user, the class says what kind of bug
            throw new Failure(file + ": analysis failed: " + e.getClass().getSimpleName()
                    + oneLine(e.getMessage() == null ? "" : ": " + e.getMessage(), ""), e);
        }
        return Findings.of(result, log);
    }

    /**
     * A usage problem with a path the user gave for a recording, or null when it looks like a readable file.
     *
     * @param file the path
     * @return the one-line problem, or null
     */
    static String usageProblem(Path file) {
        if (!Files.exists(file)) {
            return file + ": no such file";
        }
        if (Files.isDirectory(file)) {
            return file + ": is a folder, not a recording";
        }
        if (!Files.isReadable(file)) {
            return file + ": not readable (permission denied)";
        }
        return null;
    }

    /**
     * A warning when the file holds fewer frames than its header announces: the decoder analyses what is there
     * and only logs it, but a user comparing results should know the end is missing.
     *
     * @param file   the recording
     * @param result its run
     * @return the one-line warning, or null
     */
    static String truncationWarning(Path file, FileAnalysis.Result result) {
        try {
            AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
            long announced = format.getFrameLength();
            if (announced > result.frames()) {
                return String.format(Locale.ROOT, "%s: truncated: the header announces %d frames, the file holds "
                        + "%d (%.3f s analysed)", file, announced, result.frames(), result.seconds());
            }
        } catch (IOException | UnsupportedAudioFileException | RuntimeException e) {
            // it was decoded a moment ago; if the header cannot be read again, there is nothing more to say
        }
        return null;
    }

    /**
     * @param file a path
     * @return whether its name ends in one of {@link #AUDIO_EXTENSIONS} (any case)
     */
    static boolean isRecording(Path file) {
        return extension(file) != null;
    }

    /**
     * @param file a path
     * @return the audio extension its name ends in, as written, or null
     */
    static String extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        String text = name.toString();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String extension : AUDIO_EXTENSIONS) {
            if (lower.endsWith(extension) && lower.length() > extension.length()) {
                return text.substring(text.length() - extension.length());
            }
        }
        return null;
    }

    /** Keeps a message on one line: the jobs print one line per problem. */
    static String oneLine(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
