// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.context;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Dynamics;
import io.perfsuite.api.music.Key;
import io.perfsuite.api.music.Meter;
import io.perfsuite.api.music.MusicalTime;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.Tempo;

/**
 * One immutable snapshot of everything the band follows: where the music is (beat position and the predicted next
 * beat), how fast it goes, what harmony sounds and is expected next, how loud, which section, and the state of the
 * system. The session publishes a new snapshot through one volatile reference whenever something changes, so readers
 * on any thread see a consistent picture without locking.
 *
 * <p>Musical positions are counted in beats since the start of the song ({@code beat} 0.0 is bar 1, beat 1); a
 * count-in runs at negative beats. Times are {@link System#nanoTime()} values of the processing machine.
 *
 * @param sequence        increases by one with each snapshot a session publishes
 * @param timestampNanos  the time at which {@code beat} was the musical position
 * @param mode            the system mode
 * @param degradation     the current degradation level
 * @param playing         whether the band is playing (false before the start and after a stop)
 * @param tempo           the current tempo estimate
 * @param tempoConfidence confidence of the tempo and beat estimate, 0 (a guess) to 1 (certain)
 * @param meter           the meter
 * @param beat            the musical position at {@code timestampNanos}, in beats since the start of the song
 * @param nextBeatNanos   the predicted time of the next whole beat after {@code beat}
 * @param chord           the chord sounding now ({@link Chord#NO_CHORD} or {@link Chord#UNKNOWN} when there is none)
 * @param nextChord       the chord predicted next (from the chart or the harmonic model)
 * @param key             the key, if known
 * @param dynamics        the performer's levels
 * @param intensity       the intensity the band should play at, 0 (sparse, soft) to 1 (full, loud)
 * @param section         the current section of the song
 * @param nextSection     the section that follows, if known
 * @param feel            how the band subdivides the performer's pulse
 * @param cues            the performer's cues to the band now in force (immutable)
 */
