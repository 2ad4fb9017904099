// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsrfGuardTest {

    private static final byte[] SECRET = new byte[32];

    static {
        Arrays.fill(SECRET, (byte) 7);
    }

    private final CsrfGuard guard = new CsrfGuard(SECRET);

    private HttpFakes.Request post() {
        return new HttpFakes.Request("POST", "/command");
    }

    @Test
    void theTokenIsBoundToTheUserAndTheServerSecret() {
        assertEquals(guard.token("perfsuite"), new CsrfGuard(SECRET).token("perfsuite"));
        assertNotEquals(guard.token("perfsuite"), guard.token("someone"));
        assertNotEquals(guard.token("perfsuite"), new CsrfGuard().token("perfsuite"));
        assertEquals(43, guard.token("perfsuite").length()); // 256 bits, base64url without padding
    }

    @Test
    void aSameOriginRequestWithTheTokenPasses() {
        String token = guard.token("perfsuite");
        assertNull(guard.refusal(post().header(CsrfGuard.HEADER, token).header("Origin", "http://127.0.0.1:8080")
                .build(), "perfsuite"));
        assertNull(guard.refusal(post().header(CsrfGuard.HEADER, token)
                .header("Referer", "http://127.0.0.1:8080/system/console/perfsuite-live").build(), "perfsuite"));
    }

    @Test
    void forgedRequestsAreRefused() {
        String token = guard.token("perfsuite");
        String origin = "http://127.0.0.1:8080";
        assertNotNull(guard.refusal(post().header("Origin", origin).build(), "perfsuite"), "no token");
        assertNotNull(guard.refusal(post().header(CsrfGuard.HEADER, token + "x").header("Origin", origin).build(),
                "perfsuite"), "wrong token");
        assertNotNull(guard.refusal(post().header(CsrfGuard.HEADER, guard.token("other")).header("Origin", origin)
                .build(), "perfsuite"), "another user's token");
        assertNotNull(guard.refusal(post().header(CsrfGuard.HEADER, token).header("Origin", "http://evil.example")
                .build(), "perfsuite"), "foreign origin");
        assertNotNull(guard.refusal(post().header(CsrfGuard.HEADER, token).header("Origin", "null").build(),
                "perfsuite"), "opaque origin");
        assertNotNull(guard.refusal(post().header(CsrfGuard.HEADER, token).build(), "perfsuite"),
                "neither Origin nor Referer");
        assertTrue(guard.refusal(post().header(CsrfGuard.HEADER, token).header("Origin", "http://127.0.0.1:9090")
                .build(), "perfsuite").startsWith("cross-origin"), "another port");
    }

    @Test
    void hostComparisonKnowsDefaultPortsAndCase() {
        assertTrue(CsrfGuard.sameHost("http://Example.org", "example.org"));
        assertTrue(CsrfGuard.sameHost("http://example.org", "example.org:80"));
        assertTrue(CsrfGuard.sameHost("https://example.org/x?y", "example.org:443"));
        assertTrue(CsrfGuard.sameHost("http://[::1]:8080", "[::1]:8080"));
        assertFalse(CsrfGuard.sameHost("https://example.org", "example.org:80"));
        assertFalse(CsrfGuard.sameHost("http://example.org.evil.net", "example.org"));
        assertFalse(CsrfGuard.sameHost("ftp://example.org", "example.org"));
        assertFalse(CsrfGuard.sameHost("http://example.org", null));
        assertFalse(CsrfGuard.sameHost("not a url", "example.org"));
    }
}
