// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import io.perfsuite.midi.testkit.MidiTestKit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The peer for a render's MIDI file: FluidSynth (installed by .ci/run) plays it; the rendering is not silent and
 * lasts as long as the input within a second. Without FluidSynth or a GM soundfont the test is skipped with a
 * notice, unless PERFSUITE_CI=1, where their absence fails.
 */
class RenderFluidSynthTest {

    static final Path DIR = Path.of("target", "renders");

    @Test
    void fluidSynthPlaysTheRendersMidiFileForAsLongAsTheInput() throws Exception {
        MidiTestKit.requirePeer(MidiTestKit.fluidsynth(), "fluidsynth"); // before the render it would check
        Files.createDirectories(DIR);
        PerformerPart.Written part = PerformerPart.write(PerformerPart.demo(), DIR.resolve("peer-part.wav"), 44100);
        RenderJob.Produced p = RenderTest.render(part.wav(), null, "peer");
        Path wav = DIR.resolve("peer-fluidsynth.wav");
        MidiTestKit.fluidSynthRender(p.options().midi(), wav);
        StereoAudio fluidAudio = StereoAudio.read(wav);
        StereoAudio input = StereoAudio.read(part.wav());
        double audible = fluidAudio.audibleUntil(-50);
        System.out.printf(Locale.ROOT, "fluidsynth: %.2f s rendered (release tails included), audible until %.2f s,"
                + " for a %.2f s input; %.1f dBFS RMS%n", fluidAudio.seconds(), audible, input.seconds(),
                fluidAudio.rmsDbfs());
        assertTrue(fluidAudio.rmsDbfs() > -50, "not silent: " + fluidAudio.rmsDbfs() + " dBFS");
        assertEquals(input.seconds(), audible, 1.0, "the band sounds as long as the input, within a second");
    }
}
