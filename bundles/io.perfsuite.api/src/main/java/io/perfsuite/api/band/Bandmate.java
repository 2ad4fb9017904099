// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band;

import org.osgi.annotation.versioning.ConsumerType;

import io.perfsuite.api.context.MusicalContext;

/**
 * A member of the band: a plugin that plays along with the performer. Register an implementation as an OSGi
 * service (Declarative Services is the usual way); the platform binds it dynamically, so a bandmate can join or
 * leave while the band plays. It is planned at once for the next beat it can still be heard on time; when it leaves,
 * the platform releases every note it still holds.
 *
 * <p>A bandmate <em>plans ahead</em>: the session asks it for the notes of a window of beats before they are due,
 * using the predicted beat grid and chord of the {@link MusicalContext}, and the scheduler plays each note at its
 * musical time. The same context and window must give the same notes (use a seeded random source for
 * humanisation), so tests can assert exact output.
 *
 * <p><b>Threading:</b> {@link #plan} and {@link #reset} are called on the session thread only, never concurrently.
 * {@code plan} should compute for at most 0.1 ms per call (the agents share 1 ms per step); the platform measures
 * each call's compute (CPU time) against a configurable budget and its wall time against a deadline. It must not
 * block, wait on I/O, log per call, or call into the framework. The platform may also call {@code plan} before the
 * bandmate joins, on a made-up song whose notes are discarded (a warm-up, so the JIT has compiled it), and then
 * {@link #reset}. A bandmate that throws or overruns is isolated for that step (its window stays silent) and counted;
 * after repeated faults it is marked degraded while the others play on.
 * {@link #id()} and {@link #role()} may be called from any thread and must return constant values.
 */
@ConsumerType
public interface Bandmate {

    /** Service property that a bandmate may set to its {@link #id()}, so tools can filter without calling it. */
    String PROP_ID = "perfsuite.bandmate.id";

    /** @return an identifier unique in the band and stable over the service's life, e.g. "drums" or "keys-2" */
    String id();

    /** @return the part this bandmate plays */
    Role role();

    /**
     * Plans the notes of a window of beats, ahead of time.
     *
     * @param context  the current musical context snapshot (immutable)
     * @param fromBeat start of the window, inclusive, in beats since the start of the song
     * @param toBeat   end of the window, exclusive; windows follow each other without gaps or overlaps
     * @param out      where to write the notes; valid only during this call
     */
    void plan(MusicalContext context, double fromBeat, double toBeat, NoteSink out);

    /**
     * Forgets any musical state (a pattern position, a held chord) because the music jumped: a stop, a new song,
     * a section jump. The default does nothing.
     */
    default void reset() {
    }
}
