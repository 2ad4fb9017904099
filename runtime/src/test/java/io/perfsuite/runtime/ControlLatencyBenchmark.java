// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.runtime;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark harness (not a test): an OSC command to the running suite, end to end. A surface on 127.0.0.1 subscribes
 * to the state, then sends {@code /perfsuite/cmd/tempo ,f bpm} commands (quantization now) one at a time and waits
 * for the {@code /perfsuite/state/tempo} the session echoes once the command has been applied. The time from send to
 * echo is an upper bound of "packet received to command applied": it adds both loopback hops and the echo.
 *
 * <p>Run: {@code cnf/tools/bench-control.sh [COMMANDS]} (builds nothing; needs {@code mvn -B install} first).
 */
public final class ControlLatencyBenchmark {

    private ControlLatencyBenchmark() {
    }

    static byte[] osc(String address, String tags, Object... args) {
        ByteBuffer b = ByteBuffer.allocate(256);
        putString(b, address);
        putString(b, "," + tags);
        for (Object a : args) {
            if (a instanceof Float f) {
                b.putFloat(f);
            } else {
                putString(b, a.toString());
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        b.put(bytes);
        int pad = 4 - bytes.length % 4;
        b.put(new byte[pad]);
    }

    /**
     * @param args the number of measured commands (default 2000)
     * @throws Exception if the runtime does not start or stops answering
     */
    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path home = Files.createTempDirectory("perfsuite-bench");
        Path settings = Files.createDirectories(home.resolve("settings"));
        int port = RuntimeProcess.freePort();
        String shipped = Files.readString(Path.of("runtime/settings/io.perfsuite.transport.osc.endpoint-control.config"));
        Files.writeString(settings.resolve("io.perfsuite.transport.osc.endpoint-control.config"),
                shipped.replaceFirst("port=I\"9000\"", "port=I\"" + port + "\""));
        try (RuntimeProcess rt = new RuntimeProcess(home, Map.of("PERFSUITE_CONSOLE_PASSWORD", "bench"),
                "felix.fileinstall.dir=" + home.resolve("plugins") + "," + settings);
                DatagramSocket surface = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            rt.awaitStatus("/perfsuite/api/context", "perfsuite", "bench", 200, RuntimeIT.START);
            InetAddress lo = InetAddress.getLoopbackAddress();
            surface.setSoTimeout(200);
            byte[] in = new byte[2048];
            boolean subscribed = false;
            for (int i = 0; i < 100 && !subscribed; i++) {
                byte[] sub = osc("/perfsuite/subscribe", "");
                surface.send(new DatagramPacket(sub, sub.length, lo, port));
                try {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    surface.receive(p);
                    subscribed = new String(in, 0, p.getLength(), StandardCharsets.US_ASCII).startsWith("/perfsuite");
                } catch (SocketTimeoutException e) {
                    // the endpoint is not open yet
                }
            }
            if (!subscribed) {
                throw new IllegalStateException("no answer from the control endpoint:\n" + rt.output());
            }
            long[] nanos = new long[commands];
            int warmup = 500;
            for (int i = -warmup; i < commands; i++) {
                float bpm = 100 + (i & 1) * 10 + (i % 7);
                byte[] cmd = osc("/perfsuite/cmd/tempo", "f", bpm);
                drain(surface, in);
                long sent = System.nanoTime();
                surface.send(new DatagramPacket(cmd, cmd.length, lo, port));
                long echoed;
                try {
                    echoed = awaitTempo(surface, in, bpm);
                } catch (IllegalStateException lost) {
                    i--; // UDP: a lost packet or echo is sent again, and not measured
                    continue;
                }
                if (i >= 0) {
                    nanos[i] = echoed - sent;
                }
                Thread.sleep(2);
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "OSC command sent -> applied by the session -> state echoed, %d commands:"
                    + " p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n", commands, nanos[commands / 2] / 1e3,
                    nanos[(int) (commands * 0.99)] / 1e3, nanos[(int) (commands * 0.999)] / 1e3,
                    nanos[commands - 1] / 1e3);
            String json = rt.get("/perfsuite/api/context", "perfsuite", "bench").body();
            int at = json.indexOf("{\"id\":\"session.command\"");
            System.out.println("the session's own figure, submitted -> carried out (JSON endpoint): "
                    + (at < 0 ? "missing" : json.substring(at, json.indexOf('}', at) + 1)));
        }
    }

    private static void drain(DatagramSocket s, byte[] in) throws Exception {
        s.setSoTimeout(1);
        try {
            while (true) {
                s.receive(new DatagramPacket(in, in.length));
            }
        } catch (SocketTimeoutException e) {
            s.setSoTimeout(2000);
        }
    }

    private static long awaitTempo(DatagramSocket s, byte[] in, float bpm) throws Exception {
        StringBuilder seen = new StringBuilder();
        while (true) {
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                throw new IllegalStateException("no /perfsuite/state/tempo " + bpm + " echoed; received: " + seen, e);
            }
            seen.append(new String(in, 0, Math.min(p.getLength(), 40), StandardCharsets.US_ASCII).replace('\0', ' '))
                    .append(" | ");
            long at = System.nanoTime();
            String text = new String(in, 0, p.getLength(), StandardCharsets.US_ASCII);
            if (text.startsWith("/perfsuite/state/tempo")) {
                float got = ByteBuffer.wrap(in, p.getLength() - 4, 4).getFloat();
                if (Math.abs(got - bpm) < 0.01) {
                    return at;
                }
            }
        }
    }
}
