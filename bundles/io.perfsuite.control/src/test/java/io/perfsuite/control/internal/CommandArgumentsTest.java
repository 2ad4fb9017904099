// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.illposed.osc.argument.OSCImpulse;
import com.illposed.osc.argument.OSCSymbol;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.command.Quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandArgumentsTest {

    private static CommandArguments.Parsed parse(List<String> positional, Object... args)
            throws CommandArguments.Problem {
        return CommandArguments.parse("cmd", Arrays.asList(args), positional, null);
    }

    @Test
    void namedStringsPairsAndPositionalValues() throws Exception {
        assertEquals(Map.of("name", "chorus", "bars", "2"), parse(List.of(), "name=chorus", "bars=2").arguments());
        assertEquals(Map.of("bpm", "96", "feel", "half"), parse(List.of(), "bpm", 96, "feel", "half").arguments());
        assertEquals(Map.of("bpm", "96.5"), parse(List.of("bpm"), 96.5f).arguments());
        assertEquals(Map.of("a", "1", "b", "x"), parse(List.of("a", "b", "c"), 1L, new OSCSymbol("x")).arguments());
        assertEquals(Map.of("v", "true"), parse(List.of("v"), true).arguments());
        assertEquals(Map.of("v", "0"), parse(List.of("v"), 0.0f).arguments(), "a fader at 0 is a value");
    }

    @Test
    void numbersBecomeTheTextAPersonWouldType() throws Exception {
        assertEquals("2", CommandArguments.text(2.0f, 0));
        assertEquals("0.1", CommandArguments.text(0.1f, 0));
        assertEquals("-3", CommandArguments.text(-3.0, 0));
        assertEquals("123456789012", CommandArguments.text(123456789012L, 0));
        assertEquals("x", CommandArguments.text('x', 0));
    }

    @Test
    void aLoneNumberIsAButton() throws Exception {
        CommandArguments.Parsed press = parse(List.of(), 1.0f);
        assertFalse(press.release());
        assertEquals(Map.of(), press.arguments());
        assertTrue(parse(List.of(), 0).release());
        assertTrue(parse(List.of(), false).release());
        assertFalse(parse(List.of(), 127).release());
    }

    @Test
    void theQuantizationComesFromTheAddressOrTheArguments() throws Exception {
        assertEquals(Quantization.BAR, parse(List.of(), "quantize=bar").quantization());
        assertEquals(Quantization.SECTION_END, parse(List.of(), "quantize", "Section_End").quantization());
        assertNull(parse(List.of()).quantization());
        assertEquals(Quantization.BEAT, CommandArguments.parse("c", List.of(), List.of(), Quantization.BEAT)
                .quantization());
        assertThrows(CommandArguments.Problem.class, () -> CommandArguments.parse("c", List.of("quantize=bar"),
                List.of(), Quantization.BEAT));
        assertThrows(CommandArguments.Problem.class, () -> parse(List.of(), "quantize=later"));
    }

    @Test
    void refusesWhatCannotBeNamedOrTyped() {
        CommandArguments.Problem p = assertThrows(CommandArguments.Problem.class, () -> parse(List.of(), "chorus"));
        assertFalse(p.wrongType);
        assertThrows(CommandArguments.Problem.class, () -> parse(List.of("a"), 1, 2));
        assertThrows(CommandArguments.Problem.class, () -> parse(List.of(), "a=1", "a=2"));
        assertThrows(CommandArguments.Problem.class, () -> parse(List.of(), "1x=2"));
        assertTrue(assertThrows(CommandArguments.Problem.class, () -> parse(List.of("a"), new byte[1])).wrongType);
        assertTrue(assertThrows(CommandArguments.Problem.class, () -> parse(List.of("a"), (Object) null)).wrongType);
        assertTrue(assertThrows(CommandArguments.Problem.class,
                () -> parse(List.of(), "k", OSCImpulse.INSTANCE)).wrongType);
        assertTrue(assertThrows(CommandArguments.Problem.class,
                () -> parse(List.of(), "k", List.of(1))).wrongType);
    }
}
