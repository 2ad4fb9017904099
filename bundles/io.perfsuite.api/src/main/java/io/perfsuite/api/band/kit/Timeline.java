// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band.kit;

import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.SectionKind;

/**
 * What a bandmate needs to know about the song around a planning window, worked out once per {@code plan} call
 * from the context: where bars, chords and sections start and end, and which cues are latched.
 *
 * <p>The context says which chord sounds and which comes next, but not when; so the timeline remembers when it saw
 * each chord and section begin, learns the harmonic rhythm (how many bars a chord lasted, 1 to 4) and predicts the
 * next change at a bar line, as charts have it. Sections have a length in bars; their start is the bar in which the
 * timeline first saw them. This state changes only when the context does, so planning the same window again gives
 * the same answers; {@link #reset()} forgets it on a jump, and so does a context earlier than one already seen.
 *
 * <p>Not thread-safe: owned by one bandmate, used on the session thread. Allocation-free.
 */
public final class Timeline {

    /** The longest chord the harmonic-rhythm guess allows, in bars. */
    private static final int MAX_HARMONIC_BARS = 4;

    private int beatsPerBar;
    /** The bar the context's position lies in. */
    private long contextBar;
    /** The first beat of the bar after the context's. */
    private double barEnd;
    private Chord chord;
    private Chord nextChord;
    /** Where the current chord started (as observed). */
    private double chordStart;
    /** Where {@link #nextChord} is expected to start; +infinity when it does not differ from the current chord. */
    private double chordChange;
    private SectionKind kind;
    /** The next section's kind, or null when unknown. */
    private SectionKind nextKind;
    private double sectionStart;
    /** Where the current section ends, +infinity when open-ended. */
    private double sectionEnd;
    /** Whether a different section follows at {@link #sectionEnd}. */
    private boolean sectionChangeAhead;
    /** The downbeat of the final hit, or NaN. */
    private double endingBeat = Double.NaN;
    /** The beat at which a HOLD began, or NaN. */
    private double holdBeat = Double.NaN;
    private boolean fillCue;
    private boolean countIn;
    private boolean minimal;
    private double intensity;
    private double bpm;
    /** The feel factor: pattern beats per performer beat. */
    private double rate;

    private Chord trackedChord;
    private long trackedChordBar;
    private int harmonicBars = 1;
    private Section trackedSection;
    private long sectionStartBar;
    private double endingCue = Double.NaN;

    /** Forgets chords, sections and latched cues, because the music jumped. */
    public void reset() {
        trackedChord = null;
        trackedSection = null;
        harmonicBars = 1;
        endingCue = Double.NaN;
        holdBeat = Double.NaN;
        endingBeat = Double.NaN;
    }

    /**
     * Works out the timeline for a window.
     *
     * @param c    the context
     * @param from the window's first beat
     */
    public void update(MusicalContext c, double from) {
        int bpb = c.meter().beatsPerBar();
        beatsPerBar = bpb;
        long beatIndex = (long) Math.floor(c.beat());
        contextBar = Math.floorDiv(beatIndex, bpb);
        barEnd = (contextBar + 1) * (double) bpb;
        countIn = c.has(Cue.COUNT_IN);
        fillCue = c.has(Cue.FILL);
        minimal = c.degradation() == DegradationLevel.MINIMAL;
        intensity = c.intensity();
        bpm = c.tempo().bpm();
        rate = c.feel().factor();

        if (trackedChord != null && (contextBar < trackedChordBar || contextBar < sectionStartBar && !countIn)) {
            // time went backwards without a reset (a replay, a jump): what was seen later says nothing about now
            trackedChord = null;
            trackedSection = null;
        }
        Chord now = c.chord();
        if (trackedChord == null || !same(now, trackedChord)) {
            if (trackedChord != null && isChord(trackedChord) && isChord(now)) {
                long bars = contextBar - trackedChordBar;
                if (bars >= 1) {
                    harmonicBars = (int) Math.min(MAX_HARMONIC_BARS, bars);
                }
            }
            trackedChord = now;
            trackedChordBar = contextBar;
            // charts change chords at bar lines; a chord first seen mid-bar is taken to have started with the bar
            chordStart = contextBar * (double) bpb;
        }
        chord = now;
        nextChord = c.nextChord();
        if (same(nextChord, now)) {
            chordChange = Double.POSITIVE_INFINITY;
        } else if (!isChord(now)) {
            chordChange = barEnd;
        } else {
            chordChange = Math.max(trackedChordBar + harmonicBars, contextBar + 1) * (double) bpb;
        }

        Section section = c.section();
        if (trackedSection == null || section != trackedSection && !section.equals(trackedSection)) {
            trackedSection = section;
            sectionStartBar = contextBar;
        }
        int length = section.lengthBars();
        if (countIn) {
            // the section begins when the count-in ends, at a bar line after the context's bar at the earliest
            sectionStartBar = contextBar + 1;
        } else if (length > 0 && contextBar >= sectionStartBar + length) {
            // the same section again (a repeated chorus): count its bars afresh
            sectionStartBar += (contextBar - sectionStartBar) / length * length;
        }
        kind = section.kind();
        sectionStart = sectionStartBar * (double) bpb;
        sectionEnd = length > 0 ? (sectionStartBar + length) * (double) bpb : Double.POSITIVE_INFINITY;
        if (c.nextSection().isPresent()) {
            Section next = c.nextSection().get();
            nextKind = next.kind();
            sectionChangeAhead = length > 0 && !next.equals(section);
        } else {
            nextKind = null;
            sectionChangeAhead = false;
        }

        if (c.has(Cue.ENDING)) {
            if (Double.isNaN(endingCue)) {
                endingCue = barEnd;
            }
        } else {
            endingCue = Double.NaN;
        }
        endingBeat = endingCue;
        if (kind == SectionKind.ENDING) {
            endingBeat = earlier(endingBeat, sectionStart);
        } else if (sectionChangeAhead && nextKind == SectionKind.ENDING) {
            endingBeat = earlier(endingBeat, sectionEnd);
        }
        if (c.has(Cue.HOLD)) {
            if (Double.isNaN(holdBeat)) {
                holdBeat = Math.ceil(from);
            }
        } else {
            holdBeat = Double.NaN;
        }
    }

