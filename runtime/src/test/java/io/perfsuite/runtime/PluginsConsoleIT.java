// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Plugins console page and its API against the real runtime: the page lists plugins and carries the CSRF token;
 * installing the metronome jar makes it Active; a jar that imports a package nobody exports is refused with the
 * missing requirement and nothing is installed; a request without the token is 403; an update with the same jar
 * keeps it Active, one that would not resolve is refused; uninstall removes the metronome.
 */
class PluginsConsoleIT {

    private static final String USER = "perfsuite";
    private static final String PASSWORD = "plugins-console-it-password";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpResponse<String> post(RuntimeProcess rt, String path, String type, byte[] body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rt.port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path metronomeJar() {
        Path built = Path.of("../plugins/io.perfsuite.bandmate.metronome/target/"
                + "io.perfsuite.bandmate.metronome-1.0.0-SNAPSHOT.jar");
        return Files.isRegularFile(built) ? built : Path.of("target/plugins/io.perfsuite.bandmate.metronome.jar");
    }

    private static byte[] jarImportingNothingExported() throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "io.perfsuite.bandmate.orphan");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Perfsuite-Plugin", "bandmate");
        a.putValue("Import-Package", "io.perfsuite.api.band;version=\"[1.0,2)\","
                + "io.perfsuite.api.nowhere;version=\"[1.0,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.flush();
        }
        return bytes.toByteArray();
    }

    @Test
    void installsRefusesAndUninstallsPlugins() throws Exception {
        Path jar = metronomeJar();
        assertTrue(Files.isRegularFile(jar), "the metronome jar is built: " + jar);
        try (RuntimeProcess rt = new RuntimeProcess(temp.resolve("home"),
                Map.of("PERFSUITE_CONSOLE_PASSWORD", PASSWORD))) {
            rt.awaitStatus("/system/console/perfsuite-plugins", USER, PASSWORD, 200, START);
            String page = rt.get("/system/console/perfsuite-plugins", USER, PASSWORD).body();
            assertTrue(page.contains("id='ps-plugins'"), page);
            assertFalse(page.contains("io.perfsuite.bandmate.metronome"), "not installed yet");
            Matcher t = Pattern.compile("data-csrf='([A-Za-z0-9_-]+)'").matcher(page);
            assertTrue(t.find(), "the Plugins page carries the token");
            String origin = "http://127.0.0.1:" + rt.port;
            String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            Map<String, String> ok = Map.of("Authorization", auth, "Origin", origin, "X-Perfsuite-CSRF", t.group(1));
            byte[] metronome = Files.readAllBytes(jar);

            assertEquals(403, post(rt, "/perfsuite/api/plugins/install", "application/java-archive", metronome,
                    Map.of("Authorization", auth, "Origin", origin)).statusCode(), "no token");
            assertFalse(rt.get("/perfsuite/api/plugins", USER, PASSWORD).body().contains("metronome"));

            HttpResponse<String> installed = post(rt, "/perfsuite/api/plugins/install", "application/java-archive",
                    metronome, ok);
            assertEquals(200, installed.statusCode(), installed.body());
            Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(installed.body());
            assertTrue(id.find(), installed.body());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String list = "";
            while (!list.contains("\"state\":\"Active\"") || !list.contains("metronome (service")) {
                assertTrue(System.nanoTime() < deadline, "the metronome did not become active: " + list);
                list = rt.get("/perfsuite/api/plugins", USER, PASSWORD).body();
                Thread.sleep(50);
            }
            page = rt.get("/system/console/perfsuite-plugins", USER, PASSWORD).body();
            assertTrue(page.contains("io.perfsuite.bandmate.metronome") && page.contains("Active"), page);

            HttpResponse<String> again = post(rt, "/perfsuite/api/plugins/install", "application/java-archive",
                    metronome, ok);
            assertEquals(409, again.statusCode(), again.body());

            HttpResponse<String> refused = post(rt, "/perfsuite/api/plugins/install", "application/java-archive",
                    jarImportingNothingExported(), ok);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("needs package io.perfsuite.api.nowhere version [1.0.0,2.0.0), "
                    + "which no installed bundle exports"), refused.body());
            assertFalse(rt.get("/perfsuite/api/plugins", USER, PASSWORD).body().contains("orphan"),
                    "nothing installed");
            assertEquals(404, rt.get("/system/console/bundles/io.perfsuite.bandmate.orphan.json", USER, PASSWORD)
                    .statusCode());

            HttpResponse<String> junk = post(rt, "/perfsuite/api/plugins/install", "application/java-archive",
                    "not a jar".getBytes(StandardCharsets.UTF_8), ok);
            assertEquals(400, junk.statusCode(), junk.body());
            assertTrue(junk.body().contains("not a bundle"), junk.body());

            HttpResponse<String> updated = post(rt, "/perfsuite/api/plugins/update?id=" + id.group(1),
                    "application/java-archive", metronome, ok);
            assertEquals(200, updated.statusCode(), updated.body());
            assertTrue(updated.body().contains("\"state\":\"Active\""), updated.body());
            HttpResponse<String> badUpdate = post(rt, "/perfsuite/api/plugins/update?id=" + id.group(1),
                    "application/java-archive", jarImportingNothingExported(), ok);
            assertEquals(400, badUpdate.statusCode(), badUpdate.body());
            assertTrue(badUpdate.body().contains("io.perfsuite.api.nowhere"), badUpdate.body());
            assertTrue(rt.get("/perfsuite/api/plugins", USER, PASSWORD).body().contains("\"state\":\"Active\""),
                    "the refused update left the metronome running");

            HttpResponse<String> gone = post(rt, "/perfsuite/api/plugins/uninstall",
                    "application/x-www-form-urlencoded", ("id=" + id.group(1)).getBytes(StandardCharsets.UTF_8), ok);
            assertEquals(200, gone.statusCode(), gone.body());
            assertFalse(rt.get("/perfsuite/api/plugins", USER, PASSWORD).body().contains("metronome"));
        }
    }
}
