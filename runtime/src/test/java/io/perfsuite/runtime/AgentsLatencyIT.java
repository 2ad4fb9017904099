// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Agents and Latency pages against the running jar with the audio engine on its test signal and the band
 * playing: every analyser bundle of the runtime appears as an analyser with its compute time per block, every
 * bandmate with its bundle and the drums with a style, every note output and the MIDI scheduler with its timing
 * error; the latency table shows measured figures for analysis, agents and MIDI generation, and says in words why
 * the other stages have none.
 */
class AgentsLatencyIT {

    private static final String USER = "perfsuite";
    private static final String PASSWORD = "agents-latency-it-password";
    private static final Duration START = Duration.ofSeconds(60);
    private static final String NUMBER = "[0-9]+\\.[0-9]";

    @TempDir
    Path temp;

    /** @return the cells of each table row of a kind, as text */
    static List<List<String>> rows(String html, String kind) {
        List<List<String>> out = new ArrayList<>();
        Matcher row = Pattern.compile("<tr data-kind='" + Pattern.quote(kind) + "'>(.*?)</tr>").matcher(html);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td>(.*?)</td>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]+>", ""));
            }
            out.add(cells);
        }
        return out;
    }

    /** @return the cells of the latency row of a stage */
    static List<String> stage(String html, String name) {
        Matcher row = Pattern.compile("<tr><td>" + Pattern.quote(name) + "</td>(.*?)</tr>").matcher(html);
        assertTrue(row.find(), name + " in " + html);
        List<String> cells = new ArrayList<>();
        Matcher cell = Pattern.compile("<td>(.*?)</td>").matcher(row.group(1));
        while (cell.find()) {
            cells.add(cell.group(1).replaceAll("<[^>]+>", ""));
        }
        return cells;
    }

    /** @return the symbolic names of the analysis bundles inside the runtime jar */
    static List<String> analysisBundles() throws Exception {
        List<String> out = new ArrayList<>();
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(RuntimeProcess.JAR.toFile())) {
            jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("jar/io.perfsuite.analysis."))
                    .forEach(n -> out.add(n.substring(4).replaceFirst("-[0-9].*", "")));
        }
        return out;
    }

    @Test
    void everyAgentAndStageShowsWhatTheRuntimeMeasures() throws Exception {
        Path home = temp.resolve("home");
        ConsolePagesIT.withDefaultPlugins(home);
        Files.writeString(home.resolve("plugins").resolve("io.perfsuite.audio.cfg"), "source=test\n");
        List<String> analysis = analysisBundles();
        assertTrue(analysis.size() >= 5, "the runtime has its analysers: " + analysis);
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of("PERFSUITE_CONSOLE_PASSWORD", PASSWORD))) {
            rt.awaitStatus("/system/console/perfsuite-agents", USER, PASSWORD, 200, START);
            rt.awaitStatus("/system/console/perfsuite-latency", USER, PASSWORD, 200, START);
            String live = rt.get("/system/console/perfsuite-live", USER, PASSWORD).body();
            Matcher t = Pattern.compile("data-csrf='([A-Za-z0-9_-]+)'").matcher(live);
            assertTrue(t.find(), live);
            long deadline = System.nanoTime() + START.toNanos();
            String agents = "";
            while (rows(agents, "bandmate").size() < countPlugins()) {
                assertTrue(System.nanoTime() < deadline, "the plugins join:\n" + agents);
                Thread.sleep(100);
                agents = rt.get("/system/console/perfsuite-agents", USER, PASSWORD).body();
            }
            HttpResponse<String> count = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + rt.port + "/perfsuite/api/command"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Origin", "http://127.0.0.1:" + rt.port).header("X-Perfsuite-CSRF", t.group(1))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("name=count-in")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, count.statusCode(), count.body());

            // played notes give the scheduler figures; the test signal gives the engine's
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<List<String>> scheduler = List.of();
            while (scheduler.isEmpty() || !scheduler.get(0).get(9).matches(NUMBER)) {
                assertTrue(System.nanoTime() < deadline, "the scheduler's timing error shows:\n" + agents);
                Thread.sleep(200);
                agents = rt.get("/system/console/perfsuite-agents", USER, PASSWORD).body();
                scheduler = rows(agents, "scheduler");
            }
            // kind, agent, bundle, state, style, calls, misses, last, p50, p99, max, note
            assertTrue(scheduler.get(0).get(2).startsWith("io.perfsuite.midi "), scheduler.toString());
            assertTrue(Long.parseLong(scheduler.get(0).get(5)) > 0, "events played: " + scheduler);

            List<List<String>> analysers = rows(agents, "analyser");
            for (String bsn : analysis) {
                List<String> a = analysers.stream().filter(r -> r.get(2).startsWith(bsn + " ")).findFirst()
                        .orElseThrow(() -> new AssertionError(bsn + " is not listed: " + analysers));
                assertEquals("Active", a.get(3), a.toString());
                assertTrue(Long.parseLong(a.get(5)) > 0, "blocks analysed: " + a);
                for (int i = 8; i <= 10; i++) {
                    assertTrue(a.get(i).matches(NUMBER), "p50, p99, max per block: " + a);
                }
            }
            assertTrue(rows(agents, "audio engine").get(0).get(9).matches(NUMBER), agents);
            for (List<String> b : rows(agents, "bandmate")) {
                assertTrue(b.get(2).startsWith("io.perfsuite.bandmate."), "the bandmate's bundle: " + b);
            }
            List<String> drums = rows(agents, "bandmate").stream().filter(r -> r.get(1).equals("drums"))
                    .findFirst().orElseThrow();
            assertTrue(!drums.get(4).equals("&ndash;") && !drums.get(4).isBlank(), "the drums' style: " + drums);
            assertTrue(drums.get(9).matches(NUMBER), "the drums' plan time p99: " + drums);
            for (List<String> l : rows(agents, "listener")) {
                assertTrue(l.get(2).startsWith("io.perfsuite."), "the listener's bundle: " + l);
            }
            List<List<String>> outputs = rows(agents, "output");
            assertTrue(!outputs.isEmpty() && outputs.stream().allMatch(o -> o.get(2).startsWith("io.perfsuite.")),
                    "the note outputs with their bundle: " + outputs);
            assertTrue(agents.contains("id='ps-audio-report'") && agents.contains("Audio engine running"), agents);

            String latency = rt.get("/system/console/perfsuite-latency", USER, PASSWORD).body();
            for (String measured : new String[] {"analysis", "agents", "MIDI generation"}) {
                List<String> row = stage(latency, measured);
                assertTrue(row.get(1).matches("[0-9]+\\.[0-9]{3}"), measured + " is measured: " + row);
            }
            assertTrue(stage(latency, "analysis").get(2).startsWith("audio engine, whole analyser chain per block"),
                    latency);
            for (String none : new String[] {"audio in", "musical-AI MCP", "Ableton", "audio out", "OSC",
                "animation", "rendering"}) {
                List<String> row = stage(latency, none);
                assertEquals("&ndash;", row.get(1), none + ": " + row);
                assertTrue(row.get(2).length() > 10, none + " says why it has no figure: " + row);
            }
            assertTrue(latency.contains("3 of 13 stages measured"), latency);
        }
    }

    private static long countPlugins() throws Exception {
        try (Stream<Path> jars = Files.list(Path.of("target/plugins"))) {
            return jars.count();
        }
    }
}