    private static double earlier(double a, double b) {
        return Double.isNaN(a) ? b : Math.min(a, b);
    }

    /** @return whether the chord has pitches (not N or X) */
    public static boolean isChord(Chord chord) {
        return !chord.isNoChord() && !chord.isUnknown();
    }

    /** Musical identity without {@link Chord#equals}, which works out the bass pitch class on each call. */
    public static boolean same(Chord a, Chord b) {
        if (a == b) {
            return true;
        }
        if (!isChord(a) || !isChord(b)) {
            return false;
        }
        return a.pitchClassMask() == b.pitchClassMask() && a.root().pitchClass() == b.root().pitchClass();
    }

    /** @return the chord expected at a position */
    public Chord chordAt(double beat) {
        return beat >= chordChange ? nextChord : chord;
    }

    /** @return where the chord sounding at a position started, or is expected to start */
    public double chordStartAt(double beat) {
        return beat >= chordChange ? chordChange : chordStart;
    }

    /** @return the kind of section a position lies in */
    public SectionKind kindAt(double beat) {
        return beat >= sectionEnd && nextKind != null ? nextKind : kind;
    }

    /** @return whether a position is part of a count-in (which ends at the bar line after the context's bar) */
    public boolean countInAt(double beat) {
        return countIn && (beat < barEnd || beat < 0);
    }

    /** @return whether a position is at or after the final hit */
    public boolean endedAt(double beat) {
        return !Double.isNaN(endingBeat) && beat >= endingBeat;
    }

    /** @return whether a position is at or after the start of a hold */
    public boolean heldAt(double beat) {
        return !Double.isNaN(holdBeat) && beat >= holdBeat;
    }

    /**
     * @param beat      a position
     * @param fillBeats how long a fill lasts
     * @return where the fill that a position lies in ends (the bar line it leads into), or NaN if none
     */
    public double fillEndAt(double beat, double fillBeats) {
        if (fillCue && beat >= barEnd - fillBeats && beat < barEnd) {
            return barEnd;
        }
        if (sectionChangeAhead && beat >= sectionEnd - fillBeats && beat < sectionEnd) {
            return sectionEnd;
        }
        return Double.NaN;
    }

    /**
     * How a section shapes the intensity: an intro or breakdown sparser, a chorus fuller.
     *
     * @param k the section kind
     * @return the intensity to play at, 0..1
     */
    public double intensityIn(SectionKind k) {
        double boost;
        switch (k) {
            case INTRO:
                boost = -0.2;
                break;
            case BREAKDOWN:
                boost = -0.3;
                break;
            case OUTRO:
                boost = -0.1;
                break;
            case PRE_CHORUS:
                boost = 0.05;
                break;
            case CHORUS:
                boost = 0.15;
                break;
            case SOLO:
                boost = 0.1;
                break;
            default:
                boost = 0;
        }
        return Math.max(0, Math.min(1, intensity + boost));
    }

    /** @return whether a section kind is played sparsely (intro, breakdown) */
    public static boolean sparse(SectionKind k) {
        return k == SectionKind.INTRO || k == SectionKind.BREAKDOWN;
    }

    // ---------------------------------------------------------------------------------------------- readings

    /** @return see the field of the same name */
    public int beatsPerBar() {
        return beatsPerBar;
    }

    /** @return see the field of the same name */
    public long contextBar() {
        return contextBar;
    }

    /** @return see the field of the same name */
    public double barEnd() {
        return barEnd;
    }

    /** @return see the field of the same name */
    public Chord chord() {
        return chord;
    }

    /** @return see the field of the same name */
    public Chord nextChord() {
        return nextChord;
    }

    /** @return see the field of the same name */
    public double chordStart() {
        return chordStart;
    }

    /** @return see the field of the same name */
    public double chordChange() {
        return chordChange;
    }

    /** @return see the field of the same name */
    public SectionKind kind() {
        return kind;
    }

    /** @return see the field of the same name */
    public SectionKind nextKind() {
        return nextKind;
    }

    /** @return see the field of the same name */
    public double sectionStart() {
        return sectionStart;
    }

    /** @return see the field of the same name */
    public double sectionEnd() {
        return sectionEnd;
    }

    /** @return see the field of the same name */
    public boolean sectionChangeAhead() {
        return sectionChangeAhead;
    }

    /** @return see the field of the same name */
    public double endingBeat() {
        return endingBeat;
    }

    /** @return see the field of the same name */
    public double holdBeat() {
        return holdBeat;
    }

    /** @return see the field of the same name */
    public boolean fillCue() {
        return fillCue;
    }

    /** @return see the field of the same name */
    public boolean countIn() {
        return countIn;
    }

    /** @return see the field of the same name */
    public boolean minimal() {
        return minimal;
    }

    /** @return see the field of the same name */
    public double intensity() {
        return intensity;
    }

    /** @return see the field of the same name */
    public double bpm() {
        return bpm;
    }

    /** @return see the field of the same name */
    public double rate() {
        return rate;
    }
}
