// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.analysis;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives what the analysers heard, off the audio thread. Register an implementation as an OSGi service; the audio
 * engine's dispatcher thread calls every listener with each event, in the order the analysers reported them.
 *
 * <p><b>Threading:</b> called on the engine's dispatcher thread only, never concurrently; must return quickly (the
 * dispatcher serves every listener) and must not block. A listener that throws is reported and skipped for that
 * event; the others still get it.
 */
@ConsumerType
public interface AnalysisListener {

    /**
     * One event.
     *
     * @param event what was heard, immutable
     */
    void heard(AnalysisEvent event);
}
