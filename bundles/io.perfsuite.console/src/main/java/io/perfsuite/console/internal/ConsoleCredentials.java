// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The one user name and password that guard the Web Console and the runtime's HTTP endpoints. The password comes,
 * in this order, from the environment variable {@value #ENV_PASSWORD}, from the configuration, or from a file in
 * the home folder that is generated (random, 144 bits) at first start and readable by its owner only. There is no
 * built-in default password.
 */
public final class ConsoleCredentials {

    /** Environment variable that sets the console password. */
    public static final String ENV_PASSWORD = "PERFSUITE_CONSOLE_PASSWORD";
    /** Name of the generated password file inside the home folder. */
    public static final String PASSWORD_FILE = "console-password";

    /** Where the password came from. */
    public enum Source {
        /** The environment variable. */
        ENVIRONMENT,
        /** The configuration. */
        CONFIGURATION,
        /** Generated just now and stored in the home folder. */
        GENERATED,
        /** Read from the file generated at an earlier start. */
        STORED
    }

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final String user;
    private final String password;
    private final Source source;
    private final Path file;
    private final byte[] expectedDigest;

    private ConsoleCredentials(String user, String password, Source source, Path file) {
        this.user = user;
        this.password = password;
        this.source = source;
        this.file = file;
        this.expectedDigest = digest(user, password);
    }

    /**
     * Decides the credentials.
     *
     * @param user       the user name, not blank
     * @param fromEnv    the environment variable's value, or null
     * @param configured the configured password, or null or empty
     * @param home       the home folder, where the generated password is kept
     * @return the credentials
     * @throws IOException if the password file cannot be read or written
     */
    public static ConsoleCredentials resolve(String user, String fromEnv, String configured, Path home)
            throws IOException {
        if (user == null || user.isBlank() || user.contains(":")) {
            throw new IllegalArgumentException("console user name must be non-blank and without ':', was \"" + user
                    + "\"");
        }
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new ConsoleCredentials(user, fromEnv, Source.ENVIRONMENT, null);
        }
        if (configured != null && !configured.isEmpty()) {
            return new ConsoleCredentials(user, configured, Source.CONFIGURATION, null);
        }
        Path file = home.resolve(PASSWORD_FILE);
        Files.createDirectories(home);
        if (Files.exists(file)) {
            restrictToOwner(file);
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!stored.isEmpty()) {
                return new ConsoleCredentials(user, stored, Source.STORED, file);
            }
            Files.delete(file);
        }
        String generated = generate();
        try {
            writeOwnerOnly(file, generated + "\n");
        } catch (FileAlreadyExistsException raced) {
            // another process started on the same home at the same moment: use what it wrote
            return resolve(user, null, null, home);
        }
        return new ConsoleCredentials(user, generated, Source.GENERATED, file);
    }

    /** @return a new random password, 24 URL-safe characters */
    static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Writes a new file that only its owner can read: written under a temporary name created owner-only, then linked
     * into place (a hard link fails if the name exists, unlike a rename), so no other process ever sees it half
     * written or readable by others, and a concurrent start never overwrites it.
     */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path dir = file.getParent();
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        Path temp = posix
                ? Files.createTempFile(dir, ".console-password", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".console-password", ".tmp");
        try {
            if (!posix) {
                temp.toFile().setReadable(false, false);
                temp.toFile().setReadable(true, true);
                temp.toFile().setWritable(false, false);
                temp.toFile().setWritable(true, true);
            }
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temp, file); // fails with FileAlreadyExistsException rather than replacing
            }
            if (Files.size(file) == 0) {
                throw new IOException("password file " + file + " is empty after writing");
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && !view.readAttributes().permissions().equals(OWNER_ONLY)) {
            view.setPermissions(OWNER_ONLY);
        }
    }

    /**
     * Checks a user name and password in time that does not depend on where they differ.
     *
     * @param candidateUser     the user name given
     * @param candidatePassword the password given
     * @return whether both match
     */
    public boolean matches(String candidateUser, String candidatePassword) {
        if (candidateUser == null || candidatePassword == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, digest(candidateUser, candidatePassword));
    }

    private static byte[] digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** @return the user name */
    public String user() {
        return user;
    }

    /** @return the password; shown to the user only when it was just generated */
    String password() {
        return password;
    }

    /** @return where the password came from */
    public Source source() {
        return source;
    }

    /** @return the password file, or null when the password does not come from one */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "ConsoleCredentials[user=" + user + ", source=" + source + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsoleCredentials c && c.user.equals(user) && c.password.equals(password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, password);
    }
}
