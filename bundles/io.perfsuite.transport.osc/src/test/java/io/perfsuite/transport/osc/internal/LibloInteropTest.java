// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.argument.OSCTimeTag64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.transport.osc.OscReceived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Interoperability with liblo, a C implementation of OSC, through its command-line tools oscsend and oscdump. */
class LibloInteropTest {

    private static final String INSTALL = "apt-get install liblo-tools";

    private OscEndpointComponent endpoint;
    private Process process;

    @BeforeEach
    void tools() {
        PeerTools.require("oscsend", INSTALL);
        PeerTools.require("oscdump", INSTALL);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.deactivate();
        }
        if (process != null) {
            process.destroy(); // the one process this test started
        }
    }

    @Test
    void receivesWhatOscsendSends() throws Exception {
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint = TestSupport.start(recorder);
        Process send = new ProcessBuilder("oscsend", "127.0.0.1", String.valueOf(endpoint.localAddress().getPort()),
                "/perf/pitch", "fsihdTFNS", "440.0", "A4", "69", "123456789012", "0.25", "sym")
                .redirectErrorStream(true).start();
        assertTrue(send.waitFor(10, TimeUnit.SECONDS), "oscsend finished");
        assertEquals(0, send.exitValue(), new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        OscReceived r = recorder.next();
        assertEquals("/perf/pitch", r.message().address());
        assertEquals("fsihdTFNS", r.message().typeTags());
        assertEquals(440.0f, r.message().argument(0));
        assertEquals("A4", r.message().argument(1));
        assertEquals(69, r.message().argument(2));
        assertEquals(123456789012L, r.message().argument(3));
        assertEquals(0.25, r.message().argument(4));
        assertEquals(true, r.message().argument(5));
        assertEquals(false, r.message().argument(6));
        assertEquals(null, r.message().argument(7));
        assertEquals("sym", r.message().argument(8).toString());
        assertEquals(InetAddress.getByName("127.0.0.1"), r.sender().getAddress());
    }

    @Test
    void oscdumpDecodesWhatTheEndpointSends() throws Exception {
        endpoint = TestSupport.start(r -> { });
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort(); // free a moment ago; oscdump takes it next
        }
        // oscdump given a host treats it as multicast (PEERS.md): it gets only the port, -L for line buffering
        process = new ProcessBuilder("oscdump", "-L", String.valueOf(port)).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception e) {
                lines.add("READ FAILED " + e);
            }
        }, "oscdump-output");
        reader.setDaemon(true);
        reader.start();
        InetSocketAddress dump = new InetSocketAddress("127.0.0.1", port);

        String hello = null;
        for (int attempt = 0; attempt < 50 && hello == null; attempt++) { // until oscdump is listening
            endpoint.send(dump, "/perf/hello", attempt);
            hello = lines.poll(100, TimeUnit.MILLISECONDS);
        }
        if (hello == null) {
            fail("oscdump printed nothing");
        }
        lines.clear();
        endpoint.send(dump, "/perf/echo", 1, 2.5f, "hi there", 7L, 0.125, true, false, null);
        String line = next(lines); // oscdump starts each line with the time tag (the arrival time for a message)
        assertEquals("/perf/echo ifshdTFN 1 2.500000 \"hi there\" 7 0.125000 #T #F Nil",
                line.trim().replaceFirst("^[0-9a-f]{8}\\.[0-9a-f]{8} ", ""));

        OSCTimeTag64 later = OSCTimeTag64.valueOf(0xE000_0000_8000_0000L);
        endpoint.send(dump, new OSCBundle(List.<OSCPacket>of(new OSCMessage("/perf/a", List.of(1)),
                new OSCMessage("/perf/b", List.of("x"))), later));
        StringBuilder bundle = new StringBuilder();
        for (String l = lines.poll(2, TimeUnit.SECONDS); l != null; l = lines.poll(300, TimeUnit.MILLISECONDS)) {
            bundle.append(l).append('\n');
        }
        System.out.println("oscdump printed for the bundle:\n" + bundle);
        assertTrue(bundle.toString().contains("/perf/a i 1"), bundle.toString());
        assertTrue(bundle.toString().contains("/perf/b s \"x\""), bundle.toString());
        assertTrue(bundle.toString().toLowerCase().contains("e0000000.80000000"), "the time tag: " + bundle);
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(5, TimeUnit.SECONDS);
        if (line == null) {
            fail("oscdump printed nothing within 5 s");
        }
        return line;
    }
}
