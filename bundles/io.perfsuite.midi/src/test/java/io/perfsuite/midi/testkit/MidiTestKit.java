// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Assumptions;

/**
 * What the tests of MIDI files share (published in this module's test jar): the peer synthesizer FluidSynth and a
 * General MIDI soundfont, skipped with a notice where they are missing and failing under {@code PERFSUITE_CI=1}
 * (where .ci/run installs them), and the check that every note-on of a file has its note-off.
 */
public final class MidiTestKit {

    private MidiTestKit() {
    }

    /** @return the fluidsynth executable on the PATH, or null */
    public static Path fluidsynth() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, "fluidsynth");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** @return Debian's GM soundfont, the small one first (faster to load), or null */
    public static Path gmSoundfont() {
        for (Path p : new Path[] {Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2"),
            Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2")}) {
            if (Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Skips the test with a printed notice when a peer is missing, or fails under {@code PERFSUITE_CI=1}.
     *
     * @param present the peer, or null when missing
     * @param what    what it is, for the message
     */
    public static void requirePeer(Object present, String what) {
        if (present == null) {
            String message = what + " not installed (apt-get install -y fluidsynth fluid-soundfont-gm)";
            if ("1".equals(System.getenv("PERFSUITE_CI"))) {
                fail(message + " and PERFSUITE_CI=1");
            }
            System.out.println("NOTICE: skipped: " + message);
            Assumptions.abort(message);
        }
    }

    /**
     * Renders a MIDI file with FluidSynth (44.1 kHz, no reverb or chorus) into a WAV file; skips or fails as
     * {@link #requirePeer} when FluidSynth or a GM soundfont is missing, and asserts that it finished cleanly.
     *
     * @param mid the Standard MIDI File
     * @param wav the WAV file to write
     * @throws Exception if the process cannot run
     */
    public static void fluidSynthRender(Path mid, Path wav) throws Exception {
        Path fluid = fluidsynth();
        requirePeer(fluid, "fluidsynth");
        Path sf2 = gmSoundfont();
        requirePeer(sf2, "a GM soundfont");
        Process p = new ProcessBuilder(fluid.toString(), "-ni", "-q", "-R", "0", "-C", "0", "-r", "44100", "-F",
                wav.toString(), sf2.toString(), mid.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fluidsynth finished");
        assertEquals(0, p.exitValue(), log);
    }

    /**
     * Asserts that on every track each note-on has its note-off (a note-on of velocity 0 counts as one).
     *
     * @param sequence the file's sequence
     * @return the number of notes
     */
    public static int assertBalanced(Sequence sequence) {
        int notes = 0;
        for (Track t : sequence.getTracks()) {
            int[] open = new int[16 * 128];
            for (int i = 0; i < t.size(); i++) {
                MidiEvent e = t.get(i);
                if (e.getMessage() instanceof ShortMessage m) {
                    int key = m.getChannel() * 128 + m.getData1();
                    if (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
                        open[key]++;
                        notes++;
                    } else if (m.getCommand() == ShortMessage.NOTE_OFF
                            || m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0) {
                        open[key]--;
                    }
                }
            }
            for (int k = 0; k < open.length; k++) {
                assertEquals(0, open[k], "note-ons without note-off on channel " + (k >> 7) + " key " + (k & 127));
            }
        }
        return notes;
    }
}
