// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BasicAuthTest {

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesUserAndPassword() {
        BasicAuth.UserPassword up = BasicAuth.parse(basic("perfsuite:secret"));

        assertNotNull(up);
        assertEquals("perfsuite", up.user());
        assertEquals("secret", up.password());
    }

    @Test
    void passwordMayContainColons() {
        BasicAuth.UserPassword up = BasicAuth.parse(basic("user:pa:ss"));

        assertNotNull(up);
        assertEquals("user", up.user());
        assertEquals("pa:ss", up.password());
    }

    @Test
    void passwordMayBeEmpty() {
        BasicAuth.UserPassword up = BasicAuth.parse(basic("user:"));

        assertNotNull(up);
        assertEquals("user", up.user());
        assertEquals("", up.password());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic", "basic", "BASIC", "bAsIc"})
    void schemeIsCaseInsensitive(String scheme) {
        String header = scheme + " " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));

        assertEquals(new BasicAuth.UserPassword("u", "p"), BasicAuth.parse(header));
    }

    @Test
    void toleratesSurroundingWhitespace() {
        String token = Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));

        assertEquals(new BasicAuth.UserPassword("u", "p"), BasicAuth.parse("  Basic   " + token + "  "));
    }

    @Test
    void utf8UserNamesAndPasswords() {
        BasicAuth.UserPassword up = BasicAuth.parse(basic("Jürgen Ñoño 音楽:pässwörd€"));

        assertNotNull(up);
        assertEquals("Jürgen Ñoño 音楽", up.user());
        assertEquals("pässwörd€", up.password());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "Basic", "Basic ", "Basic    "})
    void missingHeaderOrTokenGivesNull(String header) {
        assertNull(BasicAuth.parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer x", "Bearer dXNlcjpwYXNz", "Digest username=\"u\"", "dXNlcjpwYXNz",
        "Basicx dXNlcjpwYXNz", "Basic-dXNlcjpwYXNz"})
    void otherSchemesGiveNull(String header) {
        assertNull(BasicAuth.parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!notbase64!!!", "Basic dXNlcjpwYXNz=", "Basic dXNl cjpwYXNz", "Basic a"})
    void invalidBase64GivesNull(String header) {
        assertNull(BasicAuth.parse(header));
    }

    @Test
    void noColonGivesNull() {
        assertNull(BasicAuth.parse(basic("userpassword")));
    }

    @Test
    void emptyUserGivesNull() {
        assertNull(BasicAuth.parse(basic(":password")));
        assertNull(BasicAuth.parse(basic(":")));
    }

    @Test
    void emptyCredentialsGiveNull() {
        assertNull(BasicAuth.parse(basic("")));
    }
}
