// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON this bundle needs, without a library: a writer for flat objects (the journal lines, the context
 * for the console) and a strict reader for the journal's lines. Numbers that are not finite are written as null,
 * strings are escaped per RFC 8259.
 *
 * <p>Stateless and thread-safe; each {@link Writer} belongs to one thread.
 */
public final class Json {

    private Json() {
    }

    /** Builds one JSON text; not thread-safe. */
    public static final class Writer {
        private final StringBuilder out;
        private boolean first = true;

        /** Starts an empty writer. */
        public Writer() {
            this(new StringBuilder(256));
        }

        private Writer(StringBuilder out) {
            this.out = out;
        }

        /** @return this, after "{" */
        public Writer begin() {
            out.append('{');
            first = true;
            return this;
        }

        /** @return this, after "}" */
        public Writer end() {
            out.append('}');
            first = false;
            return this;
        }

        /** @return this, after "[" */
        public Writer beginArray() {
            out.append('[');
            first = true;
            return this;
        }

        /** @return this, after "]" */
        public Writer endArray() {
            out.append(']');
            first = false;
            return this;
        }

        /** Starts a member whose value the caller writes next (an object or array). @return this */
        public Writer name(String name) {
            comma();
            string(out, name);
            out.append(':');
            first = true;
            return this;
        }

        /** Starts an array element that is an object or array. @return this */
        public Writer element() {
            comma();
            first = true;
            return this;
        }

        /** @return this, with a string member (null written as null) */
        public Writer field(String name, String value) {
            comma();
            string(out, name);
            out.append(':');
            if (value == null) {
                out.append("null");
            } else {
                string(out, value);
            }
            return this;
        }

        /** @return this, with a number member (non-finite written as null) */
        public Writer field(String name, double value) {
            comma();
            string(out, name);
            out.append(':');
            number(value);
            return this;
        }

        /** @return this, with an integer member */
        public Writer field(String name, long value) {
            comma();
            string(out, name);
            out.append(':').append(value);
            return this;
        }

        /** @return this, with a boolean member */
        public Writer field(String name, boolean value) {
            comma();
            string(out, name);
            out.append(':').append(value);
            return this;
        }

        /** @return this, with a null member */
        public Writer nullField(String name) {
            comma();
            string(out, name);
            out.append(":null");
            return this;
        }

        /** @return this, with a string array element */
        public Writer value(String value) {
            comma();
            string(out, value);
            return this;
        }

        /** @return this, with an object member of string values, keys in the map's order */
        public Writer field(String name, Map<String, String> values) {
            name(name).begin();
            for (Map.Entry<String, String> e : values.entrySet()) {
                field(e.getKey(), e.getValue());
            }
            return end();
        }

        private void number(double value) {
            if (!Double.isFinite(value)) {
                out.append("null");
            } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                out.append((long) value).append(".0");
            } else {
                out.append(value);
            }
        }

        private void comma() {
            if (!first) {
                out.append(',');
            }
            first = false;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /**
     * Appends a JSON string literal.
     *
     * @param out   where
     * @param value the string
     */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses one JSON value.
     *
     * @param text the text
     * @return a Map (objects, insertion order), List, String, Double, Boolean or null
     * @throws IllegalArgumentException if the text is not exactly one JSON value; the message says where
     */
    public static Object parse(String text) {
        Reader r = new Reader(text);
        r.space();
        Object value = r.value();
        r.space();
        if (r.pos != text.length()) {
            throw r.error("unexpected text after the value");
        }
        return value;
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            space();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String key = string();
                space();
                expect(':');
                space();
                map.put(key, value());
                space();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            space();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                space();
                list.add(value());
                space();
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            pos++;
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("unexpected end in \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private Double number() {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return Double.valueOf(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("bad number");
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected text");
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        void space() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        IllegalArgumentException error(String reason) {
            return new IllegalArgumentException(reason + " at character " + (pos + 1));
        }
    }
}
