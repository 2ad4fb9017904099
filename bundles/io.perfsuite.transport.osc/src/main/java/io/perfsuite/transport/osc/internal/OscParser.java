// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.illposed.osc.argument.OSCColor;
import com.illposed.osc.argument.OSCImpulse;
import com.illposed.osc.argument.OSCMidiMessage;
import com.illposed.osc.argument.OSCSymbol;
import com.illposed.osc.argument.OSCTimeTag64;

import io.perfsuite.transport.osc.OscMessage;
import io.perfsuite.transport.osc.OscReceived;

import static io.perfsuite.transport.osc.internal.OscParseException.Kind.BAD_TYPE_TAG;
import static io.perfsuite.transport.osc.internal.OscParseException.Kind.MALFORMED;
import static io.perfsuite.transport.osc.internal.OscParseException.Kind.TRUNCATED;

/**
 * A strict OSC 1.0 decoder for packets from the network. JavaOSC 0.8's own parser was not used for input: fed random
 * bytes it throws unchecked exceptions of several kinds (index, argument, string index), returns null and logs a
 * warning per packet for an unknown type tag, and trusts declared sizes; a decoder facing the network must refuse
 * every bad packet with a reason and nothing else. The values it produces are JavaOSC's types, so what is received
 * can be sent again through JavaOSC's serializer.
 *
 * <p>Rules: a packet is a message or a bundle whose size is a multiple of 4; every string ends with a NUL and is
 * padded with NULs to 4 bytes; every size is checked against the bytes left before anything is read or allocated;
 * nothing may follow the last argument; bundles and arrays nest at most {@value #MAX_DEPTH} deep. A message without a
 * type tag string (OSC 1.0's legacy form) is accepted as a message without arguments. A bundle decodes entirely or
 * not at all.
 *
 * <p><b>Threading:</b> stateless; any number of threads may use one instance.
 */
final class OscParser {

    /** Deepest nesting of bundles in bundles, and of arrays in arrays. */
    static final int MAX_DEPTH = 8;

    private static final byte[] BUNDLE = {'#', 'b', 'u', 'n', 'd', 'l', 'e', 0};

    /** A decoded message with the time tag of the innermost bundle that held it. */
    record Parsed(OscMessage message, long timetag) {
    }

