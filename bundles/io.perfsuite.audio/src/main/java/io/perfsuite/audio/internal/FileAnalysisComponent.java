// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ReferenceScope;

import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.api.analysis.AnalysisListener;
import io.perfsuite.audio.FileAnalysis;
import io.perfsuite.audio.internal.source.FileSource;

/**
 * {@link FileAnalysis} over the prototype-scope analyser services: each run takes fresh instances and releases them
 * at the end. Block and spectrum size come from the live engine's configuration (PID
 * {@value AudioEngineComponent#PID}), so a file is cut exactly as the performer's audio would be.
 */
@Component(configurationPid = AudioEngineComponent.PID, service = FileAnalysis.class)
public class FileAnalysisComponent implements FileAnalysis {

    /** A file longer than this is refused: the job would run for more than a few minutes. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(30);

    private final List<ComponentServiceObjects<Analyser>> analysers = new CopyOnWriteArrayList<>();
    private volatile int blockSize;
    private volatile int fftSize;

    @Activate
    @Modified
    void configure(AudioEngineComponent.Config config) {
        blockSize = config.blockSize();
        fftSize = config.fftSize();
    }

    /** Tracks an analyser that can give a fresh instance per run. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, scope = ReferenceScope.PROTOTYPE_REQUIRED)
    void bindAnalyser(ComponentServiceObjects<Analyser> analyser) {
        analysers.add(analyser);
    }

    void unbindAnalyser(ComponentServiceObjects<Analyser> analyser) {
        analysers.remove(analyser);
    }

    @Override
    public Result analyse(Path file, AnalysisListener listener, BlockListener blocks) throws IOException {
        List<ComponentServiceObjects<Analyser>> factories = List.copyOf(analysers);
        List<Analyser> instances = new ArrayList<>();
        try {
            for (ComponentServiceObjects<Analyser> f : factories) {
                Analyser a = f.getService();
                if (a != null) {
                    instances.add(a);
                }
            }
            return run(file, instances, listener, blocks, blockSize, fftSize);
        } finally {
            for (int i = 0; i < instances.size(); i++) {
                factories.get(i).ungetService(instances.get(i));
            }
        }
    }

    /**
     * Runs one file through a chain of analysers on the offline clock.
     *
     * @param file      the file
     * @param chain     the analysers, used by this run only
     * @param listener  receives the events
     * @param blocks    told where each block ended, or null
     * @param blockSize frames per block
     * @param fftSize   size of the shared spectrum
     * @return the run's figures
     * @throws IOException if the file cannot be read
     */
    public static Result run(Path file, List<Analyser> chain, AnalysisListener listener, BlockListener blocks,
            int blockSize, int fftSize) throws IOException {
        AudioEngine engine = new AudioEngine(blockSize, fftSize, 1 << 16);
        chain.forEach(engine::addAnalyser);
        engine.addListener(listener);
        engine.blockListener(blocks);
        FileSource source = new FileSource(file);
        long started = System.nanoTime();
        engine.start(source, AudioEngine.Clock.OFFLINE);
        float rate = source.sampleRate();
        try {
            if (!engine.awaitEnd(RUN_LIMIT)) {
                throw new IOException("analysis of " + file + " did not finish within " + RUN_LIMIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("analysis of " + file + " interrupted", e);
        } finally {
            engine.stop();
        }
        long wall = System.nanoTime() - started;
        List<Timing> timings = new ArrayList<>();
        for (AudioEngine.AnalyserStats s : engine.stats()) {
            timings.add(new Timing(s.id(), s.blocks(), s.p50Micros(), s.p99Micros(), s.maxMicros(), s.failure()));
        }
        return new Result(file, rate, engine.frames(), blockSize,
                chain.stream().map(Analyser::id).toList(), wall, timings);
    }
}
