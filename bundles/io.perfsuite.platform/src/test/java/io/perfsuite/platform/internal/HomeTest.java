// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HomeTest {

    @TempDir
    Path userHome;

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", " \n "})
    void blankConfigurationUsesDotPerfsuiteInTheUserHome(String configured) {
        Path home = Home.resolve(configured, userHome.toString());

        assertEquals(userHome.resolve(".perfsuite").toAbsolutePath().normalize(), home);
        assertTrue(home.isAbsolute());
    }

    @Test
    void defaultHomeIsNormalised() {
        Path home = Home.resolve(null, userHome.resolve("x").resolve("..").toString());

        assertEquals(userHome.resolve(".perfsuite").toAbsolutePath().normalize(), home);
    }

    @Test
    void absoluteConfiguredPathIsUsedAsIs() {
        Path configured = userHome.resolve("runtime-home").toAbsolutePath();

        assertEquals(configured.normalize(), Home.resolve(configured.toString(), "/ignored"));
    }

    @Test
    void absoluteConfiguredPathIsNormalisedAndTrimmed() {
        Path base = userHome.toAbsolutePath();
        String configured = "  " + base + "/a/./b/../c  ";

        assertEquals(base.resolve("a").resolve("c"), Home.resolve(configured, "/ignored"));
    }

    @Test
    void relativeConfiguredPathBecomesAbsoluteAndNormalised() {
        Path home = Home.resolve("some/./dir/../home", userHome.toString());

        Path expected = Path.of("").toAbsolutePath().resolve("some").resolve("home");
        assertTrue(home.isAbsolute(), home.toString());
        assertEquals(expected, home);
        assertEquals(home.normalize(), home);
    }

    @Test
    void relativeConfiguredPathIsResolvedAgainstTheWorkingDirectoryNotTheUserHome() {
        Path home = Home.resolve("rel", userHome.toString());

        assertEquals(Path.of(System.getProperty("user.dir")).toAbsolutePath().resolve("rel").normalize(), home);
    }
}
