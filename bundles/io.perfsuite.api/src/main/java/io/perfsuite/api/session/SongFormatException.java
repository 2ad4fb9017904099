// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.session;

/** A song or setlist file that cannot be used, with where and why. */
public class SongFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param message the reason, for people
     * @param line    the 1-based line of the file where the problem is, or 0 when it is not about one line
     */
    public SongFormatException(String message, int line) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    /** @return the 1-based line of the problem, or 0 */
    public int line() {
        return line;
    }
}
