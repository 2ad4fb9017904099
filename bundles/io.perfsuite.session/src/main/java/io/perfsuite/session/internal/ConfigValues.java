// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the session's configuration outside Declarative Services the way DS does for a component property type:
 * an annotation proxy whose methods return the given values, converted to the method's type, or the annotation's
 * defaults. Unknown keys are refused, so a typo in a job's settings is an error and not a silent default.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /**
     * @param values property name to value (a Number, Boolean, String or String[]); missing ones take the default
     * @return the configuration
     * @throws IllegalArgumentException on an unknown key or a value that does not convert
     */
    public static DefaultSessionManager.Config config(Map<String, ?> values) {
        Map<String, Object> converted = new HashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Method m;
            try {
                m = DefaultSessionManager.Config.class.getMethod(e.getKey());
            } catch (NoSuchMethodException ex) {
                throw new IllegalArgumentException("unknown session setting \"" + e.getKey() + "\"", ex);
            }
            converted.put(e.getKey(), convert(e.getKey(), e.getValue(), m.getReturnType()));
        }
        return (DefaultSessionManager.Config) Proxy.newProxyInstance(ConfigValues.class.getClassLoader(),
                new Class<?>[] {DefaultSessionManager.Config.class}, (proxy, method, args) -> {
                    if (converted.containsKey(method.getName())) {
                        return converted.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> DefaultSessionManager.Config.class;
                        case "toString" -> "session settings " + converted;
                        case "hashCode" -> converted.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    /**
     * @param values property name to value
     * @return the checked settings
     * @throws IllegalArgumentException on an unknown key or a value out of range
     */
    static Settings settings(Map<String, ?> values) {
        return new Settings(config(values));
    }

    private static Object convert(String key, Object value, Class<?> type) {
        try {
            if (type == double.class) {
                return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
            }
            if (type == int.class) {
                return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
            }
            if (type == boolean.class) {
                if (value instanceof Boolean b) {
                    return b;
                }
                String v = value.toString().trim();
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                return Boolean.parseBoolean(v);
            }
            if (type == String[].class) {
                return value instanceof String[] a ? a.clone() : value.toString().split(",");
            }
            if (type == String.class) {
                return value.toString();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("session setting \"" + key + "\": \"" + value + "\" is not a "
                    + type.getSimpleName(), e);
        }
        throw new IllegalArgumentException("session setting \"" + key + "\" has an unsupported type " + type);
    }
}
