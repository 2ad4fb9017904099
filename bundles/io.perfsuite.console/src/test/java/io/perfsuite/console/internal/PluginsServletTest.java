// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class PluginsServletTest {

    private static final String ORIGIN = "http://127.0.0.1:8080";

    private final CsrfGuard csrf = new CsrfGuard();
    // no framework: every request here must be turned away before the manager is asked
    private final PluginsServlet servlet = new PluginsServlet(HttpFakes.security("perfsuite", "secret"), csrf,
            new PluginManager(null));

    private HttpFakes.Response call(HttpFakes.Request r) throws Exception {
        HttpFakes.Response resp = new HttpFakes.Response();
        servlet.service(r.build(), resp.proxy);
        return resp;
    }

    @Test
    void changesWantCredentialsTokenAndOrigin() throws Exception {
        for (String path : new String[] {"/install", "/update", "/uninstall"}) {
            assertEquals(401, call(new HttpFakes.Request("POST", path).header(CsrfGuard.HEADER,
                    csrf.token("perfsuite")).header("Origin", ORIGIN)).status, path);
            assertEquals(403, call(new HttpFakes.Request("POST", path).basic("perfsuite", "secret")
                    .header("Origin", ORIGIN).param("id", "5")).status, path + " without a token");
            assertEquals(403, call(new HttpFakes.Request("POST", path).basic("perfsuite", "secret")
                    .header(CsrfGuard.HEADER, csrf.token("perfsuite")).header("Origin", "http://evil.example")
                    .param("id", "5")).status, path + " from another site");
            assertEquals(405, call(new HttpFakes.Request("GET", path).basic("perfsuite", "secret")).status, path);
        }
        assertEquals(404, call(new HttpFakes.Request("POST", "/other").basic("perfsuite", "secret")).status);
    }

    @Test
    void theUrlMustBeHttpOrFile() {
        PluginManager.Refused e = org.junit.jupiter.api.Assertions.assertThrows(PluginManager.Refused.class,
                () -> PluginManager.fetch("ftp://example.com/x.jar"));
        assertTrue(e.getMessage().contains("only http, https and file"), e.getMessage());
        assertFalse(e.conflict);
    }

    @Test
    void thePageEscapesAndCarriesTheToken() {
        StringWriter out = new StringWriter();
        PluginsPage.render(new PrintWriter(out), "tok", List.of(new PluginManager.Plugin(7, "<b>x</b>", "1.0.0",
                "Active", "file:/x.jar", List.of("metronome (service 9)"))));
        String html = out.toString();
        assertTrue(html.contains("data-csrf='tok'"));
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"));
        assertFalse(html.contains("<b>x</b>"));
        assertTrue(html.contains("metronome (service 9)"));
    }
}