public record MusicalContext(
        long sequence,
        long timestampNanos,
        SystemMode mode,
        DegradationLevel degradation,
        boolean playing,
        Tempo tempo,
        double tempoConfidence,
        Meter meter,
        double beat,
        long nextBeatNanos,
        Chord chord,
        Chord nextChord,
        Optional<Key> key,
        Dynamics dynamics,
        double intensity,
        Section section,
        Optional<Section> nextSection,
        Feel feel,
        Set<Cue> cues) {

    /** The section the session starts in when no song says otherwise: open-ended. */
    public static final Section FREE = Section.named("free", 0);

    /**
     * Validates the snapshot.
     *
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if a number is out of its range
     */
    public MusicalContext {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(degradation, "degradation");
        Objects.requireNonNull(tempo, "tempo");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(chord, "chord");
        Objects.requireNonNull(nextChord, "nextChord");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dynamics, "dynamics");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(nextSection, "nextSection");
        Objects.requireNonNull(feel, "feel");
        cues = Set.copyOf(Objects.requireNonNull(cues, "cues"));
        if (!(tempoConfidence >= 0 && tempoConfidence <= 1)) {
            throw new IllegalArgumentException("tempoConfidence must be in [0, 1], was " + tempoConfidence);
        }
        if (!(intensity >= 0 && intensity <= 1)) {
            throw new IllegalArgumentException("intensity must be in [0, 1], was " + intensity);
        }
        if (!Double.isFinite(beat)) {
            throw new IllegalArgumentException("beat must be finite, was " + beat);
        }
    }

    /**
     * The context of a session that has just started: setup mode, stopped, 120 BPM in 4/4, no chord, no key.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     * @return the initial snapshot, sequence 0
     */
    public static MusicalContext initial(long nowNanos) {
        Tempo tempo = new Tempo(120);
        return new MusicalContext(0, nowNanos, SystemMode.SETUP, DegradationLevel.FULL, false, tempo, 0,
                Meter.COMMON, 0, nowNanos + tempo.beatNanos(), Chord.NO_CHORD, Chord.NO_CHORD, Optional.empty(),
                Dynamics.SILENCE, 0.5, FREE, Optional.empty(), Feel.NORMAL, Set.of());
    }

    /** @return the musical position as bar, beat and fraction in this context's meter */
    public MusicalTime position() {
        return MusicalTime.of(beat, meter);
    }

    /** @return how far the position is into the current beat, in [0, 1) */
    public double beatPhase() {
        double phase = beat - Math.floor(beat);
        return phase >= 1.0 ? 0.0 : phase; // a tiny negative beat rounds to exactly 1.0
    }

    /**
     * Predicts when a musical position will sound, assuming the current tempo holds.
     *
     * @param targetBeat a position in beats since the start of the song
     * @return the predicted {@link System#nanoTime()} of that position
     */
    public long nanosAt(double targetBeat) {
        return timestampNanos + Math.round((targetBeat - beat) * tempo.beatNanos());
    }

    /**
     * Predicts the musical position at a time, assuming the current tempo holds.
     *
     * @param nanoTime a {@link System#nanoTime()} value
     * @return the position in beats since the start of the song
     */
    public double beatAt(long nanoTime) {
        return beat + (nanoTime - timestampNanos) / (double) tempo.beatNanos();
    }

    /**
     * @param cue a cue
     * @return whether the cue is in force in this snapshot
     */
    public boolean has(Cue cue) {
        return cues.contains(cue);
    }

    /** @return a builder that starts from this snapshot, with the sequence number increased by one */
    public Builder next() {
        return new Builder(this);
    }

    /** Builds the next snapshot from a previous one; not thread-safe, use it on one thread and drop it. */
    public static final class Builder {
        private long sequence;
        private long timestampNanos;
        private SystemMode mode;
        private DegradationLevel degradation;
        private boolean playing;
        private Tempo tempo;
        private double tempoConfidence;
        private Meter meter;
        private double beat;
        private long nextBeatNanos;
        private Chord chord;
        private Chord nextChord;
        private Optional<Key> key;
        private Dynamics dynamics;
        private double intensity;
        private Section section;
        private Optional<Section> nextSection;
        private Feel feel;
        private Set<Cue> cues;

        private Builder(MusicalContext c) {
            sequence = c.sequence + 1;
            timestampNanos = c.timestampNanos;
            mode = c.mode;
            degradation = c.degradation;
            playing = c.playing;
            tempo = c.tempo;
            tempoConfidence = c.tempoConfidence;
            meter = c.meter;
            beat = c.beat;
            nextBeatNanos = c.nextBeatNanos;
            chord = c.chord;
            nextChord = c.nextChord;
            key = c.key;
            dynamics = c.dynamics;
            intensity = c.intensity;
            section = c.section;
            nextSection = c.nextSection;
            feel = c.feel;
            cues = c.cues;
        }

        /** @param nanos the time of the position; @return this */
        public Builder at(long nanos, double beatPosition) {
            this.timestampNanos = nanos;
            this.beat = beatPosition;
            return this;
        }

        /** @param value the system mode; @return this */
        public Builder mode(SystemMode value) {
            this.mode = value;
            return this;
        }

        /** @param value the degradation level; @return this */
        public Builder degradation(DegradationLevel value) {
            this.degradation = value;
            return this;
        }

        /** @param value whether the band plays; @return this */
        public Builder playing(boolean value) {
            this.playing = value;
            return this;
        }

        /** @param value the tempo; @param confidence its confidence in [0, 1]; @return this */
        public Builder tempo(Tempo value, double confidence) {
            this.tempo = value;
            this.tempoConfidence = confidence;
            return this;
        }

        /** @param value the meter; @return this */
        public Builder meter(Meter value) {
            this.meter = value;
            return this;
        }

        /** @param nanos the predicted time of the next beat; @return this */
        public Builder nextBeatNanos(long nanos) {
            this.nextBeatNanos = nanos;
            return this;
        }

        /** @param now the current chord; @param next the predicted next chord; @return this */
        public Builder chords(Chord now, Chord next) {
            this.chord = now;
            this.nextChord = next;
            return this;
        }

        /** @param value the key, or null when unknown; @return this */
        public Builder key(Key value) {
            this.key = Optional.ofNullable(value);
            return this;
        }

        /** @param value the performer's levels; @return this */
        public Builder dynamics(Dynamics value) {
            this.dynamics = value;
            return this;
        }

        /** @param value the intensity in [0, 1]; @return this */
        public Builder intensity(double value) {
            this.intensity = value;
            return this;
        }

        /** @param now the current section; @param next the next one, or null when unknown; @return this */
        public Builder sections(Section now, Section next) {
            this.section = now;
            this.nextSection = Optional.ofNullable(next);
            return this;
        }

        /** @param value how the band subdivides the pulse; @return this */
        public Builder feel(Feel value) {
            this.feel = value;
            return this;
        }

        /** @param value the cues in force (copied); @return this */
        public Builder cues(Set<Cue> value) {
            this.cues = value;
            return this;
        }

        /**
         * @return the new snapshot
         * @throws IllegalArgumentException if a value is out of range
         */
        public MusicalContext build() {
            return new MusicalContext(sequence, timestampNanos, mode, degradation, playing, tempo, tempoConfidence,
                    meter, beat, nextBeatNanos, chord, nextChord, key, dynamics, intensity, section, nextSection,
                    feel, cues);
        }
    }
}
