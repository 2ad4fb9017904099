// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import static io.perfsuite.session.internal.Harness.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.CommandTarget;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.CommandFactory;
import io.perfsuite.session.internal.command.Builtins;

/** The built-in commands, their arguments, and commands that fail. */
class CommandsTest {

    @Test
    void everyBuiltInCommandIsKnownWithItsDefaultQuantization() {
        try (Harness h = new Harness()) {
            assertEquals(List.of("count-in", "degrade", "double-time", "ending", "fill", "goto-section", "half-time",
                    "hold", "intensity-down", "intensity-up", "mute", "next-section", "next-song", "normal-time",
                    "previous-section", "previous-song", "select-song", "stop", "tap-tempo", "tempo", "tempo-nudge",
                    "unmute"), h.session.commandNames());
            assertEquals(Quantization.BAR, h.session.create("next-section", Map.of()).quantization());
            assertEquals(Quantization.NOW, h.session.create("tempo-nudge", args("bpm=-2")).quantization());
            assertEquals(Quantization.BEAT, h.session.create("mute", args("id=keys")).quantization());
            assertEquals(Map.of("bpm", "-2"), h.session.create("tempo-nudge", args("bpm=-2")).arguments());
            for (CommandFactory f : Builtins.factories()) {
                assertFalse(f.description().isBlank());
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "launch-rocket;;unknown command \"launch-rocket\"",
        "tempo-nudge;;missing argument bpm=",
        "tempo-nudge;bpm=fast;\"fast\" is not a number",
        "tempo-nudge;bpm=+2,beats=3;unknown argument \"beats\"",
        "tempo;bpm=900;must be in 20..400",
        "mute;;missing argument id=",
        "count-in;bars=7;must be in 0..4",
        "count-in;bars=1.5;whole number",
        "hold;state=maybe;must be on or off",
        "degrade;level=HALF;must be auto or one of",
        "intensity-up;by=3;must be in 0..1",
        "select-song;index=0;must be in 1..10000",
        "fill;now=yes;it takes none"})
    void unknownNamesAndBadArgumentsNameTheProblem(String name, String arguments, String message) {
        try (Harness h = new Harness()) {
            Map<String, String> a = arguments == null ? Map.of() : args(arguments.split(","));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.session.create(name, a));
            assertTrue(e.getMessage().contains(message), e.getMessage());
        }
    }

    @Test
    void tapTempoSetsTheTempoFromTheTaps() {
        try (Harness h = new Harness()) {
            long t = 5_000_000_000L;
            for (int i = 0; i < 4; i++) {
                h.submit("tap-tempo", "at=" + (t + i * 600_000_000L)); // 100 BPM
            }
            h.step();
            assertEquals(100, h.ctx().tempo().bpm(), 1e-6);
            h.submit("tap-tempo", "at=" + (t + 10_000_000_000L)); // a new sequence: one tap changes nothing
            h.step();
            assertEquals(100, h.ctx().tempo().bpm(), 1e-6);
            h.submit("tap-tempo", "at=" + (t + 10_500_000_000L));
            h.step();
            assertEquals(120, h.ctx().tempo().bpm(), 1e-6);
            h.session.undo();
            h.step();
            assertEquals(100, h.ctx().tempo().bpm(), 1e-6);
            assertNotNull(h.session.create("tap-tempo", Map.of()).arguments().get("at"), "the tap's time is kept");
        }
    }

    @Test
    void theCommandStageTimesTheSessionsDelayButNotTheMusicalWait() {
        try (Harness h = new Harness()) {
            h.submit("tempo", "bpm=100");
            h.advance(300_000); // the session thread takes the command 0.3 ms after it was submitted
            h.start();
            h.untilBeat(2);
            h.submit(Quantization.BAR, "intensity-up");
            h.untilBeat(4); // the bar line: beat 4 is the first beat of bar 2; carried out right on it
            AgentStatus stage = h.session.agents().stream().filter(a -> a.id().equals("session.command"))
                    .findFirst().orElseThrow();
            assertEquals("stage", stage.kind());
            assertEquals(3, stage.calls(), "tempo, the count-in that starts the band, intensity-up");
            assertEquals(300_000, stage.maxNanos(), 300_000 * 0.01, "0.3 ms, the bar's wait not counted");
            assertEquals(0, stage.overruns());
        }
    }

