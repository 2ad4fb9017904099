// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin endpoints of the HTTP API, {@code /perfsuite/api/plugins/*}: {@code GET} lists the plugins,
 * {@code POST install}, {@code update?id=} and {@code uninstall} change them, behind the console's credentials and
 * the same {@link CsrfGuard} checks as the other state-changing endpoints. A jar comes as the raw request body, as
 * the multipart part {@code jar}, or from the form field {@code url}.
 */
@Component(service = Servlet.class, configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    "osgi.http.whiteboard.servlet.pattern=/perfsuite/api/plugins/*",
    "osgi.http.whiteboard.servlet.name=perfsuite-api-plugins",
    "osgi.http.whiteboard.servlet.multipart.enabled=true",
    "osgi.http.whiteboard.servlet.multipart.maxFileSize:Long=" + PluginManager.MAX_BYTES})
public class PluginsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PluginsServlet.class);

    private final transient SecurityProvider security;
    private final transient CsrfGuard csrf;
    private final transient PluginManager plugins;

    /**
     * @param security the console's security provider
     * @param csrf     the guard shared with the pages that issue its token
     * @param context  this bundle's context, to install and update bundles
     */
    @Activate
    public PluginsServlet(@Reference(name = "security", target = "(" + SecurityProvider.PROPERTY_ID + "="
            + ConsoleSecurityProvider.PROVIDER_ID + ")") SecurityProvider security,
            @Reference(name = "csrf") CsrfGuard csrf, BundleContext context) {
        this(security, csrf, new PluginManager(context));
    }

    PluginsServlet(SecurityProvider security, CsrfGuard csrf, PluginManager plugins) {
        this.security = security;
        this.csrf = csrf;
        this.plugins = plugins;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object user = security.authenticate(req, resp);
        if (user == null) {
            return; // 401 with the challenge already sent
        }
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        if (path.isEmpty() || path.equals("/")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                resp.setHeader("Allow", "GET, HEAD");
                error(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "read-only endpoint");
                return;
            }
            json(resp, HttpServletResponse.SC_OK, list());
            return;
        }
        if (!path.equals("/install") && !path.equals("/update") && !path.equals("/uninstall")) {
            error(resp, HttpServletResponse.SC_NOT_FOUND, "unknown endpoint: /perfsuite/api/plugins" + path);
            return;
        }
        if (!method.equals("POST")) {
            resp.setHeader("Allow", "POST");
            error(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "use POST");
            return;
        }
        String refusal = csrf.refusal(req, user.toString());
        if (refusal != null) {
            LOG.warn("Refused {} {} from {}: {}", method, path, req.getRemoteAddr(), refusal);
            error(resp, HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        try {
            switch (path) {
                case "/install" -> {
                    PluginManager.Plugin p = plugins.install(jar(req));
                    LOG.info("Installed plugin {} {} (bundle {})", p.symbolicName(), p.version(), p.id());
                    json(resp, HttpServletResponse.SC_OK, plugin(new Json().beginObject().field("ok", true)
                            .name("plugin"), p).endObject().toString());
                }
                case "/update" -> {
                    long id = id(req);
                    PluginManager.Plugin p = plugins.update(id, jar(req));
                    LOG.info("Updated plugin {} to {} (bundle {})", p.symbolicName(), p.version(), p.id());
                    json(resp, HttpServletResponse.SC_OK, plugin(new Json().beginObject().field("ok", true)
                            .name("plugin"), p).endObject().toString());
                }
                default -> {
                    long id = id(req);
                    plugins.uninstall(id);
                    LOG.info("Uninstalled plugin bundle {}", id);
                    json(resp, HttpServletResponse.SC_OK, new Json().beginObject().field("ok", true)
                            .field("uninstalled", id).endObject().toString());
                }
            }
        } catch (PluginManager.Refused e) {
            LOG.warn("Plugin {} refused: {}", path.substring(1), e.getMessage());
            error(resp, e.conflict ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST,
                    e.getMessage());
        }
    }

    private static long id(HttpServletRequest req) throws PluginManager.Refused {
        try {
            return Long.parseLong(String.valueOf(req.getParameter("id")).strip());
        } catch (NumberFormatException e) {
            throw new PluginManager.Refused("parameter id must be a bundle id", false);
        }
    }

    /** The jar of the request: the multipart part "jar", the form field "url", or the raw body. */
    private static byte[] jar(HttpServletRequest req) throws IOException, PluginManager.Refused {
        String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            try {
                Part part = req.getPart("jar");
                if (part != null && part.getSize() > 0) {
                    try (InputStream in = part.getInputStream()) {
                        return PluginManager.readLimited(in);
                    }
                }
            } catch (ServletException | IllegalStateException e) {
                throw new PluginManager.Refused("cannot read the upload: " + e.getMessage(), false);
            }
        }
        if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
            String url = req.getParameter("url");
            if (url == null || url.isBlank()) {
                throw new PluginManager.Refused("give a jar (part jar) or a url", false);
            }
            return PluginManager.fetch(url);
        }
        if (req.getContentLengthLong() > PluginManager.MAX_BYTES) {
            throw new PluginManager.Refused("the jar is larger than the " + PluginManager.MAX_BYTES
                    + " bytes accepted", false);
        }
        try (InputStream in = req.getInputStream()) {
            return PluginManager.readLimited(in);
        }
    }

    private String list() {
        Json j = new Json().beginObject().name("plugins").beginArray();
        for (PluginManager.Plugin p : plugins.plugins()) {
            plugin(j, p);
        }
        return j.endArray().endObject().toString();
    }

    private static Json plugin(Json j, PluginManager.Plugin p) {
        j.beginObject().field("id", p.id()).field("symbolicName", p.symbolicName()).field("version", p.version())
                .field("state", p.state()).field("location", p.location()).name("bandmates").beginArray();
        for (String m : p.bandmates()) {
            j.value(m);
        }
        return j.endArray().endObject();
    }

    private static void json(HttpServletResponse resp, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        json(resp, status, new Json().beginObject().field("ok", false).field("error", message).endObject()
                .toString());
    }
}
