// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.song;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.session.SongFormatException;

/**
 * Reads song and setlist files (YAML; the format is in the bundle's README and {@code examples/}). The file is
 * composed into a node tree that keeps line numbers, and walked by hand, so every complaint names its line: an
 * unknown key, a bad tempo, a section of 0 bars, an unknown chord, or a YAML syntax error.
 *
 * <p><b>Threading:</b> stateless; call from any thread but the session thread (it reads files).
 */
public final class SongLoader {

    /** Largest file accepted: a setlist is text a person wrote, not data. */
    private static final long MAX_BYTES = 1 << 20;
    private static final Set<String> SONG_KEYS = Set.of("title", "key", "tempo", "meter", "phrase", "sections");
    private static final Set<String> SECTION_KEYS = Set.of("name", "bars", "chords", "intensity", "style");
    private static final Set<String> SETLIST_KEYS = Set.of("setlist", "songs");

    private final double defaultTempo;
    private final int defaultPhraseBars;

    /**
     * @param defaultTempo      tempo of a song whose file gives none
     * @param defaultPhraseBars bars per phrase of a song whose file gives none
     */
    public SongLoader(double defaultTempo, int defaultPhraseBars) {
        this.defaultTempo = defaultTempo;
        this.defaultPhraseBars = defaultPhraseBars;
    }

    /**
     * Reads a song or a setlist file.
     *
     * @param file the file
     * @return its songs (a single song makes a setlist of one)
     * @throws SongFormatException with the line and the reason if the file cannot be used
     */
    public Setlist load(Path file) throws SongFormatException {
        return load(file, 0);
    }

    private Setlist load(Path file, int depth) throws SongFormatException {
        Path path = file.toAbsolutePath().normalize();
        return fromText(read(path), path, depth);
    }

    /**
     * Reads a song or setlist from text (for tests and tools).
     *
     * @param yaml the file's text
     * @param file where relative song paths of a setlist are resolved from, and the name used in messages
     * @return the setlist
     * @throws SongFormatException with the line and the reason
     */
    public Setlist parse(String yaml, Path file) throws SongFormatException {
        return fromText(yaml, file.toAbsolutePath().normalize(), 0);
    }

    private Setlist fromText(String text, Path path, int depth) throws SongFormatException {
        MappingNode root = mapping(compose(text, path), "the file");
        Map<String, NodeTuple> entries = entries(root);
        boolean setlist = entries.containsKey("songs");
        boolean song = entries.containsKey("sections");
        if (setlist && song) {
            throw fail(root, "a file is either a song (with sections:) or a setlist (with songs:), not both");
        }
        if (setlist) {
            if (depth > 0) {
                throw fail(root, "a setlist cannot include another setlist");
            }
            return setlist(root, entries, path);
        }
        if (!song) {
            throw fail(root, "neither a song (no sections:) nor a setlist (no songs:)");
        }
        Song s = song(root, entries);
        return new Setlist(s.title(), List.of(s), path);
    }

