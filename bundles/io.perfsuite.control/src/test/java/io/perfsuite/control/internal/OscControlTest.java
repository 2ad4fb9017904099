// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.transport.OSCPortOut;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.music.Chord;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.Tempo;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.control.internal.ControlProtocol.Counter;
import io.perfsuite.transport.osc.OscHandler;
import io.perfsuite.transport.osc.internal.OscEndpointComponent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OSC control interface end to end: a real endpoint on 127.0.0.1, the control component as its handler, a
 * recording stand-in for the session, and a surface socket that sends with JavaOSC and reads the answers.
 */
class OscControlTest {

    private RecordingSessionManager session;
    private OscEndpointComponent endpoint;
    private OscControl control;
    private Surface surface;

    @BeforeEach
    void start() throws Exception {
        start(OscEndpointComponent.Config.class.getName()); // defaults of both
    }

    private void start(String ignored, Object... controlConfig) throws Exception {
        session = new RecordingSessionManager();
        control = new OscControl();
        control.bindSession(session);
        control.activate(Surface.config(OscControl.Config.class, controlConfig));
        endpoint = new OscEndpointComponent();
        endpoint.bindHandler(control, Map.of(OscHandler.PROP_ADDRESS, ControlProtocol.ROOT,
                OscHandler.PROP_ENDPOINT, "control"));
        endpoint.activate(Surface.config(OscEndpointComponent.Config.class, "port", 0, "maxPacketSize", 512,
                "errorReply", "/perfsuite/error"));
        surface = new Surface(endpoint.localAddress());
    }

    @AfterEach
    void stop() {
        surface.close();
        endpoint.deactivate();
        control.deactivate();
    }

    private long count(Counter c) {
        return control.protocol().count(c);
    }

    @Test
    void aCommandWithNamedArgumentsIsSubmittedAndAcknowledged() throws Exception {
        surface.send("/perfsuite/cmd/goto-section", "name=chorus");
        QueuedCommand q = session.next();
        assertEquals("goto-section", q.name());
        assertEquals(Map.of("name", "chorus"), q.arguments());
        assertEquals(Quantization.NOW, q.quantization());
        assertEquals(new Surface.Reply("/perfsuite/ack", List.of((int) q.id(), "goto-section", "now")),
                surface.receive());
        assertEquals(1, count(Counter.COMMANDS));
    }

    @Test
    void positionalPairsAndQuantization() throws Exception {
        surface.send("/perfsuite/cmd/tempo", 96.0f); // tempo=bpm is a default positional name
        assertEquals(Map.of("bpm", "96"), session.next().arguments());
        surface.send("/perfsuite/cmd/tempo-nudge", "bpm", 2.5f);
        assertEquals(Map.of("bpm", "2.5"), session.next().arguments());
        surface.send("/perfsuite/cmd/next-section/bar");
        assertEquals(Quantization.BAR, session.next().quantization());
        surface.send("/perfsuite/cmd/goto-section", "name=verse", "quantize=section-end");
        QueuedCommand q = session.next();
        assertEquals(Map.of("name", "verse"), q.arguments());
        assertEquals(Quantization.SECTION_END, q.quantization());
        for (int i = 0; i < 4; i++) {
            assertEquals("/perfsuite/ack", surface.receive().address());
        }
    }

    @Test
    void aButtonFiresOnPressAndItsReleaseIsIgnored() throws Exception {
        surface.send("/perfsuite/cmd/fill", 1.0f);
        assertEquals(Map.of(), session.next().arguments());
        assertEquals("/perfsuite/ack", surface.receive().address());
        surface.send("/perfsuite/cmd/fill", 0.0f);
        assertTrue(surface.silentFor(300), "the release gets no answer");
        assertTrue(session.submitted.isEmpty(), "nothing more was submitted");
        assertEquals(1, count(Counter.RELEASES_IGNORED));
    }