    @Test
    void tempoNudgeHalfDoubleIntensityHoldDegrade() {
        try (Harness h = new Harness()) {
            h.submit("tempo-nudge", "bpm=-2");
            h.submit("tempo-nudge", "bpm=+0.5");
            h.submit("double-time");
            h.submit("intensity-down");
            h.submit("intensity-down", "by=0.35");
            h.submit("hold");
            h.submit("degrade", "level=no_mcp");
            h.step();
            assertEquals(118.5, h.ctx().tempo().bpm(), 1e-9);
            assertEquals(io.perfsuite.api.context.Feel.DOUBLE_TIME, h.ctx().feel());
            assertEquals(0.05, h.ctx().intensity(), 1e-9);
            assertTrue(h.ctx().has(Cue.HOLD));
            assertEquals(DegradationLevel.NO_MCP, h.ctx().degradation());
            h.submit("intensity-down", "by=1");
            h.submit("degrade", "level=auto");
            h.submit("normal-time");
            h.step();
            assertEquals(0, h.ctx().intensity(), "clamped at 0");
            assertEquals(DegradationLevel.FULL, h.ctx().degradation());
            assertEquals(io.perfsuite.api.context.Feel.NORMAL, h.ctx().feel());
        }
    }

    @Test
    void aCommandThatThrowsIsDroppedReportedAndChangesNothing() {
        Command broken = new Command() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Undo execute(CommandTarget target) {
                target.setIntensity(0.9);
                target.setCue(Cue.FILL, true);
                throw new IllegalStateException("half-way");
            }
        };
        try (Harness h = new Harness()) {
            h.session.submit(broken);
            h.submit("intensity-up");
            h.step();
            assertEquals(0.6, h.ctx().intensity(), 1e-9, "the broken command's intensity was not applied");
            assertFalse(h.ctx().has(Cue.FILL));
            assertEquals(1, h.session.engine().commandsFailed);
            assertEquals(1, h.session.engine().commandsExecuted);
            assertTrue(h.session.engine().lastFailure.contains("half-way"));
            assertEquals("intensity-up", h.session.undo().orElseThrow().name(), "not in the history either");
        }
    }

    @Test
    void aPluginFactoryAddsACommandAndCanReplaceABuiltIn() {
        CommandFactory louder = new CommandFactory() {
            @Override
            public String name() {
                return "intensity-up";
            }

            @Override
            public String description() {
                return "a plugin's own intensity-up: straight to the top";
            }

            @Override
            public Command create(Map<String, String> arguments) {
                return new Command() {
                    @Override
                    public String name() {
                        return "intensity-up";
                    }

                    @Override
                    public Undo execute(CommandTarget target) {
                        target.setIntensity(1);
                        return null;
                    }
                };
            }
        };
        try (Harness h = new Harness()) {
            h.session.addFactory(louder, Map.of("service.id", 7L, "service.ranking", 10));
            h.submit("intensity-up");
            h.step();
            assertEquals(1.0, h.ctx().intensity(), 1e-9);
            h.session.removeFactory(louder);
            h.submit("intensity-down");
            h.submit("intensity-up");
            h.step();
            assertEquals(1.0, h.ctx().intensity(), 1e-9);
            h.submit("intensity-down", "by=0.5");
            h.submit("intensity-up");
            h.step();
            assertEquals(0.6, h.ctx().intensity(), 1e-9, "the built-in is back");
        }
    }

    @Test
    void fillIsClearedAtTheNextBarLineAndEndingStopsAtTheEndOfItsBar() {
        try (Harness h = new Harness()) {
            h.start();
            h.untilBeat(1);
            h.submit("fill");
            h.step();
            assertTrue(h.ctx().has(Cue.FILL));
            h.untilBeat(3);
            assertTrue(h.ctx().has(Cue.FILL));
            h.untilBeat(4);
            assertFalse(h.ctx().has(Cue.FILL));
            h.submit("ending"); // at the next bar line: bar 3 is the ending bar
            h.untilBeat(8);
            assertTrue(h.ctx().has(Cue.ENDING));
            h.untilBeat(11);
            assertTrue(h.ctx().playing());
            h.advance(Harness.BEAT * 2);
            assertFalse(h.ctx().playing());
            assertFalse(h.ctx().has(Cue.ENDING));
        }
    }
}