    /**
     * Decodes a packet.
     *
     * @param data   the bytes
     * @param offset where the packet starts
     * @param length its size
     * @return the messages in packet order (empty for an empty bundle)
     * @throws OscParseException if the packet is not valid OSC
     */
    List<Parsed> parse(byte[] data, int offset, int length) throws OscParseException {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + data.length);
        }
        List<Parsed> out = new ArrayList<>(1);
        packet(data, offset, offset + length, OscReceived.IMMEDIATELY, 0, out);
        return out;
    }

    private void packet(byte[] b, int start, int end, long timetag, int depth, List<Parsed> out)
            throws OscParseException {
        int size = end - start;
        if (size == 0) {
            throw new OscParseException(MALFORMED, "empty packet");
        }
        if ((size & 3) != 0) {
            throw new OscParseException(MALFORMED, "size " + size + " is not a multiple of 4");
        }
        if (b[start] == '/') {
            out.add(new Parsed(message(b, start, end), timetag));
        } else if (b[start] == '#') {
            bundle(b, start, end, depth, out);
        } else {
            throw new OscParseException(MALFORMED, "starts with neither '/' (message) nor '#bundle'");
        }
    }

    private void bundle(byte[] b, int start, int end, int depth, List<Parsed> out) throws OscParseException {
        if (end - start < BUNDLE.length) {
            throw new OscParseException(TRUNCATED, "'#' but too short for \"#bundle\"");
        }
        for (int i = 0; i < BUNDLE.length; i++) {
            if (b[start + i] != BUNDLE[i]) {
                throw new OscParseException(MALFORMED, "starts with '#' but not with \"#bundle\"");
            }
        }
        if (depth >= MAX_DEPTH) {
            throw new OscParseException(MALFORMED, "bundles nested deeper than " + MAX_DEPTH);
        }
        if (end - start < 16) {
            throw new OscParseException(TRUNCATED, "bundle without a complete time tag");
        }
        long timetag = readLong(b, start + 8);
        int p = start + 16;
        while (p < end) {
            int elementSize = readInt(b, p); // p + 4 <= end: sizes are multiples of 4 from here
            p += 4;
            if (elementSize <= 0) {
                throw new OscParseException(MALFORMED, "bundle element size " + elementSize);
            }
            if (elementSize > end - p) {
                throw new OscParseException(TRUNCATED, "bundle element of " + elementSize + " bytes with "
                        + (end - p) + " left");
            }
            packet(b, p, p + elementSize, timetag, depth + 1, out);
            p += elementSize;
        }
    }

    private OscMessage message(byte[] b, int start, int end) throws OscParseException {
        int addressEnd = stringEnd(b, start, end, "address");
        for (int i = start + 1; i < addressEnd; i++) {
            if (b[i] < 0x21 || b[i] > 0x7e) { // bytes are signed: non-ASCII is negative
                throw new OscParseException(MALFORMED, "address has a space, control or non-ASCII byte");
            }
        }
        String address = new String(b, start, addressEnd - start, StandardCharsets.US_ASCII);
        int p = padded(b, start, addressEnd, end);
        if (p == end) {
            return new OscMessage(address, List.of());
        }
        if (b[p] != ',') {
            throw new OscParseException(BAD_TYPE_TAG, "no ',' type tag string after the address");
        }
        int tagsEnd = stringEnd(b, p, end, "type tag string");
        int[] cursor = {padded(b, start, tagsEnd, end)};
        int[] tag = {p + 1};
        List<Object> arguments = arguments(b, start, tag, tagsEnd, cursor, end, 0);
        if (tag[0] != tagsEnd) {
            throw new OscParseException(BAD_TYPE_TAG, "']' without '['");
        }
        if (cursor[0] != end) {
            throw new OscParseException(MALFORMED, (end - cursor[0]) + " bytes after the last argument");
        }
        try {
            return new OscMessage(address, arguments);
        } catch (IllegalArgumentException e) { // the checks above should leave nothing for it to refuse
            throw new OscParseException(MALFORMED, e.getMessage());
        }
    }

    /**
     * Reads arguments while there are type tags, up to the end of the tags or a ']' closing this array level.
     * {@code tag[0]} and {@code cursor[0]} are advanced in place.
     */
    private List<Object> arguments(byte[] b, int base, int[] tag, int tagsEnd, int[] cursor, int end, int depth)
            throws OscParseException {
        List<Object> values = new ArrayList<>(Math.min(tagsEnd - tag[0], 16));
        while (tag[0] < tagsEnd) {
            byte t = b[tag[0]];
            if (t == ']') {
                if (depth == 0) {
                    return values; // the caller reports the stray ']'
                }
                return Collections.unmodifiableList(values);
            }
            tag[0]++;
            int p = cursor[0];
            switch (t) {
                case 'i' -> {
                    values.add(readInt(b, need(p, 4, end, "int32")));
                    cursor[0] = p + 4;
                }
                case 'f' -> {
                    values.add(Float.intBitsToFloat(readInt(b, need(p, 4, end, "float32"))));
                    cursor[0] = p + 4;
                }
                case 'h' -> {
                    values.add(readLong(b, need(p, 8, end, "int64")));
                    cursor[0] = p + 8;
                }
                case 'd' -> {
                    values.add(Double.longBitsToDouble(readLong(b, need(p, 8, end, "float64"))));
                    cursor[0] = p + 8;
                }
                case 't' -> {
                    values.add(OSCTimeTag64.valueOf(readLong(b, need(p, 8, end, "time tag"))));
                    cursor[0] = p + 8;
                }
                case 'c' -> {
                    values.add((char) readInt(b, need(p, 4, end, "char")));
                    cursor[0] = p + 4;
                }
                case 'r' -> {
                    need(p, 4, end, "RGBA color");
                    values.add(new OSCColor(b[p], b[p + 1], b[p + 2], b[p + 3]));
                    cursor[0] = p + 4;
                }
                case 'm' -> {
                    need(p, 4, end, "MIDI message");
                    values.add(new OSCMidiMessage(b[p], b[p + 1], b[p + 2], b[p + 3]));
                    cursor[0] = p + 4;
                }
                case 's', 'S' -> {
                    int stringEnd = stringEnd(b, p, end, "string argument");
                    String s = new String(b, p, stringEnd - p, StandardCharsets.UTF_8);
                    values.add(t == 's' ? s : new OSCSymbol(s));
                    cursor[0] = padded(b, base, stringEnd, end);
                }
                case 'b' -> {
                    int size = readInt(b, need(p, 4, end, "blob size"));
                    if (size < 0) {
                        throw new OscParseException(MALFORMED, "negative blob size " + size);
                    }
                    int data = p + 4;
                    if (size > end - data) {
                        throw new OscParseException(TRUNCATED, "blob of " + size + " bytes with " + (end - data)
                                + " left");
                    }
                    byte[] blob = new byte[size];
                    System.arraycopy(b, data, blob, 0, size);
                    int padEnd = data + ((size + 3) & ~3);
                    if (padEnd > end) {
                        throw new OscParseException(TRUNCATED, "blob padding beyond the packet");
                    }
                    checkPadding(b, data + size, padEnd);
                    values.add(blob);
                    cursor[0] = padEnd;
                }
                case 'T' -> values.add(Boolean.TRUE);
                case 'F' -> values.add(Boolean.FALSE);
                case 'N' -> values.add(null);
                case 'I' -> values.add(OSCImpulse.INSTANCE);
                case '[' -> {
                    if (depth + 1 > MAX_DEPTH) {
                        throw new OscParseException(MALFORMED, "arrays nested deeper than " + MAX_DEPTH);
                    }
                    List<Object> inner = arguments(b, base, tag, tagsEnd, cursor, end, depth + 1);
                    if (tag[0] >= tagsEnd) {
                        throw new OscParseException(BAD_TYPE_TAG, "'[' without ']'");
                    }
                    tag[0]++; // the ']'
                    values.add(inner);
                }
                default -> throw new OscParseException(BAD_TYPE_TAG, "unknown type tag "
                        + (t >= 0x21 && t <= 0x7e ? "'" + (char) t + "'" : "byte " + (t & 0xff)));
            }
        }
        if (depth > 0) {
            throw new OscParseException(BAD_TYPE_TAG, "'[' without ']'");
        }
        return values;
    }

    /** @return the index of the NUL that ends the string starting at {@code p} */
    private static int stringEnd(byte[] b, int p, int end, String what) throws OscParseException {
        for (int i = p; i < end; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        throw new OscParseException(TRUNCATED, what + " without a terminating NUL");
    }

    /**
     * @return the index after the NUL at {@code nul} and its padding, which must be NULs up to a multiple of 4 bytes
     *     from {@code base} (the message's first byte: a packet need not start at an aligned index of the array)
     */
    private static int padded(byte[] b, int base, int nul, int end) throws OscParseException {
        int next = base + ((nul - base + 4) & ~3);
        if (next > end) {
            throw new OscParseException(TRUNCATED, "string padding beyond the packet");
        }
        checkPadding(b, nul + 1, next);
        return next;
    }

    private static void checkPadding(byte[] b, int from, int to) throws OscParseException {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                throw new OscParseException(MALFORMED, "padding byte is not NUL");
            }
        }
    }

    private static int need(int p, int n, int end, String what) throws OscParseException {
        if (n > end - p) {
            throw new OscParseException(TRUNCATED, what + " needs " + n + " bytes, " + (end - p) + " left");
        }
        return p;
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    private static long readLong(byte[] b, int p) {
        return (readInt(b, p) & 0xffffffffL) << 32 | (readInt(b, p + 4) & 0xffffffffL);
    }
}
