// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.beat.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.api.analysis.AudioBlock;

/**
 * Beats and tempo, causally: the onset strength of each block (log spectral flux of the engine's shared spectrum)
 * feeds a {@link BeatTracker}, which reports each beat when it happens with the beat period and the predicted next
 * beat. Allocation-free on the audio thread.
 */
@Component(configurationPid = BeatAnalyser.PID)
@Designate(ocd = BeatAnalyser.Config.class)
public class BeatAnalyser implements Analyser, BeatTracker.Listener {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.analysis.beat";

    /** Configuration. */
    @ObjectClassDefinition(name = "Performance Suite beat tracker", description = "Follows the beat and tempo.")
    public @interface Config {
        /** @return slowest tempo */
        @AttributeDefinition(name = "Slowest tempo (BPM)", min = "20", max = "200")
        double minBpm() default 50;

        /** @return fastest tempo */
        @AttributeDefinition(name = "Fastest tempo (BPM)", min = "60", max = "400")
        double maxBpm() default 220;

        /** @return preferred tempo */
        @AttributeDefinition(name = "Preferred tempo (BPM)",
                description = "Where the tracker leans when the music allows several metrical levels.")
        double preferredBpm() default 110;

        /** @return analysed history */
        @AttributeDefinition(name = "History (s)", min = "2", max = "20",
                description = "How much of the past the tempo and phase estimates look at.")
        double windowSeconds() default 6;

        /** @return latency compensation */
        @AttributeDefinition(name = "Latency compensation (FFT fraction)", min = "0", max = "1")
        double latencyFraction() default 0.45;
    }

    private final Config config;
    private BeatTracker tracker;
    private float[] previous;
    private AnalysisSink sink;
    private double samplesPerSecond;

    /**
     * @param config the configuration
     */
    @Activate
    public BeatAnalyser(Config config) {
        this.config = config;
    }

    @Override
    public String id() {
        return "beat";
    }

    @Override
    public void prepare(float sampleRate, int maxBlockSize, int fftSize) {
        samplesPerSecond = sampleRate;
        previous = new float[fftSize / 2];
        tracker = new BeatTracker(maxBlockSize, sampleRate, config.latencyFraction() * fftSize, config.minBpm(),
                config.maxBpm(), config.preferredBpm(), config.windowSeconds());
    }

    @Override
    public void reset() {
        if (tracker != null) {
            tracker.reset();
            java.util.Arrays.fill(previous, 0f);
        }
    }

    @Override
    public void process(AudioBlock block, AnalysisSink out) {
        if (block.length() == 0) {
            return;
        }
        float[] m = block.magnitudes();
        int bins = Math.min(m.length, previous.length);
        double flux = 0;
        float before = 0;
        for (int k = 0; k < bins; k++) {
            float v = (float) Math.log1p(m[k]);
            float ref = previous[k];
            if (k > 0 && before > ref) {
                ref = before; // previous[k - 1], already overwritten below, kept in `before`
            }
            if (k + 1 < bins && previous[k + 1] > ref) {
                ref = previous[k + 1];
            }
            before = previous[k];
            previous[k] = v;
            if (v > ref) {
                flux += v - ref;
            }
        }
        sink = out;
        tracker.push(flux, this);
        sink = null;
    }

    @Override
    public void beat(double beatFrame, double periodFrames, double nextBeatFrame, double confidence) {
        sink.beat(Math.max(0, Math.round(beatFrame)), periodFrames / samplesPerSecond, Math.round(nextBeatFrame), 0,
                confidence);
    }
}
