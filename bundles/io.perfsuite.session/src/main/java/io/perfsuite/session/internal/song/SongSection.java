// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.song;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Section;

/**
 * One section of a song as the file describes it: the API's {@link Section} plus the chord chart, the intensity and
 * the bandmates' style hints.
 *
 * @param section   name, kind and length in bars (0 = open-ended, repeats until cued)
 * @param chart     one entry per bar, each the chords of that bar splitting it evenly; empty when there is no chart.
 *                  Shorter than the section, it repeats.
 * @param intensity the intensity the band plays the section at, or NaN to keep the current one
 * @param styles    style hints by bandmate id or role name, e.g. {@code drums -> funk}
 * @param line      the line of the file where the section starts (for messages)
 *
 * <p>Immutable; any thread.
 */
public record SongSection(Section section, List<List<Chord>> chart, double intensity, Map<String, String> styles,
        int line) {

    /** Copies the collections. */
    public SongSection {
        Objects.requireNonNull(section, "section");
        chart = chart.stream().map(List::copyOf).toList();
        styles = Map.copyOf(styles);
    }

    /** @return whether the section has a chord chart */
    public boolean hasChart() {
        return !chart.isEmpty();
    }

    /**
     * @param bar         the bar in the section, 0-based
     * @param beatInBar   the beat in the bar, 0-based
     * @param beatsPerBar the meter's beats per bar
     * @return the chord of the chart at that point
     */
    public Chord chordAt(long bar, long beatInBar, int beatsPerBar) {
        List<Chord> chords = chart.get((int) Math.floorMod(bar, (long) chart.size()));
        return chords.get((int) Math.min(chords.size() - 1, beatInBar * chords.size() / beatsPerBar));
    }

    /**
     * @param bar         the bar in the section, 0-based
     * @param beatInBar   the beat in the bar, 0-based
     * @param beatsPerBar the meter's beats per bar
     * @return the next chord of the chart after the one at that point, or null at the end of the section
     */
    public Chord chordAfter(long bar, long beatInBar, int beatsPerBar) {
        List<Chord> chords = chart.get((int) Math.floorMod(bar, (long) chart.size()));
        int slot = (int) Math.min(chords.size() - 1, beatInBar * chords.size() / beatsPerBar);
        if (slot + 1 < chords.size()) {
            return chords.get(slot + 1);
        }
        if (section.isOpenEnded() || bar + 1 < section.lengthBars()) {
            return chart.get((int) Math.floorMod(bar + 1, (long) chart.size())).get(0);
        }
        return null;
    }

    /** @return the first chord of the chart, or null without a chart */
    public Chord firstChord() {
        return chart.isEmpty() ? null : chart.get(0).get(0);
    }
}