    @Test
    void unknownAddressesAndCommandsAreCountedAndAnswered() throws Exception {
        surface.send("/perfsuite/nope", 1);
        assertEquals(new Surface.Reply("/perfsuite/error", List.of("/perfsuite/nope", "unknown address")),
                surface.receive());
        surface.send("/perfsuite/cmd/explode");
        assertEquals(List.of("/perfsuite/cmd/explode", "unknown command explode"), surface.receive().arguments());
        surface.send("/perfsuite/cmd/next-section/someday");
        assertEquals("/perfsuite/error", surface.receive().address());
        // an OSC pattern, which JavaOSC would not even encode
        surface.sendRaw(new byte[] {'/', 'p', 'e', 'r', 'f', 's', 'u', 'i', 't', 'e', '/', '*', 0, 0, 0, 0});
        assertEquals("/perfsuite/error", surface.receive().address());
        assertEquals(3, count(Counter.UNKNOWN_ADDRESS));
        assertEquals(1, count(Counter.UNKNOWN_COMMAND));
        assertTrue(session.submitted.isEmpty());
    }

    @Test
    void wrongArgumentTypesAreCountedAndAnswered() throws Exception {
        surface.send("/perfsuite/cmd/goto-section", new byte[] {1, 2});
        Surface.Reply r = surface.receive();
        assertEquals("/perfsuite/error", r.address());
        assertEquals("argument 1 has type 'b'; commands take i, h, f, d, s, S, c, T or F", r.arguments().get(1));
        surface.send("/perfsuite/mode", 3);
        assertEquals("mode takes a string: setup, rehearsal or performance", surface.receive().arguments().get(1));
        surface.send("/perfsuite/cancel", 1.5f);
        assertEquals("/perfsuite/error", surface.receive().address());
        assertEquals(3, count(Counter.WRONG_TYPE));

        surface.send("/perfsuite/cmd/goto-section", "chorus", "verse", "coda"); // three values, one name
        assertEquals("/perfsuite/error", surface.receive().address());
        surface.send("/perfsuite/cmd/goto-section", "bad=1");
        assertEquals("argument bad: 1 is not allowed", surface.receive().arguments().get(1));
        assertEquals(2, count(Counter.BAD_ARGUMENTS));
    }

    @Test
    void oversizedAndUndecodablePacketsAreAnsweredByTheEndpoint() throws Exception {
        surface.send("/perfsuite/cmd/goto-section", "name=" + "x".repeat(600));
        assertEquals(new Surface.Reply("/perfsuite/error", List.of("", "packet larger than 512 bytes")),
                surface.receive());
        surface.sendRaw(new byte[] {'/', 'p', 0, 0, ',', 'Q', 0, 0});
        assertEquals(List.of("", "unknown type tag 'Q'"), surface.receive().arguments());
        assertEquals(1, endpoint.stats().oversized());
        assertEquals(1, endpoint.stats().badTypeTag());
    }

    @Test
    void cancelUndoRedoAndMode() throws Exception {
        surface.send("/perfsuite/cmd/next-section/bar");
        QueuedCommand q = session.next();
        surface.receive();
        surface.send("/perfsuite/cancel", (int) q.id());
        assertEquals(List.of((int) q.id(), "cancel"), surface.receive().arguments());
        surface.send("/perfsuite/cancel", "999");
        assertEquals(List.of("/perfsuite/cancel", "command 999 is not queued"), surface.receive().arguments());

        surface.send("/perfsuite/undo");
        assertEquals(List.of((int) q.id(), "undo", "next-section"), surface.receive().arguments());
        surface.send("/perfsuite/redo");
        assertEquals(List.of((int) q.id(), "redo", "next-section"), surface.receive().arguments());

        surface.send("/perfsuite/mode", "Performance");
        assertEquals(List.of(-1, "mode", "performance"), surface.receive().arguments());
        assertEquals(SystemMode.PERFORMANCE, session.mode());
        surface.send("/perfsuite/undo");
        assertEquals(List.of("/perfsuite/undo", "no undo in performance mode"), surface.receive().arguments());
        surface.send("/perfsuite/cmd/refused-in-performance");
        assertEquals(List.of("/perfsuite/cmd/refused-in-performance",
                "refused-in-performance is not allowed in performance mode"), surface.receive().arguments());
        surface.send("/perfsuite/mode", "encore");
        assertEquals("/perfsuite/error", surface.receive().address());
        assertEquals(3, count(Counter.REFUSED));
    }

