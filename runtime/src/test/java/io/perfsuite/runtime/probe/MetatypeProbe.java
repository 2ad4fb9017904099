// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Packed by {@code MetatypeIT} into a bundle of its own and installed into the running runtime: it asks Declarative
 * Services for every component description and the metatype service for the description of each configuration PID
 * a component takes (configuration policy not "ignore"), and writes what it found to
 * {@code <perfsuite.home>/metatype-report.txt}, one tab-separated line per component PID:
 * {@code PID <bundle> <component> <pid> <policy> <ok|problem; problem...>}, then {@code DONE <components>}.
 */
public class MetatypeProbe implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        List<String> lines = new ArrayList<>();
        var scrRef = context.getServiceReference(ServiceComponentRuntime.class);
        var mtsRef = context.getServiceReference(MetaTypeService.class);
        if (scrRef == null || mtsRef == null) {
            lines.add("ERROR\tno " + (scrRef == null ? "ServiceComponentRuntime" : "MetaTypeService"));
        } else {
            ServiceComponentRuntime scr = context.getService(scrRef);
            MetaTypeService mts = context.getService(mtsRef);
            int components = 0;
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                components++;
                if ("ignore".equals(d.configurationPolicy)) {
                    continue;
                }
                Bundle b = context.getBundle(d.bundle.id);
                MetaTypeInformation info = b == null ? null : mts.getMetaTypeInformation(b);
                for (String pid : d.configurationPid) {
                    lines.add("PID\t" + d.bundle.symbolicName + "\t" + d.name + "\t" + pid + "\t"
                            + d.configurationPolicy + "\t" + check(info, pid));
                }
            }
            context.ungetService(scrRef);
            context.ungetService(mtsRef);
            lines.add("DONE\t" + components);
        }
        write(Path.of(context.getProperty("perfsuite.home"), "metatype-report.txt"), lines);
    }

    /** @return "ok", or the problems of the PID's description separated by "; " */
    static String check(MetaTypeInformation info, String pid) {
        boolean single = info != null && Arrays.asList(info.getPids()).contains(pid);
        boolean factory = info != null && Arrays.asList(info.getFactoryPids()).contains(pid);
        if (!single && !factory) {
            return "no metatype description (no @Designate for this PID)";
        }
        ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
        List<String> problems = new ArrayList<>();
        if (blank(ocd.getName())) {
            problems.add("the description has no name");
        }
        AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
            String id = ad.getID();
            if (blank(ad.getName())) {
                problems.add(id + ": no name");
            }
            if (blank(ad.getDescription())) {
                problems.add(id + ": no description");
            }
            String[] defaults = ad.getDefaultValue();
            if (defaults == null || defaults.length == 0) {
                if (ad.getCardinality() == 0) { // a list may be empty by default; a single value needs one
                    problems.add(id + ": no default");
                }
                continue;
            }
            for (String v : defaults) {
                String verdict = ad.validate(v);
                if (verdict != null && !verdict.isEmpty()) {
                    problems.add(id + ": default \"" + v + "\" fails its own validation: " + verdict);
                }
            }
        }
        return problems.isEmpty() ? "ok" : String.join("; ", problems);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void write(Path file, List<String> lines) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing runs
    }
}
