// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.bandmate.metronome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.band.NoteSink;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.MusicalTime;

class MetronomeTest {

    record Planned(double beat, int note, int velocity, double duration) {
    }

    static final class Recorder implements NoteSink {
        final List<Planned> notes = new ArrayList<>();

        @Override
        public void note(double beat, int note, int velocity, double durationBeats) {
            notes.add(new Planned(beat, note, velocity, durationBeats));
        }

        @Override
        public void control(double beat, int controller, int value) {
            throw new AssertionError("the metronome sends no controllers");
        }
    }

    static Metronome.Config config(int accent, int click, int accentVelocity, int clickVelocity) {
        return new Metronome.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Metronome.Config.class;
            }

            @Override
            public int accentNote() {
                return accent;
            }

            @Override
            public int clickNote() {
                return click;
            }

            @Override
            public int accentVelocity() {
                return accentVelocity;
            }

            @Override
            public int clickVelocity() {
                return clickVelocity;
            }
        };
    }

    static MusicalContext playing(Meter meter) {
        return MusicalContext.initial(0).next().playing(true).meter(meter).build();
    }

    private final Metronome metronome = new Metronome(config(76, 77, 120, 80));

    @Test
    void clicksEveryBeatWithTheAccentOnBeatOne() {
        Recorder out = new Recorder();
        metronome.plan(playing(Meter.COMMON), 0, 8, out);
        assertEquals(8, out.notes.size());
        for (Planned p : out.notes) {
            boolean one = MusicalTime.of(p.beat(), Meter.COMMON).beat() == 1;
            assertEquals(one ? 76 : 77, p.note(), "note at beat " + p.beat());
            assertEquals(one ? 120 : 80, p.velocity(), "velocity at beat " + p.beat());
            assertEquals(Metronome.CLICK_BEATS, p.duration());
            assertEquals(Math.rint(p.beat()), p.beat(), "clicks fall on whole beats");
        }
        assertEquals(List.of(0.0, 4.0), out.notes.stream().filter(p -> p.note() == 76).map(Planned::beat).toList());
    }

    @Test
    void followsTheMeter() {
        Recorder out = new Recorder();
        metronome.plan(playing(Meter.parse("3/4")), 0, 9, out);
        assertEquals(List.of(0.0, 3.0, 6.0), out.notes.stream().filter(p -> p.note() == 76).map(Planned::beat)
                .toList());
    }

    @Test
    void adjacentWindowsNeitherDropNorRepeatAClick() {
        Recorder out = new Recorder();
        MusicalContext c = playing(Meter.COMMON);
        double from = 0;
        for (double to : new double[] {0.5, 1.0, 2.75, 2.75, 3.0001, 7.5, 12}) {
            metronome.plan(c, from, to, out);
            from = to;
        }
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0),
                out.notes.stream().map(Planned::beat).toList());
    }

    @Test
    void countsInOnNegativeBeats() {
        Recorder out = new Recorder();
        metronome.plan(playing(Meter.COMMON), -4, 1, out);
        assertEquals(List.of(-4.0, -3.0, -2.0, -1.0, 0.0), out.notes.stream().map(Planned::beat).toList());
        assertEquals(76, out.notes.get(0).note(), "the count-in bar starts with an accent");
        assertEquals(76, out.notes.get(4).note(), "bar 1 starts with an accent");
    }

    @Test
    void silentWhileStopped() {
        Recorder out = new Recorder();
        metronome.plan(MusicalContext.initial(0), 0, 16, out);
        assertTrue(out.notes.isEmpty());
    }

    @Test
    void identity() {
        assertEquals("metronome", metronome.id());
        assertEquals(Role.CLICK, metronome.role());
    }

    @Test
    void rejectsValuesOutsideMidi() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Metronome(config(128, 77, 100, 80)));
        assertTrue(e.getMessage().contains("accentNote"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Metronome(config(76, 77, 0, 80)));
    }
}
