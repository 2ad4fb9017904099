// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.SectionKind;
import io.perfsuite.api.music.Tempo;
import io.perfsuite.session.internal.song.Song;
import io.perfsuite.session.internal.song.SongSection;

/**
 * The made-up song a bandmate plans before its notes count, so that the JIT has compiled every path the show will
 * take: the loaded song's sections with their style hints, then every common section kind, two bars each, with
 * fills into each change and an ending; a chord a bar over the common qualities (and a bar of no chord); intensities
 * from soft to loud; three tempos; half- and double-time feels; FILL, HOLD and ENDING cues. One-beat windows,
 * numbered from {@link #FIRST_BEAT}, far from any real song position.
 *
 * <p>Immutable; built on the session thread when a song is selected, used there.
 */
final class WarmUpSong {

    /** The made-up song's first beat. */
    static final long FIRST_BEAT = 1_000_000L;
    private static final int SECTION_BARS = 2;
    private static final SectionKind[] KINDS = {SectionKind.INTRO, SectionKind.VERSE, SectionKind.PRE_CHORUS,
        SectionKind.CHORUS, SectionKind.BRIDGE, SectionKind.SOLO, SectionKind.BREAKDOWN, SectionKind.OUTRO,
        SectionKind.ENDING};
    private static final Chord[] CHORDS = {Chord.parse("C:maj"), Chord.parse("A:min7"), Chord.parse("F:maj7"),
        Chord.parse("G:7"), Chord.parse("E:min"), Chord.parse("D:sus4"), Chord.parse("B:dim"), Chord.parse("Bb:maj"),
        Chord.NO_CHORD, Chord.parse("D:min")};
    private static final Set<Cue> FILL = Set.of(Cue.FILL);
    private static final Set<Cue> HOLD = Set.of(Cue.HOLD);
    private static final Set<Cue> ENDING = Set.of(Cue.ENDING);

    private final Section[] sections;
    private final Tempo[] tempos;
    private final Meter meter;

    /** @param song the selected song, or null */
    WarmUpSong(Song song) {
        List<Section> list = new ArrayList<>();
        if (song != null) {
            for (SongSection ss : song.sections()) {
                Section sec = ss.section();
                list.add(new Section(sec.name(), sec.kind(), SECTION_BARS, sec.styles()));
            }
        }
        for (SectionKind kind : KINDS) {
            list.add(new Section("warm-up " + kind.name().toLowerCase(java.util.Locale.ROOT), kind, SECTION_BARS));
        }
        sections = list.toArray(new Section[0]);
        double bpm = song != null ? song.tempoBpm() : 120;
        tempos = new Tempo[] {new Tempo(bpm), new Tempo(84), new Tempo(152)};
        meter = song != null ? song.meter() : Meter.COMMON;
    }

    /**
     * @param b    a builder from the last published snapshot, already at the warm-up's time and beat
     * @param beat the window's first beat
     * @return the made-up song's context at that beat
     */
    MusicalContext context(MusicalContext.Builder b, long beat) {
        long bar = Math.floorDiv(beat, meter.beatsPerBar());
        long block = bar / SECTION_BARS;
        int index = (int) (block % sections.length);
        long cycle = block / sections.length;
        Section next = index + 1 < sections.length ? sections[index + 1] : cycle % 2 == 0 ? null : sections[0];
        int inBars24 = (int) (bar % 24);
        Feel feel = inBars24 >= 16 && inBars24 < 18 ? Feel.HALF_TIME
                : inBars24 >= 20 && inBars24 < 22 ? Feel.DOUBLE_TIME : Feel.NORMAL;
        Set<Cue> cues = bar % 8 == 5 ? FILL : bar % 24 == 10 ? HOLD : bar % 48 == 44 ? ENDING : Set.of();
        return b.playing(true).tempo(tempos[(int) (bar / 8 % tempos.length)], 1).meter(meter)
                .chords(CHORDS[(int) (bar % CHORDS.length)], CHORDS[(int) ((bar + 1) % CHORDS.length)])
                .intensity(0.1 + 0.1 * (bar * 5 % 9)).sections(sections[index], next).feel(feel).cues(cues)
                .build();
    }
}
