// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.util.Locale;

/** The figures the evaluate job reports per recording, in table order, with their JSON names and text labels. */
enum Metric {
    /** Beat F-measure, ±70 ms, over all beats. */
    BEAT_F("beatF", "beat F (70 ms)", Kind.SCORE),
    /** Correct metric level, total (beats from 5 s on, as mir_eval's evaluate). */
    BEAT_CMLT("beatCMLt", "beat CMLt", Kind.SCORE),
    /** Any metric level, total (beats from 5 s on, as mir_eval's evaluate). */
    BEAT_AMLT("beatAMLt", "beat AMLt", Kind.SCORE),
    /** Onset F-measure, ±50 ms. */
    ONSET_F("onsetF", "onset F (50 ms)", Kind.SCORE),
    /** Onset precision. */
    ONSET_P("onsetP", "onset P", Kind.SCORE),
    /** Onset recall. */
    ONSET_R("onsetR", "onset R", Kind.SCORE),
    /** The estimated tempo (the truth column holds the annotated one). */
    TEMPO_BPM("tempoBpm", "tempo BPM", Kind.BPM),
    /** |estimated - annotated| / annotated, in percent; half or double tempo is not forgiven. */
    TEMPO_ERROR("tempoErrorPercent", "tempo error %", Kind.PERCENT),
    /** Tempo within 4 %. */
    TEMPO_4("tempoWithin4", "tempo within 4 %", Kind.YES_NO),
    /** Tempo within 8 %. */
    TEMPO_8("tempoWithin8", "tempo within 8 %", Kind.YES_NO),
    /** Chord weighted accuracy, same root. */
    CHORD_ROOT("chordRoot", "chord root", Kind.SCORE),
    /** Chord weighted accuracy, major/minor vocabulary. */
    CHORD_MAJMIN("chordMajmin", "chord majmin", Kind.SCORE),
    /** Chord weighted accuracy, at least three pitch classes in common. */
    CHORD_MIREX("chordMirex", "chord mirex", Kind.SCORE),
    /** Key weighted score (1, 0.5 fifth, 0.3 relative, 0.2 parallel). */
    KEY_SCORE("keyScore", "key score", Kind.SCORE),
    /** The estimated key (the truth column holds the annotated one). */
    KEY("key", "key", Kind.LABEL),
    /** Melody raw pitch accuracy, 50 cents, against an annotated f0 track. */
    MELODY_RPA("melodyRpa", "melody RPA (50 c)", Kind.SCORE),
    /** Single note: median absolute error of the voiced frames of its steady part, in cents. */
    NOTE_ERROR("noteErrorCents", "note error cents", Kind.CENTS),
    /** Single note: raw pitch accuracy, 50 cents, against the constant annotated pitch over its steady part. */
    NOTE_RPA("noteRpa", "note RPA (50 c)", Kind.SCORE),
    /** Note transcription F-measure, onset (50 ms) and pitch (50 cents), offsets ignored. */
    NOTES_F("notesF", "notes F (no offset)", Kind.SCORE);

    /** How a figure is written and summarised. */
    enum Kind {
        /** A score in [0, 1]. */
        SCORE,
        /** Beats per minute. */
        BPM,
        /** A percentage. */
        PERCENT,
        /** Cents. */
        CENTS,
        /** A yes or no (averaged as the fraction of yes). */
        YES_NO,
        /** A text label (not averaged). */
        LABEL
    }

    private final String json;
    private final String label;
    private final Kind kind;

    Metric(String json, String label, Kind kind) {
        this.json = json;
        this.label = label;
        this.kind = kind;
    }

    /** @return the JSON member name */
    String json() {
        return json;
    }

    /** @return the text label */
    String label() {
        return label;
    }

    /** @return how it is written */
    Kind kind() {
        return kind;
    }

    /** @return whether a mean over recordings means something */
    boolean averaged() {
        return kind != Kind.LABEL && kind != Kind.BPM;
    }

    /**
     * @param value a Double, Boolean or String of this metric, or null
     * @return the table cell
     */
    String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Double d) {
            if (Double.isNaN(d)) {
                return "n/a";
            }
            return switch (kind) {
                case SCORE -> String.format(Locale.ROOT, "%.3f", d);
                case BPM, PERCENT, CENTS -> String.format(Locale.ROOT, "%.1f", d);
                case YES_NO -> String.format(Locale.ROOT, "%.2f", d);
                case LABEL -> d.toString();
            };
        }
        return value.toString();
    }
}
