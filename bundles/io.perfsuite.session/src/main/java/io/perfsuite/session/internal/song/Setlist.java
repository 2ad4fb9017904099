// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.song;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The songs of a show in order, as loaded from one file (a setlist, or a single song that makes a setlist of one).
 *
 * @param title  the setlist's title (the song's for a single song)
 * @param songs  the songs, at least one
 * @param source the file it was read from
 *
 * <p>Immutable; any thread.
 */
public record Setlist(String title, List<Song> songs, Path source) {

    /** Copies the list. */
    public Setlist {
        Objects.requireNonNull(title, "title");
        songs = List.copyOf(songs);
        if (songs.isEmpty()) {
            throw new IllegalArgumentException("a setlist has at least one song");
        }
    }

    /** @return the titles in order */
    public List<String> titles() {
        return songs.stream().map(Song::title).toList();
    }
}
