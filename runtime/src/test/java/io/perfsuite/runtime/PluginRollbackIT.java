// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed plugin update rolls back, against the real runtime: the metronome is installed from the Plugins API, then
 * updated with jars that pass the console's resolve check but fail in the framework: one whose
 * {@code Require-Capability} nothing provides (it cannot resolve), one whose {@code Bundle-Activator} is not in it
 * (it cannot start), one whose DS component names a class that is not in it and one whose component throws when
 * made (both start, but their bandmate cannot be made). Each time the answer is 409 with the framework's or DS's
 * reason and "rolled back to" the old version in words, and the metronome is back: the same bundle, its old
 * version, Active, its bandmate service registered again and planned by the session. A good update afterwards still
 * works (the kept jar was not lost).
 */
class PluginRollbackIT {

    private static final String USER = "perfsuite";
    private static final String PASSWORD = "plugin-rollback-it-password";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @return the jar with its manifest changed, everything else as it was */
    static byte[] withManifest(byte[] jar, Consumer<Attributes> change) throws Exception {
        return withChanges(jar, change, (name, bytes) -> bytes);
    }

    /** @return the jar with its manifest and entries changed */
    static byte[] withChanges(byte[] jar, Consumer<Attributes> change, BiFunction<String, byte[], byte[]> entries)
            throws Exception {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest m = new Manifest(in.getManifest());
            change.accept(m.getMainAttributes());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, m)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    out.write(entries.apply(e.getName(), in.readAllBytes()));
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }

    /** @return the jar with a new version and the metronome's component description changed */
    static byte[] withComponentXml(byte[] jar, String version, UnaryOperator<String> change) throws Exception {
        AtomicBoolean changed = new AtomicBoolean();
        byte[] out = withChanges(jar, a -> a.putValue("Bundle-Version", version), (name, bytes) -> {
            String xml = new String(bytes, StandardCharsets.UTF_8);
            if (!name.startsWith("OSGI-INF/") || !xml.contains("class=\"io.perfsuite.bandmate.metronome.Metronome\"")) {
                return bytes;
            }
            String next = change.apply(xml);
            changed.set(!next.equals(xml));
            return next.getBytes(StandardCharsets.UTF_8);
        });
        assertTrue(changed.get(), "the metronome's component description was found and changed for " + version);
        return out;
    }

    private HttpResponse<String> post(RuntimeProcess rt, String path, byte[] jar, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rt.port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the metronome's entry in the plugins JSON */
    private static String entry(RuntimeProcess rt, String id) throws Exception {
        String list = rt.get("/perfsuite/api/plugins", USER, PASSWORD).body();
        Matcher m = Pattern.compile("\\{\"id\":" + id + ",[^{}]*(?:\\[[^\\]]*\\])?[^{}]*\\}").matcher(list);
        assertTrue(m.find(), "bundle " + id + " in " + list);
        return m.group();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** Waits until the metronome is Active with its bandmate service, and the session plans it again. */
    private static String awaitPlaying(RuntimeProcess rt, String id, String previousService) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String e = entry(rt, id);
            Matcher service = Pattern.compile("metronome \\(service (\\d+)\\)").matcher(e);
            if (e.contains("\"state\":\"Active\"") && service.find() && !service.group(1).equals(previousService)) {
                return service.group(1);
            }
            assertTrue(System.nanoTime() < deadline, "the metronome is not back with a new service: " + e);
            Thread.sleep(50);
        }
    }

    private static long calls(RuntimeProcess rt) throws Exception {
        Matcher m = Pattern.compile("\\{\"id\":\"metronome\",\"kind\":\"bandmate\",\"calls\":(\\d+)")
                .matcher(rt.get("/perfsuite/api/context", USER, PASSWORD).body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Waits until the session plans the metronome again: a bandmate that comes back first warms up (seconds). */
    private static void awaitPlanned(RuntimeProcess rt) throws Exception {
        long before = calls(rt);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (calls(rt) < Math.max(before, 0) + 2) {
            assertTrue(System.nanoTime() < deadline, "the session plans the metronome again (calls " + calls(rt)
                    + ")");
            Thread.sleep(100);
        }
    }

    @Test
    void aFailedUpdateRollsBackToThePreviousVersion() throws Exception {
        Path jar = Path.of("target/plugins/io.perfsuite.bandmate.metronome.jar");
        assertTrue(Files.isRegularFile(jar), "the metronome jar is built: " + jar);
        byte[] good = Files.readAllBytes(jar);
        byte[] unresolvable = withManifest(good, a -> {
            a.putValue("Bundle-Version", "9.0.0.unresolvable");
            a.putValue("Require-Capability", a.getValue("Require-Capability") == null
                    ? "perfsuite.nowhere;filter:=\"(perfsuite.nowhere=1)\""
                    : a.getValue("Require-Capability") + ",perfsuite.nowhere;filter:=\"(perfsuite.nowhere=1)\"");
        });
        // the bundle starts, but its DS component cannot be made: the class it names is not there
        byte[] missingClass = withComponentXml(good, "9.0.0.missingclass",
                xml -> xml.replace("metronome.Metronome\"", "metronome.NoSuchMetronome\""));
        // the bundle starts, but its DS component throws when made: a click note outside MIDI
        byte[] throwing = withComponentXml(good, "9.0.0.throwing",
                xml -> xml.replaceFirst("(name=\"clickNote\"[^>]*value=\")77\"", "$1999\""));
        byte[] unstartable = withManifest(good, a -> {
            a.putValue("Bundle-Version", "9.0.0.unstartable");
            a.putValue("Bundle-Activator", "io.perfsuite.bandmate.metronome.NoSuchActivator");
        });

        try (RuntimeProcess rt = new RuntimeProcess(temp.resolve("home"),
                Map.of("PERFSUITE_CONSOLE_PASSWORD", PASSWORD))) {
            rt.awaitStatus("/system/console/perfsuite-plugins", USER, PASSWORD, 200, START);
            Matcher t = Pattern.compile("data-csrf='([A-Za-z0-9_-]+)'")
                    .matcher(rt.get("/system/console/perfsuite-plugins", USER, PASSWORD).body());
            assertTrue(t.find(), "the Plugins page carries the token");
            Map<String, String> headers = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)), "Origin", "http://127.0.0.1:" + rt.port,
                    "X-Perfsuite-CSRF", t.group(1));

            HttpResponse<String> installed = post(rt, "/perfsuite/api/plugins/install", good, headers);
            assertEquals(200, installed.statusCode(), installed.body());
            Matcher idm = Pattern.compile("\"id\":(\\d+)").matcher(installed.body());
            assertTrue(idm.find(), installed.body());
            String id = idm.group(1);
            String service = awaitPlaying(rt, id, null);
            String version = field(entry(rt, id), "version");
            assertTrue(version.startsWith("1.0.0"), version);

            // the band plays, so the rollback is seen by the session too
            HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rt.port
                    + "/perfsuite/api/command")).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .headers(headers.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                            .toArray(String[]::new))
                    .POST(HttpRequest.BodyPublishers.ofString("name=count-in")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, count.statusCode(), count.body());
            awaitPlanned(rt);

            for (Object[] bad : new Object[][] {{unresolvable, "9.0.0.unresolvable", "perfsuite.nowhere"},
                {unstartable, "9.0.0.unstartable", "NoSuchActivator"},
                {missingClass, "9.0.0.missingclass", "component io.perfsuite.bandmate.metronome.NoSuchMetronome) "
                        + "could not be made: org.osgi.framework.ServiceException: Service factory exception: "
                        + "Could not load implementation object class io.perfsuite.bandmate.metronome.NoSuchMetronome"},
                {throwing, "9.0.0.throwing", "metronome clickNote must be in [0, 127], was 999"}}) {
                long sent = System.nanoTime();
                HttpResponse<String> failed = post(rt, "/perfsuite/api/plugins/update?id=" + id, (byte[]) bad[0],
                        headers);
                String body = failed.body();
                System.out.println("PluginRollbackIT: " + failed.statusCode() + " " + body + " (in "
                        + (System.nanoTime() - sent) / 1_000_000 + " ms)");
                assertEquals(409, failed.statusCode(), body);
                assertTrue(body.contains("\"ok\":false"), body);
                assertTrue(body.contains("updating io.perfsuite.bandmate.metronome to " + bad[1] + " failed ("),
                        "says what failed: " + body);
                assertTrue(body.contains((String) bad[2]), "gives the framework's reason: " + body);
                assertTrue(body.contains("rolled back to " + version), "says it rolled back: " + body);

                long back = System.nanoTime();
                String newService = awaitPlaying(rt, id, service);
                assertNotEquals(service, newService);
                service = newService;
                String e = entry(rt, id);
                assertEquals(version, field(e, "version"), "the previous version is back: " + e);
                assertEquals("io.perfsuite.bandmate.metronome", field(e, "symbolicName"), e);
                awaitPlanned(rt);
                System.out.println("PluginRollbackIT: back and planned again in " + (System.nanoTime() - back)
                        / 1_000_000 + " ms");
            }

            // the kept jar survived both rollbacks: a good update goes through
            HttpResponse<String> ok = post(rt, "/perfsuite/api/plugins/update?id=" + id, good, headers);
            assertEquals(200, ok.statusCode(), ok.body());
            awaitPlaying(rt, id, service);
            awaitPlanned(rt);
        }
    }
}
