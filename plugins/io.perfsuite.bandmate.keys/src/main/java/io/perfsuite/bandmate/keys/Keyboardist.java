// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.keys;

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
 * A keyboard player: pads or comping over the context's current and predicted chords (the key's tonic triad when
 * the chord is N or X), voice-led inside a register, following meter, feel, intensity and sections; silent in the
 * count-in, one held chord on a HOLD, and a last chord on the downbeat after the ENDING cue.
 *
 * <p>This component takes <b>factory configurations</b> (PID {@value #PID}), one player per configuration; the
 * default player without configuration is {@link DefaultKeyboardist}. Humanisation is a seeded hash of each chord's
 * position. The voicing of a chord depends on the one before it (that is what voice leading is), so the notes are a
 * function of the context, the window and the chords this player has voiced since its last reset: replaying a
 * window, or feeding two players the same windows, gives the same notes.
 *
 * <p>Not thread-safe: {@link #plan} and {@link #reset} run on the session thread only. {@code plan} allocates
 * nothing.
 */
@Component(name = Keyboardist.PID, configurationPid = Keyboardist.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = Bandmate.class, scope = ServiceScope.PROTOTYPE)
@Designate(ocd = Keyboardist.Config.class, factory = true)
public class Keyboardist implements Bandmate {

    /** Factory configuration PID: each configuration adds one keyboard player. */
    public static final String PID = "io.perfsuite.bandmate.keys";

    /** Configuration of one keyboard player. */
    @ObjectClassDefinition(id = PID, name = "Keys bandmate",
            description = "A keyboard player; several can play, each from its own factory configuration.")
    public @interface Config {
        /** @return the bandmate id, also the service property perfsuite.bandmate.id */
        @AttributeDefinition(name = "Id", description = "Unique in the band, e.g. \"keys-2\".")
        String perfsuite_bandmate_id() default "keys";

        /** @return the default style */
        @AttributeDefinition(name = "Style",
                description = "The playing of every section whose style neither the song's hints nor Section styles"
                        + " set.",
                options = {
            @Option(label = "Pads (sustained)", value = "pads"),
            @Option(label = "Comping (stabs)", value = "comping")})
        String style() default "pads";

        /** @return per-section styles */
        @AttributeDefinition(name = "Section styles", required = false,
                description = "Style hints per section kind, e.g. \"chorus=comping\", \"intro=pads\".")
        String[] sectionStyles() default {};

        /** @return the humanisation seed */
        @AttributeDefinition(name = "Seed", description = "Same seed, same performance.")
        long seed() default 3;

        /** @return the timing deviation in ms */
        @AttributeDefinition(name = "Timing humanisation (ms)", min = "0", max = "50",
                description = "Largest random shift of a note, early or late, in milliseconds (0 to 50, at most a tenth"
                        + " of a beat); 0 plays on the grid.")
        int timingHumanisationMs() default 8;

        /** @return the velocity deviation */
        @AttributeDefinition(name = "Velocity humanisation", min = "0", max = "40",
                description = "Largest random change of a note's MIDI velocity, up or down (0 to 40); 0 plays every"
                        + " note at its intended velocity.")
        int velocityHumanisation() default 6;

        /** @return the lowest note */
        @AttributeDefinition(name = "Lowest note", min = "21", max = "96",
                description = "MIDI note; voicings stay between this and the highest note (52 = E3).")
        int lowestNote() default 52;

        /** @return the highest note */
        @AttributeDefinition(name = "Highest note", min = "40", max = "108",
                description = "MIDI note; voicings never go above it, at least 19 semitones above the lowest note"
                        + " (76 = E5).")
        int highestNote() default 76;
    }

    private static final double EPS = 1e-9;
    private static final int SALT_BAR = 0x510E527F;
    private static final int SALT_BEAT = 0x1F83D9AB;
    private static final int SALT_TIME = 0x5BE0CD19;

    private final String id;
    /** The song's style hints for this player, by section. */
    private final SectionStyles<KeysStyle> sectionStyles;
    private final KeysStyle[] styles = new KeysStyle[SectionKind.values().length];
    private final Humanizer humanizer;
    private final Timeline timeline = new Timeline();
    private final VoiceLeader leader;
    private final KeysBeat beat = new KeysBeat();

    private NoteSink out;
    private double from;
    private double to;
    private double maxOffset;
    private double lastFrom = Double.NEGATIVE_INFINITY;
    /** End of the latest window planned, NaN after a reset: a window after a gap is a re-entry. */
    private double lastTo = Double.NaN;

    /**
     * @param config the configuration
     * @throws IllegalArgumentException for an unknown style, a malformed section style or a value out of range
     */
    @Activate
    public Keyboardist(Config config) {
        this.id = PluginSettings.id(config.perfsuite_bandmate_id());
        this.sectionStyles = new SectionStyles<>(id, "keys", KeysStyle::named);
        java.util.Arrays.fill(styles, KeysStyle.named(config.style()));
        for (String entry : config.sectionStyles()) {
            String[] kv = PluginSettings.sectionStyle(entry);
            styles[SectionKind.fromName(kv[0]).ordinal()] = KeysStyle.named(kv[1]);
        }
        int lowest = PluginSettings.range("lowestNote", config.lowestNote(), 21, 96);
        int highest = PluginSettings.range("highestNote", config.highestNote(), lowest + 19, 108);
        this.leader = new VoiceLeader(lowest, highest);
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
        return Role.KEYS;
    }

    @Override
    public void reset() {
        timeline.reset();
        leader.reset();
        lastFrom = Double.NEGATIVE_INFINITY;
        lastTo = Double.NaN;
    }

    /** The style for a section kind: the song's hint for the current or next section, else the configuration. */
    private KeysStyle styleFor(SectionKind kind) {
        return sectionStyles.forKind(kind, styles[kind.ordinal()]);
    }

    @Override
    public void plan(MusicalContext context, double fromBeat, double toBeat, NoteSink sink) {
        if (!context.playing() || !(toBeat > fromBeat)) {
            return;
        }
        sectionStyles.update(context);
        if (fromBeat < lastFrom) {
            // time went backwards without a reset: voicings remembered from later say nothing about now
            leader.reset();
        }
        lastFrom = fromBeat;
        // a re-entry: the first window since the start or a reset (the session released this player's notes), or one
        // after a gap (muted, left out); a window planned again is not one, it must give the same notes
        boolean reentry = Double.isNaN(lastTo) || fromBeat > lastTo;
        lastTo = Math.max(toBeat, Double.isNaN(lastTo) ? toBeat : lastTo);
        Timeline t = timeline;
        t.update(context, fromBeat);
        out = sink;
        from = fromBeat;
        to = toBeat;
        maxOffset = humanizer.maxOffsetBeats(t.bpm());
        try {
            comp(t, context, reentry);
            if (t.holdBeat() >= from && t.holdBeat() < to) {
                chord(context, t, t.holdBeat(), t.holdBeat(), 2.0 * t.beatsPerBar(), 90, false);
            }
            if (t.endingBeat() >= from && t.endingBeat() < to) {
                chord(context, t, t.endingBeat(), t.endingBeat(), 2, 105, false);
            }
        } finally {
            out = null;
        }
    }

    /** Walks the pattern beats over the window, widened by the humanisation so late and early chords are owned. */
    private void comp(Timeline t, MusicalContext c, boolean reentry) {
        double rate = t.rate();
        double beatLength = 1 / rate;
        long firstOwn = (long) Math.ceil(from * rate - EPS);
        long first = (long) Math.floor((from - maxOffset) * rate) - 1;
        long last = (long) Math.floor((to + maxOffset) * rate);
        KeysBeat b = beat;
        for (long k = first; k <= last; k++) {
            double p = k / rate;
            if (p - maxOffset >= to || p + beatLength + maxOffset < from || t.countInAt(p) || t.endedAt(p)
                    || t.heldAt(p)) {
                continue;
            }
            SectionKind kind = t.kindAt(p);
            int bpb = t.beatsPerBar();
            b.beatInBar = (int) Math.floorMod(k, (long) bpb);
            b.beatsPerBar = bpb;
            b.intensity = t.intensityIn(kind);
            b.sparse = Timeline.sparse(kind);
            b.changesHere = p == t.chordChange();
            b.reentry = reentry && k == firstOwn;
            b.changesNext = p < t.chordChange() && p + beatLength >= t.chordChange();
            b.untilChange = p < t.chordChange() ? (t.chordChange() - p) * rate : Double.POSITIVE_INFINITY;
            b.barChance = humanizer.chance(Math.floorDiv(k, (long) bpb), SALT_BAR);
            b.chance = humanizer.chance(p, SALT_BEAT);
            b.count = 0;
            styleFor(kind).beat(b);
            for (int i = 0; i < b.count; i++) {
                double nominal = p + b.offsets[i] * beatLength;
                double harmonyAt = b.anticipations[i] ? p + beatLength : p;
                double duration = b.durations[i] * beatLength;
                duration = clip(duration, nominal, t.endingBeat());
                duration = clip(duration, nominal, t.holdBeat());
                double timed = nominal + humanizer.signed(nominal, SALT_TIME) * maxOffset;
                if (b.reentry && timed < from) {
                    timed = from; // humanised early, but the window before it was not this player's
                }
                if (timed >= from && timed < to && duration > EPS) {
                    chord(c, t, timed, harmonyAt, duration, b.velocities[i], true);
                }
            }
        }
    }

    private static double clip(double duration, double start, double limit) {
        return limit > start + EPS && start + duration > limit ? limit - start : duration;
    }

    /**
     * Plays the voicing of the chord sounding at {@code harmonyAt}, all voices together at {@code beat}.
     *
     * @param humanise whether to vary the velocities (the final chord and the hold are played as one)
     */
    private void chord(MusicalContext c, Timeline t, double beat, double harmonyAt, double duration,
            double velocity, boolean humanise) {
        int harmony = Harmony.resolve(t.chordAt(harmonyAt), c.key());
        if (harmony < 0) {
            return;
        }
        int slot = leader.voice(harmony, t.chordStartAt(harmonyAt));
        int[] notes = leader.notes(slot);
        for (int i = 0, n = leader.count(slot); i < n; i++) {
            int v = humanise ? humanizer.velocity(velocity, beat, notes[i])
                    : (int) Math.max(1, Math.min(127, Math.round(velocity)));
            out.note(beat, notes[i], v, duration);
        }
    }
}
