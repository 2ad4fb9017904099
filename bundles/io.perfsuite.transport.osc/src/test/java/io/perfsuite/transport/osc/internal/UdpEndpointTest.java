// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.argument.OSCTimeTag64;
import com.illposed.osc.transport.OSCPortOut;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.transport.osc.OscHandler;
import io.perfsuite.transport.osc.OscReceived;
import io.perfsuite.transport.osc.OscStats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real UDP sockets on 127.0.0.1 and ephemeral ports. */
class UdpEndpointTest {

    private OscEndpointComponent endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.deactivate();
        }
    }

    @Test
    void receivesWhatJavaOscSendsWithBundleTimeTags() throws Exception {
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint = TestSupport.start(recorder);
        OSCTimeTag64 later = OSCTimeTag64.valueOf(0xE000_0000_0000_0001L);
        OSCPortOut out = new OSCPortOut(new OSCSerializerAndParserBuilder(), endpoint.localAddress(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try {
            out.send(new OSCMessage("/test/hello", List.of(7, "seven", 7.5f)));
            out.send(new OSCBundle(List.<OSCPacket>of(new OSCMessage("/test/a", List.of(1)),
                    new OSCMessage("/test/b", List.of(2))), later));
        } finally {
            out.close();
        }

        OscReceived hello = recorder.next();
        TestSupport.await(endpoint, st -> st.delivered() == 3);
        assertEquals("/test/hello", hello.message().address());
        assertEquals(List.of(7, "seven", 7.5f), hello.message().arguments());
        assertEquals(OscReceived.IMMEDIATELY, hello.timetag());
        assertEquals(InetAddress.getLoopbackAddress(), hello.sender().getAddress());
        assertTrue(hello.receivedNanos() <= System.nanoTime());
        OscReceived a = recorder.next();
        OscReceived b = recorder.next();
        assertEquals("/test/a", a.message().address());
        assertEquals("/test/b", b.message().address());
        assertEquals(later.getNtpTime(), a.timetag());
        assertEquals(later.getNtpTime(), b.timetag());
        OscStats s = endpoint.stats();
        assertEquals(2, s.accepted());
        assertEquals(3, s.delivered());
        assertEquals(0, s.dropped());
    }

    @Test
    void repliesLeaveFromThePortTheSenderSentTo() throws Exception {
        OscHandler echo = r -> r.reply("/test/echoed", r.message().arguments().toArray());
        endpoint = TestSupport.start(echo);
        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1")) {
            surface.send(endpoint.localAddress(), "/test/echo", 1, "x");
            TestSupport.Reply reply = surface.receive();
            assertEquals("/test/echoed", reply.message().address());
            assertEquals(List.of(1, "x"), reply.message().arguments());
            assertEquals(endpoint.localAddress(), reply.from());
        }
        // counted after the datagram has left, so the client can hold the reply a moment before the count moves
        assertEquals(1, TestSupport.await(endpoint, st -> st.sent() >= 1).sent());
    }

    @Test
    void dropsAndCountsPacketsFromSendersNotAllowed() throws Exception {
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint = TestSupport.start(recorder); // allowed: 127.0.0.1 only, the default
        try (TestSupport.Client stranger = new TestSupport.Client("127.0.0.2");
                TestSupport.Client surface = new TestSupport.Client("127.0.0.1")) {
            for (int i = 0; i < 5; i++) {
                stranger.send(endpoint.localAddress(), "/test/intrude", i);
            }
            TestSupport.await(endpoint, s -> s.disallowed() == 5);
            surface.send(endpoint.localAddress(), "/test/ok");
            assertEquals("/test/ok", recorder.next().message().address());
        }
        assertTrue(recorder.received.isEmpty());
        OscStats s = TestSupport.await(endpoint, st -> st.delivered() == 1); // counted after the handler returns
        assertEquals(5, s.disallowed());
        assertEquals(1, s.delivered());
        assertEquals(6, s.received());
    }

    @Test
    void dropsOversizedPacketsUnread() throws Exception {
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint = TestSupport.start(recorder, "maxPacketSize", 64);
        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1")) {
            surface.send(endpoint.localAddress(), "/test/big", "x".repeat(200));
            surface.send(endpoint.localAddress(), new byte[60_000]);
            TestSupport.await(endpoint, s -> s.oversized() == 2);
            surface.send(endpoint.localAddress(), "/test/small", 1);
            assertEquals("/test/small", recorder.next().message().address());
        }
        assertEquals(0, endpoint.stats().malformed());
    }

    @Test
    void answersAnAllowedSendersBadPacketsButNeverAStrangerOrAFlood() throws Exception {
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint = TestSupport.start(recorder, "maxPacketSize", 64, "errorReply", "/test/error", "rateBurst", 3,
                "rateLimit", 1);
        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1");
                TestSupport.Client stranger = new TestSupport.Client("127.0.0.2")) {
            surface.send(endpoint.localAddress(), "/test/big", "x".repeat(200));
            TestSupport.Reply oversized = surface.receive();
            assertEquals("/test/error", oversized.message().address());
            assertEquals(List.of("", "packet larger than 64 bytes"), oversized.message().arguments());

            surface.send(endpoint.localAddress(), new Packets.Raw().string("/a").string(",X").build());
            assertEquals(List.of("", "unknown type tag 'X'"), surface.receive().message().arguments());

            stranger.send(endpoint.localAddress(), new byte[100]);
            assertTrue(stranger.silentFor(200), "a stranger is never answered");

            surface.send(endpoint.localAddress(), new byte[3]); // the burst's third token
            assertEquals(List.of("", "size 3 is not a multiple of 4"), surface.receive().message().arguments());
            for (int i = 0; i < 5; i++) {
                surface.send(endpoint.localAddress(), new byte[3]); // beyond the rate: dropped silently
            }
            assertTrue(surface.silentFor(200), "a flood is never answered");
        }
        OscStats s = TestSupport.await(endpoint, st -> st.received() == 9);
        assertEquals(5, s.rateLimited());
        assertEquals(1, s.disallowed());
        assertEquals(3, s.sent());
    }

    @Test
    void aFailingHandlerIsCountedAndTheOthersCarryOn() throws Exception {
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint = new OscEndpointComponent();
        endpoint.bindHandler(r -> {
            throw new IllegalStateException("handler bug");
        }, Map.of(OscHandler.PROP_ADDRESS, "/test"));
        endpoint.bindHandler(recorder, Map.of(OscHandler.PROP_ADDRESS, "/test"));
        endpoint.activate(TestSupport.endpointConfig());
        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1")) {
            surface.send(endpoint.localAddress(), "/test/one");
            surface.send(endpoint.localAddress(), "/test/two");
            assertEquals("/test/one", recorder.next().message().address());
            assertEquals("/test/two", recorder.next().message().address());
        }
        assertEquals(2, endpoint.stats().handlerErrors());
        assertTrue(endpoint.socket().isReceiving());
    }

    @Test
    void limitsTheRateOfOneSender() throws Exception {
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint = TestSupport.start(recorder, "rateLimit", 10, "rateBurst", 5);
        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1")) {
            for (int i = 0; i < 40; i++) {
                surface.send(endpoint.localAddress(), "/test/fast", i);
            }
            OscStats s = TestSupport.await(endpoint, st -> st.received() == 40);
            assertTrue(s.delivered() >= 5 && s.delivered() <= 8, "burst of 5 plus what 10/s refills: " + s);
            assertEquals(40, s.delivered() + s.rateLimited());
        }
    }

    @Test
    void countsMessagesNoHandlerTakes() throws Exception {
        endpoint = new OscEndpointComponent();
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint.bindHandler(recorder, Map.of(OscHandler.PROP_ADDRESS, "/mine"));
        endpoint.activate(TestSupport.endpointConfig());
        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1")) {
            surface.send(endpoint.localAddress(), "/minex");
            surface.send(endpoint.localAddress(), "/mine/x");
            assertEquals("/mine/x", recorder.next().message().address());
        }
        TestSupport.await(endpoint, s -> s.unhandled() == 1 && s.delivered() == 1);
    }

    @Test
    void aConfigurationChangeAppliesWithoutRebindingUnlessTheSocketMoves() throws Exception {
        TestSupport.Recorder recorder = new TestSupport.Recorder();
        endpoint = TestSupport.start(recorder);
        InetSocketAddress first = endpoint.localAddress();
        endpoint.modified(TestSupport.endpointConfig("port", first.getPort(),
                "allowedSenders", new String[] {"127.0.0.1", "127.0.0.2"}));
        assertEquals(first, endpoint.localAddress());
        try (TestSupport.Client other = new TestSupport.Client("127.0.0.2")) {
            other.send(endpoint.localAddress(), "/test/now-allowed");
            assertEquals("/test/now-allowed", recorder.next().message().address());
        }
        endpoint.modified(TestSupport.endpointConfig("port", 0, "bindHost", "127.0.0.1"));
        assertNotEquals(first.getPort(), endpoint.localAddress().getPort());
        try (TestSupport.Client surface = new TestSupport.Client("127.0.0.1")) {
            surface.send(endpoint.localAddress(), "/test/moved");
            assertEquals("/test/moved", recorder.next().message().address());
        }
    }

    @Test
    void routesByEndpointNameAndAddressPrefix() {
        OscHandler any = r -> { };
        OscHandler control = r -> { };
        OscHandler other = r -> { };
        OscHandler broken = r -> { };
        Map<OscHandler, Map<String, Object>> handlers = new LinkedHashMap<>();
        handlers.put(any, Map.of());
        handlers.put(control, Map.of(OscHandler.PROP_ENDPOINT, "control",
                OscHandler.PROP_ADDRESS, new String[] {"/perfsuite", "/ping/"}));
        handlers.put(other, Map.of(OscHandler.PROP_ENDPOINT, List.of("ableton")));
        handlers.put(broken, Map.of(OscHandler.PROP_ADDRESS, "perfsuite"));

        List<UdpEndpoint.Route> routes = OscEndpointComponent.routes("control", handlers);

        assertEquals(2, routes.size());
        assertTrue(routes.get(0).matches("/anything"));
        UdpEndpoint.Route r = routes.get(1);
        assertTrue(r.matches("/perfsuite") && r.matches("/perfsuite/cmd/x") && r.matches("/ping/x"));
        assertTrue(!r.matches("/perfsuitex") && !r.matches("/ping") && !r.matches("/other"));
    }

    @Test
    void theShellCommandListsEndpointsWithTheirCounters() throws Exception {
        endpoint = TestSupport.start(r -> { }, "allowedSenders", new String[] {"127.0.0.1", "10.0.0.0/8"});
        OscCommands commands = new OscCommands();
        Map<String, Object> properties = Map.of(org.osgi.framework.Constants.SERVICE_ID, 7L, "name", "test",
                "allowedSenders", new String[] {"127.0.0.1", "10.0.0.0/8"}, "maxPacketSize", 8192, "rateLimit", 1000,
                "rateBurst", 200);
        commands.bindEndpoint(endpoint, properties);
        try (TestSupport.Client stranger = new TestSupport.Client("127.0.0.2")) {
            stranger.send(endpoint.localAddress(), "/x");
            TestSupport.await(endpoint, s -> s.disallowed() == 1);
        }
        String out = commands.osc();
        assertTrue(out.startsWith("OSC endpoints: 1"), out);
        assertTrue(out.contains("test") && out.contains(String.valueOf(endpoint.localAddress().getPort())), out);
        assertTrue(out.contains("[127.0.0.1, 10.0.0.0/8]") && out.contains("disallowed 1"), out);
        commands.unbindEndpoint(endpoint, properties);
        assertTrue(commands.osc().startsWith("OSC endpoints: 0"));
    }

    @Test
    void aTakenPortFailsTheActivation() throws Exception {
        endpoint = TestSupport.start(r -> { });
        OscEndpointComponent second = new OscEndpointComponent();
        assertThrows(java.net.BindException.class, () -> second.activate(TestSupport.endpointConfig("port",
                endpoint.localAddress().getPort())));
        assertThrows(IllegalArgumentException.class, () -> second.activate(TestSupport.endpointConfig(
                "allowedSenders", new String[] {"10.0.0.0/40"})));
    }

    @Test
    void refusesToSendWhatCannotBeEncodedOrAfterClosing() throws Exception {
        endpoint = TestSupport.start(r -> { });
        InetSocketAddress self = endpoint.localAddress();
        assertThrows(IllegalArgumentException.class, () -> endpoint.send(self, "/x", new Object()));
        assertThrows(IllegalArgumentException.class, () -> endpoint.send(self, "/has space"));
        assertThrows(IllegalArgumentException.class, () -> endpoint.send(self, "/big", new byte[70_000]));
        endpoint.deactivate();
        assertThrows(IllegalStateException.class, () -> endpoint.send(self, "/x"));
        endpoint = null;
    }
}
