// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.HashMap;
import java.util.Map;

/** Builds the component's configuration from keys and values, through {@link ConfigValues} as a job does. */
final class TestConfig {

    private TestConfig() {
    }

    static DefaultSessionManager.Config config(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ConfigValues.config(values);
    }

    static Settings settings(Object... keysAndValues) {
        return new Settings(config(keysAndValues));
    }
}
