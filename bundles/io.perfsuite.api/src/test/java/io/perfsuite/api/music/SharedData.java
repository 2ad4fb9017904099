// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.music;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared annotated test data, which is not part of the repository. The folder is named by the system
 * property {@code perfsuite.data} (the Maven build sets it). When the property is unset or a folder is missing,
 * the calling test is skipped with a printed notice, unless the environment variable {@code PERFSUITE_CI} is
 * {@code "1"}, in which case the test fails.
 *
 * <p>This helper is stateless, immutable and thread-safe.
 */
final class SharedData {

    /** The system property naming the data folder. */
    static final String PROPERTY = "perfsuite.data";

    private SharedData() {
    }

    /**
     * Returns a folder below the data root, skipping (or, on CI, failing) the test when it is not available.
     *
     * @param relative the folder relative to the data root, e.g. {@code "mir-eval-fixtures/chord"}
     * @return the existing folder
     */
    static Path folder(String relative) {
        String root = System.getProperty(PROPERTY);
        if (root == null || root.isBlank()) {
            unavailable("system property " + PROPERTY + " is not set, so folder <" + PROPERTY + ">/" + relative
                    + " cannot be found");
        }
        Path folder = Path.of(root).resolve(relative);
        if (!Files.isDirectory(folder)) {
            unavailable("folder " + folder.toAbsolutePath() + " does not exist");
        }
        return folder;
    }

    /**
     * Lists the regular files in a folder whose names end with the given suffix, sorted by name.
     *
     * @param folder the folder
     * @param suffix the file-name suffix, e.g. {@code ".lab"}
     * @return the files, possibly empty
     */
    static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
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
