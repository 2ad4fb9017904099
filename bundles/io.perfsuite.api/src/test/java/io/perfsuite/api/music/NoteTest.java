// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tests {@link Note}. */
class NoteTest {

    private static final double EPS = 1e-9;

    @Test
    void a440IsA4InTune() {
        Note a4 = Note.fromFrequency(440.0);
        assertEquals(69, a4.midi());
        assertEquals(0.0, a4.cents(), EPS);
        assertEquals(Note.of(69), a4);
        assertEquals("A4", a4.toString());
        assertEquals(440.0, Note.of(69).frequency(), EPS);
    }

    @Test
    void centsDeviation() {
        Note sharp = Note.fromFrequency(445.0);
        assertEquals(69, sharp.midi());
        assertEquals(19.56, sharp.cents(), 0.005);
        assertEquals(1200.0 * Math.log(445.0 / 440.0) / Math.log(2.0), sharp.cents(), EPS);
        assertEquals("A4+20c", sharp.toString());
        assertEquals(445.0, sharp.frequency(), 1e-9);

        Note flat = Note.fromFrequency(440.0 * Math.pow(2.0, -7.0 / 1200.0));
        assertEquals(69, flat.midi());
        assertEquals(-7.0, flat.cents(), 1e-9);
        assertEquals("A4-7c", flat.toString());

        Note middleC = Note.fromFrequency(261.6255653005986);
        assertEquals(60, middleC.midi());
        assertEquals(0.0, middleC.cents(), 1e-6);
    }

    @Test
    void halfWayPicksTheUpperNote() {
        Note half = Note.fromFrequency(440.0 * Math.pow(2.0, 0.5 / 12.0));
        assertTrue(half.midi() == 70 && Math.abs(half.cents() + 50.0) < 1e-6
                || half.midi() == 69 && Math.abs(half.cents() - 50.0) < 1e-6, half::toString);
        assertTrue(Math.abs(half.cents()) <= 50.0);
    }

    @Test
    void otherReference() {
        Note a4 = Note.fromFrequency(442.0, 442.0);
        assertEquals(Note.of(69), a4);
        assertEquals(442.0, Note.of(69).frequency(442.0), EPS);
        Note at440 = Note.fromFrequency(442.0);
        assertEquals(69, at440.midi());
        assertEquals(7.85, at440.cents(), 0.005);
        assertEquals(415.0, Note.of(69).frequency(415.0), EPS);
    }

    @Test
    void everyMidiNoteRoundTripsThroughFrequency() {
        for (int midi = 0; midi <= 127; midi++) {
            Note note = Note.of(midi);
            Note back = Note.fromFrequency(note.frequency());
            assertEquals(midi, back.midi());
            assertEquals(0.0, back.cents(), 1e-6);
            for (double cents : new double[] {-49.0, -12.5, 3.25, 49.0}) {
                Note detuned = new Note(midi, cents);
                Note again = Note.fromFrequency(detuned.frequency(443.0), 443.0);
                assertEquals(midi, again.midi());
                assertEquals(cents, again.cents(), 1e-6);
            }
        }
    }

