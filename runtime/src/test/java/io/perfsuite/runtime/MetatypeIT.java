// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.runtime.probe.MetatypeProbe;

/**
 * Every configurable component of the suite has a metatype description, so the console's Configuration page edits
 * it with labels, defaults and validation. The runtime jar runs with all the platform bundles and the default
 * plugins; a probe bundle ({@link MetatypeProbe}, packed here from the test classes) asks Declarative Services for
 * every component description and MetaType for the description of each configuration PID a component does not
 * ignore: it must exist (singleton or factory), have a name, and each attribute a name, a description and a default
 * that passes its own validation. The suite's bundles ({@code io.perfsuite.*}) must have no problem; the test lists
 * every one it finds.
 */
class MetatypeIT {

    private static final String USER = "perfsuite";
    private static final String PASSWORD = "metatype-it-password";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    /** @return the probe as a bundle: its classes from the test classes, a manifest naming what it imports */
    static byte[] probeBundle() throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "io.perfsuite.runtime.probe");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", MetatypeProbe.class.getName());
        a.putValue("Import-Package", "org.osgi.framework, org.osgi.dto, org.osgi.framework.dto, "
                + "org.osgi.service.component.runtime, org.osgi.service.component.runtime.dto, "
                + "org.osgi.service.metatype");
        String folder = MetatypeProbe.class.getPackageName().replace('.', '/');
        Path classes = Path.of(MetatypeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(folder);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m); Stream<Path> files = Files.list(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                out.putNextEntry(new JarEntry(folder + "/" + f.getFileName()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void everyConfigurableComponentHasAMetatypeDescription() throws Exception {
        Path home = temp.resolve("home");
        ConsolePagesIT.withDefaultPlugins(home);
        long plugins;
        try (Stream<Path> jars = Files.list(Path.of("target/plugins"))) {
            plugins = jars.count();
        }
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of("PERFSUITE_CONSOLE_PASSWORD", PASSWORD))) {
            rt.awaitStatus("/perfsuite/api/plugins", USER, PASSWORD, 200, START);
            long deadline = System.nanoTime() + START.toNanos();
            String list = "";
            while (list.split("\"state\":\"Active\"", -1).length - 1 < plugins) {
                assertTrue(System.nanoTime() < deadline, "the " + plugins + " default plugins start: " + list);
                Thread.sleep(100);
                list = rt.get("/perfsuite/api/plugins", USER, PASSWORD).body();
            }

            Path report = home.resolve("metatype-report.txt");
            Files.write(home.resolve("plugins").resolve("metatype-probe.jar"), probeBundle());
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.isRegularFile(report)) {
                assertTrue(System.nanoTime() < deadline, "the probe wrote no report:\n" + rt.output());
                Thread.sleep(100);
            }
            List<String> lines = Files.readAllLines(report);
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("ERROR")), String.join("\n", lines));
            assertTrue(lines.get(lines.size() - 1).startsWith("DONE\t"), String.join("\n", lines));

            List<String> checked = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (String line : lines) {
                String[] f = line.split("\t");
                if (!f[0].equals("PID")) {
                    continue;
                }
                String what = f[1] + " " + f[2] + " (PID " + f[3] + ", policy " + f[4] + "): " + f[5];
                if (!f[1].startsWith("io.perfsuite.")) {
                    others.add(what);
                } else {
                    checked.add(f[3]);
                    if (!f[5].equals("ok")) {
                        problems.add(what);
                    }
                }
            }
            System.out.println("MetatypeIT: " + checked.size() + " configuration PIDs of the suite's components "
                    + "checked; " + problems.size() + " with problems. Other bundles' components (not asserted): "
                    + (others.isEmpty() ? "none" : "\n  " + String.join("\n  ", others)));
            // the check ran over the suite's components: the session and the plugins' factory PIDs among them
            assertTrue(checked.contains("io.perfsuite.session"), "the session's PID was checked: " + checked);
            assertTrue(checked.contains("io.perfsuite.bandmate.drums"), "the drums' factory PID: " + checked);
            problems.sort(null);
            assertTrue(problems.isEmpty(), problems.size() + " component PIDs without a complete metatype "
                    + "description:\n  " + String.join("\n  ", problems) + "\n");
        }
    }
}
