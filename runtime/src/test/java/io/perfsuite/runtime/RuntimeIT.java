// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported runtime jar, run as a process: start-up, the Web Console and its credentials, binding, logging,
 * hot deploy through the plugins folder, and the Gogo commands.
 */
class RuntimeIT {

    static final Duration START = Duration.ofSeconds(30);
    static final String USER = "perfsuite";

    @TempDir
    Path temp;

    @Test
    void consoleNeverTakesTheDefaultPasswordAndGeneratesOneOnce() throws Exception {
        Path home = temp.resolve("home");
        String password;
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of())) {
            long unauthorized = rt.awaitStatus("/system/console/bundles", null, null, 401, START);
            Path file = home.resolve("console-password");
            assertTrue(Files.isRegularFile(file), "the generated password is kept in the home folder");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            password = RuntimeProcess.read(file).strip();
            assertTrue(password.length() >= 20, "a long random password, was " + password.length() + " chars");
            long ok = rt.awaitStatus("/system/console/bundles", USER, password, 200, START);
            System.out.printf("runtime start to console answering: 401 after %d ms, 200 after %d ms%n",
                    unauthorized, ok);

            assertEquals(401, rt.get("/system/console/bundles", "admin", "admin").statusCode(), "admin/admin");
            assertEquals(401, rt.get("/system/console/bundles", USER, password + "x").statusCode());
            assertEquals(401, rt.get("/system/console/bundles", "admin", password).statusCode());
            assertEquals(401, rt.get("/system/console/configMgr", null, null).statusCode());
            assertTrue(rt.get("/system/console/bundles", null, null).headers().firstValue("WWW-Authenticate")
                    .orElse("").startsWith("Basic"), "a browser is asked to log in");
            rt.awaitOutput("generated password: " + password, START);
        }
        try (RuntimeProcess again = new RuntimeProcess(home, Map.of())) {
            again.awaitStatus("/system/console/bundles", USER, password, 200, START);
            again.awaitOutput("password in " + home.resolve("console-password"), START);
            assertFalse(again.output().contains(password), "the password is printed at first start only");
        }
    }

    @Test
    void passwordFromTheEnvironmentWins() throws Exception {
        try (RuntimeProcess rt = new RuntimeProcess(temp.resolve("home"),
                Map.of("PERFSUITE_CONSOLE_PASSWORD", "correct horse battery staple"))) {
            rt.awaitStatus("/system/console/bundles", USER, "correct horse battery staple", 200, START);
            assertEquals(401, rt.get("/system/console/bundles", null, null).statusCode());
            assertFalse(Files.exists(temp.resolve("home/console-password")), "nothing generated");
            assertFalse(rt.output().contains("correct horse"), "the password is never printed");
        }
    }

    @Test
    void theConsoleFormEditsTheCredentialsLiveAndPersistsThem() throws Exception {
        Path home = temp.resolve("home");
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of())) {
            rt.awaitStatus("/system/console/bundles", null, null, 401, START);
            String generated = RuntimeProcess.read(home.resolve("console-password")).strip();
            rt.awaitStatus("/system/console/bundles", USER, generated, 200, START);

            String form = rt.post("/system/console/configMgr/io.perfsuite.console", USER, generated,
                    "action=ajaxConfigManager").body();
            assertTrue(form.contains("\"title\":\"Performance Suite console security\""), "metatype form: " + form);
            assertTrue(form.contains("\"name\":\"Password\""), form);
            assertFalse(form.contains(generated), "the form never shows the password");

            int saved = rt.post("/system/console/configMgr/io.perfsuite.console", USER, generated,
                    "apply=true&action=ajaxConfigManager&propertylist=username,password"
                            + "&username=tech&password=s3cond-pw").statusCode();
            assertTrue(saved == 200 || saved == 302, "saving the form answered " + saved);
            rt.awaitStatus("/system/console/bundles", "tech", "s3cond-pw", 200, START);
            assertEquals(401, rt.get("/system/console/bundles", USER, generated).statusCode(),
                    "the old credentials stop working without a restart");
            assertTrue(Files.exists(home.resolve("config/io/perfsuite/console.config")),
                    "configuration persisted in the home folder");
        }
        try (RuntimeProcess again = new RuntimeProcess(home, Map.of())) {
            again.awaitStatus("/system/console/bundles", "tech", "s3cond-pw", 200, START);
        }
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        Optional<InetAddress> external = nonLoopbackAddress();
        try (RuntimeProcess rt = new RuntimeProcess(temp.resolve("home"), Map.of())) {
            rt.awaitStatus("/system/console/bundles", null, null, 401, START);
            if (external.isEmpty()) {
                System.out.println("NOTICE: this machine has no non-loopback IPv4 address; "
                        + "only the loopback side of the binding was checked");
                return;
            }
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(external.get(), rt.port), 1000);
                }
            }, "the console must not answer on " + external.get());
        }
    }

    @Test
    void logsThroughSlf4jIntoTheHomeFolder() throws Exception {
        try (RuntimeProcess rt = new RuntimeProcess(temp.resolve("home"), Map.of())) {
            rt.awaitStatus("/system/console/bundles", null, null, 401, START);
            Path log = temp.resolve("home/perfsuite.log");
            long deadline = System.nanoTime() + START.toNanos();
            while (!(Files.exists(log) && RuntimeProcess.read(log).contains("Console credentials set"))) {
                assertTrue(System.nanoTime() < deadline, "no SLF4J line from the console bundle in " + log + ":\n"
                        + (Files.exists(log) ? RuntimeProcess.read(log) : "(no file)") + "\n" + rt.output());
                Thread.sleep(50);
            }
            String text = RuntimeProcess.read(log);
            assertTrue(text.contains("INFO io.perfsuite.console.internal.ConsoleSecurityProvider"), text);
            assertTrue(text.contains("org.eclipse.jetty"), "Jetty logs through SLF4J too");
            assertFalse(rt.output().contains("NOP"), "SLF4J must not fall back to NOP:\n" + rt.output());
            assertFalse(text.contains(RuntimeProcess.read(temp.resolve("home/console-password")).strip()),
                    "the password never goes to the log file");
        }
    }

    @Test
    void hotDeploysAPluginAndListsItInTheShell() throws Exception {
        Path home = temp.resolve("home");
        Path plugin = Path.of("target/plugins/io.perfsuite.bandmate.metronome.jar");
        assertTrue(Files.isRegularFile(plugin), "the build copies the default plugins to " + plugin);
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of("PERFSUITE_CONSOLE_PASSWORD", "pw"))) {
            rt.awaitStatus("/system/console/bundles", USER, "pw", 200, START);
            String bundle = "/system/console/bundles/io.perfsuite.bandmate.metronome.json";
            assertNotEquals(200, rt.get(bundle, USER, "pw").statusCode(), "not there before the copy");

            Path tmp = home.resolve("metronome.tmp");
            Files.copy(plugin, tmp);
            long copied = System.nanoTime();
            Files.move(tmp, home.resolve("plugins/metronome.jar"), StandardCopyOption.ATOMIC_MOVE);
            long deadline = copied + Duration.ofSeconds(10).toNanos();
            String json = "";
            while (!json.contains("\"state\":\"Active\"")) {
                assertTrue(System.nanoTime() < deadline, "the plugin did not become active: " + json);
                var r = rt.get(bundle, USER, "pw");
                json = r.statusCode() == 200 ? r.body() : "";
                Thread.sleep(20);
            }
            System.out.printf("runtime hot deploy: bundle active %d ms after the copy%n",
                    (System.nanoTime() - copied) / 1_000_000);

            rt.type("perfsuite:plugins");
            rt.awaitOutput("io.perfsuite.bandmate.metronome.Metronome [ACTIVE]", START);
            rt.type("perfsuite:band");
            rt.awaitOutput("metronome        CLICK", START);

            Files.delete(home.resolve("plugins/metronome.jar"));
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (rt.get(bundle, USER, "pw").body().contains("\"state\":\"Active\"")) {
                assertTrue(System.nanoTime() < deadline, "the deleted plugin is still active");
                Thread.sleep(20);
            }
        }
    }

    static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
