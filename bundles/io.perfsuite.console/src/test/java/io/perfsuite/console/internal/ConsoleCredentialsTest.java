// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleCredentialsTest {

    private static final Pattern URL_SAFE_24 = Pattern.compile("[A-Za-z0-9_-]{24}");

    @TempDir
    Path home;

    private void assumePosix() {
        assumeTrue(Files.getFileAttributeView(home, PosixFileAttributeView.class) != null,
                "the file system has no POSIX permissions");
    }

    private Path passwordFile() {
        return home.resolve(ConsoleCredentials.PASSWORD_FILE);
    }

    private String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void environmentWinsOverConfigurationAndFile() throws IOException {
        Files.writeString(passwordFile(), "fromFile\n", StandardCharsets.UTF_8);

        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", "fromEnv", "fromConfig", home);

        assertEquals(ConsoleCredentials.Source.ENVIRONMENT, c.source());
        assertEquals("fromEnv", c.password());
        assertEquals("perfsuite", c.user());
        assertNull(c.file());
        assertTrue(c.matches("perfsuite", "fromEnv"));
        assertFalse(c.matches("perfsuite", "fromConfig"));
        assertFalse(c.matches("perfsuite", "fromFile"));
    }

    @Test
    void configurationWinsOverFile() throws IOException {
        Files.writeString(passwordFile(), "fromFile\n", StandardCharsets.UTF_8);

        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", null, "fromConfig", home);

        assertEquals(ConsoleCredentials.Source.CONFIGURATION, c.source());
        assertEquals("fromConfig", c.password());
        assertNull(c.file());
        assertFalse(c.matches("perfsuite", "fromFile"));
    }

    @Test
    void emptyEnvironmentValueFallsBackToConfiguration() throws IOException {
        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", "", "fromConfig", home);

        assertEquals(ConsoleCredentials.Source.CONFIGURATION, c.source());
        assertEquals("fromConfig", c.password());
    }

    @Test
    void environmentOrConfigurationDoesNotCreateTheFile() throws IOException {
        ConsoleCredentials.resolve("perfsuite", "fromEnv", null, home);
        ConsoleCredentials.resolve("perfsuite", null, "fromConfig", home);

        assertFalse(Files.exists(passwordFile()));
    }

    @Test
    void storedFileIsUsedWhenNeitherEnvironmentNorConfigurationIsSet() throws IOException {
        Files.writeString(passwordFile(), "fromFile\n", StandardCharsets.UTF_8);

        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", "", "", home);

        assertEquals(ConsoleCredentials.Source.STORED, c.source());
        assertEquals("fromFile", c.password());
        assertEquals(passwordFile(), c.file());
    }

    @Test
    void generatesAnOwnerOnlyFileAndReadsItBackOnTheNextStart() throws IOException {
        assumePosix();

        ConsoleCredentials first = ConsoleCredentials.resolve("perfsuite", null, null, home);

        assertEquals(ConsoleCredentials.Source.GENERATED, first.source());
        assertEquals(passwordFile(), first.file());
        assertTrue(Files.isRegularFile(passwordFile()));
        assertEquals("rw-------", permissions(passwordFile()));
        assertTrue(URL_SAFE_24.matcher(first.password()).matches(), first.password());
        assertEquals(first.password() + "\n", Files.readString(passwordFile(), StandardCharsets.UTF_8));

        ConsoleCredentials second = ConsoleCredentials.resolve("perfsuite", null, null, home);

        assertEquals(ConsoleCredentials.Source.STORED, second.source());
        assertEquals(first.password(), second.password());
        assertEquals(passwordFile(), second.file());
        assertTrue(second.matches("perfsuite", first.password()));
        assertEquals("rw-------", permissions(passwordFile()));
    }

    @Test
    void createsTheHomeFolderWhenMissing() throws IOException {
        Path nested = home.resolve("a").resolve("b");

        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", null, null, nested);

        assertEquals(ConsoleCredentials.Source.GENERATED, c.source());
        assertTrue(Files.isRegularFile(nested.resolve(ConsoleCredentials.PASSWORD_FILE)));
    }

    @Test
    void tooOpenStoredFileIsTightened() throws IOException {
        assumePosix();
        Files.writeString(passwordFile(), "secret\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("rw-r--r--", permissions(passwordFile()));

        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", null, null, home);

        assertEquals("rw-------", permissions(passwordFile()));
        assertEquals(ConsoleCredentials.Source.STORED, c.source());
        assertEquals("secret", c.password());
    }

    @Test
    void ownerUnreadableStoredFileIsRepairedAndRead() throws IOException {
        assumePosix();
        Files.writeString(passwordFile(), "secret\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("-w----rw-"));

        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", null, null, home);

        assertEquals("rw-------", permissions(passwordFile()));
        assertEquals("secret", c.password());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "  \t\n"})
    void emptyStoredFileIsReplacedByAGeneratedPassword(String content) throws IOException {
        assumePosix();
        Files.writeString(passwordFile(), content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("rw-rw-rw-"));

        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", null, null, home);

        assertEquals(ConsoleCredentials.Source.GENERATED, c.source());
        assertTrue(URL_SAFE_24.matcher(c.password()).matches(), c.password());
        assertEquals(c.password() + "\n", Files.readString(passwordFile(), StandardCharsets.UTF_8));
        assertEquals("rw-------", permissions(passwordFile()));
    }

    @Test
    void storedPasswordIsStrippedOfSurroundingWhitespace() throws IOException {
        Files.writeString(passwordFile(), "  s3cr et \r\n", StandardCharsets.UTF_8);

        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", null, null, home);

        assertEquals("s3cr et", c.password());
    }

    @Test
    void generatedPasswordsAreUrlSafeAnd24CharactersAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String p = ConsoleCredentials.generate();
            assertEquals(24, p.length(), p);
            assertTrue(URL_SAFE_24.matcher(p).matches(), p);
            assertTrue(seen.add(p), "generated the same password twice: " + p);
        }
    }

    @Test
    void separateHomesGetDifferentGeneratedPasswords() throws IOException {
        ConsoleCredentials a = ConsoleCredentials.resolve("perfsuite", null, null, home.resolve("a"));
        ConsoleCredentials b = ConsoleCredentials.resolve("perfsuite", null, null, home.resolve("b"));

        assertEquals(ConsoleCredentials.Source.GENERATED, a.source());
        assertEquals(ConsoleCredentials.Source.GENERATED, b.source());
        assertNotEquals(a.password(), b.password());
    }

    @Test
    void matchesOnlyTheExactUserAndPassword() throws IOException {
        ConsoleCredentials c = ConsoleCredentials.resolve("Admin", null, "Pa55word", home);

        assertTrue(c.matches("Admin", "Pa55word"));
        assertFalse(c.matches("admin", "Pa55word"));
        assertFalse(c.matches("ADMIN", "Pa55word"));
        assertFalse(c.matches("Admin", "pa55word"));
        assertFalse(c.matches("Admin", "Pa55word "));
        assertFalse(c.matches("Admin", "Pa55wor"));
        assertFalse(c.matches("Admin", ""));
        assertFalse(c.matches("", "Pa55word"));
        assertFalse(c.matches("Admin ", "Pa55word"));
        assertFalse(c.matches(null, "Pa55word"));
        assertFalse(c.matches("Admin", null));
        assertFalse(c.matches(null, null));
    }

    @Test
    void userAndPasswordCannotBeShiftedAcrossTheSeparator() throws IOException {
        ConsoleCredentials c = ConsoleCredentials.resolve("ab", null, "cd", home);

        assertTrue(c.matches("ab", "cd"));
        assertFalse(c.matches("a", "bcd"));
        assertFalse(c.matches("abc", "d"));
    }

    @Test
    void matchesNonAsciiCredentials() throws IOException {
        ConsoleCredentials c = ConsoleCredentials.resolve("Jürgen", null, "pässwörd€", home);

        assertTrue(c.matches("Jürgen", "pässwörd€"));
        assertFalse(c.matches("Jurgen", "pässwörd€"));
        assertFalse(c.matches("Jürgen", "passwörd€"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t", "a:b", ":", "user:"})
    void rejectsBlankUserOrUserWithColon(String user) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsoleCredentials.resolve(user, "fromEnv", null, home));
        assertTrue(e.getMessage().contains("user name"), e.getMessage());
    }

    @Test
    void rejectedUserDoesNotCreateTheFile() {
        assertThrows(IllegalArgumentException.class, () -> ConsoleCredentials.resolve(" ", null, null, home));

        assertFalse(Files.exists(passwordFile()));
    }

    @Test
    void toStringNeverShowsThePassword() throws IOException {
        ConsoleCredentials configured = ConsoleCredentials.resolve("perfsuite", null, "TopSecret42", home);
        ConsoleCredentials generated = ConsoleCredentials.resolve("perfsuite", null, null, home);

        assertFalse(configured.toString().contains("TopSecret42"), configured.toString());
        assertTrue(configured.toString().contains("perfsuite"), configured.toString());
        assertFalse(generated.toString().contains(generated.password()), generated.toString());
        assertTrue(generated.toString().contains("GENERATED"), generated.toString());
    }

    @Test
    void equalityIsByUserAndPassword() throws IOException {
        ConsoleCredentials a = ConsoleCredentials.resolve("perfsuite", "same", null, home);
        ConsoleCredentials b = ConsoleCredentials.resolve("perfsuite", null, "same", home);
        ConsoleCredentials c = ConsoleCredentials.resolve("perfsuite", null, "other", home);
        ConsoleCredentials d = ConsoleCredentials.resolve("someone", null, "same", home);

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertNotEquals(a, d);
    }
}
