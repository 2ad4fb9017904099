// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * Whether a bundle would resolve against what runs, decided from its manifest before it is installed, so that a
 * plugin that cannot work is refused instead of sitting INSTALLED. It checks the mandatory {@code Import-Package}
 * entries against the packages the installed bundles export (and the jar exports itself), the presence of a
 * {@code Bundle-SymbolicName}, and a fragment's host. It leaves out what the framework always provides
 * ({@code java.*}) and {@code Require-Capability} (the execution environment and the DS extender are there in
 * every runtime this console runs in). Pure: the caller passes the exports, so a test needs no framework.
 */
final class ResolveCheck {

    /** A package some bundle exports. */
    record Export(String pkg, Version version) {
    }

    /** The outcome: the bundle's identity and, if it would not resolve, why (in words, one line per reason). */
    record Result(String symbolicName, Version version, boolean fragment, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private ResolveCheck() {
    }

    /**
     * @param jar the bytes of the jar
     * @return its manifest
     * @throws IllegalArgumentException if it is not a jar or has no manifest
     */
    static Manifest manifest(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest m = in.getManifest();
            if (m == null) {
                throw new IllegalArgumentException("not a bundle: the upload is not a jar with a manifest");
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a bundle: the upload is not a jar (" + e.getMessage() + ")");
        }
    }

    /**
     * @param manifest     the manifest of the bundle to install
     * @param exports      the packages the installed bundles export
     * @param installedBsn the symbolic names of the installed bundles (for a fragment's host)
     * @return the outcome
     */
    static Result check(Manifest manifest, Collection<Export> exports, Collection<String> installedBsn) {
        Attributes a = manifest.getMainAttributes();
        List<String> problems = new ArrayList<>();
        String bsnHeader = a.getValue("Bundle-SymbolicName");
        String bsn = null;
        if (bsnHeader == null || bsnHeader.isBlank()) {
            problems.add("not a bundle: the manifest has no Bundle-SymbolicName");
        } else {
            bsn = parse(bsnHeader).get(0).name();
        }
        Version version = Version.emptyVersion;
        String v = a.getValue("Bundle-Version");
        if (v != null) {
            try {
                version = Version.parseVersion(v.strip());
            } catch (IllegalArgumentException e) {
                problems.add("the Bundle-Version " + v.strip() + " is not a version");
            }
        }
        String host = a.getValue("Fragment-Host");
        boolean fragment = host != null && !host.isBlank();
        if (fragment) {
            String hostBsn = parse(host).get(0).name();
            if (!installedBsn.contains(hostBsn)) {
                problems.add("is a fragment of " + hostBsn + ", which is not installed");
            }
        }
        List<Export> available = new ArrayList<>(exports);
        for (Clause c : parse(a.getValue("Export-Package"))) {
            available.add(new Export(c.name(), versionOf(c.attributes().get("version"), Version.emptyVersion)));
        }
        for (Clause c : parse(a.getValue("Import-Package"))) {
            if (c.name().startsWith("java.") || "optional".equals(c.directives().get("resolution"))) {
                continue; // java.* comes from the JVM; an optional import does not stop resolution
            }
            String spec = c.attributes().get("version");
            VersionRange range;
            try {
                range = spec == null ? new VersionRange("0.0.0") : new VersionRange(spec.strip());
            } catch (IllegalArgumentException e) {
                problems.add("imports package " + c.name() + " with a version range that is not one: " + spec);
                continue;
            }
            boolean found = false;
            for (Export e : available) {
                if (e.pkg().equals(c.name()) && range.includes(e.version())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                problems.add("needs package " + c.name() + " version " + range
                        + ", which no installed bundle exports" + otherVersions(c.name(), available));
            }
        }
        return new Result(bsn, version, fragment, List.copyOf(problems));
    }

    private static String otherVersions(String pkg, List<Export> available) {
        List<String> versions = new ArrayList<>();
        for (Export e : available) {
            if (e.pkg().equals(pkg)) {
                versions.add(e.version().toString());
            }
        }
        return versions.isEmpty() ? "" : " (installed: version " + String.join(", ", versions) + ")";
    }

    private static Version versionOf(String text, Version otherwise) {
        try {
            return text == null ? otherwise : Version.parseVersion(text.strip());
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    /** One clause of a manifest header: a name (the first of several that share the parameters), its parameters. */
    record Clause(String name, Map<String, String> attributes, Map<String, String> directives) {
    }

    /**
     * Parses an OSGi manifest header: clauses separated by commas, each with names and {@code ;} parameters, values
     * optionally in double quotes (which may hold commas and semicolons). Several names sharing parameters
     * ({@code a;b;version=1}) become one clause each.
     */
    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> attrs = new LinkedHashMap<>();
            Map<String, String> dirs = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    names.add(part.strip());
                    continue;
                }
                boolean directive = eq > 0 && part.charAt(eq - 1) == ':';
                String key = part.substring(0, directive ? eq - 1 : eq).strip();
                int colon = key.indexOf(':'); // a typed attribute: version:Version="1.0"
                if (!directive && colon >= 0) {
                    key = key.substring(0, colon).strip();
                }
                String value = part.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                (directive ? dirs : attrs).put(key, value);
            }
            for (String n : names) {
                if (!n.isEmpty()) {
                    clauses.add(new Clause(n, attrs, dirs));
                }
            }
        }
        return clauses;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == separator && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        return parts;
    }
}
