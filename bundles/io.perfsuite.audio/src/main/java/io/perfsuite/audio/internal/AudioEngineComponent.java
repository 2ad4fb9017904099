// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.analysis.AnalysisListener;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.audio.AudioEngineStatus;
import io.perfsuite.audio.FileAnalysis;
import io.perfsuite.audio.internal.source.CaptureSource;
import io.perfsuite.audio.internal.source.FileSource;
import io.perfsuite.audio.internal.source.TestSignalSource;

/**
 * The audio engine as a DS component: the source, sample rate and block size come from configuration (PID
 * {@value #PID}); the analyser chain is the whiteboard of {@link Analyser} services and the results go to the
 * whiteboard of {@link AnalysisListener} services, both bound dynamically so analysers can come and go while the
 * audio runs. Also the {@code perfsuite:audio} shell command.
 */
@Component(configurationPid = AudioEngineComponent.PID, service = {AudioEngineComponent.class, AudioEngineStatus.class}, immediate = true,
        property = {"osgi.command.scope=perfsuite", "osgi.command.function=audio"})
@Designate(ocd = AudioEngineComponent.Config.class)
public class AudioEngineComponent implements AudioEngineStatus {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.audio";

    private static final Logger LOG = LoggerFactory.getLogger(AudioEngineComponent.class);

    /** Configuration of the engine. */
    @ObjectClassDefinition(name = "Performance Suite audio engine",
            description = "Where the performer's audio comes from and how it is cut into blocks.")
    public @interface Config {
        /** @return the kind of source */
        @AttributeDefinition(name = "Source", description = "Where the audio comes from.", options = {
            @Option(label = "None (engine idle)", value = "none"),
            @Option(label = "Audio interface", value = "device"),
            @Option(label = "Audio file (WAV, AIFF)", value = "file"),
            @Option(label = "Test signal (sine)", value = "test")})
        String source() default "none";

        /** @return the capture device */
        @AttributeDefinition(name = "Capture device", required = false,
                description = "Part of the capture device's name; empty for the system default.")
        String device() default "";

        /** @return the file */
        @AttributeDefinition(name = "File", required = false, description = "Path of a WAV or AIFF file.")
        String file() default "";

        /** @return the device's sample rate */
        @AttributeDefinition(name = "Sample rate (Hz)", description = "Of the audio interface and test signal.")
        float sampleRate() default 44100;

        /** @return the device's channel count */
        @AttributeDefinition(name = "Input channels", min = "1", max = "32",
                description = "Channels captured from the interface; they are mixed to mono.")
        int channels() default 1;

        /** @return the block size */
        @AttributeDefinition(name = "Block size (frames)", min = "16", max = "4096",
                description = "Frames per block: the analysis hop. 256 frames = 5.8 ms at 44.1 kHz.")
        int blockSize() default 256;

        /** @return the FFT size */
        @AttributeDefinition(name = "Spectrum size (FFT)", min = "256", max = "16384",
                description = "Samples in the shared spectrum, a power of two; 2048 resolves a low E.")
        int fftSize() default 2048;

        /** @return whether files and test signals are paced like live input */
        @AttributeDefinition(name = "Real-time pacing",
                description = "Play files and the test signal at their real speed (off: as fast as possible).")
        boolean realtime() default true;

        /** @return the audio thread's real-time priority */
        @AttributeDefinition(name = "Real-time priority", min = "0", max = "49",
                description = "Linux, real-time pacing or a live input: run the audio thread under the real-time "
                        + "policy SCHED_RR at this priority (1-49), as JACK does, so busy programs cannot delay a "
                        + "block. Needs root, CAP_SYS_NICE or an rtprio limit; without it the thread stays normal "
                        + "and the log and perfsuite:audio say why. 0: a normal thread.")
        int realtimePriority() default 20;

        /** @return the test signal frequency */
        @AttributeDefinition(name = "Test signal frequency (Hz)",
                description = "Frequency of the sine the test signal source plays, in Hz: above 0 and below half the"
                        + " sample rate.")
        double testFrequency() default 440;
    }

    private final List<Analyser> analysers = new CopyOnWriteArrayList<>();
    private final List<AnalysisListener> listeners = new CopyOnWriteArrayList<>();
    private volatile AudioEngine engine;
    private volatile Config config;

    @Activate
    synchronized void activate(Config initial) {
        this.config = initial;
        restart();
    }

    @Modified
    synchronized void modified(Config changed) {
        this.config = changed;
        restart();
    }

    @Deactivate
    synchronized void deactivate() {
        AudioEngine e = engine;
        engine = null;
        if (e != null) {
            e.stop();
        }
    }

