// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Parsing of an HTTP Basic {@code Authorization} header (RFC 7617). */
final class BasicAuth {

    /** A user name and password from a header. */
    record UserPassword(String user, String password) {
    }

    private BasicAuth() {
    }

    /**
     * @param header the Authorization header, or null
     * @return the credentials, or null when the header is missing or not valid Basic credentials
     */
    static UserPassword parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() < 6 || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(h.substring(6).strip());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new UserPassword(pair.substring(0, colon), pair.substring(colon + 1));
    }
}
