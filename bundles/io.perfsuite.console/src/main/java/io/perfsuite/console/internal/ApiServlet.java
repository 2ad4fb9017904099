// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.api.session.SessionManager;

/**
 * The suite's HTTP API on the runtime's server, behind the console's credentials (see the README for each endpoint).
 * {@code GET /perfsuite/api/context} answers the session's state as JSON and {@code GET /perfsuite/api/events}
 * streams it as Server-Sent Events; the {@code POST} endpoints (command, cancel, undo, redo, mode) change the
 * session and also need the {@link CsrfGuard} token and a same-origin request.
 */
@Component(service = Servlet.class, configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    "osgi.http.whiteboard.servlet.pattern=/perfsuite/api/*",
    "osgi.http.whiteboard.servlet.name=perfsuite-api",
    "osgi.http.whiteboard.servlet.asyncSupported=true"})
public class ApiServlet extends HttpServlet {

    /** Frames per second of the event stream. */
    static final double EVENTS_HZ = 20;
    /** The most event-stream clients at once. */
    static final int MAX_EVENT_CLIENTS = 16;
    /** Frames in a row (half a second) a client may fail to take before it is dropped. */
    static final int MAX_MISSED_FRAMES = 10;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient SecurityProvider security;
    private final transient CsrfGuard csrf;
    private final transient EventPublisher events;
    private transient volatile SessionManager session;

    /**
     * @param security the console's security provider: the same user and password as the Web Console
     * @param csrf     the guard of the state-changing endpoints, shared with the console pages that issue its token
     */
    @Activate
    public ApiServlet(@Reference(name = "security", target = "(" + SecurityProvider.PROPERTY_ID + "="
            + ConsoleSecurityProvider.PROVIDER_ID + ")") SecurityProvider security,
            @Reference(name = "csrf") CsrfGuard csrf) {
        this.security = security;
        this.csrf = csrf;
        this.events = new EventPublisher(this::frame, EVENTS_HZ, MAX_EVENT_CLIENTS, MAX_MISSED_FRAMES);
    }

    @Deactivate
    void deactivate() {
        events.close();
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

    EventPublisher.Stats eventStats() {
        return events.stats();
    }

    private String frame() {
        SessionManager s = session;
        return s == null ? null : ContextJson.render(s.context(), s.queue(), s.agents(), System.nanoTime());
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
        switch (path) {
            case "/context", "/events", "/events/stats" -> {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    resp.setHeader("Allow", "GET, HEAD");
                    error(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "read-only endpoint");
                    return;
                }
                read(path, req, resp);
            }
            case "/command", "/cancel", "/undo", "/redo", "/mode" -> {
                if (!method.equals("POST")) {
                    resp.setHeader("Allow", "POST");
                    error(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "use POST");
                    return;
                }
                String refusal = csrf.refusal(req, user.toString());
                if (refusal != null) {
                    LOG.warn("Refused {} {} from {}: {}", method, path, req.getRemoteAddr(), refusal);
                    drain(req, resp);
                    error(resp, HttpServletResponse.SC_FORBIDDEN, refusal);
                    return;
                }
                change(path, req, resp);
            }
            default -> error(resp, HttpServletResponse.SC_NOT_FOUND, "unknown endpoint: /perfsuite/api" + path);
        }
    }

    private void read(String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (path.equals("/events/stats")) {
            EventPublisher.Stats st = events.stats();
            json(resp, req, HttpServletResponse.SC_OK, new Json().beginObject().field("clients", st.clients())
                    .field("frames", st.frames()).field("dropped", st.dropped()).field("hz", st.hz())
                    .field("cpuNanos", st.cpuNanos()).field("runNanos", st.runNanos()).endObject().toString());
            return;
        }
        SessionManager s = session;
        if (s == null) {
            error(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "no session is running");
            return;
        }
        if (path.equals("/events")) {
            stream(req, resp);
            return;
        }
        json(resp, req, HttpServletResponse.SC_OK,
                ContextJson.render(s.context(), s.queue(), s.agents(), System.nanoTime()));
    }

