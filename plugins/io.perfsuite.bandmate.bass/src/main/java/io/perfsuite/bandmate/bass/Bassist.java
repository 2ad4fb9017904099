// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.NoteSink;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.band.kit.Harmony;
import io.perfsuite.api.band.kit.Humanizer;
import io.perfsuite.api.band.kit.PluginSettings;
import io.perfsuite.api.band.kit.SectionStyles;
import io.perfsuite.api.band.kit.Timeline;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.SectionKind;

/**
 * A bass player: lines in a configurable style (root-fifth, walking, syncopated) over the context's current and
 * predicted chords (the key's tonic triad when the chord is N or X), following meter, feel, intensity and sections;
 * silent in the count-in, one long root on a HOLD, and a last root on the downbeat after the ENDING cue.
 *
 * <p>This component takes <b>factory configurations</b> (PID {@value #PID}), one bassist per configuration; the
 * default bassist without configuration is {@link DefaultBassist}. Humanisation is a seeded hash of each note's
 * position, so the same context and window always give the same notes.
 *
 * <p>Not thread-safe: {@link #plan} and {@link #reset} run on the session thread only. {@code plan} allocates
 * nothing.
 */
@Component(name = Bassist.PID, configurationPid = Bassist.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Bandmate.class, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = Bassist.Config.class, factory = true)
public class Bassist implements Bandmate {

    /** Factory configuration PID: each configuration adds one bassist. */
    public static final String PID = "io.perfsuite.bandmate.bass";

    /** Configuration of one bassist. */
    @ObjectClassDefinition(id = PID, name = "Bass bandmate",
            description = "A bass player; several can play, each from its own factory configuration.")
    public @interface Config {
        /** @return the bandmate id, also the service property perfsuite.bandmate.id */
        @AttributeDefinition(name = "Id", description = "Unique in the band, e.g. \"bass-2\".")
        String perfsuite_bandmate_id() default "bass";

        /** @return the default style */
        @AttributeDefinition(name = "Style",
                description = "The bass line of every section whose style neither the song's hints nor Section styles"
                        + " set.",
                options = {
            @Option(label = "Root and fifth", value = "root-fifth"),
            @Option(label = "Walking", value = "walking"),
            @Option(label = "Syncopated (funk)", value = "syncopated")})
        String style() default "root-fifth";

        /** @return per-section styles */
        @AttributeDefinition(name = "Section styles", required = false,
                description = "Style hints per section kind, e.g. \"chorus=syncopated\", \"bridge=walking\".")
        String[] sectionStyles() default {};

        /** @return the humanisation seed */
        @AttributeDefinition(name = "Seed", description = "Same seed, same performance.")
        long seed() default 2;

        /** @return the timing deviation in ms */
        @AttributeDefinition(name = "Timing humanisation (ms)", min = "0", max = "50",
                description = "Largest random shift of a note, early or late, in milliseconds (0 to 50, at most a tenth"
                        + " of a beat); 0 plays on the grid.")
        int timingHumanisationMs() default 6;

        /** @return the velocity deviation */
        @AttributeDefinition(name = "Velocity humanisation", min = "0", max = "40",
                description = "Largest random change of a note's MIDI velocity, up or down (0 to 40); 0 plays every"
                        + " note at its intended velocity.")
        int velocityHumanisation() default 6;

        /** @return the lowest note */
        @AttributeDefinition(name = "Lowest note", min = "12", max = "72",
                description = "MIDI note; roots sit in the octave above it (28 = E1, a four-string's open E).")
        int lowestNote() default 28;

        /** @return the highest note */
        @AttributeDefinition(name = "Highest note", min = "24", max = "96",
                description = "MIDI note; the line never goes above it, at least 19 semitones above the lowest note"
                        + " (55 = G3).")
        int highestNote() default 55;
    }

    /** Positions closer than this are the same. */
    private static final double EPS = 1e-9;
    private static final int SALT_A = 0x6A09E667;
    private static final int SALT_B = 0x3C6EF372;

    private final String id;
    /** The song's style hints for this player, by section. */
    private final SectionStyles<BassStyle> sectionStyles;
    private final BassStyle[] styles = new BassStyle[SectionKind.values().length];
    private final int lowest;
    private final int highest;
    private final Humanizer humanizer;
    private final Timeline timeline = new Timeline();
    private final BassBeat line = new BassBeat();

    private NoteSink out;
    private double from;
    private double to;
    private double maxOffset;
    /** End of the latest window planned, NaN since the start or a reset. */
    private double lastTo = Double.NaN;
    /** Whether this window comes after a break (start, reset, a gap): see {@link #emit}. */
    private boolean entering;

