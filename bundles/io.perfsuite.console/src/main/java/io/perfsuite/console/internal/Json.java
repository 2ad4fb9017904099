// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.util.Locale;

/** A small JSON writer for the console's endpoints: objects and arrays in order, strings escaped, finite numbers. */
final class Json {

    private static final java.math.MathContext SIX_DIGITS = new java.math.MathContext(6);

    private final StringBuilder out = new StringBuilder(512);
    private boolean needComma;

    Json beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    Json beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    /** Writes a member name; the next value written is its value. */
    Json name(String name) {
        comma();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    Json value(String s) {
        comma();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        needComma = true;
        return this;
    }

    Json value(double d) {
        comma();
        if (Double.isFinite(d)) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d);
            } else if (Math.abs(d) >= 1e-3 && Math.abs(d) < 1e9) {
                // the common case, 20 times a second for the event stream: six significant digits without the
                // cost of String.format and a regular expression
                out.append(java.math.BigDecimal.valueOf(d).round(SIX_DIGITS).stripTrailingZeros().toPlainString());
            } else {
                out.append(String.format(Locale.ROOT, "%.6g", d).replaceFirst("\\.?0+(e|$)", "$1"));
            }
        } else {
            out.append("null"); // JSON has no NaN or infinity
        }
        needComma = true;
        return this;
    }

    Json value(long l) {
        comma();
        out.append(l);
        needComma = true;
        return this;
    }

    Json value(boolean b) {
        comma();
        out.append(b);
        needComma = true;
        return this;
    }

    Json field(String name, String v) {
        return name(name).value(v);
    }

    Json field(String name, double v) {
        return name(name).value(v);
    }

    Json field(String name, long v) {
        return name(name).value(v);
    }

    Json field(String name, boolean v) {
        return name(name).value(v);
    }

    private void comma() {
        if (needComma) {
            out.append(',');
            needComma = false;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        // control characters must be escaped; the others keep the text inert inside HTML
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
