// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import com.illposed.osc.argument.OSCColor;
import com.illposed.osc.argument.OSCImpulse;
import com.illposed.osc.argument.OSCMidiMessage;
import com.illposed.osc.argument.OSCSymbol;
import com.illposed.osc.argument.OSCTimeTag64;

/**
 * An OSC message: an address and its arguments. Arguments have the Java types JavaOSC uses, one per OSC type tag:
 *
 * <table>
 * <caption>OSC type tags and their Java types</caption>
 * <tr><th>tag</th><th>Java</th><th>tag</th><th>Java</th></tr>
 * <tr><td>i</td><td>Integer</td><td>h</td><td>Long</td></tr>
 * <tr><td>f</td><td>Float</td><td>d</td><td>Double</td></tr>
 * <tr><td>s</td><td>String</td><td>S</td><td>{@link OSCSymbol}</td></tr>
 * <tr><td>b</td><td>byte[] (treat as read-only)</td><td>t</td><td>{@link OSCTimeTag64}</td></tr>
 * <tr><td>c</td><td>Character</td><td>r</td><td>{@link OSCColor}</td></tr>
 * <tr><td>m</td><td>{@link OSCMidiMessage}</td><td>T, F</td><td>Boolean</td></tr>
 * <tr><td>N</td><td>null</td><td>I</td><td>{@link OSCImpulse}</td></tr>
 * <tr><td>[ ]</td><td>List of the above</td><td></td><td></td></tr>
 * </table>
 *
 * <p>Immutable (the argument list cannot be changed; blob arrays are shared, not copied) and thread-safe.
 *
 * @param address   the OSC address: starts with '/', printable ASCII without spaces; may hold OSC pattern characters
 *                  when received, must not when sent
 * @param arguments the arguments, in order (unmodifiable; may hold nulls, for the N tag)
 */
public record OscMessage(String address, List<Object> arguments) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if the address or the list is null
     * @throws IllegalArgumentException if the address is not an OSC address or an argument has no OSC type
     */
    public OscMessage {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(arguments, "arguments");
        if (!isAddress(address)) {
            throw new IllegalArgumentException("not an OSC address (must start with '/' and be printable ASCII "
                    + "without spaces): \"" + address + "\"");
        }
        arguments = copy(arguments, 0);
    }

    /**
     * @param address   the OSC address
     * @param arguments the arguments (types as in the class description)
     * @return the message
     * @throws IllegalArgumentException if the address is not an OSC address or an argument has no OSC type
     */
    public static OscMessage of(String address, Object... arguments) {
        return new OscMessage(address, arguments == null ? Collections.singletonList(null) : Arrays.asList(arguments));
    }

    /** @return the OSC type tags of the arguments, without the leading ',', e.g. "ifs" */
    public String typeTags() {
        StringBuilder tags = new StringBuilder(arguments.size());
        appendTags(arguments, tags);
        return tags.toString();
    }

    /**
     * @param i the argument's index
     * @return the argument
     * @throws IndexOutOfBoundsException if there is no such argument
     */
    public Object argument(int i) {
        return arguments.get(i);
    }

    /**
     * @param value an argument value
     * @return the OSC type tag of the value (for a List, '[')
     * @throws IllegalArgumentException if the value has no OSC type
     */
    public static char typeTag(Object value) {
        if (value == null) {
            return 'N';
        } else if (value instanceof Integer) {
            return 'i';
        } else if (value instanceof Float) {
            return 'f';
        } else if (value instanceof String) {
            return 's';
        } else if (value instanceof byte[]) {
            return 'b';
        } else if (value instanceof Long) {
            return 'h';
        } else if (value instanceof Double) {
            return 'd';
        } else if (value instanceof Boolean) {
            return (Boolean) value ? 'T' : 'F';
        } else if (value instanceof OSCTimeTag64) {
            return 't';
        } else if (value instanceof OSCSymbol) {
            return 'S';
        } else if (value instanceof Character) {
            return 'c';
        } else if (value instanceof OSCColor) {
            return 'r';
        } else if (value instanceof OSCMidiMessage) {
            return 'm';
        } else if (value instanceof OSCImpulse) {
            return 'I';
        } else if (value instanceof List) {
            return '[';
        }
        throw new IllegalArgumentException("no OSC type for a " + value.getClass().getName());
    }

    static boolean isAddress(String address) {
        if (address.isEmpty() || address.charAt(0) != '/') {
            return false;
        }
        for (int i = 1; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> copy(List<?> values, int depth) {
        if (depth > 8) { // the parser refuses deeper arrays too; bounds the recursion of typeTags and equals
            throw new IllegalArgumentException("OSC arrays nested deeper than 8");
        }
        List<Object> copy = new ArrayList<>(values.size());
        for (Object v : values) {
            if (typeTag(v) == '[') {
                v = copy((List<?>) v, depth + 1);
            }
            copy.add(v);
        }
        return Collections.unmodifiableList(copy);
    }

    private static void appendTags(List<Object> values, StringBuilder tags) {
        for (Object v : values) {
            char tag = typeTag(v);
            tags.append(tag);
            if (tag == '[') {
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) v;
                appendTags(inner, tags);
                tags.append(']');
            }
        }
    }

    /** @return the address and arguments, e.g. {@code /perfsuite/cmd/tempo ,f [96.0]}; blobs as their size */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(address).append(" ,").append(typeTags()).append(" [");
        for (int i = 0; i < arguments.size(); i++) {
            Object v = arguments.get(i);
            out.append(i == 0 ? "" : ", ").append(v instanceof byte[] ? ((byte[]) v).length + " bytes" : v);
        }
        return out.append(']').toString();
    }
}