    /**
     * @param config the configuration
     * @throws IllegalArgumentException for an unknown style, a malformed section style or a value out of range
     */
    @Activate
    public Bassist(Config config) {
        this.id = PluginSettings.id(config.perfsuite_bandmate_id());
        this.sectionStyles = new SectionStyles<>(id, "bass", BassStyle::named);
        java.util.Arrays.fill(styles, BassStyle.named(config.style()));
        for (String entry : config.sectionStyles()) {
            String[] kv = PluginSettings.sectionStyle(entry);
            styles[SectionKind.fromName(kv[0]).ordinal()] = BassStyle.named(kv[1]);
        }
        this.lowest = PluginSettings.range("lowestNote", config.lowestNote(), 12, 72);
        this.highest = PluginSettings.range("highestNote", config.highestNote(), lowest + 19, 108);
        this.humanizer = new Humanizer(config.seed(), id,
                PluginSettings.range("timingHumanisationMs", config.timingHumanisationMs(), 0, 50),
                PluginSettings.range("velocityHumanisation", config.velocityHumanisation(), 0, 40));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Role role() {
        return Role.BASS;
    }

    @Override
    public void reset() {
        timeline.reset();
        lastTo = Double.NaN;
    }

    /** The style for a section kind: the song's hint for the current or next section, else the configuration. */
    private BassStyle styleFor(SectionKind kind) {
        return sectionStyles.forKind(kind, styles[kind.ordinal()]);
    }

    @Override
    public void plan(MusicalContext context, double fromBeat, double toBeat, NoteSink sink) {
        if (!context.playing() || !(toBeat > fromBeat)) {
            return;
        }
        sectionStyles.update(context);
        Timeline t = timeline;
        t.update(context, fromBeat);
        out = sink;
        from = fromBeat;
        to = toBeat;
        entering = Double.isNaN(lastTo) || fromBeat > lastTo;
        lastTo = Double.isNaN(lastTo) ? toBeat : Math.max(lastTo, toBeat);
        maxOffset = humanizer.maxOffsetBeats(t.bpm());
        try {
            lines(t, context);
            if (t.holdBeat() >= from && t.holdBeat() < to) {
                exact(context, t, t.holdBeat(), 2.0 * t.beatsPerBar());
            }
            if (t.endingBeat() >= from && t.endingBeat() < to) {
                exact(context, t, t.endingBeat(), 2);
            }
        } finally {
            out = null;
        }
    }

    /** A root on the exact beat, for the hits the whole band lines up with (hold, ending). */
    private void exact(MusicalContext c, Timeline t, double beat, double duration) {
        int harmony = Harmony.resolve(t.chordAt(beat), c.key());
        if (harmony >= 0) {
            out.note(beat, lowest + Math.floorMod(Harmony.root(harmony) - lowest, 12), 110, duration);
        }
    }

    /** Walks the pattern beats over the window, widened by the humanisation so late and early notes are owned. */
    private void lines(Timeline t, MusicalContext c) {
        double rate = t.rate();
        double beatLength = 1 / rate;
        long first = (long) Math.floor((from - maxOffset) * rate) - 1;
        long last = (long) Math.floor((to + maxOffset) * rate);
        BassBeat b = line;
        for (long k = first; k <= last; k++) {
            double p = k / rate;
            if (p - maxOffset >= to || p + beatLength + maxOffset < from || t.countInAt(p) || t.endedAt(p)
                    || t.heldAt(p)) {
                continue;
            }
            int harmony = Harmony.resolve(t.chordAt(p), c.key());
            if (harmony < 0) {
                continue;
            }
            int next = Harmony.resolve(t.chordAt(p + beatLength), c.key());
            SectionKind kind = t.kindAt(p);
            b.beatInBar = (int) Math.floorMod(k, (long) t.beatsPerBar());
            b.beatsPerBar = t.beatsPerBar();
            b.intensity = t.intensityIn(kind);
            b.sparse = Timeline.sparse(kind);
            b.harmony = harmony;
            b.nextHarmony = next < 0 ? harmony : next;
            b.change = next >= 0 && next != harmony;
            b.chance = humanizer.chance(p, SALT_A);
            b.chance2 = humanizer.chance(p, SALT_B);
            b.lowest = lowest;
            b.highest = highest;
            b.count = 0;
            if (b.sparse && b.intensity < 0.6) {
                // intro and breakdown: one long root a bar leaves room for the performer
                if (b.beatInBar == 0) {
                    b.note(0, b.root(), b.vel(95), t.beatsPerBar() - 0.1);
                }
            } else {
                styleFor(kind).beat(b);
            }
            for (int i = 0; i < b.count; i++) {
                double nominal = p + b.offsets[i] * beatLength;
                double duration = b.durations[i] * beatLength;
                // a note never rings into the final hit or the hold
                duration = clip(duration, nominal, t.endingBeat());
                duration = clip(duration, nominal, t.holdBeat());
                emit(nominal, b.pitches[i], b.velocities[i], duration);
            }
        }
    }

    private static double clip(double duration, double start, double limit) {
        return limit > start + EPS && start + duration > limit ? limit - start : duration;
    }

    /**
     * Humanises a note and writes it if it falls in the window (each note is owned by exactly one window). After a
     * break no window before this one owns a note pushed early out of it: such a note is played at the start.
     */
    private void emit(double nominal, int pitch, double velocity, double duration) {
        double beat = nominal + humanizer.signed(nominal, 1) * maxOffset;
        if (entering && beat < from && nominal >= from) {
            beat = from;
        }
        if (beat >= from && beat < to && duration > EPS) {
            out.note(beat, pitch, humanizer.velocity(velocity, nominal, pitch), duration);
        }
    }
}