    @Test
    void midiBounds() {
        assertEquals(8.175798915643707, Note.of(0).frequency(), 1e-9);
        assertEquals(12543.853951415975, Note.of(127).frequency(), 1e-6);
        assertEquals(0, Note.fromFrequency(8.1758).midi());
        assertEquals(127, Note.fromFrequency(12543.85).midi());
        assertEquals(0, Note.fromFrequency(7.95).midi()); // about -49 cents from C-1
        assertEquals(127, Note.fromFrequency(12900.0).midi()); // about +49 cents from G9
        assertThrows(IllegalArgumentException.class, () -> Note.fromFrequency(7.9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Note.fromFrequency(13000.0));
        assertTrue(e.getMessage().startsWith("frequency 13000.0 Hz is outside the MIDI note range"), e::getMessage);
        assertEquals("C-1", Note.of(0).name());
        assertEquals("G9", Note.of(127).name());
    }

    @Test
    void rejectsBadFrequencies() {
        for (double hz : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -440.0}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Note.fromFrequency(hz));
            assertEquals("frequency must be a finite number > 0 Hz, got " + hz, e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Note.fromFrequency(440.0, Double.NaN));
        assertEquals("A4 reference frequency must be a finite number > 0 Hz, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Note.of(69).frequency(0.0));
        assertEquals("A4 reference frequency must be a finite number > 0 Hz, got 0.0", e.getMessage());
    }

    @Test
    void octaveAndName() {
        assertEquals(4, Note.of(60).octave());
        assertEquals(3, Note.of(59).octave());
        assertEquals(-1, Note.of(0).octave());
        assertEquals(-1, Note.of(11).octave());
        assertEquals(0, Note.of(12).octave());
        assertEquals(9, Note.of(127).octave());
        assertEquals("C4", Note.of(60).name());
        assertEquals("C#4", Note.of(61).name());
        assertEquals("A#3", Note.of(58).name());
        assertEquals(PitchClass.C_SHARP, Note.of(61).pitchClass());
        assertEquals("A4", new Note(69, 30.0).name());
    }

    @Test
    void parse() {
        assertEquals(69, Note.parse("A4").midi());
        assertEquals(58, Note.parse("Bb3").midi());
        assertEquals(0, Note.parse("C-1").midi());
        assertEquals(127, Note.parse("G9").midi());
        assertEquals(60, Note.parse("B#3").midi());
        assertEquals(59, Note.parse("Cb4").midi());
        assertEquals(12, Note.parse("B#-1").midi());
        assertEquals(62, Note.parse("C##4").midi());
        assertEquals(new Note(69, 12.0), Note.parse("A4+12c"));
        assertEquals(new Note(69, -7.0), Note.parse("A4-7c"));
        assertEquals(new Note(69, -7.5), Note.parse("A4-7.5c"));
        assertEquals(new Note(0, 50.0), Note.parse("C-1+50c"));
        assertSame(Note.of(69), Note.parse("A4"));
    }

    @Test
    void printedNotesParseBack() {
        for (int midi = 0; midi <= 127; midi++) {
            for (double cents : new double[] {-50.0, -7.0, 0.0, 0.4, 12.0, 50.0}) {
                Note note = new Note(midi, cents);
                Note back = Note.parse(note.toString());
                assertEquals(midi, back.midi());
                assertEquals(Math.abs(cents) < 0.5 ? 0.0 : cents, back.cents(), 1e-12, note::toString);
            }
        }
    }

    @Test
    void toStringRoundsToWholeCents() {
        assertEquals("A4", new Note(69, 0.4).toString());
        assertEquals("A4", new Note(69, -0.49).toString());
        assertEquals("A4+1c", new Note(69, 0.5).toString());
        assertEquals("A4-1c", new Note(69, -0.5).toString());
        assertEquals("A4+50c", new Note(69, 50.0).toString());
        assertEquals("C-1-50c", new Note(0, -50.0).toString());
    }

    @Test
    void negativeZeroCentsEqualsZero() {
        assertEquals(Note.of(69), new Note(69, -0.0));
        assertEquals(Note.of(69).hashCode(), new Note(69, -0.0).hashCode());
    }

    @Test
    void constructorRejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Note(128, 0.0));
        assertEquals("MIDI note number must be in 0..127, got 128", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Note.of(-1));
        assertEquals("MIDI note number must be in 0..127, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Note(60, 50.5));
        assertEquals("cents must be a finite number in -50..+50, got 50.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Note(60, Double.NaN));
        assertEquals("cents must be a finite number in -50..+50, got NaN", e.getMessage());
    }

    @Test
    void parseRejectsBadInput() {
        assertBad(null, "note is null");
        assertBad("", "note \"\": missing note letter (expected A-G)");
        assertBad("H4", "note \"H4\": bad note letter 'H' (expected upper-case A-G)");
        assertBad("a4", "note \"a4\": bad note letter 'a' (expected upper-case A-G)");
        assertBad("A", "note \"A\": missing octave number after \"A\" (expected e.g. \"A4\", \"Bb3\" or \"C-1\")");
        assertBad("A-", "note \"A-\": missing octave number after \"A-\" (expected e.g. \"A4\", \"Bb3\" or \"C-1\")");
        assertBad("A10", "note \"A10\": octave must be a single digit in -1..9");
        assertBad("C-2", "note \"C-2\": octave must be in -1..9, got -2");
        assertBad("G#9", "note \"G#9\": MIDI number 128 is outside 0..127 (C-1..G9)");
        assertBad("Cb-1", "note \"Cb-1\": MIDI number -1 is outside 0..127 (C-1..G9)");
        assertBad("A4+60c", "note \"A4+60c\": cents must be in -50..+50, got +60");
        assertBad("A4+12", "note \"A4+12\": unexpected \"+12\" after the octave (expected a cents deviation such as "
                + "\"+12c\" or \"-7c\")");
        assertBad("A4x", "note \"A4x\": unexpected \"x\" after the octave (expected a cents deviation such as "
                + "\"+12c\" or \"-7c\")");
        assertBad("A4+1e1c", "note \"A4+1e1c\": bad cents value \"1e1\"");
        assertBad("A4+1.2.3c", "note \"A4+1.2.3c\": bad cents value \"1.2.3\"");
    }

    private static void assertBad(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Note.parse(text));
        assertEquals(message, e.getMessage());
    }
}
