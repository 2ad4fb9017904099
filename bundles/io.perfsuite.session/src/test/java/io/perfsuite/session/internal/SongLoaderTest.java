// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.SectionKind;
import io.perfsuite.api.session.SongFormatException;
import io.perfsuite.session.internal.song.MusicNames;
import io.perfsuite.session.internal.song.Setlist;
import io.perfsuite.session.internal.song.Song;
import io.perfsuite.session.internal.song.SongLoader;
import io.perfsuite.session.internal.song.SongSection;

/** The song and setlist format: the documented examples, and broken files with their lines. */
class SongLoaderTest {

    private final SongLoader loader = new SongLoader(120, 4);

    @Test
    void theDocumentedExampleSetlistLoads() throws Exception {
        Setlist list = loader.load(Paths.get("examples/setlist.yaml"));
        assertEquals("Friday at the Blue Room", list.title());
        assertEquals(List.of("Blue Morning", "Slow Waltz", "Jam in E"), list.titles());
        Song blue = list.songs().get(0);
        assertEquals(Key.parse("F# minor"), blue.key());
        assertEquals(96, blue.tempoBpm());
        assertEquals(Meter.COMMON, blue.meter());
        assertEquals(5, blue.sections().size());
        SongSection intro = blue.sections().get(0);
        assertEquals(SectionKind.INTRO, intro.section().kind());
        assertEquals(4, intro.section().lengthBars());
        assertEquals(0.3, intro.intensity());
        assertEquals(Map.of("drums", "sidestick", "bass", "root"), intro.styles());
        assertEquals(List.of(Chord.parse("F#:min")), intro.chart().get(0));
        SongSection verse = blue.sections().get(1);
        assertEquals(SectionKind.VERSE, verse.section().kind());
        assertEquals(List.of(Chord.parse("A"), Chord.parse("E")), verse.chart().get(2));
        SongSection chorus = blue.sections().get(2);
        assertEquals(List.of(Chord.parse("B:min"), Chord.parse("E")), chorus.chart().get(6));
        SongSection outro = blue.sections().get(4);
        assertEquals(outro.chart().get(0), outro.chart().get(1), "% repeats the bar before");
        assertEquals(Chord.parse("F#:min/5"), outro.chart().get(2).get(0));
        assertEquals(new Meter(3, 4), list.songs().get(1).meter());
        Song jam = list.songs().get(2);
        assertTrue(jam.sections().get(0).section().isOpenEnded());
        assertEquals(104, jam.tempoBpm(), "inline songs keep their own tempo");
    }

    @Test
    void aSingleSongFileIsASetlistOfOne() throws Exception {
        Setlist list = loader.load(Paths.get("examples/songs/slow-waltz.yaml"));
        assertEquals(List.of("Slow Waltz"), list.titles());
        assertEquals(Key.parse("Bb major"), list.songs().get(0).key());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "unknown key;title: X\\nsections:\\n  - name: A\\n    bars: 4\\n    colour: red;5;unknown key \"colour\"",
        "bad tempo;title: X\\ntempo: fast\\nsections:\\n  - {name: A, bars: 4};2;bad tempo",
        "tempo out of range;title: X\\ntempo: 900\\nsections:\\n  - {name: A, bars: 4};2;bad tempo 900",
        "zero bars;title: X\\nsections:\\n  - {name: A, bars: 4}\\n  - {name: B, bars: 0};4;0 bars",
        "unknown chord;title: X\\nsections:\\n  - name: A\\n    bars: 2\\n    chords: C | Hm7;5;unknown chord \"Hm7\"",
        "bad chord type;title: X\\nsections:\\n  - name: A\\n    bars: 2\\n    chords: C | Cxyz;5;unknown chord type",
        "yaml syntax;title: X\\nsections:\\n  - name: A\\n   bars: 4;4;YAML syntax error",
        "unclosed flow;title: X\\nsections: [{name: A, bars: 4}\\n;3;YAML syntax error",
        "duplicate key;title: X\\ntitle: Y\\nsections:\\n  - {name: A, bars: 4};2;duplicate key",
        "no title;key: C\\nsections:\\n  - {name: A, bars: 4};1;needs a title",
        "bad key;title: X\\nkey: H major\\nsections:\\n  - {name: A, bars: 4};2;unknown key \"H major\"",
        "bad meter;title: X\\nmeter: 4-4\\nsections:\\n  - {name: A, bars: 4};2;bad meter",
        "chart longer;title: X\\nsections:\\n  - name: A\\n    bars: 2\\n    chords: C | F | G;5;has 3 bars",
        "empty bar;title: X\\nsections:\\n  - name: A\\n    bars: 2\\n    chords: C || G;5;is empty",
        "bad intensity;title: X\\nsections:\\n  - {name: A, bars: 4, intensity: 2};3;intensity is 0..1",
        "no sections;title: X\\nsections: []\\n;2;at least one section",
        "neither;title: X\\n;1;neither a song",
        "empty file;\\n;1;empty"})
    void brokenFilesAreRejectedWithTheirLine(String what, String yaml, int line, String reason, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n"));
        SongFormatException e = assertThrows(SongFormatException.class, () -> loader.load(file));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
    }

    @Test
    void aBrokenSongInASetlistNamesItsFileAndLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("songs"));
        Files.writeString(dir.resolve("songs/bad.yaml"), "title: Bad\nsections:\n  - {name: A, bars: -1}\n");
        Files.writeString(dir.resolve("list.yaml"), "songs:\n  - file: songs/bad.yaml\n");
        SongFormatException e = assertThrows(SongFormatException.class, () -> loader.load(dir.resolve("list.yaml")));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
        Files.writeString(dir.resolve("list2.yaml"), "songs:\n  - file: songs/missing.yaml\n");
        SongFormatException missing = assertThrows(SongFormatException.class,
                () -> loader.load(dir.resolve("list2.yaml")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        assertThrows(SongFormatException.class, () -> loader.load(dir.resolve("nothing-here.yaml")));
    }

    @ParameterizedTest
    @CsvSource({
        "C, C", "Am, A:min", "F#m7, F#:min7", "Bbmaj7, Bb:maj7", "G7, G:7", "Bm7b5, B:hdim7", "Cdim7, C:dim7",
        "Dsus4, D:sus4", "Dsus, D:sus4", "E+, E:aug", "A6, A:maj6", "C/E, C/3", "Am/G, A:min/b7", "D/F#, D/3",
        "G7sus4, G:sus4(b7)", "Eb9, Eb:9", "N, N", "A:min7, A:min7", "C:maj/3, C:maj/3", "F5, F:5"})
    void chartChordNamesAreReadAsMusiciansWriteThem(String name, String harte) {
        assertEquals(Chord.parse(harte), MusicNames.chord(name));
    }

    @ParameterizedTest
    @CsvSource({"C, C major", "F#m, F# minor", "Bbmin, Bb minor", "Bb minor, Bb minor", "D dorian, D dorian",
        "A:min, A minor", "Eb, Eb major"})
    void keyNamesToo(String name, String key) {
        assertEquals(Key.parse(key), MusicNames.key(name));
    }

    @Test
    void badNamesSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MusicNames.chord("Xm"));
        assertTrue(e.getMessage().contains("\"Xm\""));
        assertThrows(IllegalArgumentException.class, () -> MusicNames.chord("Cmaj77"));
        assertThrows(IllegalArgumentException.class, () -> MusicNames.chord("C/Q"));
        assertThrows(IllegalArgumentException.class, () -> MusicNames.key("Cmixo"));
    }
}
