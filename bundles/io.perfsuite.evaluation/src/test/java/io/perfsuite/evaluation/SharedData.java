// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

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
 * Locates the shared annotated test data, which lives outside the repository, through the system property
 * {@code perfsuite.data} (the Maven build sets it). When the property is unset or the folder is missing, the
 * calling test is skipped with a printed notice, unless the environment variable {@code PERFSUITE_CI} is
 * {@code "1"}, in which case the test fails.
 *
 * <p>Stateless and thread-safe.
 */
final class SharedData {

    /** The system property naming the data folder. */
    static final String PROPERTY = "perfsuite.data";

    private SharedData() {
    }

    /**
     * Returns a folder below the data root, skipping (or, with {@code PERFSUITE_CI=1}, failing) the test when it
     * is not available.
     *
     * @param relative the folder relative to the data root, e.g. {@code "mir-eval-fixtures/beat"}
     * @return the existing folder
     */
    static Path folder(String relative) {
        String root = System.getProperty(PROPERTY);
        if (root == null || root.isBlank()) {
            unavailable("system property " + PROPERTY + " is not set, so <" + PROPERTY + ">/" + relative
                    + " cannot be found");
        }
        Path folder = Path.of(root).resolve(relative);
        if (!Files.isDirectory(folder)) {
            unavailable("folder " + folder.toAbsolutePath() + " does not exist");
        }
        return folder;
    }

    /**
     * Lists the fixture numbers of a mir_eval fixture folder: every {@code NN} with an {@code outputNN.json}.
     *
     * @param folder the fixture folder
     * @return the numbers as two-digit strings, sorted
     */
    static List<String> fixtureNumbers(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("output\\d+\\.json"))
                    .map(n -> n.substring("output".length(), n.length() - ".json".length()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * Finds the one file in a folder named {@code prefix + number + .<any extension>}.
     *
     * @param folder the folder
     * @param prefix e.g. {@code "ref"}
     * @param number e.g. {@code "03"}
     * @return the file
     */
    static Path file(Path folder, String prefix, String number) {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> found = entries.filter(p -> p.getFileName().toString().startsWith(prefix + number + "."))
                    .collect(Collectors.toList());
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + prefix + number + ".* in " + folder + ", found "
                        + found);
            }
            return found.get(0);
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
