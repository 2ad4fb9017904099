// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.io.File;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Programs no one on the project wrote, used as peers. A test that needs one runs when it is installed; without it
 * the test prints a notice and is skipped, except under {@code PERFSUITE_CI=1}, where it fails (the CI installs the
 * tools, so a missing one there is a broken machine, not an excuse).
 */
final class PeerTools {

    private PeerTools() {
    }

    /**
     * @param tool    the program's name, looked up on the PATH
     * @param install how to install it, for the message
     */
    static void require(String tool, String install) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (new File(dir, tool).canExecute()) {
                    return;
                }
            }
        }
        String message = tool + " is not installed (" + install + ")";
        if ("1".equals(System.getenv("PERFSUITE_CI"))) {
            fail(message + "; PERFSUITE_CI=1, so this is an error");
        }
        System.out.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }
}
