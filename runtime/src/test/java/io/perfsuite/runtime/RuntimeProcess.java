// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The exported runtime jar started as a real process, the way the launcher script starts it, with its own home
 * folder and a free port. Collects everything the process prints.
 */
final class RuntimeProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("perfsuite.jar", "target/perfsuite.jar"));

    final Path home;
    final int port;
    final Process process;
    final long startNanos;
    private final StringBuffer output = new StringBuffer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    RuntimeProcess(Path home, Map<String, String> env, String... extraProperties) throws IOException {
        this.home = home;
        this.port = freePort();
        Files.createDirectories(home.resolve("plugins"));
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("perfsuite.it.java", Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        // as the launcher: the offline renderer drives the JDK's synthesizer through an unexported interface
        cmd.add("--add-exports");
        cmd.add("java.desktop/com.sun.media.sound=ALL-UNNAMED");
        cmd.add("-Dperfsuite.home=" + home);
        cmd.add("-Dfelix.fileinstall.dir=" + home.resolve("plugins"));
        cmd.add("-Dfelix.cm.dir=" + home.resolve("config"));
        cmd.add("-Dlaunch.storage.dir=" + home.resolve("framework"));
        cmd.add("-Dorg.osgi.service.http.port=" + port);
        cmd.add("-Dorg.slf4j.simpleLogger.logFile=" + home.resolve("perfsuite.log"));
        for (String p : extraProperties) {
            cmd.add("-D" + p);
        }
        cmd.add("-jar");
        cmd.add(JAR.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("PERFSUITE_CONSOLE_PASSWORD");
        pb.environment().putAll(env);
        this.startNanos = System.nanoTime();
        this.process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "runtime-output");
        reader.setDaemon(true);
        reader.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String output() {
        return output.toString();
    }

    /** Types a line into the Gogo shell. */
    void type(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String user, String password, String form)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls a page until it answers with the status.
     *
     * @return the time from process start until it did, in milliseconds
     */
    long awaitStatus(String path, String user, String password, int status, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the runtime exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                last = get(path, user, password).statusCode();
                if (last == status) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + timeout + " (last " + last
                + "):\n" + output());
    }

    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the runtime did not print \"" + text + "\" within " + timeout + ":\n"
                        + output());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
