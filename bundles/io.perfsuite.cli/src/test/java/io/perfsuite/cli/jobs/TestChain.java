// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.jobs;

import static io.perfsuite.audio.testkit.EngineTestKit.defaults;

import java.util.List;

import io.perfsuite.analysis.beat.internal.BeatAnalyser;
import io.perfsuite.analysis.dynamics.internal.DynamicsAnalyser;
import io.perfsuite.analysis.harmony.internal.HarmonyAnalyser;
import io.perfsuite.analysis.onset.internal.OnsetAnalyser;
import io.perfsuite.analysis.pitch.internal.PitchAnalyser;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.audio.FileAnalysis;
import io.perfsuite.audio.internal.AudioEngineComponent;
import io.perfsuite.audio.internal.FileAnalysisComponent;

/**
 * The real file analysis the runtime offers, without OSGi: the shipped default chain (dynamics, onset, beat, pitch,
 * harmony at their metatype defaults), fresh instances per run, cut into blocks as the engine's default
 * configuration says.
 */
public final class TestChain {

    private TestChain() {
    }

    /** @return a fresh instance of each default analyser */
    public static List<Analyser> defaultChain() {
        return List.of(new DynamicsAnalyser(defaults(DynamicsAnalyser.Config.class)),
                new OnsetAnalyser(defaults(OnsetAnalyser.Config.class)),
                new BeatAnalyser(defaults(BeatAnalyser.Config.class)),
                new PitchAnalyser(defaults(PitchAnalyser.Config.class)),
                new HarmonyAnalyser(defaults(HarmonyAnalyser.Config.class)));
    }

    /** @return the file analysis service as the runtime wires it, one fresh chain per run */
    public static FileAnalysis fileAnalysis() {
        AudioEngineComponent.Config engine = defaults(AudioEngineComponent.Config.class);
        return (file, listener, blocks) -> FileAnalysisComponent.run(file, defaultChain(), listener, blocks,
                engine.blockSize(), engine.fftSize());
    }
}
