// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.BundleContext;

/** Helpers shared by the integration tests: the plugin jar under test, re-versioned copies of it, waiting. */
final class Plugins {

    /** Framework property (set in itest.bndrun) with the path of the metronome plugin jar the build made. */
    static final String METRONOME_JAR = "perfsuite.itest.metronome";

    private Plugins() {
    }

    static Path metronomeJar(BundleContext context) {
        String path = context.getProperty(METRONOME_JAR);
        assertThat(path).as("framework property %s", METRONOME_JAR).isNotBlank();
        Path jar = Path.of(path);
        assertThat(jar).as("the metronome plugin jar").isRegularFile();
        return jar;
    }

    /**
     * Copies a bundle jar with another Bundle-Version, as a new release of the plugin would be.
     *
     * @param jar     the bundle
     * @param version the new version
     * @return the bytes of the new jar
     */
    static byte[] withVersion(Path jar, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(jar); JarInputStream source = new JarInputStream(in)) {
            Manifest manifest = new Manifest(source.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (JarOutputStream target = new JarOutputStream(bytes, manifest)) {
                for (JarEntry e = source.getNextJarEntry(); e != null; e = source.getNextJarEntry()) {
                    target.putNextEntry(new JarEntry(e.getName()));
                    source.transferTo(target);
                    target.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Waits until a condition holds.
     *
     * @return how long it took
     * @throws AssertionError if it does not hold within the timeout
     */
    static Duration await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
