// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.perfsuite.api.band.BandRoster;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.output.NoteOutput;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.SessionManager;

/**
 * The band playing in the framework (session, MIDI scheduler, drums, bass and keys plugins) while the drums bundle
 * is replaced by a new version: bass and keys go on without a gap, the drums come back within a beat, no
 * agent faults, and the MIDI file written by the recorder has a note-off for every note-on.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class BandHotSwapTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final int DRUMS = 9;
    static final int BASS = 1;
    static final int KEYS = 0;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    SessionManager session;

    @InjectService(timeout = 5000)
    BandRoster roster;

    @InjectService(timeout = 5000)
    ConfigurationAdmin configAdmin;

    /** A note output that keeps what the scheduler plays, with the beat it was played at. */
    record Played(long nanos, boolean on, int channel, int note) {
    }

    /** An event's musical position, from a snapshot taken while the band played at a steady tempo. */
    private static double beat(MusicalContext playing, Played p) {
        return playing.beatAt(p.nanos());
    }

    @Test
    void theDrumsAreReplacedWhileTheBandPlays() throws Exception {
        Path dir = Files.createTempDirectory("perfsuite-itest-band");
        Configuration file = configAdmin.getConfiguration("io.perfsuite.midi.file", "?");
        file.update(new Hashtable<>(Map.of("file", dir.resolve("take-{timestamp}.mid").toString(),
                "splitOnStop", true)));
        ConcurrentLinkedQueue<Played> played = new ConcurrentLinkedQueue<>();
        ServiceRegistration<NoteOutput> recorder = context.registerService(NoteOutput.class, recorder(played),
                props(NoteOutput.PROP_ID, "itest"));
        List<Bundle> installed = new ArrayList<>();
        try {
            Bundle drums = install("drums", installed);
            install("bass", installed);
            install("keys", installed);
            Plugins.await("drums, bass and keys in the band", WAIT, () -> roster.member("drums").isPresent()
                    && roster.member("bass").isPresent() && roster.member("keys").isPresent());
            Path song = dir.resolve("song.yaml");
            Files.writeString(song, "title: Swap\nkey: C\ntempo: 120\nsections:\n"
                    + "  - name: Verse\n    bars: 64\n    chords: C | F | G | C\n    intensity: 0.6\n");
            session.load(song);
            session.submit(session.create("count-in", Map.of("bars", "0")), Quantization.NOW);
            Plugins.await("the band plays 8 beats", WAIT, () -> session.context().playing()
                    && session.context().beat() >= 8);

            double swapBeat = session.context().beatAt(System.nanoTime());
            String oldVersion = drums.getVersion().toString();
            try (InputStream in = new ByteArrayInputStream(Plugins.withVersion(jar("drums"), "1.0.1.itest"))) {
                drums.update(in);
            }
            Plugins.await("the new drums version in the band", WAIT, () -> roster.member("drums")
                    .map(m -> !m.bundleVersion().equals(oldVersion)).orElse(false));
            double rejoinedBeat = session.context().beatAt(System.nanoTime());
            Plugins.await("8 more beats", WAIT, () -> session.context().beat() >= swapBeat + 8);
            MusicalContext steady = session.context(); // no performer: the tempo stayed 120 BPM throughout
            session.submit(session.create("stop", Map.of()), Quantization.NOW);
            Plugins.await("the band stopped", WAIT, () -> !session.context().playing());

            // bass and keys: the longest silence across the swap is no longer than before it
            for (int channel : new int[] {BASS, KEYS}) {
                double before = longestGap(played, steady, channel, 1, swapBeat - 0.5);
                double across = longestGap(played, steady, channel, swapBeat - 0.5, swapBeat + 6);
                System.out.printf("hot swap: channel %d longest gap between note-ons %.2f beats before the swap, "
                        + "%.2f across it%n", channel, before, across);
                // pads strike once per chord (a bar here): a bar between onsets is their steady state
                double steadyGap = Math.max(before, channel == KEYS ? steady.meter().beatsPerBar() : 0);
                assertThat(across).as("channel %d plays on through the swap", channel)
                        .isLessThanOrEqualTo(steadyGap + 0.05);
            }
            // drums: silent only from the swap until the new version's first notes
            double lastOld = played.stream().filter(p -> p.on() && p.channel() == DRUMS)
                    .mapToDouble(p -> beat(steady, p)).filter(b -> b < swapBeat).max().orElseThrow();
            double firstNew = played.stream().filter(p -> p.on() && p.channel() == DRUMS)
                    .mapToDouble(p -> beat(steady, p)).filter(b -> b >= swapBeat).min().orElseThrow();
            System.out.printf("hot swap: drums swapped at beat %.2f, rejoined the band at %.2f, first new note at "
                    + "%.2f (%.2f beats after rejoining), last old note at %.2f%n", swapBeat, rejoinedBeat, firstNew,
                    firstNew - rejoinedBeat, lastOld);
            assertThat(firstNew - swapBeat).as("the drums resume within one beat of the swap (update, warm-up, "
                    + "join from the next moment that can be heard on time)").isLessThanOrEqualTo(1.0);
            for (String id : List.of("bass", "keys")) {
                AgentStatus s = session.agents().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
                assertThat(s.faults()).as("%s faults", id).isZero();
                assertThat(s.degraded()).isFalse();
            }
            // every note-on the scheduler played was ended, and so in the MIDI file
            assertBalanced(played);
            Plugins.await("the recorder wrote the take", WAIT, () -> takes(dir).size() == 1);
            Sequence take = MidiSystem.getSequence(takes(dir).get(0).toFile());
            Map<String, Integer> onsAndOffs = balance(take);
            System.out.println("hot swap: MIDI file " + takes(dir).get(0).getFileName() + " note-ons minus note-offs "
                    + "per channel:note (all 0): " + onsAndOffs.size() + " keys, " + noteOns(take) + " note-ons");
            assertThat(noteOns(take)).isGreaterThan(20);
            assertThat(onsAndOffs.values()).allMatch(v -> v == 0);
        } finally {
            recorder.unregister();
            for (Bundle b : installed) {
                b.uninstall();
            }
            file.delete();
        }
    }

    private static NoteOutput recorder(ConcurrentLinkedQueue<Played> played) {
        return new NoteOutput() {
            @Override
            public String id() {
                return "itest";
            }

            @Override
            public void noteOn(long nanoTime, int channel, int note, int velocity) {
                played.add(new Played(nanoTime, true, channel, note));
            }

            @Override
            public void noteOff(long nanoTime, int channel, int note) {
                played.add(new Played(nanoTime, false, channel, note));
            }

            @Override
            public void controlChange(long nanoTime, int channel, int controller, int value) {
            }

            @Override
            public void programChange(long nanoTime, int channel, int program) {
            }

            @Override
            public void allNotesOff(long nanoTime) {
            }
        };
    }

    private Bundle install(String name, List<Bundle> installed) throws Exception {
        Bundle b;
        try (InputStream in = Files.newInputStream(jar(name))) {
            b = context.installBundle("itest:" + name, in);
        }
        installed.add(b);
        b.start();
        return b;
    }

    private Path jar(String name) {
        String path = context.getProperty("perfsuite.itest." + name);
        assertThat(path).as("framework property perfsuite.itest.%s", name).isNotBlank();
        return Path.of(path);
    }

    private static Dictionary<String, Object> props(String key, Object value) {
        Hashtable<String, Object> h = new Hashtable<>();
        h.put(key, value);
        return h;
    }

    private static List<Path> takes(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".mid")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static double longestGap(ConcurrentLinkedQueue<Played> played, MusicalContext steady, int channel,
            double from, double to) {
        double[] ons = played.stream().filter(p -> p.on() && p.channel() == channel)
                .mapToDouble(p -> beat(steady, p)).filter(b -> b >= from && b < to).sorted().toArray();
        assertThat(ons).as("channel %d plays between beats %.1f and %.1f", channel, from, to).hasSizeGreaterThan(1);
        double gap = Math.max(ons[0] - from, to - ons[ons.length - 1]);
        for (int i = 1; i < ons.length; i++) {
            gap = Math.max(gap, ons[i] - ons[i - 1]);
        }
        return gap;
    }

    private static void assertBalanced(ConcurrentLinkedQueue<Played> played) {
        Map<Integer, Integer> sounding = new HashMap<>();
        for (Played p : played) {
            sounding.merge(p.channel() * 128 + p.note(), p.on() ? 1 : -1, Integer::sum);
        }
        assertThat(sounding.values()).as("note-ons minus note-offs per channel and note").allMatch(v -> v <= 0);
    }

    private static Map<String, Integer> balance(Sequence s) {
        Map<String, Integer> out = new HashMap<>();
        for (Track t : s.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                MidiEvent e = t.get(i);
                if (e.getMessage() instanceof ShortMessage m) {
                    boolean on = m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0;
                    boolean off = m.getCommand() == ShortMessage.NOTE_OFF
                            || (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0);
                    if (on || off) {
                        out.merge(m.getChannel() + ":" + m.getData1(), on ? 1 : -1, Integer::sum);
                    }
                }
            }
        }
        return out;
    }

    private static int noteOns(Sequence s) {
        int n = 0;
        for (Track t : s.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON
                        && m.getData2() > 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
