// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

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
import io.perfsuite.api.band.kit.Humanizer;
import io.perfsuite.api.band.kit.PluginSettings;
import io.perfsuite.api.band.kit.SectionStyles;
import io.perfsuite.api.band.kit.Timeline;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.SectionKind;

/**
 * A drummer: grooves in a configurable style (rock, pop ballad, funk, swing), following the context's meter, feel,
 * intensity and sections; fills into section changes and on the FILL cue, crashes into the new section, clicks the
 * count-in, marks a HOLD with one crash and then lets it ring, and ends with a crash and kick on the downbeat after
 * the ENDING cue.
 *
 * <p>This component takes <b>factory configurations</b> (PID {@value #PID}), one drummer per configuration; the
 * default drummer without configuration is {@link DefaultDrummer}. Timing and velocity are humanised from a seeded
 * hash of the note's position, so the same context and window always give the same notes.
 *
 * <p>Not thread-safe: {@link #plan} and {@link #reset} run on the session thread only. {@code plan} allocates
 * nothing.
 */
@Component(name = Drummer.PID, configurationPid = Drummer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Bandmate.class, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = Drummer.Config.class, factory = true)
public class Drummer implements Bandmate {

    /** Factory configuration PID: each configuration adds one drummer. */
    public static final String PID = "io.perfsuite.bandmate.drums";

    /** Configuration of one drummer. */
    @ObjectClassDefinition(id = PID, name = "Drums bandmate",
            description = "A drummer; several can play, each from its own factory configuration.")
    public @interface Config {
        /** @return the bandmate id, also the service property perfsuite.bandmate.id */
        @AttributeDefinition(name = "Id", description = "Unique in the band, e.g. \"drums-2\".")
        String perfsuite_bandmate_id() default "drums";

        /** @return the default style */
        @AttributeDefinition(name = "Style",
                description = "The groove of every section whose style neither the song's hints nor Section styles"
                        + " set.",
                options = {
            @Option(label = "Rock", value = "rock"),
            @Option(label = "Pop ballad", value = "ballad"),
            @Option(label = "Funk", value = "funk"),
            @Option(label = "Swing", value = "swing")})
        String style() default "rock";

        /** @return per-section styles */
        @AttributeDefinition(name = "Section styles", required = false,
                description = "Style hints per section kind, e.g. \"chorus=rock\", \"verse=ballad\".")
        String[] sectionStyles() default {};

        /** @return the humanisation seed */
        @AttributeDefinition(name = "Seed", description = "Same seed, same performance.")
        long seed() default 1;

        /** @return the timing deviation in ms */
        @AttributeDefinition(name = "Timing humanisation (ms)", min = "0", max = "50",
                description = "Largest random shift of a note, early or late, in milliseconds (0 to 50, at most a tenth"
                        + " of a beat); 0 plays on the grid.")
        int timingHumanisationMs() default 5;

        /** @return the velocity deviation */
        @AttributeDefinition(name = "Velocity humanisation", min = "0", max = "40",
                description = "Largest random change of a note's MIDI velocity, up or down (0 to 40); 0 plays every"
                        + " note at its intended velocity.")
        int velocityHumanisation() default 6;

        /** @return whether to fill into section changes */
        @AttributeDefinition(name = "Fills", description = "Fill into section changes (the FILL cue always fills).")
        boolean fills() default true;
    }

    /** How long a drum note lasts: drums ignore note-offs, but the sink wants a positive duration. */
    static final double HIT_BEATS = 0.1;
    /** How long a crash is held, so a sampler that honours note-offs lets it ring. */
    static final double CRASH_BEATS = 2;
    /** Positions closer than this are the same (they come from integer grids, so rounding is tiny). */
    private static final double EPS = 1e-6;
    private static final int SALT_CHANCE = 0x3C6EF372;

    private final String id;
    /** The song's style hints for this player, by section. */
    private final SectionStyles<DrumPattern> sectionStyles;
    private final DrumPattern[] patterns = new DrumPattern[SectionKind.values().length];
    private final boolean fills;
    private final Humanizer humanizer;
    private final Timeline timeline = new Timeline();
    private final Groove groove = new Groove();

