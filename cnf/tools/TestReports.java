// SPDX-License-Identifier: GPL-3.0-or-later
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the JUnit XML reports (TEST-*.xml) under a folder, prints a Surefire-style summary line and each failing
 * test, and exits non-zero on any failure, any error, or no test run at all. bnd-testing prints no summary of its
 * own and its run is green with zero tests, so the build calls this after it.
 *
 * <p>Run as a single-file program: {@code java TestReports.java "OSGi integration tests" target/test-reports}.
 */
public final class TestReports {

    private TestReports() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java TestReports.java LABEL REPORTS_DIR");
            System.exit(2);
        }
        String label = args[0];
        Path dir = Path.of(args[1]);
        List<Path> reports;
        try (Stream<Path> files = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
            reports = files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        StringBuilder problems = new StringBuilder();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path report : reports) {
            Element root;
            try {
                root = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
            } catch (IOException | org.xml.sax.SAXException e) {
                System.err.println("[ERROR] " + label + ": unreadable report " + report + ": " + e.getMessage());
                System.exit(1);
                return;
            }
            NodeList cases = root.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                tests++;
                String name = c.getAttribute("classname") + "." + c.getAttribute("name");
                if (c.getElementsByTagName("failure").getLength() > 0) {
                    failures++;
                    problems.append("[ERROR]   FAILED ").append(name).append(": ")
                            .append(message(c, "failure")).append('\n');
                } else if (c.getElementsByTagName("error").getLength() > 0) {
                    errors++;
                    problems.append("[ERROR]   ERROR  ").append(name).append(": ")
                            .append(message(c, "error")).append('\n');
                } else if (c.getElementsByTagName("skipped").getLength() > 0) {
                    skipped++;
                }
            }
        }
        String line = String.format("Tests run: %d, Failures: %d, Errors: %d, Skipped: %d", tests, failures, errors,
                skipped);
        System.out.println("[INFO] " + label + " (" + reports.size() + " report files in " + dir + ")");
        System.out.println((failures + errors > 0 || tests == 0 ? "[ERROR] " : "[INFO] ") + line);
        System.out.print(problems);
        if (tests == 0) {
            System.out.println("[ERROR] " + label + ": no test was run");
        }
        System.exit(failures + errors > 0 || tests == 0 ? 1 : 0);
    }

    private static String message(Element testcase, String tag) {
        Element e = (Element) testcase.getElementsByTagName(tag).item(0);
        String m = e.getAttribute("message");
        if (m.isEmpty()) {
            m = e.getTextContent().strip().lines().findFirst().orElse("");
        }
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
