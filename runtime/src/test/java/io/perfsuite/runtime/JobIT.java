// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line jobs (`./perfsuite analyse`, `./perfsuite evaluate`) as the launcher runs them: the exported
 * runtime jar with the job's framework properties, its output on stdout and its exit code.
 */
class JobIT {

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {
    }

    private Result job(String name, String... args) throws Exception {
        Path home = Files.createDirectories(temp.resolve("home-" + System.nanoTime()));
        Files.createDirectories(home.resolve("plugins"));
        // the launcher's job: the shipped plugins (the band) from the build's plugins folder
        Path plugins = Path.of("target", "plugins").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "java.desktop/com.sun.media.sound=ALL-UNNAMED",
                "-Dfelix.fileinstall.noInitialDelay=true",
                "-Dfelix.fileinstall.log.level=1", // its progress on stdout would mix with the job's output
                "-Dperfsuite.job=" + name,
                "-Dperfsuite.job.args=" + String.join("\n", args),
                "-Dperfsuite.home=" + home,
                "-Dfelix.fileinstall.dir=" + home.resolve("plugins") + "," + plugins,
                "-Dfelix.cm.dir=" + home.resolve("config"),
                "-Dlaunch.storage.dir=" + home.resolve("framework"),
                "-Dorg.apache.felix.http.enable=false",
                "-Dgosh.args=--nointeractive --noshutdown",
                "-Dorg.slf4j.simpleLogger.logFile=" + home.resolve("perfsuite.log"),
                "-Djava.util.logging.config.file=" + Path.of("logging.properties").toAbsolutePath(),
                "-jar", RuntimeProcess.JAR.toAbsolutePath().toString()));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("job " + name + " did not end within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Clicks at 120 BPM under a steady A4, 16-bit mono at 44.1 kHz. */
    private static void writeClicksAndA4(Path wav, int seconds) throws IOException {
        int rate = 44100;
        int n = rate * seconds;
        ByteBuffer pcm = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double sinceBeat = t % 0.5;
            double click = sinceBeat < 0.01 ? 0.6 * Math.sin(2 * Math.PI * 1800 * t) * (1 - sinceBeat / 0.01) : 0;
            double tone = 0.25 * Math.sin(2 * Math.PI * 440 * t);
            pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, click + tone)) * 32000));
        }
        AudioFormat f = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), f, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }
    }

    @Test
    void analysePrintsOneJsonObjectWithTempoBeatsAndPitch() throws Exception {
        Path wav = temp.resolve("clicks.wav");
        writeClicksAndA4(wav, 8);

        Result r = job("analyse", wav.toString(), "--json");

        assertEquals(0, r.code(), "exit code; stderr: " + r.err());
        String json = r.out().strip();
        assertTrue(json.startsWith("{") && json.endsWith("}") && json.lines().count() == 1,
                "one JSON object on one line: " + json.substring(0, Math.min(300, json.length())));
        Matcher bpm = Pattern.compile("\"tempo\":\\{\"bpm\":([0-9.]+)").matcher(json);
        assertTrue(bpm.find(), "tempo in " + json.substring(0, Math.min(300, json.length())));
        assertEquals(120, Double.parseDouble(bpm.group(1)), 2.4, "tempo within 2 %");
        assertTrue(json.contains("\"note\":\"A4\""), "the A4 in the pitch notes");
        assertTrue(json.contains("\"analysers\":["), json.substring(0, 200));
        for (String a : List.of("beat", "onset", "pitch", "harmony", "dynamics")) {
            assertTrue(json.contains("\"" + a + "\""), "analyser " + a + " ran");
        }
    }

    @Test
    void evaluateScoresAgainstTheAnnotationsNextToTheRecording() throws Exception {
        Path wav = temp.resolve("clicks.wav");
        writeClicksAndA4(wav, 20);
        StringBuilder beats = new StringBuilder();
        for (int b = 0; b < 40; b++) {
            beats.append(String.format(java.util.Locale.ROOT, "%.3f\t%d%n", b * 0.5, b % 4 + 1));
        }
        Files.writeString(temp.resolve("clicks.beats"), beats, StandardCharsets.UTF_8);
        Files.writeString(temp.resolve("clicks.tempo"), "120\n", StandardCharsets.UTF_8);

        Result r = job("evaluate", temp.toString());

        assertEquals(0, r.code(), "exit code; stderr: " + r.err());
        assertTrue(r.out().contains("clicks.wav"), r.out());
        Matcher amlt = Pattern.compile("beat AMLt\\s+([0-9.]+)").matcher(r.out());
        assertTrue(amlt.find(), r.out());
        assertTrue(Double.parseDouble(amlt.group(1)) >= 0.9, "AMLt on a click track: " + r.out());
        assertTrue(Pattern.compile("tempo within 4 %\\s+yes").matcher(r.out()).find(), r.out());
    }

    @Test
    void badInputGivesAClearMessageAndAnExitCodeWithoutAStackTrace() throws Exception {
        Path notAudio = temp.resolve("notes.wav");
        Files.writeString(notAudio, "this is not audio", StandardCharsets.UTF_8);

        Result broken = job("analyse", notAudio.toString());
        Result missing = job("analyse", temp.resolve("missing.wav").toString());
        Result usage = job("analyse");

        assertEquals(1, broken.code(), broken.err());
        assertTrue(broken.err().contains("notes.wav"), broken.err());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("missing.wav"), missing.err());
        assertEquals(2, usage.code(), usage.err());
        for (Result r : List.of(broken, missing, usage)) {
            assertFalse(r.err().contains("Exception in thread") || r.err().contains("\tat "),
                    "no stack trace: " + r.err());
            assertTrue(r.out().isBlank(), "nothing on stdout: " + r.out());
        }
    }

    @Test
    void demoWritesThePerformerTheBandAndAReportAndRenderFollowsAnyRecording() throws Exception {
        Path dir = temp.resolve("demo");
        Result demo = job("demo", "--out", dir.toString(), "--quiet");
        assertEquals(0, demo.code(), demo.err() + demo.out());
        for (String f : List.of("demo-performer.wav", "demo-song.yaml", "demo-band.wav", "demo-band.mid",
                "demo-report.json", "demo-performer.beats", "demo-performer.chords.lab")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(demo.out().contains("Drums on the annotated beats") && demo.out().contains("chord tones"),
                demo.out());
        for (String id : List.of("drums", "bass", "keys")) {
            assertTrue(demo.out().contains("  " + id), "the band played: " + demo.out());
        }
        assertFalse(demo.out().contains("metronome"), "a click is no bandmate in a render: " + demo.out());

        Path out = temp.resolve("render.wav");
        Path report = temp.resolve("render.json");
        Result render = job("render", dir.resolve("demo-performer.wav").toString(), "-o", out.toString(),
                "--report", report.toString());
        assertEquals(0, render.code(), render.err() + render.out());
        String json = Files.readString(report);
        assertTrue(json.contains("\"bandmate\":\"drums\"") && json.contains("\"stages\""), json.substring(0, 300));
        assertTrue(Files.size(out) > Files.size(dir.resolve("demo-performer.wav")), "the mix is stereo");

        Path song = temp.resolve("broken.yaml");
        Files.writeString(song, "title: Broken\nsections:\n  - name: Verse\n    bars: many\n");
        Result broken = job("render", dir.resolve("demo-performer.wav").toString(), "-o", out.toString(), "--song",
                song.toString());
        assertEquals(1, broken.code(), broken.err());
        assertTrue(broken.err().contains("line"), "the song's problem with its line: " + broken.err());
        Result usage = job("render", dir.resolve("demo-performer.wav").toString());
        assertEquals(2, usage.code(), usage.err());
        assertTrue(usage.err().contains("-o OUT.wav"), usage.err());
        for (Result r : List.of(broken, usage)) {
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }
}
