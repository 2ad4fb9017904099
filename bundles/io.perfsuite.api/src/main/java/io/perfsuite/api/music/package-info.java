// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The musical model of Performance Suite: pitch classes, spelled note names, notes with cents deviation,
 * Harte (2005) chord labels as used by mir_eval, keys and modes, tempo, meter, positions in bars and beats,
 * dynamics and song sections.
 *
 * <p>Every type in this package is an immutable value (an enum, a record or a final class) and is therefore
 * thread-safe: instances may be shared freely between threads without synchronisation. Parse methods never
 * return {@code null}; they throw {@link java.lang.IllegalArgumentException} with a message that names the bad
 * input and what was wrong with it. Constructors and factories reject invalid arguments the same way, and
 * {@code null} arguments with a {@link java.lang.NullPointerException}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.perfsuite.api.music;
