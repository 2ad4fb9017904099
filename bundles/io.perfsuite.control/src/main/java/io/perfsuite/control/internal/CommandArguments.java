// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.illposed.osc.argument.OSCSymbol;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.transport.osc.OscMessage;

/**
 * Reads the arguments of an OSC command message into the named string arguments a command factory takes. The forms,
 * tried in this order:
 * <ol>
 * <li>no arguments;</li>
 * <li>only {@code key=value} strings: {@code ,ss "name=chorus" "quantize=bar"};</li>
 * <li>one number or boolean, for a command without positional names: a button. Non-zero or true fires the command
 * without arguments; zero or false (the button's release) is ignored;</li>
 * <li>positional values, for a command with configured positional names ({@code tempo=bpm}), at most as many as
 * there are names: {@code /perfsuite/cmd/tempo ,f 96};</li>
 * <li>key value pairs: an even number of arguments whose even positions are key strings:
 * {@code ,sf "bpm" 96}.</li>
 * </ol>
 * Values become text: integers as digits, floats without a fraction as integers (a fader's 2.0 is "2"), other floats
 * in Java's shortest form, booleans as true/false, strings and symbols as they are. The reserved key
 * {@value Commands#QUANTIZE} sets the quantization. Stateless.
 */
final class CommandArguments {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    /** The arguments, ready for the session. */
    record Parsed(Map<String, String> arguments, Quantization quantization, boolean release) {
    }

    /** Arguments that cannot be used, with the counter they belong to. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        /** True for a value of a type that has no text form (blob, nil, array...), false for a wrong shape. */
        final boolean wrongType;

        Problem(boolean wrongType, String message) {
            super(message, null, false, false);
            this.wrongType = wrongType;
        }
    }

    private CommandArguments() {
    }

    /**
     * @param command     the command's name, for messages
     * @param args        the message's arguments
     * @param positional  the names of the command's positional arguments (may be empty)
     * @param fromAddress the quantization given by the address suffix, or null
     * @return the named arguments and the quantization (null: the command's own)
     * @throws Problem if the arguments cannot be used (the message says why, for the error reply)
     */
    static Parsed parse(String command, List<Object> args, List<String> positional, Quantization fromAddress)
            throws Problem {
        Map<String, String> named = new LinkedHashMap<>();
        if (args.isEmpty()) {
            return finish(command, named, fromAddress);
        }
        for (int i = 0; i < args.size(); i++) {
            text(args.get(i), i); // every value must have a text form, whatever the form of the whole
        }
        if (args.stream().allMatch(a -> a instanceof String s && s.indexOf('=') > 0)) {
            for (Object a : args) {
                String s = (String) a;
                int eq = s.indexOf('=');
                put(command, named, s.substring(0, eq).trim(), s.substring(eq + 1));
            }
            return finish(command, named, fromAddress);
        }
        if (args.size() == 1 && positional.isEmpty() && isButton(args.get(0))) {
            return pressed(args.get(0)) ? finish(command, named, fromAddress) : new Parsed(Map.of(), null, true);
        }
        if (!positional.isEmpty() && args.size() <= positional.size()) {
            for (int i = 0; i < args.size(); i++) {
                put(command, named, positional.get(i), text(args.get(i), i));
            }
            return finish(command, named, fromAddress);
        }
        if (args.size() % 2 == 0 && isPairs(args)) {
            for (int i = 0; i < args.size(); i += 2) {
                put(command, named, (String) args.get(i), text(args.get(i + 1), i + 1));
            }
            return finish(command, named, fromAddress);
        }
        throw new Problem(false, "cannot name the " + args.size() + " arguments of " + command + ": send key=value "
                + "strings or key value pairs" + (positional.isEmpty() ? ", or configure positional names for it"
                : ", or at most " + positional.size() + " positional values " + positional));
    }

    private static boolean isPairs(List<Object> args) {
        for (int i = 0; i < args.size(); i += 2) {
            if (!(args.get(i) instanceof String key) || !KEY.matcher(key).matches()) {
                return false;
            }
        }
        return true;
    }

    private static void put(String command, Map<String, String> named, String key, String value) throws Problem {
        if (!KEY.matcher(key).matches()) {
            throw new Problem(false, "\"" + key + "\" is not an argument name");
        }
        if (named.put(key, value) != null) {
            throw new Problem(false, "argument " + key + " of " + command + " given twice");
        }
    }

    private static Parsed finish(String command, Map<String, String> named, Quantization fromAddress)
            throws Problem {
        Quantization q = fromAddress;
        String text = named.remove(Commands.QUANTIZE);
        if (text != null) {
            try {
                Quantization fromArgument = Commands.quantization(text);
                if (q != null && q != fromArgument) {
                    throw new Problem(false, "quantization of " + command + " given twice");
                }
                q = fromArgument;
            } catch (IllegalArgumentException e) {
                throw new Problem(false, e.getMessage());
            }
        }
        return new Parsed(Map.copyOf(named), q, false);
    }

    private static boolean isButton(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    private static boolean pressed(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        return ((Number) v).doubleValue() != 0;
    }

    /**
     * @param v     an OSC argument
     * @param index its position, for the message
     * @return its text form
     * @throws Problem if it has none
     */
    static String text(Object v, int index) throws Problem {
        if (v instanceof String s) {
            return s;
        } else if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        } else if (v instanceof Float || v instanceof Double) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return v.toString(); // Float's own shortest form: 0.1f is "0.1", not 0.10000000149011612
        } else if (v instanceof Boolean || v instanceof Character || v instanceof OSCSymbol) {
            return v.toString();
        }
        throw new Problem(true, "argument " + (index + 1) + " has type '" + OscMessage.typeTag(v)
                + "'; commands take i, h, f, d, s, S, c, T or F");
    }
}
