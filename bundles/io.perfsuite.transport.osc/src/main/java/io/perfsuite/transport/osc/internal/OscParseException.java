// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

/**
 * A packet that is not valid OSC, with the counter it belongs to. Thrown for every bad packet a flood can send, so it
 * carries no stack trace: filling one in would cost more than the rest of the parse.
 */
final class OscParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a packet was refused; each kind has its own counter. */
    enum Kind {
        /** The packet ends before something it declares. */
        TRUNCATED,
        /** The bytes do not follow the OSC encoding. */
        MALFORMED,
        /** The type tag string is missing, has an unknown tag or unbalanced brackets. */
        BAD_TYPE_TAG
    }

    private final Kind kind;

    OscParseException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
