// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.perfsuite.api.command.Quantization;

/**
 * MIDI messages mapped to commands, parsed from configuration lines of the form
 * {@code [chN:]kind:number[:value]=command [key=value ...]}:
 * <ul>
 * <li>{@code note:60=next-section}: a note-on of key 60 (any velocity above 0; {@code note:60:100} needs velocity
 * 100 or more, to skip ghost notes); note-offs are ignored;</li>
 * <li>{@code cc:64=fill}: control change 64 going from below 64 to 64 or more (a switch being pressed; holding it
 * or releasing it fires nothing); {@code cc:64:127=fill}: exactly value 127;</li>
 * <li>{@code pc:3=goto-section name=chorus}: program change 3 (0-127 as sent: a controller showing "program 1"
 * usually sends 0);</li>
 * <li>{@code ch10:note:36=tap-tempo}: only on MIDI channel 10 (1-16); without it, any channel.</li>
 * </ul>
 * Arguments after the command are {@code key=value} words; {@code quantize=bar} sets the quantization. The first
 * line that matches a message wins. Immutable and thread-safe.
 */
final class MidiMapping {

    /** The kinds of message that can be mapped. */
    enum Kind {
        NOTE, CC, PC
    }

    private static final Pattern COMMAND = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    /**
     * One mapping line.
     *
     * @param kind         the message kind
     * @param number       the note, controller or program number
     * @param value        the velocity minimum (notes) or exact value (controllers), or -1 for the default rule
     * @param channel      1-16, or 0 for any
     * @param command      the command's name
     * @param arguments    its arguments
     * @param quantization its quantization, or null for the command's own
     * @param line         the configuration line, for messages
     */
    record Rule(Kind kind, int number, int value, int channel, String command, Map<String, String> arguments,
            Quantization quantization, String line) {
        Rule {
            arguments = Map.copyOf(arguments);
        }
    }

    private final List<Rule> rules;
    private final List<String> errors;
    private final List<List<Rule>> index = new ArrayList<>(3 * 128);

    private MidiMapping(List<Rule> rules, List<String> errors) {
        this.rules = List.copyOf(rules);
        this.errors = List.copyOf(errors);
        for (int i = 0; i < 3 * 128; i++) {
            index.add(new ArrayList<>(1));
        }
        for (Rule r : rules) {
            index.get(r.kind().ordinal() * 128 + r.number()).add(r);
        }
        for (int i = 0; i < index.size(); i++) {
            index.set(i, Collections.unmodifiableList(index.get(i)));
        }
    }

    /**
     * Parses configuration lines; a bad line is left out and reported in {@link #errors()}.
     *
     * @param lines the lines
     * @return the mapping
     */
    static MidiMapping parse(String[] lines) {
        List<Rule> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String line : lines == null ? new String[0] : lines) {
            try {
                rules.add(rule(line == null ? "" : line.trim()));
            } catch (IllegalArgumentException e) {
                errors.add("\"" + line + "\": " + e.getMessage());
            }
        }
        return new MidiMapping(rules, errors);
    }

    private static Rule rule(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("no '=': write trigger=command, e.g. note:60=next-section");
        }
        String[] trigger = line.substring(0, eq).trim().toLowerCase(Locale.ROOT).split(":");
        int t = 0;
        int channel = 0;
        if (trigger.length > 0 && trigger[0].startsWith("ch")) {
            channel = number(trigger[0].substring(2), 1, 16, "channel");
            t = 1;
        }
        if (trigger.length - t < 2 || trigger.length - t > 3) {
            throw new IllegalArgumentException("the trigger is kind:number[:value], e.g. cc:64:127");
        }
        Kind kind = switch (trigger[t]) {
            case "note" -> Kind.NOTE;
            case "cc" -> Kind.CC;
            case "pc" -> Kind.PC;
            default -> throw new IllegalArgumentException("unknown kind \"" + trigger[t] + "\": use note, cc or pc");
        };
        int number = number(trigger[t + 1], 0, 127, "number");
        int value = -1;
        if (trigger.length - t == 3) {
            if (kind == Kind.PC) {
                throw new IllegalArgumentException("a program change has no value");
            }
            value = number(trigger[t + 2], kind == Kind.NOTE ? 1 : 0, 127, "value");
        }
        String[] words = line.substring(eq + 1).trim().split("\\s+");
        String command = words[0];
        if (!COMMAND.matcher(command).matches()) {
            throw new IllegalArgumentException("\"" + command + "\" is not a command name");
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        Quantization quantization = null;
        for (int i = 1; i < words.length; i++) {
            int weq = words[i].indexOf('=');
            String key = weq < 0 ? "" : words[i].substring(0, weq);
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("argument \"" + words[i] + "\" is not key=value");
            }
            String v = words[i].substring(weq + 1);
            if (key.equals(Commands.QUANTIZE)) {
                quantization = Commands.quantization(v);
            } else if (arguments.put(key, v) != null) {
                throw new IllegalArgumentException("argument " + key + " given twice");
            }
        }
        return new Rule(kind, number, value, channel, command, arguments, quantization, line);
    }

    private static int number(String text, int min, int max, String what) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", was \"" + text + "\"");
    }

    /**
     * @param kind   a message kind
     * @param number its number (0-127)
     * @return the rules for it, in configuration order
     */
    List<Rule> rules(Kind kind, int number) {
        return index.get(kind.ordinal() * 128 + number);
    }

    /** @return every rule */
    List<Rule> rules() {
        return rules;
    }

    /** @return the lines that could not be parsed, with why */
    List<String> errors() {
        return errors;
    }
}
