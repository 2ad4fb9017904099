// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console pages in a real browser, headless Chromium driven by Selenium: the Live page follows the session
 * through its event stream, and its Count-in button (a POST with the page's CSRF token, from the page's origin)
 * starts the band, after which the tempo reads 120 and the beat moves. The console's Configuration page edits the
 * session's PID with the labels and descriptions of its metatype description, and the Plugins page explains a
 * failed update in words and shows the rolled-back version. Screenshots of each page go to
 * {@code target/screenshots/}. Without Chromium and its driver the test is skipped with a notice, except under
 * {@code PERFSUITE_CI=1}, where it fails.
 */
class ConsoleBrowserIT {

    private static final String USER = "perfsuite";
    private static final String PASSWORD = "console-browser-it-password";
    private static final Path CHROMIUM = Path.of(System.getProperty("perfsuite.it.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("perfsuite.it.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path temp;

    private static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        String missing = "chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER + ")";
        if ("1".equals(System.getenv("PERFSUITE_CI"))) {
            throw new AssertionError(missing + " are required under PERFSUITE_CI=1");
        }
        System.out.println("NOTICE: " + missing + " not installed: ConsoleBrowserIT skipped");
        Assumptions.abort("no chromium");
    }

    private ChromeDriver browser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // Basic credentials on every request the pages make, the event stream and the POSTs included
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))));
        return driver;
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText().strip();
    }

    private static double number(String shown) {
        try {
            return Double.parseDouble(shown);
        } catch (NumberFormatException e) {
            return Double.NaN; // not shown yet
        }
    }

    private static void screenshot(ChromeDriver d, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path shot = d.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theLivePageFollowsTheBandAndItsButtonsWork() throws Exception {
        requireBrowser();
        Path home = temp.resolve("home");
        ConsolePagesIT.withDefaultPlugins(home);
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of("PERFSUITE_CONSOLE_PASSWORD", PASSWORD))) {
            rt.awaitStatus("/system/console/perfsuite-live", USER, PASSWORD, 200, Duration.ofSeconds(60));
            String base = "http://127.0.0.1:" + rt.port + "/system/console/";
            ChromeDriver d = browser();
            try {
                WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
                d.get(base + "perfsuite-live");
                wait.until(x -> text(x, "ps-status").startsWith("Live"));
                assertEquals("stopped", text(d, "ps-playing"));
                wait.until(x -> text(x, "ps-status").matches("Live: \\d+ updates/s"));
                int rate = Integer.parseInt(text(d, "ps-status").replaceAll("\\D", ""));
                assertTrue(rate >= 10, "the page gets at least 10 updates a second, got " + rate);

                d.findElement(By.cssSelector("button[data-command='count-in']")).click();
                wait.until(x -> text(x, "ps-playing").equals("playing"));
                assertEquals("count-in: done", text(d, "ps-result"));
                wait.until(x -> text(x, "ps-tempo").equals("120.0"));
                String before = text(d, "ps-position");
                wait.until(x -> !text(x, "ps-position").equals(before)); // a beat is half a second at 120
                Thread.sleep(3000); // past the count-in: the band plays and the bandmates get their calls
                screenshot(d, "live");

                d.get(base + "perfsuite-agents");
                wait.until(x -> !x.findElements(By.id("ps-band")).isEmpty());
                assertTrue(d.findElement(By.id("ps-band")).getText().contains("metronome"));
                screenshot(d, "agents");

                d.get(base + "perfsuite-latency");
                wait.until(x -> !x.findElements(By.id("ps-latency")).isEmpty());
                assertTrue(d.findElement(By.id("ps-latency")).getText().contains("not measured here"));
                screenshot(d, "latency");

                // the Plugins page: uninstall the keys while the band plays, see them gone and the others playing on,
                // then install them again from the jar
                // the page reloads after each action: an element found just before may be gone, so look again
                var pw = new WebDriverWait(d, Duration.ofSeconds(15))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        // Chromium 156 reports a node that a reload replaced as a generic inspector error
                        .ignoring(org.openqa.selenium.WebDriverException.class);
                d.get(base + "perfsuite-plugins");
                pw.until(x -> !x.findElements(By.id("ps-plugins")).isEmpty());
                screenshot(d, "plugins");
                WebElement keysRow = d.findElement(By.xpath(
                        "//table[@id='ps-plugins']//tr[td[contains(., 'io.perfsuite.bandmate.keys')]]"));
                keysRow.findElement(By.className("ps-uninstall")).click();
                pw.until(ExpectedConditions.alertIsPresent()).accept();
                pw.until(x -> x.findElements(By.id("ps-plugins")).size() == 1
                        && !x.findElement(By.id("ps-plugins")).getText().contains("io.perfsuite.bandmate.keys"));
                String context = rt.get("/perfsuite/api/context", USER, PASSWORD).body();
                assertTrue(context.contains("\"playing\":true"), "the band plays on: " + context);
                assertTrue(!context.contains("\"id\":\"keys\""), "the keys left the band: " + context);
                long bassCalls = calls(context, "bass");
                Thread.sleep(1500); // three beats at 120 BPM
                assertTrue(calls(rt.get("/perfsuite/api/context", USER, PASSWORD).body(), "bass") >= bassCalls + 2,
                        "the bass keeps being planned every beat");

                d.findElement(By.id("ps-install-file")).sendKeys(
                        Path.of("target/plugins/io.perfsuite.bandmate.keys.jar").toAbsolutePath().toString());
                d.findElement(By.id("ps-install")).click();
                pw.until(x -> x.findElements(By.id("ps-plugins")).size() == 1
                        && x.findElement(By.id("ps-plugins")).getText().contains("io.perfsuite.bandmate.keys"));
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (calls(rt.get("/perfsuite/api/context", USER, PASSWORD).body(), "keys") < 2) {
                    assertTrue(System.nanoTime() < deadline, "the reinstalled keys are planned again");
                    Thread.sleep(100);
                }
                screenshot(d, "plugins-reinstalled");
            } finally {
                d.quit();
            }
        }
    }

    /** @return the OCD name and the AD names and descriptions of the session's metatype, read from its bundle */
    private static List<String> sessionLabels() throws Exception {
        byte[] bundle = null;
        try (ZipInputStream runtime = new ZipInputStream(Files.newInputStream(RuntimeProcess.JAR))) {
            for (ZipEntry e = runtime.getNextEntry(); e != null; e = runtime.getNextEntry()) {
                if (e.getName().matches("jar/io\\.perfsuite\\.session-.*\\.jar")) {
                    bundle = runtime.readAllBytes();
                }
            }
        }
        assertTrue(bundle != null, "the session bundle is in the runtime jar");
        List<String> labels = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bundle))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.getName().startsWith("OSGI-INF/metatype/") || !e.getName().endsWith(".xml")) {
                    continue;
                }
                String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!xml.contains("pid=\"io.perfsuite.session\"")) {
                    continue;
                }
                Matcher m = Pattern.compile("<(OCD|AD) [^>]*?name=\"([^\"]*)\"(?: description=\"([^\"]*)\")?")
                        .matcher(xml);
                while (m.find()) {
                    labels.add(unescape(m.group(2)));
                    if (m.group(3) != null) {
                        labels.add(unescape(m.group(3)));
                    }
                }
            }
        }
        assertTrue(labels.size() > 2, "the session's metatype has labels: " + labels);
        return labels;
    }

    private static String unescape(String xml) {
        return xml.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void theLivePageFollowsTheLiveDemo() throws Exception {
        requireBrowser();
        Path home = temp.resolve("demo-home");
        ConsolePagesIT.withDefaultPlugins(home);
        Path out = temp.resolve("demo-out");
        // The demo starts with the runtime and does not wait for anyone: the browser is up first, so the page
        // sees the verse even on a loaded machine, and the page is read all along rather than at chosen moments.
        ChromeDriver d = browser();
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of("PERFSUITE_CONSOLE_PASSWORD", PASSWORD),
                "perfsuite.demo.live=" + out)) {
            try {
                rt.awaitStatus("/system/console/perfsuite-live", USER, PASSWORD, 200, Duration.ofSeconds(60));
                String base = "http://127.0.0.1:" + rt.port + "/system/console/";
                d.get(base + "perfsuite-live");
                new WebDriverWait(d, Duration.ofSeconds(30))
                        .until(x -> text(x, "ps-status").matches("Live: \\d+ updates/s"));
                // the generated pianist plays a verse at 96 BPM, then a chorus that pushes towards 102 BPM; the
                // band comes in after a bar of confident beats
                List<Double> verse = new ArrayList<>();
                Set<String> positions = new HashSet<>();
                double chorus = Double.NaN;
                long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
                while (System.nanoTime() < deadline) {
                    boolean playing = text(d, "ps-playing").equals("playing");
                    String section = text(d, "ps-section");
                    double tempo = number(text(d, "ps-tempo"));
                    if (playing && section.startsWith("Verse")) {
                        if (verse.isEmpty()) {
                            screenshot(d, "live-demo-verse");
                        }
                        verse.add(tempo);
                        positions.add(text(d, "ps-position"));
                    } else if (playing && section.startsWith("Chorus") && tempo >= 98.0) {
                        chorus = tempo;
                        screenshot(d, "live-demo-chorus");
                        break;
                    }
                    Thread.sleep(100);
                }
                System.out.printf("live demo: %d readings in the verse (tempo %s), %d positions; %.1f BPM in the "
                        + "chorus, chord %s%n", verse.size(), verse, positions.size(), chorus, text(d, "ps-chord"));
                assertTrue(verse.size() >= 20, "the page showed the band playing the verse: " + verse);
                assertTrue(positions.size() >= 8, "bar and beat moved during the verse: " + positions);
                double[] sorted = verse.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted[sorted.length / 2];
                assertTrue(median > 94.5 && median < 97.5, "the verse's tempo (96 BPM played): " + verse);
                assertTrue(chorus >= 98.0, "the chorus's tempo rose on the page: " + chorus);
            } finally {
                d.quit();
            }
            rt.awaitOutput("The band's take:", Duration.ofSeconds(60));
            String said = rt.output();
            for (String id : List.of("drums", "bass", "keys")) {
                assertTrue(said.matches("(?s).*\\n  " + id + " +\\d+ notes.*"), "the band played: " + said);
            }
        }
    }

    @Test
    void theConfigurationFormAndAFailedUpdateSpeakOurWords() throws Exception {
        requireBrowser();
        List<String> labels = sessionLabels();
        byte[] metronome = Files.readAllBytes(Path.of("target/plugins/io.perfsuite.bandmate.metronome.jar"));
        Path broken = temp.resolve("metronome-broken.jar");
        Files.write(broken, PluginRollbackIT.withManifest(metronome, a -> {
            a.putValue("Bundle-Version", "9.0.0.broken");
            a.putValue("Bundle-Activator", "io.perfsuite.bandmate.metronome.NoSuchActivator");
        }));
        try (RuntimeProcess rt = new RuntimeProcess(temp.resolve("home"), Map.of("PERFSUITE_CONSOLE_PASSWORD",
                PASSWORD))) {
            rt.awaitStatus("/system/console/perfsuite-plugins", USER, PASSWORD, 200, Duration.ofSeconds(60));
            rt.awaitStatus("/system/console/configMgr", USER, PASSWORD, 200, Duration.ofSeconds(60));
            String base = "http://127.0.0.1:" + rt.port + "/system/console/";
            ChromeDriver d = browser();
            try {
                // the session's configuration opens in the console's editor with our labels and descriptions
                WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
                d.get(base + "configMgr/io.perfsuite.session");
                wait.until(x -> x.findElement(By.tagName("body")).getText().contains(labels.get(0)));
                String form = d.findElement(By.tagName("body")).getText();
                List<String> missing = labels.stream().filter(l -> !form.contains(l)).toList();
                assertEquals(List.of(), missing, "the form shows every label and description:\n" + form);
                screenshot(d, "configuration-session");

                // a failed update on the Plugins page: the reason and the rollback in words, the old version back
                var pw = new WebDriverWait(d, Duration.ofSeconds(30))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        // Chromium 156 reports a node that a reload replaced as a generic inspector error
                        .ignoring(org.openqa.selenium.WebDriverException.class);
                d.get(base + "perfsuite-plugins");
                pw.until(x -> !x.findElements(By.id("ps-plugins")).isEmpty());
                d.findElement(By.id("ps-install-file")).sendKeys(
                        Path.of("target/plugins/io.perfsuite.bandmate.metronome.jar").toAbsolutePath().toString());
                d.findElement(By.id("ps-install")).click();
                By row = By.xpath("//table[@id='ps-plugins']//tr[td[contains(., 'io.perfsuite.bandmate.metronome')]]");
                pw.until(x -> !x.findElements(row).isEmpty() && x.findElement(row).getText().contains("Active"));
                String version = d.findElement(row).findElements(By.tagName("td")).get(2).getText();
                d.findElement(row).findElement(By.className("ps-file")).sendKeys(broken.toAbsolutePath().toString());
                d.findElement(row).findElement(By.className("ps-update")).click();
                pw.until(x -> text(x, "ps-result").startsWith("Refused:"));
                String said = text(d, "ps-result");
                assertTrue(said.contains("updating io.perfsuite.bandmate.metronome to 9.0.0.broken failed")
                        && said.contains("NoSuchActivator") && said.contains("rolled back to " + version), said);
                screenshot(d, "plugins-failed-update");
                d.navigate().refresh();
                pw.until(x -> !x.findElements(row).isEmpty());
                String after = d.findElement(row).getText();
                assertTrue(after.contains(version) && after.contains("Active") && after.contains("metronome (service"),
                        "the previous version is back and active: " + after);
            } finally {
                d.quit();
            }
        }
    }

    /** @return an agent's calls in the context JSON, or -1 when it is not there */
    private static long calls(String json, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"id\":\"" + id
                + "\",\"kind\":\"bandmate\",\"calls\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
