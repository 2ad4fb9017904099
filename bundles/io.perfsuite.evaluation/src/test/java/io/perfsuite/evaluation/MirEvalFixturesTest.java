// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Checks every metric number for number against the outputs mir_eval 0.7 computes for its own regression
 * fixtures ({@code <perfsuite.data>/mir-eval-fixtures/<task>/refNN, estNN, outputNN.json}). Every value in every
 * output file is compared, within {@link #TOLERANCE}.
 */
class MirEvalFixturesTest {

    /**
     * The largest accepted difference from a reference value. The port reproduces the reference computations
     * operation for operation, and most values agree to the last bit. The differences that remain are far below
     * this: up to 4e-13 for the chord segmentation scores (underseg, overseg, seg), which the fixture files store
     * rounded to 12 decimals, and a few 1e-16 for the information gain (the JDK has no log2, so {@code ln x / ln 2}
     * differs from a native log2 in the last bit) and the average overlap ratio (the reference sums the ratios
     * pairwise, this port left to right).
     */
    static final double TOLERANCE = 1e-9;

    private static final String ROOT = "mir-eval-fixtures/";

    @TestFactory
    Stream<DynamicTest> beat() {
        return fixtures("beat", (ref, est) -> BeatMetrics.evaluate(Annotations.readEvents(ref),
                Annotations.readEvents(est)).byName());
    }

    @TestFactory
    Stream<DynamicTest> onset() {
        return fixtures("onset", (ref, est) -> OnsetMetrics.evaluate(Annotations.readEvents(ref),
                Annotations.readEvents(est)).byName());
    }

    @TestFactory
    Stream<DynamicTest> chord() {
        return fixtures("chord", (ref, est) -> ChordMetrics.evaluate(Annotations.readChords(ref),
                Annotations.readChords(est)).byName());
    }

    @TestFactory
    Stream<DynamicTest> key() {
        return fixtures("key", (ref, est) -> Map.of("Weighted Score",
                KeyMetrics.weightedScore(Annotations.readKey(ref), Annotations.readKey(est))));
    }

    @TestFactory
    Stream<DynamicTest> melody() {
        return fixtures("melody", (ref, est) -> MelodyMetrics.evaluate(Annotations.readTimeSeries(ref),
                Annotations.readTimeSeries(est)).byName());
    }

    @TestFactory
    Stream<DynamicTest> transcription() {
        return fixtures("transcription", (ref, est) -> TranscriptionMetrics.evaluate(
                Annotations.readValuedIntervals(ref), Annotations.readValuedIntervals(est)).byName());
    }

    @TestFactory
    Stream<DynamicTest> tempo() {
        return fixtures("tempo", (ref, est) -> {
            TempoScores scores = TempoMetrics.detection(Annotations.readMirexTempo(ref),
                    Annotations.readMirexTempo(est));
            return Map.of("P-score", scores.pScore(), "One-correct", scores.oneCorrect() ? 1.0 : 0.0,
                    "Both-correct", scores.bothCorrect() ? 1.0 : 0.0);
        });
    }

    /** The tempo folder's badNN files are rejected, on reading or at the latest when scored. */
    @Test
    void badTempoFilesAreRejected() throws IOException {
        Path folder = SharedData.folder(ROOT + "tempo");
        List<Path> bad;
        try (Stream<Path> entries = Files.list(folder)) {
            bad = entries.filter(p -> p.getFileName().toString().startsWith("bad")).sorted().toList();
        }
        assertFalse(bad.isEmpty(), "no bad tempo files in " + folder);
        TempoAnnotation good = new TempoAnnotation(60, 120, 0.5);
        for (Path file : bad) {
            assertThrows(IllegalArgumentException.class,
                    () -> TempoMetrics.detection(Annotations.readMirexTempo(file), good), file.toString());
        }
    }

    /** Every task folder has fixtures, each with a reference and an estimate. */
    @Test
    void everyTaskHasFixtures() {
        for (String task : List.of("beat", "onset", "tempo", "chord", "key", "melody", "transcription")) {
            Path folder = SharedData.folder(ROOT + task);
            List<String> numbers = SharedData.fixtureNumbers(folder);
            assertFalse(numbers.isEmpty(), task);
            for (String n : numbers) {
                assertTrue(Files.isRegularFile(SharedData.file(folder, "ref", n)), task + " ref" + n);
                assertTrue(Files.isRegularFile(SharedData.file(folder, "est", n)), task + " est" + n);
            }
        }
    }

    private Stream<DynamicTest> fixtures(String task, Scorer scorer) {
        Path folder = SharedData.folder(ROOT + task);
        List<String> numbers = SharedData.fixtureNumbers(folder);
        assertFalse(numbers.isEmpty(), "no outputNN.json in " + folder);
        return numbers.stream().map(n -> DynamicTest.dynamicTest(task + " " + n, () -> {
            Map<String, Object> expected = FlatJson.parse(Files.readString(folder.resolve("output" + n + ".json"),
                    StandardCharsets.UTF_8));
            Map<String, Double> actual = scorer.score(SharedData.file(folder, "ref", n),
                    SharedData.file(folder, "est", n));
            assertEquals(expected.keySet(), actual.keySet(), task + " " + n + ": metric names");
            List<Executable> checks = new ArrayList<>();
            for (Map.Entry<String, Object> entry : expected.entrySet()) {
                double want = entry.getValue() instanceof Boolean b ? (b ? 1.0 : 0.0) : (Double) entry.getValue();
                double got = actual.get(entry.getKey());
                checks.add(() -> assertEquals(want, got, TOLERANCE, task + " " + n + " " + entry.getKey()));
            }
            assertAll(checks);
        }));
    }

    /** Computes the metrics of one fixture pair under the reference's metric names. */
    @FunctionalInterface
    private interface Scorer {
        Map<String, Double> score(Path reference, Path estimate) throws IOException;
    }
}
