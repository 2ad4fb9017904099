// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's console pages and the state-changing endpoints of the running jar: the pages answer behind the
 * credentials; a command without them is 401, a forged one (credentials but no or a wrong CSRF token, or another
 * site's Origin) is 403 and changes nothing, the page's own request goes through; the event stream sends the
 * context at 20 Hz, and what its publisher thread costs is measured and printed.
 */
class ConsolePagesIT {

    private static final String USER = "perfsuite";
    private static final String PASSWORD = "console-pages-it-password";
    private static final Duration START = Duration.ofSeconds(60);
    /** How long the event stream is watched for the rate and the CPU cost. */
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("perfsuite.it.sse.seconds", 20));

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(RuntimeProcess rt, String path, String form, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rt.port + path))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Puts the default bandmates (the build copies them to target/plugins) in the home's plugins folder. */
    static void withDefaultPlugins(Path home) throws java.io.IOException {
        Files.createDirectories(home.resolve("plugins"));
        try (java.util.stream.Stream<Path> jars = Files.list(Path.of("target/plugins"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
            }
        }
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void pagesCommandsAndTheEventStream() throws Exception {
        Path home = temp.resolve("home");
        withDefaultPlugins(home);
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of("PERFSUITE_CONSOLE_PASSWORD", PASSWORD))) {
            rt.awaitStatus("/perfsuite/api/context", USER, PASSWORD, 200, START);
            for (String label : new String[] {"perfsuite-live", "perfsuite-agents", "perfsuite-latency"}) {
                rt.awaitStatus("/system/console/" + label, USER, PASSWORD, 200, START); // registered a bit later
            }
            String origin = "http://127.0.0.1:" + rt.port;

            // the pages: behind the credentials, in the console's frame, in the suite's category
            for (String label : new String[] {"perfsuite-live", "perfsuite-agents", "perfsuite-latency"}) {
                assertEquals(401, rt.get("/system/console/" + label, null, null).statusCode(), label);
                HttpResponse<String> page = rt.get("/system/console/" + label, USER, PASSWORD);
                assertEquals(200, page.statusCode(), label);
                assertTrue(page.body().contains("id='" + label + "'"), label);
                assertTrue(page.body().contains("Performance Suite"), "category in the navigation: " + label);
            }
            long joined = System.nanoTime() + START.toNanos();
            String agents = "";
            while (!agents.contains("<td>metronome</td>")) { // the plugins come in through the plugins folder
                assertTrue(System.nanoTime() < joined, "the default plugins join the band:\n" + agents);
                Thread.sleep(100);
                agents = rt.get("/system/console/perfsuite-agents", USER, PASSWORD).body();
            }
            assertTrue(agents.contains("io.perfsuite.bandmate.metronome"), "with their bundle:\n" + agents);
            String latency = rt.get("/system/console/perfsuite-latency", USER, PASSWORD).body();
            assertTrue(latency.contains("<b>10.0</b>"), latency);
            // no source is configured: the stages of the audio engine say so instead of a figure
            assertTrue(latency.contains("no audio interface: the audio engine is idle (source: none)"), latency);
            assertTrue(latency.contains("the audio engine is idle (source: none): nothing is analysed"), latency);

            String live = rt.get("/system/console/perfsuite-live", USER, PASSWORD).body();
            Matcher t = Pattern.compile("data-csrf='([A-Za-z0-9_-]+)'").matcher(live);
            assertTrue(t.find(), "the Live page carries the token");
            String token = t.group(1);

            // forged and unauthenticated commands change nothing
            assertEquals(401, post(rt, "/perfsuite/api/command", "name=count-in",
                    Map.of("X-Perfsuite-CSRF", token, "Origin", origin)).statusCode());
            assertEquals(403, post(rt, "/perfsuite/api/command", "name=count-in",
                    Map.of("Authorization", basic(), "Origin", origin)).statusCode(), "no token");
            assertEquals(403, post(rt, "/perfsuite/api/command", "name=count-in",
                    Map.of("Authorization", basic(), "Origin", origin, "X-Perfsuite-CSRF", token.substring(1) + "A"))
                    .statusCode(), "wrong token");
            assertEquals(403, post(rt, "/perfsuite/api/command", "name=count-in",
                    Map.of("Authorization", basic(), "Origin", "http://evil.example", "X-Perfsuite-CSRF", token))
                    .statusCode(), "foreign origin");
            assertEquals(403, post(rt, "/perfsuite/api/command", "name=count-in",
                    Map.of("Authorization", basic(), "X-Perfsuite-CSRF", token)).statusCode(), "no origin");
            assertEquals(403, post(rt, "/perfsuite/api/mode", "mode=performance",
                    Map.of("Authorization", basic(), "Referer", "http://evil.example/x")).statusCode());
            String context = rt.get("/perfsuite/api/context", USER, PASSWORD).body();
            assertTrue(context.contains("\"playing\":false") && context.contains("\"mode\":\"setup\""), context);
            assertEquals(405, rt.get("/perfsuite/api/command", USER, PASSWORD).statusCode(), "GET changes nothing");

            // the page's own request goes through
            HttpResponse<String> ok = post(rt, "/perfsuite/api/command", "name=count-in",
                    Map.of("Authorization", basic(), "Origin", origin, "X-Perfsuite-CSRF", token));
            assertEquals(200, ok.statusCode(), ok.body());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!rt.get("/perfsuite/api/context", USER, PASSWORD).body().contains("\"playing\":true")) {
                assertTrue(System.nanoTime() < deadline, "count-in starts the band");
                Thread.sleep(50);
            }

            eventStream(rt);
        }
    }

    private void eventStream(RuntimeProcess rt) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rt.port + "/perfsuite/api/events"))
                .header("Authorization", basic()).build();
        assertEquals(401, http.send(HttpRequest.newBuilder(req.uri()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        AtomicInteger frames = new AtomicInteger();
        StringBuilder first = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("data: ")) {
                        if (first.length() == 0) {
                            first.append(line);
                        }
                        frames.incrementAndGet();
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(1000); // warm-up: the first frames render through a cold JIT
        String before = rt.get("/perfsuite/api/events/stats", USER, PASSWORD).body();
        int framesBefore = frames.get();
        long t0 = System.nanoTime();
        Thread.sleep(WINDOW.toMillis());
        String after = rt.get("/perfsuite/api/events/stats", USER, PASSWORD).body();
        double seconds = (System.nanoTime() - t0) / 1e9;
        int received = frames.get() - framesBefore;
        resp.body().close();

        double rate = received / seconds;
        double cpuNanos = number(after, "cpuNanos") - number(before, "cpuNanos");
        double runNanos = number(after, "runNanos") - number(before, "runNanos");
        double cpuPercent = 100 * cpuNanos / runNanos;
        System.out.printf(Locale.ROOT, "SSE: %d frames in %.1f s = %.1f Hz at the client; publisher thread CPU "
                + "%.3f %% of one core (%.1f ms over %.1f s)%n", received, seconds, rate, cpuPercent, cpuNanos / 1e6,
                runNanos / 1e9);
        assertTrue(first.toString().startsWith("data: {\"sequence\":"), first.toString());
        assertTrue(rate >= 10, "at least 10 updates a second, got " + rate);
        assertTrue(cpuPercent < 5, "publisher CPU " + cpuPercent + " % (target < 2 %)");
        assertFalse(after.contains("\"dropped\":1"), "a keeping-up client is not dropped: " + after);
    }
}
