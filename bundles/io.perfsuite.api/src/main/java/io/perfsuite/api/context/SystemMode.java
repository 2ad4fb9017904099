// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.context;

/**
 * The system modes of a session. The session moves forward through them (setup, rehearsal, performance) and may
 * step back; what each mode allows is decided by the session and documented with it.
 */
public enum SystemMode {
    /** Configuring: devices, plugins and songs may change freely; nothing is expected to sound on time. */
    SETUP,
    /** Rehearsing: the band plays; commands can be undone and plugins swapped. */
    REHEARSAL,
    /** On stage: the band plays; nothing is undone and changes that could disturb the sound are refused. */
    PERFORMANCE
}
