// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.SystemMode;

class ApiServletTest {

    private static final String ORIGIN = "http://127.0.0.1:8080";

    private final CsrfGuard csrf = new CsrfGuard();
    private final ApiServlet servlet = new ApiServlet(HttpFakes.security("perfsuite", "secret"), csrf);
    private final FakeSession session = new FakeSession();

    ApiServletTest() {
        servlet.bindSession(session);
    }

    @AfterEach
    void stop() {
        servlet.deactivate();
    }

    private HttpFakes.Response call(HttpFakes.Request r) throws Exception {
        HttpFakes.Response resp = new HttpFakes.Response();
        servlet.service(r.build(), resp.proxy);
        return resp;
    }

    private HttpFakes.Request legit(String path) {
        return new HttpFakes.Request("POST", path).basic("perfsuite", "secret")
                .header(CsrfGuard.HEADER, csrf.token("perfsuite")).header("Origin", ORIGIN);
    }

    @Test
    void everyEndpointWantsTheCredentials() throws Exception {
        for (String path : new String[] {"/context", "/events", "/command", "/cancel", "/undo", "/redo", "/mode"}) {
            HttpFakes.Response r = call(new HttpFakes.Request("POST", path).header(CsrfGuard.HEADER,
                    csrf.token("perfsuite")).header("Origin", ORIGIN));
            assertEquals(401, r.status, path);
            r = call(new HttpFakes.Request("POST", path).basic("perfsuite", "wrong"));
            assertEquals(401, r.status, path);
        }
        assertTrue(session.submitted.isEmpty());
    }

    @Test
    void forgedChangesAreForbidden() throws Exception {
        HttpFakes.Request noToken = new HttpFakes.Request("POST", "/command").basic("perfsuite", "secret")
                .header("Origin", ORIGIN).param("name", "count-in");
        HttpFakes.Request wrongToken = new HttpFakes.Request("POST", "/command").basic("perfsuite", "secret")
                .header("Origin", ORIGIN).header(CsrfGuard.HEADER, new CsrfGuard().token("perfsuite"))
                .param("name", "count-in");
        HttpFakes.Request foreign = new HttpFakes.Request("POST", "/command").basic("perfsuite", "secret")
                .header("Origin", "http://evil.example").header(CsrfGuard.HEADER, csrf.token("perfsuite"))
                .param("name", "count-in");
        for (HttpFakes.Request r : new HttpFakes.Request[] {noToken, wrongToken, foreign}) {
            HttpFakes.Response resp = call(r);
            assertEquals(403, resp.status, resp.text());
            assertTrue(resp.text().contains("\"ok\":false"), resp.text());
        }
        assertEquals(403, call(new HttpFakes.Request("POST", "/mode").basic("perfsuite", "secret")
                .header("Origin", ORIGIN).param("mode", "performance")).status);
        assertTrue(session.submitted.isEmpty());
        assertEquals(SystemMode.SETUP, session.mode);
    }

    @Test
    void aLegitimateCommandIsQueuedWithItsArgumentsAndQuantization() throws Exception {
        HttpFakes.Response r = call(legit("/command").param("name", "tempo").param("arg", "bpm=96")
                .param("quantization", "section-end"));
        assertEquals(200, r.status, r.text());
        assertEquals("tempo", session.submitted.get(0).name());
        assertEquals(Map.of("bpm", "96"), session.submitted.get(0).arguments());
        assertEquals(Quantization.SECTION_END, session.submitted.get(0).quantization());
        assertTrue(r.text().contains("\"queued\":{\"id\":1,\"name\":\"tempo\""), r.text());

        r = call(legit("/command").param("name", "tap-tempo"));
        assertEquals(200, r.status, r.text());
        assertTrue(session.submitted.get(1).arguments().containsKey("at"), "the tap's time is added");
    }

    @Test
    void badRequestsSayWhy() throws Exception {
        assertEquals(400, call(legit("/command")).status);
        HttpFakes.Response r = call(legit("/command").param("name", "bogus"));
        assertEquals(400, r.status);
        assertTrue(r.text().contains("unknown command"), r.text());
        assertEquals(400, call(legit("/command").param("name", "tempo").param("arg", "bpm")).status);
        assertEquals(400, call(legit("/command").param("name", "tempo").param("quantization", "soon")).status);
        assertEquals(400, call(legit("/cancel").param("id", "x")).status);
        assertEquals(400, call(legit("/mode").param("mode", "party")).status);
        assertEquals(405, call(new HttpFakes.Request("GET", "/command").basic("perfsuite", "secret")).status);
        assertEquals(405, call(legit("/context")).status);
        assertEquals(404, call(legit("/nothing")).status);
    }

    @Test
    void cancelUndoRedoAndMode() throws Exception {
        call(legit("/command").param("name", "count-in"));
        HttpFakes.Response r = call(legit("/cancel").param("id", "1"));
        assertEquals(200, r.status);
        assertTrue(r.text().contains("\"cancelled\":true"), r.text());
        assertEquals(200, call(legit("/undo")).status);
        assertEquals(1, session.undos);
        assertEquals(200, call(legit("/redo")).status);
        assertEquals(200, call(legit("/mode").param("mode", "performance")).status);
        assertEquals(SystemMode.PERFORMANCE, session.mode);
        assertEquals(409, call(legit("/undo")).status, "the mode refuses it");
    }

    @Test
    void readingNeedsNoToken() throws Exception {
        HttpFakes.Response r = call(new HttpFakes.Request("GET", "/context").basic("perfsuite", "secret"));
        assertEquals(200, r.status);
        assertTrue(r.text().startsWith("{\"sequence\":"), r.text());
        r = call(new HttpFakes.Request("GET", "/events/stats").basic("perfsuite", "secret"));
        assertTrue(r.text().contains("\"hz\":20"), r.text());
    }

    @Test
    void argumentsAndQuantizationsParse() {
        assertEquals(Map.of("a", "1", "b", "x=y"), ApiServlet.arguments(new String[] {"a=1", " b = x=y"}));
        assertEquals(Map.of(), ApiServlet.arguments(null));
        assertThrows(IllegalArgumentException.class, () -> ApiServlet.arguments(new String[] {"=1"}));
        assertEquals(Quantization.BAR, ApiServlet.quantization("Bar"));
    }
}
