// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal.jobs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer (RFC 8259) into a {@link StringBuilder}, on one line: objects and arrays are opened
 * and closed explicitly and the commas are placed by the writer. Strings are escaped (quote, backslash, control
 * characters, and the line and paragraph separators U+2028/U+2029 that some JavaScript parsers reject); a number
 * that is NaN or infinite is written as {@code null}, since JSON has no such numbers. Misuse (a value where a name
 * is due, closing what is not open) throws {@link IllegalStateException} rather than writing invalid JSON.
 *
 * <p>Not thread-safe: one writer per document.
 */
final class Json {

    private static final char LINE_SEPARATOR = (char) 0x2028;
    private static final char PARAGRAPH_SEPARATOR = (char) 0x2029;

    /** What is open: an object expecting a name, an object expecting a value, or an array. */
    private enum Scope { OBJECT_NAME, OBJECT_VALUE, ARRAY }

    private final StringBuilder out;
    private final Deque<Scope> scopes = new ArrayDeque<>();
    /** Whether the innermost container already holds an element, so the next one needs a comma. */
    private final Deque<Boolean> filled = new ArrayDeque<>();
    private boolean done;

    /** A writer into a new buffer. */
    Json() {
        this(new StringBuilder(256));
    }

    /**
     * A writer appending to a buffer.
     *
     * @param out the buffer
     */
    Json(StringBuilder out) {
        this.out = out;
    }

    /** @return the document so far */
    @Override
    public String toString() {
        return out.toString();
    }

    /** @return this, after opening an object */
    Json beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(Scope.OBJECT_NAME);
        filled.push(false);
        return this;
    }

    /** @return this, after closing the innermost object */
    Json endObject() {
        if (scopes.peek() != Scope.OBJECT_NAME) {
            throw new IllegalStateException("no object to close here");
        }
        scopes.pop();
        filled.pop();
        out.append('}');
        afterValue();
        return this;
    }

    /** @return this, after opening an array */
    Json beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(Scope.ARRAY);
        filled.push(false);
        return this;
    }

    /** @return this, after closing the innermost array */
    Json endArray() {
        if (scopes.peek() != Scope.ARRAY) {
            throw new IllegalStateException("no array to close here");
        }
        scopes.pop();
        filled.pop();
        out.append(']');
        afterValue();
        return this;
    }

    /**
     * Writes the name of the next member of the open object.
     *
     * @param name the member name
     * @return this
     */
    Json name(String name) {
        if (scopes.peek() != Scope.OBJECT_NAME) {
            throw new IllegalStateException("a name is only allowed in an object, before its value");
        }
        comma();
        string(name);
        out.append(':');
        scopes.pop();
        scopes.push(Scope.OBJECT_VALUE);
        return this;
    }

    /**
     * @param value a string, or null
     * @return this
     */
    Json value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        afterValue();
        return this;
    }

    /**
     * @param value a whole number
     * @return this
     */
    Json value(long value) {
        beforeValue();
        out.append(value);
        afterValue();
        return this;
    }

    /**
     * @param value a boolean
     * @return this
     */
    Json value(boolean value) {
        beforeValue();
        out.append(value);
        afterValue();
        return this;
    }

    /**
     * Writes a number with at most the given number of decimals, trailing zeros dropped ({@code 0.5}, not
     * {@code 0.500000}): the files stay small and the figures carry no false precision.
     *
     * @param value    the number; NaN or infinite is written as {@code null}
     * @param decimals decimals kept, 0 to 12
     * @return this
     */
    Json value(double value, int decimals) {
        beforeValue();
        out.append(number(value, decimals));
        afterValue();
        return this;
    }

    /**
     * Writes a number with up to 6 decimals; see {@link #value(double, int)}.
     *
     * @param value the number; NaN or infinite is written as {@code null}
     * @return this
     */
    Json value(double value) {
        return value(value, 6);
    }

    /** @return this, after writing {@code null} */
    Json nullValue() {
        beforeValue();
        out.append("null");
        afterValue();
        return this;
    }

    /**
     * Formats a finite number as a JSON number, or {@code null}.
     *
     * @param value    the number
     * @param decimals decimals kept, 0 to 12
     * @return the text
     */
    static String number(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        if (decimals < 0 || decimals > 12) {
            throw new IllegalArgumentException("decimals must be in 0..12, was " + decimals);
        }
        // BigDecimal, not String.format: exact half-up rounding, never an exponent, never a locale's comma
        BigDecimal rounded = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    /**
     * Writes a JSON string literal with the needed escapes.
     *
     * @param text the text
     */
    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR
                            || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A lone surrogate is not valid UTF-8 once encoded, so it is escaped; a proper pair is kept as is. */
    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private void beforeValue() {
        if (done) {
            throw new IllegalStateException("the document is complete");
        }
        Scope scope = scopes.peek();
        if (scope == Scope.OBJECT_NAME) {
            throw new IllegalStateException("an object member needs a name first");
        }
        if (scope == Scope.ARRAY) {
            comma();
        }
    }

    private void afterValue() {
        Scope scope = scopes.peek();
        if (scope == null) {
            done = true;
        } else if (scope == Scope.OBJECT_VALUE) {
            scopes.pop();
            scopes.push(Scope.OBJECT_NAME);
        }
    }

    private void comma() {
        if (filled.peek()) {
            out.append(',');
        } else {
            filled.pop();
            filled.push(true);
        }
    }
}
