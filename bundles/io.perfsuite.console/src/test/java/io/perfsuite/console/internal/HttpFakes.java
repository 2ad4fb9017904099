// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;

/** Just enough of a servlet request and response for the console's unit tests (no mocking library). */
final class HttpFakes {

    private HttpFakes() {
    }

    /** A request under construction. */
    static final class Request {
        final String method;
        final String pathInfo;
        final Map<String, String> headers = new HashMap<>();
        final Map<String, List<String>> params = new HashMap<>();

        Request(String method, String pathInfo) {
            this.method = method;
            this.pathInfo = pathInfo;
            headers.put("host", "127.0.0.1:8080");
        }

        Request header(String name, String value) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            return this;
        }

        Request basic(String user, String password) {
            return header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        Request param(String name, String value) {
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        HttpServletRequest build() {
            return (HttpServletRequest) Proxy.newProxyInstance(HttpFakes.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getPathInfo" -> pathInfo;
                        case "getHeader" -> headers.get(((String) a[0]).toLowerCase(java.util.Locale.ROOT));
                        case "getParameter" -> params.containsKey((String) a[0]) ? params.get(a[0]).get(0) : null;
                        case "getParameterValues" -> params.containsKey((String) a[0])
                                ? params.get(a[0]).toArray(new String[0]) : null;
                        case "getRemoteAddr" -> "127.0.0.1";
                        case "getContentLengthLong" -> 0L;
                        case "getInputStream" -> emptyInput();
                        case "toString" -> method + " " + pathInfo;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    private static jakarta.servlet.ServletInputStream emptyInput() {
        return new jakarta.servlet.ServletInputStream() {
            @Override
            public int read() {
                return -1;
            }

            @Override
            public boolean isFinished() {
                return true;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(jakarta.servlet.ReadListener l) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A response that records what the servlet did. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final PrintWriter writer = new PrintWriter(body, true, StandardCharsets.UTF_8);
        final HttpServletResponse proxy;

        Response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) {
                    throw new UnsupportedOperationException();
                }
            };
            proxy = (HttpServletResponse) Proxy.newProxyInstance(HttpFakes.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) a[0];
                            case "sendError" -> status = (Integer) a[0];
                            case "setHeader", "addHeader" -> headers.put((String) a[0], (String) a[1]);
                            case "setContentType" -> headers.put("Content-Type", (String) a[0]);
                            case "setCharacterEncoding", "setContentLength" -> {
                                // recorded through the body
                            }
                            case "getOutputStream" -> {
                                return out;
                            }
                            case "getWriter" -> {
                                return writer;
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
        }

        String text() {
            writer.flush();
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** A security provider with one user, like the suite's: 401 for anything else. */
    static SecurityProvider security(String user, String password) {
        return new SecurityProvider() {
            @Override
            public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
                BasicAuth.UserPassword given = BasicAuth.parse(request.getHeader("Authorization"));
                if (given != null && given.user().equals(user) && given.password().equals(password)) {
                    return user;
                }
                response.setHeader("WWW-Authenticate", "Basic realm=\"test\"");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return null;
            }

            @Override
            public boolean authorize(Object u, String role) {
                return u != null;
            }

            @Override
            public void logout(HttpServletRequest request, HttpServletResponse response) {
                // nothing to end
            }
        };
    }
}