    private void change(String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SessionManager s = session;
        if (s == null) {
            error(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "no session is running");
            return;
        }
        try {
            switch (path) {
                case "/command" -> {
                    String name = req.getParameter("name");
                    if (name == null || name.isBlank()) {
                        throw new IllegalArgumentException("missing parameter: name");
                    }
                    Map<String, String> args = arguments(req.getParameterValues("arg"));
                    if (name.equals("tap-tempo") && !args.containsKey("at")) {
                        args.put("at", Long.toString(System.nanoTime())); // the tap is when the button was hit
                    }
                    String q = req.getParameter("quantization");
                    QueuedCommand queued = q == null || q.isBlank() ? s.submit(s.create(name, args))
                            : s.submit(s.create(name, args), quantization(q));
                    json(resp, req, HttpServletResponse.SC_OK, queued(new Json().beginObject().field("ok", true)
                            .name("queued"), queued).endObject().toString());
                }
                case "/cancel" -> {
                    long id;
                    try {
                        id = Long.parseLong(String.valueOf(req.getParameter("id")).strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("parameter id must be a command id");
                    }
                    json(resp, req, HttpServletResponse.SC_OK, new Json().beginObject().field("ok", true)
                            .field("cancelled", s.cancel(id)).endObject().toString());
                }
                case "/undo", "/redo" -> {
                    Optional<QueuedCommand> done = path.equals("/undo") ? s.undo() : s.redo();
                    Json j = new Json().beginObject().field("ok", true).name(path.substring(1));
                    if (done.isPresent()) {
                        queued(j, done.get());
                    } else {
                        j.value((String) null);
                    }
                    json(resp, req, HttpServletResponse.SC_OK, j.endObject().toString());
                }
                case "/mode" -> {
                    String m = String.valueOf(req.getParameter("mode")).strip().toUpperCase(Locale.ROOT);
                    SystemMode mode;
                    try {
                        mode = SystemMode.valueOf(m);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("parameter mode must be setup, rehearsal or performance");
                    }
                    s.setMode(mode);
                    json(resp, req, HttpServletResponse.SC_OK, new Json().beginObject().field("ok", true)
                            .field("mode", mode.name().toLowerCase(Locale.ROOT)).endObject().toString());
                }
                default -> throw new IllegalStateException("unreachable: " + path);
            }
        } catch (IllegalArgumentException e) {
            error(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            error(resp, HttpServletResponse.SC_CONFLICT, e.getMessage()); // the mode refuses it
        }
    }

    /**
     * Reads a refused request's small body, so the container keeps the connection open for the client's next
     * request; a large one is left unread and the connection closed.
     */
    private static void drain(HttpServletRequest req, HttpServletResponse resp) {
        try {
            if (req.getContentLengthLong() > 65536 || req.getInputStream().skip(65537) > 65536) {
                resp.setHeader("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            resp.setHeader("Connection", "close");
        }
    }

    /** Parses {@code arg=key=value} parameters. */
    static Map<String, String> arguments(String[] values) {
        Map<String, String> args = new LinkedHashMap<>();
        if (values != null) {
            for (String v : values) {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("argument must be key=value: " + v);
                }
                args.put(v.substring(0, eq).strip(), v.substring(eq + 1).strip());
            }
        }
        return args;
    }

    static Quantization quantization(String q) {
        try {
            return Quantization.valueOf(q.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("quantization must be one of now, beat, bar, phrase, section-end: "
                    + q);
        }
    }

    private static Json queued(Json j, QueuedCommand q) {
        j.beginObject().field("id", q.id()).field("name", q.name())
                .field("quantization", q.quantization().name().toLowerCase(Locale.ROOT)).field("dueBeat", q.dueBeat());
        j.name("arguments").beginObject();
        for (Map.Entry<String, String> a : new java.util.TreeMap<>(q.arguments()).entrySet()) {
            j.field(a.getKey(), a.getValue());
        }
        return j.endObject().endObject();
    }

    private static void json(HttpServletResponse resp, HttpServletRequest req, int status, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        if (!req.getMethod().equals("HEAD")) {
            resp.getOutputStream().write(body);
        }
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        byte[] body = new Json().beginObject().field("ok", false).field("error", message).endObject().toString()
                .getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private void stream(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("X-Accel-Buffering", "no");
        if (req.getMethod().equals("HEAD")) {
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0); // open until the client leaves or the publisher drops it
        ServletOutputStream out = resp.getOutputStream();
        SseClient client = new SseClient(async, out);
        async.addListener(client);
        out.setWriteListener(client);
        if (!events.add(client)) {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            client.close();
        }
    }

    /** One event-stream connection, written without blocking (servlet non-blocking I/O). */
    private final class SseClient implements EventPublisher.Client, WriteListener, AsyncListener {
        private final AsyncContext async;
        private final ServletOutputStream out;
        private boolean closed;

        SseClient(AsyncContext async, ServletOutputStream out) {
            this.async = async;
            this.out = out;
        }

        @Override
        public synchronized boolean ready() {
            return !closed && out.isReady();
        }

        @Override
        public synchronized void send(byte[] frame) throws IOException {
            out.write(frame);
            if (out.isReady()) {
                out.flush(); // the container may hold a small write back; a frame must go out now
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                events.remove(this);
                try {
                    async.complete();
                } catch (IllegalStateException alreadyDone) {
                    // the container ended it first
                }
            }
        }

        @Override
        public void onWritePossible() {
            // the publisher asks ready() before each frame; nothing is waiting to be written here
        }

        @Override
        public void onError(Throwable t) {
            close();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            events.remove(this);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            close();
        }

        @Override
        public void onError(AsyncEvent event) {
            close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }
}
