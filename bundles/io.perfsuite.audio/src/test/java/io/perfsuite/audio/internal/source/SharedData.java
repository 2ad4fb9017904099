// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared annotated recordings, which are not part of the repository. The folder is named by the
 * system property {@code perfsuite.data} (the Maven build sets it). When the property is unset or a file is
 * missing, the calling test is skipped with a printed notice, unless the environment variable {@code PERFSUITE_CI}
 * is {@code "1"}, in which case it fails. Stateless and thread-safe.
 */
final class SharedData {

    /** The system property naming the data folder. */
    static final String PROPERTY = "perfsuite.data";

    private SharedData() {
    }

    /**
     * @param relative the file relative to the data root, e.g. {@code "trumpet-loop-90bpm/x.wav"}
     * @return the existing file
     */
    static Path file(String relative) {
        String root = System.getProperty(PROPERTY);
        if (root == null || root.isBlank()) {
            unavailable("system property " + PROPERTY + " is not set, so <" + PROPERTY + ">/" + relative
                    + " cannot be found");
        }
        Path file = Path.of(root).resolve(relative);
        if (!Files.isRegularFile(file)) {
            unavailable("file " + file.toAbsolutePath() + " does not exist");
        }
        return file;
    }

    private static void unavailable(String why) {
        String message = "shared test data unavailable: " + why;
        if ("1".equals(System.getenv("PERFSUITE_CI"))) {
            fail(message + " (PERFSUITE_CI=1, so this is an error; set -D" + PROPERTY + "=<data folder>)");
        }
        System.out.println("SKIPPED: " + message + " (pass -D" + PROPERTY + "=<data folder> to run this test)");
        Assumptions.abort(message);
    }
}
