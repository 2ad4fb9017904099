// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A chord in the label syntax of Harte et al. (2005), "Symbolic representation of musical chords", as used by
 * mir_eval and the usual {@code .lab} annotation files.
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li>{@code N}: no chord (silence or unpitched), {@link #NO_CHORD};</li>
 *   <li>{@code X}: unknown chord, {@link #UNKNOWN};</li>
 *   <li>{@code root}, e.g. {@code C}, {@code Db}: a major triad;</li>
 *   <li>{@code root:shorthand}, e.g. {@code A:min7} (see {@link ChordQuality});</li>
 *   <li>{@code root:shorthand(components)}, e.g. {@code C:min7(*b3)}, {@code D:min7(2,*b3,4)}: the shorthand's
 *       degrees plus the listed degrees, minus those marked with a leading {@code *};</li>
 *   <li>{@code root:(components)}, e.g. {@code B:(1)}, {@code D#:(1,4)}: only the listed degrees;</li>
 *   <li>each of the chord forms may end in {@code /bass}, a {@link Degree} above the root, e.g.
 *       {@code G:7/3}, {@code C/5}, {@code Bb:maj(4)/4}.</li>
 * </ul>
 * The root is a letter A-G with {@code b}, {@code bb}, {@code #} or {@code ##}; degrees are 1..13. Labels
 * contain no whitespace.
 *
 * <h2>Round trip</h2>
 * {@link #parse(String)} keeps the label's spelling: {@link #toString()} returns exactly the parsed text, so the
 * root spelling ({@code Db} vs {@code C#}), whether the shorthand was written ({@code C} vs {@code C:maj}), the
 * order of the components and a written {@code /1} bass all survive.
 *
 * <h2>Equality</h2>
 * {@link #equals(Object)} is <em>musical identity</em>, not spelling: two chords are equal when they have the same
 * root pitch class, the same set of sounding pitch classes ({@link #pitchClassMask()}) and the same bass pitch
 * class. Hence {@code C}, {@code C:maj}, {@code C:(1,3,5)} and {@code C:maj/1} are all equal, and {@code Db:maj}
 * equals {@code C#:maj}; {@code C:maj/3} does not equal {@code C:maj}. {@link #NO_CHORD} equals only itself and
 * {@link #UNKNOWN} equals only itself. Compare {@link #toString()} to compare spellings.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Chord {

    private static final int KIND_CHORD = 0;
    private static final int KIND_NO_CHORD = 1;
    private static final int KIND_UNKNOWN = 2;

    /** The no-chord label {@code N}. */
    public static final Chord NO_CHORD = new Chord(KIND_NO_CHORD, "N");
    /** The unknown-chord label {@code X}. */
    public static final Chord UNKNOWN = new Chord(KIND_UNKNOWN, "X");

    private final int kind;
    private final PitchName root;
    private final ChordQuality quality;
    private final boolean shorthandWritten;
    private final List<Component> components;
    private final Degree bass;
    private final int mask;
    private final String label;

    /**
     * One entry of a Harte component list: a degree that is added to the chord, or, when written with a leading
     * {@code *}, omitted from it.
     *
     * <p>This record is immutable and thread-safe.
     *
     * @param degree the degree
     * @param omitted true for an omitted degree ({@code *b3}), false for an added one ({@code 9})
     */
    public record Component(Degree degree, boolean omitted) {

        /**
         * Checks that the degree is given.
         *
         * @param degree the degree
         * @param omitted whether the degree is omitted
         * @throws NullPointerException if {@code degree} is null
         */
        public Component {
            Objects.requireNonNull(degree, "degree");
        }

        /**
         * Returns the component as written, e.g. {@code "9"} or {@code "*b3"}.
         *
         * @return the component text
         */
        @Override
        public String toString() {
            return omitted ? "*" + degree : degree.toString();
        }
    }

    private Chord(int kind, String label) {
        this.kind = kind;
        this.root = null;
        this.quality = null;
        this.shorthandWritten = false;
        this.components = List.of();
        this.bass = null;
        this.mask = 0;
        this.label = label;
    }

    private Chord(PitchName root, ChordQuality quality, boolean shorthandWritten, List<Component> components,
            Degree bass) {
        this.kind = KIND_CHORD;
        this.root = root;
        this.quality = quality;
        this.shorthandWritten = shorthandWritten;
        this.components = components;
        this.bass = bass;
        int relative = quality == null ? 0 : quality.intervalMask();
        for (Component component : components) {
            int bit = 1 << Math.floorMod(component.degree().semitones(), 12);
            relative = component.omitted() ? relative & ~bit : relative | bit;
        }
        if (bass != null) {
            relative |= 1 << Math.floorMod(bass.semitones(), 12);
        }
        int shift = root.pitchClass().semitone();
        this.mask = ((relative << shift) | (relative >>> (12 - shift))) & 0xFFF;
        StringBuilder text = new StringBuilder(24).append(root);
        if (shorthandWritten) {
            text.append(':').append(quality.label());
        }
        if (!components.isEmpty()) {
            text.append(shorthandWritten ? "(" : ":(");
            for (int i = 0; i < components.size(); i++) {
                text.append(i == 0 ? "" : ",").append(components.get(i));
            }
            text.append(')');
        }
        if (bass != null) {
            text.append('/').append(bass);
        }
        this.label = text.toString();
    }

    /**
     * Returns the chord with the given root and quality, written with the shorthand, e.g. {@code "Db:min7"}.
     *
     * @param root the root as spelled
     * @param quality the quality
     * @return the chord, in root position
     * @throws NullPointerException if an argument is null
     */
    public static Chord of(PitchName root, ChordQuality quality) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(quality, "quality");
        return new Chord(root, quality, true, List.of(), null);
    }

    /**
     * Returns the chord with the given root, spelled with a sharp for the black keys, and quality, written with
     * the shorthand, e.g. {@code "C#:min7"}.
     *
     * @param root the root pitch class
     * @param quality the quality
     * @return the chord, in root position
     * @throws NullPointerException if an argument is null
     */
    public static Chord of(PitchClass root, ChordQuality quality) {
        Objects.requireNonNull(root, "root");
        return of(PitchName.of(root), quality);
    }

    /**
     * Parses a Harte chord label; see the class description for the syntax. {@code toString()} of the result
     * returns exactly {@code label}.
     *
     * @param label the label, e.g. {@code "N"}, {@code "C"}, {@code "A:min7"}, {@code "G:7/3"},
     *     {@code "D:min7(2,*b3,4)"}, {@code "B:(1)"}
     * @return the chord, never null
     * @throws IllegalArgumentException if the label is null or not valid Harte syntax; the message quotes the
     *     label and says what is wrong, e.g. {@code Harte chord label "C:mja": unknown shorthand "mja"}
     */
    public static Chord parse(String label) {
        if (label == null) {
            throw new IllegalArgumentException("Harte chord label is null");
        }
        if (label.isEmpty()) {
            throw bad(label, "empty label");
        }
        if (label.equals("N")) {
            return NO_CHORD;
        }
        if (label.equals("X")) {
            return UNKNOWN;
        }
        for (int i = 0; i < label.length(); i++) {
            if (Character.isWhitespace(label.charAt(i))) {
                throw bad(label, "whitespace at index " + i);
            }
        }
        int slash = label.indexOf('/');
        String head = slash < 0 ? label : label.substring(0, slash);
        Degree bass = null;
        if (slash >= 0) {
            String bassText = label.substring(slash + 1);
            if (bassText.isEmpty()) {
                throw bad(label, "missing bass degree after \"/\"");
            }
            if (bassText.indexOf('/') >= 0) {
                throw bad(label, "more than one \"/\"");
            }
            String reason = Degree.syntaxError(bassText);
            if (reason != null) {
                throw bad(label, "bad bass degree \"" + bassText + "\": " + reason);
            }
            bass = Degree.parseValid(bassText);
        }
        int rootEnd = PitchName.parsePrefix(head, 0);
        if (rootEnd < 0) {
            throw bad(label, "bad root: " + PitchName.describePrefixError(head, 0));
        }
        PitchName root = PitchName.ofValidPrefix(head, 0, rootEnd);
        if (rootEnd == head.length()) {
            return new Chord(root, ChordQuality.MAJ, false, List.of(), bass);
        }
        if (head.charAt(rootEnd) != ':') {
            throw bad(label, "unexpected \"" + head.substring(rootEnd) + "\" after root \"" + root
                    + "\" (expected \":\", \"/\" or the end)");
        }
        String rest = head.substring(rootEnd + 1);
        if (rest.isEmpty()) {
            throw bad(label, "missing shorthand or component list after \":\"");
        }
        int open = rest.indexOf('(');
        String shorthand = open < 0 ? rest : rest.substring(0, open);
        ChordQuality quality = null;
        if (!shorthand.isEmpty()) {
            quality = ChordQuality.findLabel(shorthand);
            if (quality == null) {
                throw bad(label, shorthand.indexOf(')') >= 0 ? "\")\" without \"(\""
                        : "unknown shorthand \"" + shorthand + "\"");
            }
        }
        List<Component> components = open < 0 ? List.of() : parseComponents(label, rest.substring(open + 1));
        return new Chord(root, quality, quality != null, components, bass);
    }

    /** Parses the text after "(" up to and including the closing ")". */
    private static List<Component> parseComponents(String label, String list) {
        int close = list.indexOf(')');
        int nested = list.indexOf('(');
        if (nested >= 0 && (close < 0 || nested < close)) {
            throw bad(label, "nested \"(\" in the component list");
        }
        if (close < 0) {
            throw bad(label, "missing \")\" after the component list");
        }
        if (close != list.length() - 1) {
            throw bad(label, "unexpected \"" + list.substring(close + 1) + "\" after \")\"");
        }
        String inner = list.substring(0, close);
        if (inner.isEmpty()) {
            throw bad(label, "empty component list \"()\"");
        }
        List<Component> components = new ArrayList<>(4);
        int start = 0;
        int position = 1;
        while (true) {
            int comma = inner.indexOf(',', start);
            String item = comma < 0 ? inner.substring(start) : inner.substring(start, comma);
            if (item.isEmpty()) {
                throw bad(label, "empty component at position " + position);
            }
            boolean omitted = item.charAt(0) == '*';
            String degreeText = omitted ? item.substring(1) : item;
            String reason = Degree.syntaxError(degreeText);
            if (reason != null) {
                throw bad(label, "bad component \"" + item + "\" at position " + position + ": " + reason);
            }
            components.add(new Component(Degree.parseValid(degreeText), omitted));
            if (comma < 0) {
                break;
            }
            start = comma + 1;
            position++;
        }
        return List.copyOf(components);
    }

    private static IllegalArgumentException bad(String label, String reason) {
        return new IllegalArgumentException("Harte chord label \"" + label + "\": " + reason);
    }

    /**
     * Returns this chord with the given bass degree, written as {@code /bass}. Passing the root degree
     * {@link Degree#ROOT} returns the chord without a slash.
     *
     * @param newBass the bass as a degree above the root, e.g. {@code 3} for a first inversion
     * @return the chord with the new bass (the label keeps the rest of the spelling)
     * @throws NullPointerException if {@code newBass} is null
     * @throws IllegalStateException if this is {@code N} or {@code X}
     */
    public Chord withBass(Degree newBass) {
        Objects.requireNonNull(newBass, "bass");
        requireChord("withBass");
        return new Chord(root, quality, shorthandWritten, components, newBass.equals(Degree.ROOT) ? null : newBass);
    }

    /**
     * Tells whether this is the no-chord label {@code N}.
     *
     * @return true for {@code N}
     */
    public boolean isNoChord() {
        return kind == KIND_NO_CHORD;
    }

    /**
     * Tells whether this is the unknown-chord label {@code X}.
     *
     * @return true for {@code X}
     */
    public boolean isUnknown() {
        return kind == KIND_UNKNOWN;
    }

    /**
     * Returns the root as spelled in the label.
     *
     * @return the root, never null
     * @throws IllegalStateException if this is {@code N} or {@code X}
     */
    public PitchName root() {
        requireChord("root");
        return root;
    }

    /**
     * Returns the written quality: the shorthand, {@link ChordQuality#MAJ} for a bare root such as {@code C} or
     * {@code C/3}, and empty for {@code N}, {@code X} and a bare component list such as {@code C:(1,3,5)}.
     *
     * @return the quality, if any
     */
    public Optional<ChordQuality> quality() {
        return Optional.ofNullable(quality);
    }

    /**
     * Tells whether the label spelled out a shorthand ({@code C:maj}) rather than implying it ({@code C}).
     *
     * @return true if a shorthand was written; false for {@code N}, {@code X}, a bare root or a bare component list
     */
    public boolean hasWrittenShorthand() {
        return shorthandWritten;
    }

    /**
     * Returns the component list in written order, e.g. {@code [2, *b3, 4]} for {@code D:min7(2,*b3,4)}.
     *
     * @return an unmodifiable list, empty when there is none and for {@code N} and {@code X}
     */
    public List<Component> components() {
        return components;
    }

    /**
     * Returns the bass as a degree above the root: the written one after {@code /}, otherwise the root
     * {@link Degree#ROOT}.
     *
     * @return the bass degree, never null
     * @throws IllegalStateException if this is {@code N} or {@code X}
     */
    public Degree bass() {
        requireChord("bass");
        return bass == null ? Degree.ROOT : bass;
    }

    /**
     * Returns the pitch class of the bass note, e.g. B for {@code G:7/3}.
     *
     * @return the bass pitch class, never null
     * @throws IllegalStateException if this is {@code N} or {@code X}
     */
    public PitchClass bassPitchClass() {
        requireChord("bassPitchClass");
        PitchClass rootClass = root.pitchClass();
        return bass == null ? rootClass : bass.above(rootClass);
    }

    /**
     * Returns the sounding pitch classes as a 12-bit mask, bit {@code i} standing for
     * {@code PitchClass.of(i)} (bit 0 = C): the quality's degrees, then the components in written order (added
     * ones set their bit, omitted ones clear it), then the bass. Degrees above the octave count modulo 12.
     *
     * @return the mask, 0 for {@code N} and {@code X}
     */
    public int pitchClassMask() {
        return mask;
    }

    /**
     * Returns the sounding pitch classes, as described for {@link #pitchClassMask()}.
     *
     * @return an unmodifiable set in pitch-class order, empty for {@code N} and {@code X}
     */
    public Set<PitchClass> pitchClasses() {
        EnumSet<PitchClass> set = EnumSet.noneOf(PitchClass.class);
        for (int i = 0; i < 12; i++) {
            if ((mask & (1 << i)) != 0) {
                set.add(PitchClass.of(i));
            }
        }
        return Collections.unmodifiableSet(set);
    }

    /**
     * Tells whether a pitch class sounds in this chord.
     *
     * @param pitchClass the pitch class
     * @return true if it is one of {@link #pitchClasses()}; always false for {@code N} and {@code X}
     */
    public boolean contains(PitchClass pitchClass) {
        return (mask & (1 << pitchClass.semitone())) != 0;
    }

    private void requireChord(String accessor) {
        if (kind != KIND_CHORD) {
            throw new IllegalStateException(accessor + "() is undefined for the chord label \"" + label + "\"");
        }
    }

    /**
     * Compares by musical identity: same root pitch class, same sounding pitch classes and same bass pitch class;
     * {@code N} and {@code X} each equal only themselves. See the class description.
     *
     * @param other the object to compare with
     * @return true if {@code other} is a chord with the same musical identity
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Chord)) {
            return false;
        }
        Chord that = (Chord) other;
        if (kind != that.kind) {
            return false;
        }
        return kind != KIND_CHORD || (mask == that.mask && root.pitchClass() == that.root.pitchClass()
                && bassPitchClass() == that.bassPitchClass());
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        if (kind != KIND_CHORD) {
            return -kind;
        }
        return (mask * 31 + root.pitchClass().semitone()) * 31 + bassPitchClass().semitone();
    }

    /**
     * Returns the Harte label, exactly as parsed (or as built by the factories), e.g. {@code "Bb:maj(4)/4"}.
     *
     * @return the label
     */
    @Override
    public String toString() {
        return label;
    }
}
