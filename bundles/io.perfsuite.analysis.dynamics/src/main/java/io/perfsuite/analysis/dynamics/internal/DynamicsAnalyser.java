// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.analysis.dynamics.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.perfsuite.api.analysis.AnalysisSink;
import io.perfsuite.api.analysis.Analyser;
import io.perfsuite.api.analysis.AudioBlock;
import io.perfsuite.api.music.Dynamics;

/**
 * The performer's levels, once per block: RMS and peak of the block in dBFS, EBU R128 short-term loudness (3 s),
 * and accents: a block clearly louder than the recent level (an exponential average over about a second).
 * Allocation-free on the audio thread.
 */
@Component(configurationPid = DynamicsAnalyser.PID, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = DynamicsAnalyser.Config.class)
public class DynamicsAnalyser implements Analyser {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.analysis.dynamics";

    /** Configuration. */
    @ObjectClassDefinition(name = "Performance Suite dynamics analyser",
            description = "Levels, loudness and accents of the performer's audio.")
    public @interface Config {
        /** @return how far above the recent level an accent is */
        @AttributeDefinition(name = "Accent threshold (dB)", min = "1", max = "30",
                description = "How much louder than the recent level (about 1 s) a block must be to be an accent.")
        double accentThresholdDb() default 6;

        /** @return the quietest level an accent can have */
        @AttributeDefinition(name = "Accent floor (dBFS)", min = "-120", max = "0",
                description = "Blocks quieter than this are never accents (noise, bleed).")
        double accentFloorDbfs() default -45;

        /** @return the shortest time between accents */
        @AttributeDefinition(name = "Accent spacing (ms)", min = "10", max = "2000",
                description = "Shortest time between two accents, in milliseconds (10 to 2000); a louder block sooner"
                        + " after the previous accent is not one.")
        int accentSpacingMs() default 100;
    }

    private final double accentThresholdDb;
    private final double accentFloorDbfs;
    private final int accentSpacingMs;
    private LoudnessMeter meter;
    private double averageMeanSquare;
    private double previousMeanSquare;
    private double smoothing;
    private long lastAccentFrame = Long.MIN_VALUE / 2;
    private long accentSpacingFrames;

    /**
     * @param config the configuration
     */
    @Activate
    public DynamicsAnalyser(Config config) {
        this.accentThresholdDb = config.accentThresholdDb();
        this.accentFloorDbfs = config.accentFloorDbfs();
        this.accentSpacingMs = config.accentSpacingMs();
    }

    @Override
    public String id() {
        return "dynamics";
    }

    @Override
    public void prepare(float sampleRate, int maxBlockSize, int fftSize) {
        meter = new LoudnessMeter(sampleRate, false);
        // per-block smoothing for a ~1 s time constant, whatever the block size
        smoothing = 1 - Math.exp(-maxBlockSize / (double) sampleRate);
        accentSpacingFrames = Math.round(accentSpacingMs * sampleRate / 1000.0);
        reset();
    }

    @Override
    public void reset() {
        if (meter != null) {
            meter.reset();
        }
        averageMeanSquare = 0;
        previousMeanSquare = 0;
        lastAccentFrame = Long.MIN_VALUE / 2;
    }

    @Override
    public void process(AudioBlock block, AnalysisSink out) {
        int n = block.length();
        if (n == 0) {
            return;
        }
        float[] s = block.samples();
        double sum = 0;
        double peak = 0;
        for (int i = 0; i < n; i++) {
            double v = s[i];
            sum += v * v;
            double a = Math.abs(v);
            if (a > peak) {
                peak = a;
            }
        }
        meter.process(s, n);
        double meanSquare = sum / n;
        double rmsDb = Dynamics.toDbfs(Math.sqrt(meanSquare));
        double peakDb = Dynamics.toDbfs(peak);
        double averageDb = 10 * Math.log10(averageMeanSquare + 1e-30);
        double previousDb = 10 * Math.log10(previousMeanSquare + 1e-30);
        // An accent is a transient: louder than the recent level and a jump from the block before, so a step up
        // to a louder passage gives one accent, not one per block; coming out of silence is a start, not an accent.
        boolean accent = rmsDb > accentFloorDbfs && averageDb > accentFloorDbfs - 30
                && rmsDb - averageDb >= accentThresholdDb && rmsDb - previousDb >= accentThresholdDb / 2
                && block.startFrame() - lastAccentFrame >= accentSpacingFrames;
        if (accent) {
            lastAccentFrame = block.startFrame();
        }
        averageMeanSquare += smoothing * (meanSquare - averageMeanSquare);
        previousMeanSquare = meanSquare;
        out.dynamics(block.startFrame(), rmsDb, peakDb, meter.shortTerm(), accent);
    }
}
