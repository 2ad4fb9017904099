// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the component's configuration the way DS does for a component property type: an annotation proxy whose
 * methods return the given values, or the annotation's defaults.
 */
final class TestConfig {

    private TestConfig() {
    }

    static DefaultSessionManager.Config config(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (DefaultSessionManager.Config) Proxy.newProxyInstance(TestConfig.class.getClassLoader(),
                new Class<?>[] {DefaultSessionManager.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getName().equals("annotationType")) {
                        return DefaultSessionManager.Config.class;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static Settings settings(Object... keysAndValues) {
        return new Settings(config(keysAndValues));
    }
}
