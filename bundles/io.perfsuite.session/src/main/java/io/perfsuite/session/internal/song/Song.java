// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.song;

import java.util.List;
import java.util.Objects;

import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.Section;

/**
 * A song as read from a file. Immutable; any thread.
 *
 * @param title      the title
 * @param key        the key, or null when the file gives none (the performer's heard key is used)
 * @param tempoBpm   the tempo
 * @param meter      the meter
 * @param phraseBars bars per phrase, for the PHRASE quantization
 * @param sections   the sections in playing order, at least one
 */
public record Song(String title, Key key, double tempoBpm, Meter meter, int phraseBars, List<SongSection> sections) {

    /** Copies the list. */
    public Song {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(meter, "meter");
        sections = List.copyOf(sections);
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("a song has at least one section");
        }
    }

    /** @return the API sections, in order */
    public List<Section> apiSections() {
        return sections.stream().map(SongSection::section).toList();
    }

    /**
     * @param index a section's position
     * @return the beat at which that section starts when the song is played from the top without jumps
     */
    public long startBeat(int index) {
        long bars = 0;
        for (int i = 0; i < index; i++) {
            bars += sections.get(i).section().lengthBars();
        }
        return bars * meter.beatsPerBar();
    }
}