    private static String read(Path path) throws SongFormatException {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new SongFormatException(path + ": larger than " + MAX_BYTES + " bytes", 0);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw new SongFormatException("no such file: " + path, 0);
        } catch (CharacterCodingException e) {
            throw new SongFormatException(path + ": not UTF-8 text", 0);
        } catch (IOException e) {
            throw new SongFormatException("cannot read " + path + ": " + e, 0);
        }
    }

    private static Node compose(String text, Path path) throws SongFormatException {
        LoadSettings settings = LoadSettings.builder().setLabel(path.getFileName().toString())
                .setAllowDuplicateKeys(false).setMaxAliasesForCollections(50).build();
        try {
            return new Compose(settings).composeString(text)
                    .orElseThrow(() -> new SongFormatException("the file is empty", 1));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new SongFormatException("YAML syntax error: " + firstLine(problem), line);
        } catch (YamlEngineException e) {
            throw new SongFormatException("YAML error: " + firstLine(e.getMessage()), 0);
        }
    }

    private Setlist setlist(MappingNode root, Map<String, NodeTuple> entries, Path path) throws SongFormatException {
        checkKeys(entries, SETLIST_KEYS, "setlist");
        String title = entries.containsKey("setlist") ? text(entries.get("setlist").getValueNode(), "setlist")
                : stem(path);
        Node songsNode = entries.get("songs").getValueNode();
        if (!(songsNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
            throw fail(songsNode, "songs: must be a list of at least one song (file: path, or the song itself)");
        }
        List<Song> songs = new ArrayList<>();
        for (Node item : list.getValue()) {
            MappingNode m = mapping(item, "a song of the setlist");
            Map<String, NodeTuple> e = entries(m);
            if (e.containsKey("file")) {
                if (e.size() != 1) {
                    throw fail(m, "a song given by file: has no other keys (put them in the song's file)");
                }
                Node fileNode = e.get("file").getValueNode();
                Path songFile = path.resolveSibling(text(fileNode, "file"));
                try {
                    Setlist included = load(songFile, 1);
                    songs.addAll(included.songs());
                } catch (SongFormatException inner) {
                    throw new SongFormatException("song file " + songFile.getFileName() + " (from line "
                            + line(fileNode) + " of " + path.getFileName() + "): " + inner.getMessage(),
                            inner.line());
                }
            } else {
                songs.add(song(m, e));
            }
        }
        return new Setlist(title, songs, path);
    }

    private Song song(MappingNode root, Map<String, NodeTuple> e) throws SongFormatException {
        checkKeys(e, SONG_KEYS, "song");
        if (!e.containsKey("title")) {
            throw fail(root, "a song needs a title:");
        }
        String title = text(e.get("title").getValueNode(), "title");
        Key key = null;
        if (e.containsKey("key")) {
            Node n = e.get("key").getValueNode();
            try {
                key = MusicNames.key(text(n, "key"));
            } catch (IllegalArgumentException ex) {
                throw fail(n, ex.getMessage());
            }
        }
        double tempo = defaultTempo;
        if (e.containsKey("tempo")) {
            Node n = e.get("tempo").getValueNode();
            tempo = number(n, "tempo");
            if (!(tempo >= 20 && tempo <= 400)) {
                throw fail(n, "bad tempo " + scalar(n) + ": a tempo is 20..400 BPM");
            }
        }
        Meter meter = Meter.COMMON;
        if (e.containsKey("meter")) {
            Node n = e.get("meter").getValueNode();
            try {
                meter = Meter.parse(text(n, "meter"));
            } catch (IllegalArgumentException ex) {
                throw fail(n, "bad meter: " + ex.getMessage());
            }
        }
        int phrase = defaultPhraseBars;
        if (e.containsKey("phrase")) {
            Node n = e.get("phrase").getValueNode();
            phrase = integer(n, "phrase", 1, 64);
        }
        Node sectionsNode = e.get("sections").getValueNode();
        if (!(sectionsNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
            throw fail(sectionsNode, "sections: must be a list of at least one section");
        }
        List<SongSection> sections = new ArrayList<>();
        for (Node item : list.getValue()) {
            sections.add(section(mapping(item, "a section"), meter));
        }
        try {
            return new Song(title, key, tempo, meter, phrase, sections);
        } catch (IllegalArgumentException ex) {
            throw fail(root, ex.getMessage());
        }
    }

    private static SongSection section(MappingNode m, Meter meter) throws SongFormatException {
        Map<String, NodeTuple> e = entries(m);
        checkKeys(e, SECTION_KEYS, "section");
        if (!e.containsKey("name")) {
            throw fail(m, "a section needs a name:");
        }
        if (!e.containsKey("bars")) {
            throw fail(m, "a section needs bars: (a number of bars, or open for a vamp until cued)");
        }
        String name = text(e.get("name").getValueNode(), "name");
        if (name.isBlank()) {
            throw fail(e.get("name").getValueNode(), "a section's name must not be blank");
        }
        Node barsNode = e.get("bars").getValueNode();
        int bars;
        if ("open".equalsIgnoreCase(scalar(barsNode))) {
            bars = 0;
        } else {
            bars = integer(barsNode, "bars", Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (bars < 1 || bars > 1024) {
                throw fail(barsNode, "section \"" + name + "\" with " + bars + " bars: a section has 1..1024 bars"
                        + " (or bars: open)");
            }
        }
        List<List<Chord>> chart = List.of();
        if (e.containsKey("chords")) {
            chart = chart(e.get("chords").getValueNode());
            if (bars > 0 && chart.size() > bars) {
                throw fail(e.get("chords").getValueNode(), "the chord chart of section \"" + name + "\" has "
                        + chart.size() + " bars but the section has " + bars);
            }
        }
        double intensity = Double.NaN;
        if (e.containsKey("intensity")) {
            Node n = e.get("intensity").getValueNode();
            intensity = number(n, "intensity");
            if (!(intensity >= 0 && intensity <= 1)) {
                throw fail(n, "bad intensity " + scalar(n) + ": intensity is 0..1");
            }
        }
        Map<String, String> styles = Map.of();
        if (e.containsKey("style")) {
            Node n = e.get("style").getValueNode();
            MappingNode sm = mapping(n, "style: (a map such as {drums: funk, bass: walking})");
            Map<String, String> s = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> hint : entries(sm).entrySet()) {
                s.put(hint.getKey(), text(hint.getValue().getValueNode(), "style of " + hint.getKey()));
            }
            styles = s;
        }
        return new SongSection(Section.named(name.strip(), bars).withStyles(styles), chart, intensity, styles,
                line(m));
    }

    private static List<List<Chord>> chart(Node n) throws SongFormatException {
        List<String> bars = new ArrayList<>();
        List<Node> where = new ArrayList<>();
        if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                bars.add(text(item, "a bar of the chord chart"));
                where.add(item);
            }
        } else {
            String text = text(n, "chords");
            for (String bar : text.split("\\|", -1)) {
                bars.add(bar);
                where.add(n);
            }
            if (!bars.isEmpty() && bars.get(0).isBlank()) { // a leading bar line "| C | G |"
                bars.remove(0);
                where.remove(0);
            }
            if (!bars.isEmpty() && bars.get(bars.size() - 1).isBlank()) {
                bars.remove(bars.size() - 1);
                where.remove(where.size() - 1);
            }
        }
        if (bars.isEmpty()) {
            throw fail(n, "empty chord chart");
        }
        List<List<Chord>> chart = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            String bar = bars.get(i).strip();
            if (bar.isEmpty()) {
                throw fail(where.get(i), "bar " + (i + 1) + " of the chord chart is empty (use % to repeat a bar)");
            }
            if (bar.equals("%")) {
                if (chart.isEmpty()) {
                    throw fail(where.get(i), "% repeats the bar before, but this is the first bar");
                }
                chart.add(chart.get(chart.size() - 1));
                continue;
            }
            List<Chord> chords = new ArrayList<>();
            for (String name : bar.split("\\s+")) {
                try {
                    chords.add(MusicNames.chord(name));
                } catch (IllegalArgumentException ex) {
                    throw fail(where.get(i), ex.getMessage());
                }
            }
            chart.add(chords);
        }
        return chart;
    }

    private static void checkKeys(Map<String, NodeTuple> entries, Set<String> allowed, String what)
            throws SongFormatException {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw fail(e.getValue().getKeyNode(), "unknown key \"" + e.getKey() + "\" in a " + what
                        + " (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Map<String, NodeTuple> entries(MappingNode m) throws SongFormatException {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String key = text(t.getKeyNode(), "a key").toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                throw fail(t.getKeyNode(), "duplicate key \"" + key + "\"");
            }
            out.put(key, t);
        }
        return out;
    }

    private static MappingNode mapping(Node n, String what) throws SongFormatException {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw fail(n, what + " must be a map of key: value lines");
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String text(Node n, String what) throws SongFormatException {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw fail(n, what + " must be a single value, not a " + n.getNodeType().toString().toLowerCase(Locale.ROOT));
    }

    private static double number(Node n, String what) throws SongFormatException {
        String t = text(n, what).strip();
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw fail(n, "bad " + what + " \"" + t + "\": not a number");
    }

    private static int integer(Node n, String what, int min, int max) throws SongFormatException {
        String t = text(n, what).strip();
        try {
            int v = Integer.parseInt(t);
            if (v >= min && v <= max) {
                return v;
            }
            throw fail(n, "bad " + what + " " + v + ": must be " + min + ".." + max);
        } catch (NumberFormatException e) {
            throw fail(n, "bad " + what + " \"" + t + "\": not a whole number");
        }
    }

    private static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static SongFormatException fail(Node n, String reason) {
        return new SongFormatException(reason, line(n));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown problem";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
