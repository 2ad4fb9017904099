// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.perfsuite.api.band.Role;
import io.perfsuite.evaluation.ChordLabels;
import io.perfsuite.evaluation.ChordSegment;
import io.perfsuite.evaluation.EncodedChord;
import io.perfsuite.midi.OfflineNoteScheduler.PlayedNote;

/**
 * How well the band played along, measured against a recording's annotations. Stateless.
 *
 * <ul>
 * <li><b>Drums on the beat</b>: every drum note-on planned on a whole beat (within {@value #ON_BEAT} of a beat:
 * humanisation moves notes a little) after the first two bars of the recording (from its ninth annotated beat in
 * 4/4, the third bar line otherwise), and its distance in time to the nearest annotated beat; the figure is the
 * median distance.</li>
 * <li><b>Chord tones</b>: the share of the sounding time of the bass and keys notes whose pitch class belongs to
 * the annotated chord at that moment (time under "N" or an unknown chord is left out).</li>
 * </ul>
 */
final class BandQuality {

    /** How far from a whole beat a planned drum note still counts as on the beat, in beats. */
    static final double ON_BEAT = 0.05;

    private BandQuality() {
    }

    /**
     * @param median  median distance (ms), NaN when no hit was measured
     * @param p90     90th percentile (ms)
     * @param hits    hits measured
     * @param from    measured from this time (s)
     */
    record OnBeat(double median, double p90, int hits, double from) {
    }

    /**
     * @param share       sounding time on chord tones over sounding time measured, NaN when none
     * @param seconds     sounding time measured (s)
     * @param notes       notes measured
     */
    record ChordTones(double share, double seconds, int notes) {
    }

    /**
     * @param notes       what the band played
     * @param drumsIds    the ids of the bandmates that are drums
     * @param beats       annotated beat times (s)
     * @param beatsPerBar beats per bar
     * @return the distance of the drums' on-beat hits to the annotated beats
     */
    static OnBeat drumsOnBeat(List<PlayedNote> notes, List<String> drumsIds, double[] beats, int beatsPerBar) {
        if (beats == null || beats.length == 0) {
            return new OnBeat(Double.NaN, Double.NaN, 0, Double.NaN);
        }
        double[] sorted = beats.clone();
        Arrays.sort(sorted);
        int skip = 2 * beatsPerBar;
        double from = sorted.length > skip ? sorted[skip] - 0.5 * (sorted[skip] - sorted[skip - 1]) : sorted[0];
        List<Double> d = new ArrayList<>();
        for (PlayedNote n : notes) {
            if (!drumsIds.contains(n.bandmate()) || Math.abs(n.beat() - Math.rint(n.beat())) > ON_BEAT) {
                continue;
            }
            double t = n.onNanos() / 1e9;
            if (t < from || t > sorted[sorted.length - 1] + 0.5) {
                continue;
            }
            d.add(1000 * Math.abs(t - nearest(sorted, t)));
        }
        if (d.isEmpty()) {
            return new OnBeat(Double.NaN, Double.NaN, 0, from);
        }
        double[] v = d.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new OnBeat(Stats.median(v), v[(int) Math.min(v.length - 1, Math.floor(0.9 * v.length))], v.length,
                from);
    }

    private static double nearest(double[] sorted, double t) {
        int i = Arrays.binarySearch(sorted, t);
        if (i >= 0) {
            return sorted[i];
        }
        int ins = -i - 1;
        double best = Double.NaN;
        if (ins < sorted.length) {
            best = sorted[ins];
        }
        if (ins > 0 && (Double.isNaN(best) || t - sorted[ins - 1] < best - t)) {
            best = sorted[ins - 1];
        }
        return best;
    }

    /**
     * @param notes   what the band played
     * @param ids     the bandmates measured (bass and keys)
     * @param chords  annotated chord segments
     * @return the share of sounding time on chord tones
     */
    static ChordTones chordTones(List<PlayedNote> notes, List<String> ids, List<ChordSegment> chords) {
        if (chords == null || chords.isEmpty()) {
            return new ChordTones(Double.NaN, 0, 0);
        }
        List<EncodedChord> encoded = new ArrayList<>();
        for (ChordSegment c : chords) {
            EncodedChord e;
            try {
                e = ChordLabels.encode(c.label());
            } catch (IllegalArgumentException ex) {
                e = EncodedChord.UNKNOWN;
            }
            encoded.add(e);
        }
        double on = 0;
        double all = 0;
        int counted = 0;
        for (PlayedNote n : notes) {
            if (!ids.contains(n.bandmate()) || n.offNanos() <= n.onNanos()) {
                continue;
            }
            double start = n.onNanos() / 1e9;
            double end = n.offNanos() / 1e9;
            int pc = n.note() % 12;
            boolean measured = false;
            for (int i = 0; i < chords.size(); i++) {
                ChordSegment c = chords.get(i);
                double overlap = Math.min(end, c.end()) - Math.max(start, c.start());
                EncodedChord e = encoded.get(i);
                if (overlap <= 0 || e.unknown() || e.root() < 0) {
                    continue;
                }
                measured = true;
                all += overlap;
                int rel = Math.floorMod(pc - e.root(), 12);
                if ((e.semitones() >> rel & 1) != 0) {
                    on += overlap;
                }
            }
            if (measured) {
                counted++;
            }
        }
        return new ChordTones(all > 0 ? on / all : Double.NaN, all, counted);
    }

    /**
     * @param roles each bandmate's role, by id
     * @param role  a role
     * @return the ids with that role
     */
    static List<String> ids(java.util.Map<String, Role> roles, Role... role) {
        List<String> out = new ArrayList<>();
        roles.forEach((id, r) -> {
            for (Role x : role) {
                if (x == r) {
                    out.add(id);
                }
            }
        });
        return out;
    }
}
