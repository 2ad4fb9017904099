// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.bass;

import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.function.DoubleFunction;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.Section;

/** Test fixtures: configurations, contexts over a chart, and a loop that calls a bandmate as the session does. */
final class Songs {

    /** A chart, one chord a bar, repeating. */
    static final Chord[] CHART = {Chord.parse("C"), Chord.parse("F"), Chord.parse("G:7"), Chord.parse("A:min")};

    private Songs() {
    }

    static Bassist.Config config(String style, long seed, String... sectionStyles) {
        return new Bassist.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Bassist.Config.class;
            }

            @Override
            public String perfsuite_bandmate_id() {
                return "bass";
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
                return 6;
            }

            @Override
            public int velocityHumanisation() {
                return 6;
            }

            @Override
            public int lowestNote() {
                return 28;
            }

            @Override
            public int highestNote() {
                return 55;
            }
        };
    }

    static Bassist bassist(String style) {
        return new Bassist(config(style, 7));
    }

    /** @return the chart's chord at a beat in a meter */
    static Chord chordAt(double beat, int beatsPerBar) {
        return CHART[(int) Math.floorMod((long) Math.floor(beat / beatsPerBar), CHART.length)];
    }

    /** A playing context over the chart in C major, at a beat: the chord of its bar and the next bar's. */
    static MusicalContext.Builder at(double beat, Meter meter) {
        int bpb = meter.beatsPerBar();
        return MusicalContext.initial(0).next().playing(true).at(0, beat).meter(meter)
                .chords(chordAt(beat, bpb), chordAt(beat + bpb - Math.floorMod((long) beat, bpb), bpb))
                .key(Key.parse("C major")).intensity(0.5).sections(Section.named("Verse", 0), null)
                .feel(Feel.NORMAL).cues(Set.of());
    }

    static MusicalContext.Builder at(double beat) {
        return at(beat, Meter.COMMON);
    }

    /** Calls the bandmate as the session does: windows [b + 1, b + 2) with the context at beat b. */
    static Recorder perform(Bandmate bandmate, long firstBeat, long lastBeat,
            DoubleFunction<MusicalContext> contexts) {
        Recorder out = new Recorder();
        for (long b = firstBeat; b <= lastBeat; b++) {
            bandmate.plan(contexts.apply(b), b + 1, b + 2, out.window(b + 1, b + 2));
        }
        return out;
    }
}
