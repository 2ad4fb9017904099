// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reader for flat JSON objects mapping strings to numbers or booleans, e.g.
 * {@code {"F-measure": 0.62, "Both-correct": false}}, which is all the fixture outputs contain. Numbers become
 * {@link Double}, booleans {@link Boolean}. Anything else (nesting, arrays, null, escapes other than the simple
 * ones) is rejected.
 *
 * <p>Stateless and thread-safe.
 */
final class FlatJson {

    private final String text;
    private int position;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * Parses a flat object.
     *
     * @param text the JSON text
     * @return the members in document order
     * @throws IllegalArgumentException if the text is not a flat object of numbers and booleans
     */
    static Map<String, Object> parse(String text) {
        FlatJson reader = new FlatJson(text);
        reader.skipWhitespace();
        Map<String, Object> members = reader.object();
        reader.skipWhitespace();
        if (reader.position != text.length()) {
            throw reader.error("trailing text");
        }
        return members;
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return members;
        }
        while (true) {
            skipWhitespace();
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (members.put(name, value()) != null) {
                throw error("duplicate member \"" + name + "\"");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object value() {
        if (text.startsWith("true", position)) {
            position += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", position)) {
            position += 5;
            return Boolean.FALSE;
        }
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        if (!number.matches("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?")) {
            throw error("expected a number, true or false, got \"" + number + "\"");
        }
        return Double.valueOf(number);
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char escaped = next();
                if ("\"\\/".indexOf(escaped) < 0) {
                    throw error("unsupported escape \\" + escaped);
                }
                c = escaped;
            }
            out.append(c);
        }
    }

    private void skipWhitespace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private char peek() {
        if (position >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(position);
    }

    private char next() {
        char c = peek();
        position++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            position--;
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String reason) {
        return new IllegalArgumentException("JSON at offset " + position + ": " + reason);
    }
}
