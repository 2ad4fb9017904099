// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.perfsuite.api.session.SessionManager;

/**
 * The suite's HTTP API on the runtime's server, behind the console's credentials: {@code GET /perfsuite/api/context}
 * answers the session's state as JSON (see the README for the fields). Read-only; anything else is refused.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/perfsuite/api/*",
    "osgi.http.whiteboard.servlet.name=perfsuite-api"})
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SecurityProvider security;
    private transient volatile SessionManager session;

    /**
     * @param security the console's security provider: the same user and password as the Web Console
     */
    @Activate
    public ApiServlet(@Reference(name = "security", target = "(" + SecurityProvider.PROPERTY_ID + "="
            + ConsoleSecurityProvider.PROVIDER_ID + ")") SecurityProvider security) {
        this.security = security;
    }

    /** The session, when one runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSession(SessionManager s) {
        session = s;
    }

    void unbindSession(SessionManager s) {
        if (session == s) {
            session = null;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (security.authenticate(req, resp) == null) {
            return; // 401 with the challenge already sent
        }
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!path.equals("/context")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND, "unknown endpoint: /perfsuite/api" + path);
            return;
        }
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "read-only endpoint");
            return;
        }
        SessionManager s = session;
        if (s == null) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "no session is running");
            return;
        }
        byte[] body = ContextJson.render(s.context(), s.queue(), s.agents(), System.nanoTime())
                .getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        if (req.getMethod().equals("GET")) {
            resp.getOutputStream().write(body);
        }
    }
}
