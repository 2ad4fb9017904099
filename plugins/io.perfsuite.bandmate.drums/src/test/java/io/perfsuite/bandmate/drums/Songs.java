// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.drums;

import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.function.DoubleFunction;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.Section;

/** Test fixtures: configurations, contexts and a loop that calls a bandmate the way the session does. */
final class Songs {

    private Songs() {
    }

    static Drummer.Config config(String style, long seed, int timingMs, int velocity, String... sectionStyles) {
        return config("drums", style, seed, timingMs, velocity, sectionStyles);
    }

    static Drummer.Config config(String id, String style, long seed, int timingMs, int velocity,
            String... sectionStyles) {
        return new Drummer.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Drummer.Config.class;
            }

            @Override
            public String perfsuite_bandmate_id() {
                return id;
            }

            @Override
            public String style() {
                return style;
            }

            @Override
            public String[] sectionStyles() {
                return sectionStyles;
            }

            @Override
            public long seed() {
                return seed;
            }

            @Override
            public int timingHumanisationMs() {
                return timingMs;
            }

            @Override
            public int velocityHumanisation() {
                return velocity;
            }

            @Override
            public boolean fills() {
                return true;
            }
        };
    }

    /** @return a drummer in a style with the default humanisation */
    static Drummer drummer(String style) {
        return new Drummer(config(style, 7, 5, 6));
    }

    /** A playing context in C major on C going to F, at a beat, with extras. */
    static MusicalContext.Builder at(double beat) {
        return MusicalContext.initial(0).next().playing(true).at(0, beat).meter(Meter.COMMON)
                .chords(Chord.parse("C"), Chord.parse("F")).key(Key.parse("C major")).intensity(0.5)
                .sections(Section.named("Verse", 0), null).feel(Feel.NORMAL).cues(Set.of());
    }

    static MusicalContext withCue(double beat, Cue cue) {
        return at(beat).cues(Set.of(cue)).build();
    }

    /**
     * Calls the bandmate as the session does: one-beat windows [b + 1, b + 2) with the context at beat b.
     *
     * @param contexts the context at each beat b
     */
    static Recorder perform(Bandmate bandmate, long firstBeat, long lastBeat,
            DoubleFunction<MusicalContext> contexts) {
        Recorder out = new Recorder();
        for (long b = firstBeat; b <= lastBeat; b++) {
            bandmate.plan(contexts.apply(b), b + 1, b + 2, out.window(b + 1, b + 2));
        }
        return out;
    }
}