    // bind, unbind, activate, modified and deactivate share the monitor: an analyser bound while a configuration
    // change builds the next engine lands in that engine, not in the one being stopped.

    /** Adds an analyser to the running chain. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindAnalyser(Analyser analyser) {
        analysers.add(analyser);
        AudioEngine e = engine;
        if (e != null) {
            e.addAnalyser(analyser);
        }
    }

    synchronized void unbindAnalyser(Analyser analyser) {
        analysers.remove(analyser);
        AudioEngine e = engine;
        if (e != null) {
            e.removeAnalyser(analyser);
        }
    }

    /** Adds a listener of the analysis results. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindListener(AnalysisListener listener) {
        listeners.add(listener);
        AudioEngine e = engine;
        if (e != null) {
            e.addListener(listener);
        }
    }

    synchronized void unbindListener(AnalysisListener listener) {
        listeners.remove(listener);
        AudioEngine e = engine;
        if (e != null) {
            e.removeListener(listener);
        }
    }

    private synchronized void restart() {
        deactivate();
        Config c = config;
        AudioSource source;
        try {
            source = source(c);
        } catch (IllegalArgumentException e) {
            LOG.error("Audio engine not started: {}", e.getMessage());
            return;
        }
        if (source == null) {
            LOG.info("Audio engine idle (source: none)");
            return;
        }
        AudioEngine e = new AudioEngine(c.blockSize(), c.fftSize(), 1 << 14);
        analysers.forEach(e::addAnalyser);
        listeners.forEach(e::addListener);
        try {
            e.realtimePriority(c.realtimePriority());
            e.start(source, c.realtime() || source.isLive() ? AudioEngine.Clock.REALTIME : AudioEngine.Clock.OFFLINE);
            engine = e;
        } catch (IOException | RuntimeException ex) {
            LOG.error("Audio engine not started: {}", ex.getMessage());
            source.close();
        }
    }

    private static AudioSource source(Config c) {
        return switch (c.source().trim().toLowerCase(Locale.ROOT)) {
            case "none", "" -> null;
            case "device" -> new CaptureSource(c.device(), c.sampleRate(), c.channels());
            case "file" -> {
                if (c.file().isBlank()) {
                    throw new IllegalArgumentException("source is \"file\" but no file is configured");
                }
                yield new FileSource(Path.of(c.file()));
            }
            case "test" -> TestSignalSource.sine(c.sampleRate(), c.testFrequency(), 0.5);
            default -> throw new IllegalArgumentException("unknown source \"" + c.source()
                    + "\": use none, device, file or test");
        };
    }

    @Override
    public Snapshot status() {
        AudioEngine e = engine;
        Config c = config;
        String source = c == null ? "none" : c.source();
        if (e == null) {
            return new Snapshot("idle", source, analysers.size(), 0, 0, 0, List.of());
        }
        List<FileAnalysis.Timing> timings = new ArrayList<>();
        for (AudioEngine.AnalyserStats s : e.stats()) {
            timings.add(new FileAnalysis.Timing(s.id(), s.blocks(), s.p50Micros(), s.p99Micros(), s.maxMicros(),
                    s.failure()));
        }
        return new Snapshot(e.isRunning() ? "running" : "stopped", source, analysers.size(), e.blocks(), e.frames(),
                e.droppedEvents(), timings);
    }

    /**
     * The {@code perfsuite:audio} command: the engine's state and each analyser's compute time per block.
     *
     * @return a table
     */
    public String audio() {
        AudioEngine e = engine;
        StringBuilder out = new StringBuilder();
        if (e == null) {
            return "Audio engine idle (source: " + config.source() + "); " + analysers.size() + " analysers bound\n";
        }
        out.append(String.format(Locale.ROOT, "Audio engine %s: %d blocks, %d frames, %d events dropped%n",
                e.isRunning() ? "running" : "stopped", e.blocks(), e.frames(), e.droppedEvents()));
        out.append("  audio thread: ").append(e.threadPolicy()).append('\n');
        out.append(String.format(Locale.ROOT, "  %-24s %10s %10s %10s %10s%n", "analyser", "blocks", "p50 µs",
                "p99 µs", "max µs"));
        for (AudioEngine.AnalyserStats s : e.stats()) {
            out.append(String.format(Locale.ROOT, "  %-24s %10d %10.1f %10.1f %10.1f%s%n", s.id(), s.blocks(),
                    s.p50Micros(), s.p99Micros(), s.maxMicros(), s.failure() == null ? "" : "  FAILED " + s.failure()));
        }
        return out.toString();
    }
}