    @Test
    void queriesAreAnsweredToTheSender() throws Exception {
        session.context = session.context.next().tempo(new Tempo(96), 0.9)
                .sections(Section.named("Chorus", 8), null).chords(Chord.parse("A:min7"), Chord.NO_CHORD)
                .at(System.nanoTime(), 9.0).build();
        surface.send("/perfsuite/get/tempo");
        assertEquals(new Surface.Reply("/perfsuite/state/tempo", List.of(96.0f)), surface.receive());
        surface.send("/perfsuite/get/section");
        assertEquals(new Surface.Reply("/perfsuite/state/section", List.of("Chorus")), surface.receive());
        surface.send("/perfsuite/get/context");
        assertEquals(List.of(96.0f), surface.receive().arguments());
        assertEquals(new Surface.Reply("/perfsuite/state/beat", List.of(3, 2)), surface.receive());
        assertEquals(List.of("Chorus"), surface.receive().arguments());
        assertEquals(new Surface.Reply("/perfsuite/state/chord", List.of("A:min7")), surface.receive());
        assertEquals(new Surface.Reply("/perfsuite/state/mode", List.of("rehearsal")), surface.receive());
        assertEquals(new Surface.Reply("/perfsuite/state/playing", List.of(0)), surface.receive());
        assertEquals(new Surface.Reply("/perfsuite/state/key", List.of("")), surface.receive());
        assertEquals("/perfsuite/state/intensity", surface.receive().address());

        surface.send("/perfsuite/cmd/next-section/phrase");
        session.next();
        surface.receive();
        surface.send("/perfsuite/get/queue");
        assertEquals(new Surface.Reply("/perfsuite/queue", List.of(1)), surface.receive());
        assertEquals(List.of(1, "next-section", "phrase", 4.0f), surface.receive().arguments());
        surface.send("/perfsuite/get/commands");
        assertEquals(session.commandNames(), surface.receive().arguments());
        surface.send("/perfsuite/get/tempo", 1);
        assertEquals(List.of("/perfsuite/get/tempo", "takes no arguments"), surface.receive().arguments());
    }

    @Test
    void subscribersGetStateChangesFromTheSessionThread() throws Exception {
        surface.send("/perfsuite/subscribe");
        assertEquals(List.of(-1, "subscribe"), surface.receive().arguments());
        for (int i = 0; i < 8; i++) {
            assertTrue(surface.receive().address().startsWith("/perfsuite/state/"), "the full state first");
        }
        // what the session thread does: publish a snapshot and tell the listeners what changed
        session.context = session.context.next().tempo(new Tempo(132), 1).at(System.nanoTime(), 4.0).build();
        control.contextChanged(session.context, Set.of(ContextChange.TEMPO, ContextChange.BEAT, ContextChange.BAR));
        assertEquals(new Surface.Reply("/perfsuite/state/tempo", List.of(132.0f)), surface.receive());
        assertEquals(new Surface.Reply("/perfsuite/state/beat", List.of(2, 1)), surface.receive());

        surface.send("/perfsuite/unsubscribe");
        assertEquals(List.of(-1, "unsubscribe"), surface.receive().arguments());
        control.contextChanged(session.context, Set.of(ContextChange.SECTION));
        assertTrue(surface.silentFor(300), "no state after unsubscribing");
    }

    @Test
    void withoutASessionEveryRequestIsAnsweredWithAnError() throws Exception {
        control.unbindSession(session);
        surface.send("/perfsuite/cmd/next-section");
        assertEquals(List.of("/perfsuite/cmd/next-section", "no session is running"), surface.receive().arguments());
        surface.send("/perfsuite/get/tempo");
        assertEquals("/perfsuite/error", surface.receive().address());
        assertEquals(2, count(Counter.NO_SESSION));
    }

    @Test
    void answersGoToTheConfiguredReplyPortForSurfacesThatListenElsewhere() throws Exception {
        stop();
        try (DatagramSocket listening = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            listening.setSoTimeout(5000);
            start(null, "replyPort", listening.getLocalPort());
            // TouchOSC's way: send from one socket (JavaOSC's OSCPortOut here), listen on another port
            OSCPortOut out = new OSCPortOut(new OSCSerializerAndParserBuilder(), endpoint.localAddress(),
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            try {
                out.send(new OSCMessage("/perfsuite/ping", List.of(7)));
            } finally {
                out.close();
            }
            assertEquals(new Surface.Reply("/perfsuite/pong", List.of(7)), Surface.receive(listening));
        }
    }

    @Test
    void theShellCommandReports() {
        String report = control.control();
        assertTrue(report.contains("OSC control on endpoint 'control'"), report);
        assertTrue(report.contains("session bound"), report);
    }
}
