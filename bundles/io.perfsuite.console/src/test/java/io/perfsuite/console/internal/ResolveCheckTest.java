// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class ResolveCheckTest {

    /** What a runtime with the suite's API 1.0 exports, as the checker sees it. */
    private static final List<ResolveCheck.Export> RUNNING = List.of(
            new ResolveCheck.Export("io.perfsuite.api.band", new Version(1, 0, 0)),
            new ResolveCheck.Export("io.perfsuite.api.context", new Version(1, 2, 0)),
            new ResolveCheck.Export("io.perfsuite.api.music", new Version(1, 0, 0)),
            new ResolveCheck.Export("org.slf4j", new Version(2, 0, 16)));
    private static final Set<String> INSTALLED = Set.of("org.apache.felix.framework", "io.perfsuite.api");

    static Manifest manifest(String bsn, String imports, String... more) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        if (bsn != null) {
            a.putValue("Bundle-SymbolicName", bsn);
        }
        a.putValue("Bundle-Version", "1.0.0");
        if (imports != null) {
            a.putValue("Import-Package", imports);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            a.putValue(more[i], more[i + 1]);
        }
        return m;
    }

    static byte[] jar(Manifest m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.flush();
        }
        return bytes.toByteArray();
    }

    @Test
    void aPluginLikeTheMetronomeResolves() {
        ResolveCheck.Result r = ResolveCheck.check(manifest("io.perfsuite.bandmate.metronome;singleton:=true",
                "io.perfsuite.api.band;version=\"[1.0,2)\",io.perfsuite.api.context;version=\"[1.0,2)\","
                + "io.perfsuite.api.music;version=\"[1.0,2)\",java.lang,java.lang.annotation,java.util"),
                RUNNING, INSTALLED);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals("io.perfsuite.bandmate.metronome", r.symbolicName());
        assertEquals(new Version(1, 0, 0), r.version());
    }

    @Test
    void aMissingPackageIsRefusedInWords() {
        ResolveCheck.Result r = ResolveCheck.check(manifest("x.plugin",
                "io.perfsuite.api.band;version=\"[1.0,2)\",io.perfsuite.api.nowhere;version=\"[1.0,2)\""),
                RUNNING, INSTALLED);
        assertFalse(r.ok());
        assertEquals(List.of("needs package io.perfsuite.api.nowhere version [1.0.0,2.0.0), which no installed "
                + "bundle exports"), r.problems());
    }

    @Test
    void anOptionalImportIsIgnored() {
        ResolveCheck.Result r = ResolveCheck.check(manifest("x.plugin",
                "io.perfsuite.api.band;version=\"[1.0,2)\",com.example.extra;resolution:=optional;version=\"1.0\""),
                RUNNING, INSTALLED);
        assertTrue(r.ok(), r.problems().toString());
    }

    @Test
    void aVersionOutOfRangeIsRefused() {
        ResolveCheck.Result r = ResolveCheck.check(manifest("x.plugin", "io.perfsuite.api.band;version=\"[2.0,3)\""),
                RUNNING, INSTALLED);
        assertEquals(List.of("needs package io.perfsuite.api.band version [2.0.0,3.0.0), which no installed bundle "
                + "exports (installed: version 1.0.0)"), r.problems());
        assertTrue(ResolveCheck.check(manifest("x.plugin", "org.slf4j;version=\"[1.7,2)\""), RUNNING, INSTALLED)
                .problems().get(0).startsWith("needs package org.slf4j version [1.7.0,2.0.0)"));
        assertTrue(ResolveCheck.check(manifest("x.plugin", "io.perfsuite.api.context;version=1.1"), RUNNING,
                INSTALLED).ok(), "a plain version is a lower bound");
    }

    @Test
    void importsSeveralNamesShareTheirParameters() {
        ResolveCheck.Result r = ResolveCheck.check(manifest("x.plugin",
                "io.perfsuite.api.band;io.perfsuite.api.music;version=\"[1.0,2)\""), RUNNING, INSTALLED);
        assertTrue(r.ok(), r.problems().toString());
        assertFalse(ResolveCheck.check(manifest("x.plugin", "io.perfsuite.api.band;a.b;version=\"[1.0,2)\""),
                RUNNING, INSTALLED).ok());
    }

    @Test
    void theBundlesOwnExportsCount() {
        assertTrue(ResolveCheck.check(manifest("x.plugin", "x.plugin.spi;version=\"[1,2)\"",
                "Export-Package", "x.plugin.spi;version=\"1.1\""), RUNNING, INSTALLED).ok());
    }

    @Test
    void noSymbolicNameOrAMissingHostIsRefused() {
        assertEquals(List.of("not a bundle: the manifest has no Bundle-SymbolicName"),
                ResolveCheck.check(manifest(null, null), RUNNING, INSTALLED).problems());
        ResolveCheck.Result frag = ResolveCheck.check(manifest("x.frag", null, "Fragment-Host", "x.host"),
                RUNNING, INSTALLED);
        assertEquals(List.of("is a fragment of x.host, which is not installed"), frag.problems());
        assertTrue(ResolveCheck.check(manifest("x.frag", null, "Fragment-Host", "io.perfsuite.api"), RUNNING,
                INSTALLED).ok());
    }

    @Test
    void notAJarIsAClearError() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResolveCheck.manifest("hello".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not a bundle"), e.getMessage());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes)) {
            z.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            z.write(1);
        }
        assertThrows(IllegalArgumentException.class, () -> ResolveCheck.manifest(bytes.toByteArray()));
        assertEquals("x.plugin", ResolveCheck.check(ResolveCheck.manifest(jar(manifest("x.plugin", null))),
                RUNNING, INSTALLED).symbolicName());
    }
}