    // the window being planned; set and cleared by plan()
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
    public Drummer(Config config) {
        this.id = PluginSettings.id(config.perfsuite_bandmate_id());
        this.sectionStyles = new SectionStyles<>(id, "drums", DrumPattern::named);
        DrumPattern base = DrumPattern.named(config.style());
        java.util.Arrays.fill(patterns, base);
        for (String entry : config.sectionStyles()) {
            String[] kv = PluginSettings.sectionStyle(entry);
            patterns[SectionKind.fromName(kv[0]).ordinal()] = DrumPattern.named(kv[1]);
        }
        this.fills = config.fills();
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
        return Role.DRUMS;
    }

    @Override
    public void reset() {
        timeline.reset();
        lastTo = Double.NaN;
    }

    /** The style for a section kind: the song's hint for the current or next section, else the configuration. */
    private DrumPattern styleFor(SectionKind kind) {
        return sectionStyles.forKind(kind, patterns[kind.ordinal()]);
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
            countIn(t);
            grooves(t);
            fills(t);
            if (inWindow(t.holdBeat())) {
                hit(t.holdBeat(), DrumPattern.CRASH, 110, CRASH_BEATS);
                hit(t.holdBeat(), DrumPattern.KICK, 110, HIT_BEATS);
            }
            if (inWindow(t.endingBeat())) {
                hit(t.endingBeat(), DrumPattern.CRASH, 122, CRASH_BEATS);
                hit(t.endingBeat(), DrumPattern.KICK, 122, HIT_BEATS);
            }
        } finally {
            out = null;
        }
    }

    /** Sticks on every beat of the count-in, on the beat exactly: the performer counts on them. */
    private void countIn(Timeline t) {
        for (double p = Math.ceil(from); p < to; p++) {
            if (t.countInAt(p)) {
                boolean one = Math.floorMod((long) p, t.beatsPerBar()) == 0;
                out.note(p, DrumPattern.CLOSED_HAT, one ? 105 : 80, HIT_BEATS);
            }
        }
    }

    /** Walks the pattern grid over the window, widened by the humanisation so late and early notes are owned. */
    private void grooves(Timeline t) {
        double rate = t.rate();
        long firstBeat = (long) Math.floor((from - maxOffset) * rate);
        long lastBeat = (long) Math.floor((to + maxOffset) * rate);
        Groove g = groove;
        for (long k = firstBeat; k <= lastBeat; k++) {
            SectionKind kind = t.kindAt(k / rate);
            DrumPattern pattern = styleFor(kind);
            int steps = pattern.stepsPerBeat();
            for (int s = 0; s < steps; s++) {
                double p = (k + s / (double) steps) / rate;
                if (p + maxOffset < from || p - maxOffset >= to || silentAt(t, p)) {
                    continue;
                }
                kind = t.kindAt(p);
                g.beatInBar = (int) Math.floorMod(k, (long) t.beatsPerBar());
                g.step = s;
                g.beatsPerBar = t.beatsPerBar();
                g.intensity = t.intensityIn(kind);
                g.sparse = Timeline.sparse(kind);
                g.full = kind == SectionKind.CHORUS || g.intensity > 0.85;
                g.minimal = t.minimal();
                g.chance = humanizer.chance(p, SALT_CHANCE);
                g.count = 0;
                pattern.step(g);
                if (crashAt(t, p)) {
                    g.hit(DrumPattern.CRASH, 115);
                    if (!has(g, DrumPattern.KICK)) {
                        g.hit(DrumPattern.KICK, 110);
                    }
                }
                for (int i = 0; i < g.count; i++) {
                    int key = g.keys[i];
                    emit(p, key, g.velocities[i], key == DrumPattern.CRASH ? CRASH_BEATS : HIT_BEATS);
                }
            }
        }
    }

    private static boolean has(Groove g, int key) {
        for (int i = 0; i < g.count; i++) {
            if (g.keys[i] == key) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the groove rests at a position: a count-in, fill, hold or ending plays instead */
    private boolean silentAt(Timeline t, double p) {
        return t.countInAt(p) || t.endedAt(p) || t.heldAt(p) || !Double.isNaN(fillEnd(t, p));
    }

    /** @return where the fill a position lies in ends, or NaN */
    private double fillEnd(Timeline t, double p) {
        double end = t.fillEndAt(p, fillBeats(t));
        if (!fills && !Double.isNaN(end) && !(t.fillCue() && end == t.barEnd())) {
            return Double.NaN;
        }
        return end;
    }

    /** A fill lasts a beat, two when the band plays hard in a long enough bar. */
    private static double fillBeats(Timeline t) {
        return t.intensity() > 0.7 && t.beatsPerBar() >= 4 ? 2 : 1;
    }

    /** @return whether a position is the downbeat a fill or a section change leads into */
    private boolean crashAt(Timeline t, double p) {
        return (t.sectionChangeAhead() && Math.abs(p - t.sectionEnd()) < EPS)
                || (t.fillCue() && Math.abs(p - t.barEnd()) < EPS);
    }

    /**
     * Plays the fills that end in or near the window: snare into high, mid and low toms, getting louder, in
     * sixteenths (eighths when soft; triplets for swing).
     */
    private void fills(Timeline t) {
        double length = fillBeats(t);
        double cueEnd = t.fillCue() ? t.barEnd() : Double.NaN;
        double sectionEnd = t.sectionChangeAhead() && fills ? t.sectionEnd() : Double.NaN;
        fill(t, cueEnd, length);
        if (sectionEnd != cueEnd) {
            fill(t, sectionEnd, length);
        }
    }

    private void fill(Timeline t, double end, double length) {
        if (Double.isNaN(end) || end - length - maxOffset >= to || end + maxOffset < from) {
            return;
        }
        double start = end - length;
        int steps = styleFor(t.kindAt(start)).stepsPerBeat();
        double intensity = t.intensityIn(t.kindAt(start));
        int stride = intensity >= 0.5 || steps == 3 ? 1 : 2;
        int count = (int) Math.round(length * steps);
        for (int i = 0; i < count; i += stride) {
            double p = start + i / (double) steps;
            if (t.countInAt(p) || t.endedAt(p) || t.heldAt(p)) {
                continue;
            }
            double u = i / (double) count;
            int key;
            if (u < 0.25 || humanizer.chance(p, SALT_CHANCE + 1) < 0.15) {
                key = DrumPattern.SNARE;
            } else if (u < 0.5) {
                key = DrumPattern.HIGH_TOM;
            } else if (u < 0.75) {
                key = DrumPattern.MID_TOM;
            } else {
                key = DrumPattern.LOW_TOM;
            }
            double velocity = (72 + 40 * u) * (0.6 + 0.4 * intensity);
            emit(p, key, velocity, HIT_BEATS);
            if (i == 0) {
                emit(p, DrumPattern.KICK, velocity, HIT_BEATS);
            }
        }
    }

    private boolean inWindow(double beat) {
        return beat >= from && beat < to;
    }

    /** A hit on the exact beat, for the accents everyone lines up with. */
    private void hit(double beat, int key, double velocity, double duration) {
        out.note(beat, key, (int) Math.max(1, Math.min(127, Math.round(velocity))), duration);
    }

    /**
     * Humanises a note and writes it if it falls in the window. Ownership by the humanised time means each note is
     * written by exactly one of two adjacent windows, whichever way it is pushed. After a break there was no window
     * before this one to own a note pushed early out of it, so such a note is played at the window's start.
     */
    private void emit(double nominal, int key, double velocity, double duration) {
        double beat = nominal + humanizer.signed(nominal, key) * maxOffset;
        if (entering && beat < from && nominal >= from) {
            beat = from;
        }
        if (beat >= from && beat < to) {
            out.note(beat, key, humanizer.velocity(velocity, nominal, key), duration);
        }
    }
}
