// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * Protects the state-changing endpoints against cross-site request forgery. A browser sends the Basic credentials it
 * has cached with any request to the host, whoever's page makes it, so credentials alone prove nothing about intent.
 * A request must also carry the token the console page was given (an HMAC of the user name under a secret made at
 * activation, so a restart invalidates old pages) in the {@value #HEADER} header, which another site's page can
 * neither read nor set without a CORS preflight we never answer; and its {@code Origin} (else {@code Referer}) must
 * name this host.
 */
@Component(service = CsrfGuard.class, configurationPolicy = ConfigurationPolicy.IGNORE)
public class CsrfGuard {

    /** The request header that carries the token. */
    public static final String HEADER = "X-Perfsuite-CSRF";

    private final SecretKeySpec key;

    /** A guard with a new random secret. */
    public CsrfGuard() {
        this(randomSecret());
    }

    /** @param secret the server secret, at least 16 bytes */
    CsrfGuard(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("secret too short: " + secret.length + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    private static byte[] randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /**
     * @param user the authenticated user name
     * @return the token a page for that user sends back
     */
    public String token(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal(("perfsuite-csrf\0" + user).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /**
     * Checks a state-changing request from an authenticated user.
     *
     * @param request the request
     * @param user    the user name the security provider authenticated
     * @return null if the request may go on, else why it is refused
     */
    public String refusal(HttpServletRequest request, String user) {
        String given = request.getHeader(HEADER);
        if (given == null || given.isEmpty()) {
            return "missing " + HEADER + " header";
        }
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token(user).getBytes(StandardCharsets.UTF_8))) {
            return "wrong " + HEADER + " token";
        }
        String origin = request.getHeader("Origin");
        String source = origin != null ? origin : request.getHeader("Referer");
        if (source == null) {
            return "neither Origin nor Referer header";
        }
        if (!sameHost(source, request.getHeader("Host"))) {
            return "cross-origin request from " + source;
        }
        return null;
    }

    /** Whether an Origin or Referer URL names the host (and port) the request was sent to. */
    static boolean sameHost(String url, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return false; // "null" origins (sandboxed frames, file:) never match
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String expected = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        return host.equals(expected) || (port == defaultPort && host.equals(uri.getHost().toLowerCase(Locale.ROOT)));
    }
}
