// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.metronome;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.NoteSink;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.MusicalContext;

/**
 * A click on every beat, accented on beat one of each bar; it follows the meter and tempo of the context, counts in
 * (negative beats) and keeps silent while the band is stopped.
 *
 * <p>This is the template for a bandmate plugin: one DS component implementing {@link Bandmate}, configured through
 * metatype, depending on the API bundle only. It keeps no mutable state, so {@link #plan} is trivially safe to call
 * from the session thread and allocation-free.
 */
@Component(configurationPid = Metronome.PID, property = Bandmate.PROP_ID + "=metronome")
@Designate(ocd = Metronome.Config.class)
public class Metronome implements Bandmate {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.bandmate.metronome";

    /** Configuration: which General MIDI percussion keys and velocities to click with. */
    @ObjectClassDefinition(name = "Metronome bandmate", description = "A click on every beat, accent on beat one.")
    public @interface Config {
        /** @return the key on beat one */
        @AttributeDefinition(name = "Accent note", min = "0", max = "127",
                description = "General MIDI percussion key on beat one (76 = high wood block).")
        int accentNote() default 76;

        /** @return the key on the other beats */
        @AttributeDefinition(name = "Click note", min = "0", max = "127",
                description = "General MIDI percussion key on the other beats (77 = low wood block).")
        int clickNote() default 77;

        /** @return the velocity of beat one */
        @AttributeDefinition(name = "Accent velocity", min = "1", max = "127",
                description = "MIDI velocity of the click on beat one (1 to 127).")
        int accentVelocity() default 120;

        /** @return the velocity of the other beats */
        @AttributeDefinition(name = "Click velocity", min = "1", max = "127",
                description = "MIDI velocity of the clicks on the other beats (1 to 127).")
        int clickVelocity() default 80;
    }

    /** How long each click lasts, in beats: short enough not to blur at fast tempi. */
    static final double CLICK_BEATS = 0.125;

    private final int accentNote;
    private final int clickNote;
    private final int accentVelocity;
    private final int clickVelocity;

    /**
     * @param config the configuration
     * @throws IllegalArgumentException if a value is outside the MIDI range
     */
    @Activate
    public Metronome(Config config) {
        this.accentNote = midi("accentNote", config.accentNote(), 0);
        this.clickNote = midi("clickNote", config.clickNote(), 0);
        this.accentVelocity = midi("accentVelocity", config.accentVelocity(), 1);
        this.clickVelocity = midi("clickVelocity", config.clickVelocity(), 1);
    }

    private static int midi(String name, int value, int min) {
        if (value < min || value > 127) {
            throw new IllegalArgumentException("metronome " + name + " must be in [" + min + ", 127], was " + value);
        }
        return value;
    }

    @Override
    public String id() {
        return "metronome";
    }

    @Override
    public Role role() {
        return Role.CLICK;
    }

    @Override
    public void plan(MusicalContext context, double fromBeat, double toBeat, NoteSink out) {
        if (!context.playing()) {
            return;
        }
        int beatsPerBar = context.meter().beatsPerBar();
        for (double beat = Math.ceil(fromBeat); beat < toBeat; beat++) {
            boolean downbeat = Math.floorMod((long) beat, beatsPerBar) == 0;
            out.note(beat, downbeat ? accentNote : clickNote, downbeat ? accentVelocity : clickVelocity,
                    CLICK_BEATS);
        }
    }
}
