// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.util.List;
import java.util.Set;

import io.perfsuite.api.session.AgentStatus;

/**
 * The design's end-to-end latency budget (ARCHITECTURE.md: 10 ms from the performer's sound to the band's sound and
 * picture) and, for each stage, what this runtime measures of it, or in words why nothing.
 */
final class LatencyBudget {

    /** How a stage is measured, if this runtime can. */
    enum Source {
        AUDIO_IN, ANALYSIS, AGENTS, MUSICAL_MCP, MIDI, ABLETON, AUDIO_OUT, NETWORK, OSC, ANIMATION_MCP, ANIMATION,
        RENDERING, COMMAND
    }

    /** One stage: its budget and how to find its live figure. */
    record Stage(String name, double budgetMs, Source source) {
    }

    /** A stage's live figure: the 99th percentile in nanoseconds, or null with the reason. */
    record Measured(Long p99Nanos, String note) {
    }

    /**
     * What the runtime tells of itself at one moment.
     *
     * @param agents  the session's supervision figures, null without a session
     * @param audio   the audio engine's report, null without one
     * @param midi    the MIDI scheduler's report, null without one
     * @param bundles the symbolic names of the active bundles
     * @param outputs the ids of the registered note outputs
     */
    record Inputs(List<AgentStatus> agents, EngineReports.Audio audio, EngineReports.Midi midi, Set<String> bundles,
            List<String> outputs) {
    }

    static final String COMMAND = "session.command";

    static final List<Stage> STAGES = List.of(
            new Stage("audio in", 0.5, Source.AUDIO_IN),
            new Stage("analysis", 2.0, Source.ANALYSIS),
            new Stage("agents", 1.0, Source.AGENTS),
            new Stage("musical-AI MCP", 0.5, Source.MUSICAL_MCP),
            new Stage("MIDI generation", 1.0, Source.MIDI),
            new Stage("Ableton", 1.0, Source.ABLETON),
            new Stage("audio out", 0.5, Source.AUDIO_OUT),
            new Stage("network (out)", 0.5, Source.NETWORK),
            new Stage("network (back)", 0.5, Source.NETWORK),
            new Stage("OSC", 0.5, Source.OSC),
            new Stage("animation MCP", 0.5, Source.ANIMATION_MCP),
            new Stage("animation", 1.0, Source.ANIMATION),
            new Stage("rendering", 0.5, Source.RENDERING));

    /** The stage the performer's commands go through; not part of the 10 ms sound path, shown beside it. */
    static final Stage COMMAND_STAGE = new Stage("performer command (submit to effect)", Double.NaN, Source.COMMAND);

    private LatencyBudget() {
    }

    /** @return the sum of the budgets, in milliseconds */
    static double totalMs() {
        return STAGES.stream().mapToDouble(Stage::budgetMs).sum();
    }

    /**
     * @param stage a stage
     * @param in    what the runtime tells
     * @return the stage's live figure, or why there is none
     */
    static Measured measure(Stage stage, Inputs in) {
        List<AgentStatus> agents = in.agents() == null ? List.of() : in.agents();
        return switch (stage.source()) {
            case AUDIO_IN -> audioIn(in.audio());
            case ANALYSIS -> analysis(in.audio());
            case AGENTS -> agents(in.agents());
            case MIDI -> midi(in.midi());
            case COMMAND -> command(in.agents() == null ? null : agents);
            case MUSICAL_MCP, ANIMATION_MCP -> present(in, "io.perfsuite.mcp.")
                    ? none("not measured here (the MCP client keeps its own deadlines)")
                    : none("no MCP client in this runtime");
            case ABLETON -> present(in, "io.perfsuite.ableton")
                    ? none("not measured here") : none("no Ableton Live link in this runtime");
            case AUDIO_OUT -> in.outputs().isEmpty() ? none("no note output registered")
                    : none("not measured here: the outputs (" + String.join(", ", in.outputs())
                            + ") do not report when their sound leaves the machine");
            case NETWORK -> none("not measured here: no renderer link in this runtime times its messages");
            case OSC -> present(in, "io.perfsuite.transport.osc")
                    ? none("not measured here: the OSC transport does not time its sends")
                    : none("no OSC transport in this runtime");
            case ANIMATION -> present(in, "io.perfsuite.animation")
                    ? none("not measured here") : none("no animation bundle in this runtime");
            case RENDERING -> none("on the rendering machine: not measured here");
        };
    }

    private static Measured none(String why) {
        return new Measured(null, why);
    }

    private static boolean present(Inputs in, String prefix) {
        return in.bundles().stream().anyMatch(b -> b.startsWith(prefix));
    }

    private static Measured audioIn(EngineReports.Audio audio) {
        if (audio == null || audio.state() == null) {
            return none("no audio engine report");
        }
        if (audio.state().equals("idle")) {
            return none("no audio interface: the audio engine is idle (source: " + audio.source() + ")");
        }
        return none("not measured: the engine times its analysis, not the interface's input buffer");
    }

    private static Measured analysis(EngineReports.Audio audio) {
        if (audio == null) {
            return none("no audio engine report (its bundle or the Gogo shell is not running)");
        }
        if (audio.state() == null) {
            return none("the audio engine's report could not be read");
        }
        if (audio.state().equals("idle")) {
            return none("the audio engine is idle (source: " + audio.source() + "): nothing is analysed");
        }
        EngineReports.Timing chain = audio.chain();
        if (chain == null || chain.blocks() == 0) {
            return none("the audio engine has not analysed a block yet");
        }
        return new Measured(EngineReports.nanos(chain.p99Micros()), "audio engine, whole analyser chain per block, "
                + "over " + chain.blocks() + " blocks (" + audio.state() + ")");
    }

    private static Measured agents(List<AgentStatus> agents) {
        if (agents == null) {
            return none("no session is running");
        }
        // the bandmates plan one after another on the session thread: their p99s add up (an upper bound)
        long sum = 0;
        int n = 0;
        for (AgentStatus a : agents) {
            if (a.kind().equals("bandmate") && a.calls() > 0) {
                sum += a.p99Nanos();
                n++;
            }
        }
        return n == 0 ? none("no bandmate has played yet")
                : new Measured(sum, "sum of " + n + " bandmate p99" + (n == 1 ? "" : "s") + " (plan per call)");
    }

    private static Measured midi(EngineReports.Midi midi) {
        if (midi == null) {
            return none("no MIDI scheduler report (its bundle or the Gogo shell is not running)");
        }
        if (!midi.readable()) {
            return none("the MIDI scheduler's report could not be read");
        }
        if (!midi.running()) {
            return none("the MIDI scheduler is stopped");
        }
        if (midi.timedEvents() == 0) {
            return none("no note played yet");
        }
        return new Measured(EngineReports.nanos(midi.p99Micros()), "scheduler timing error (how late an event leaves "
                + "for the outputs) over " + midi.timedEvents() + " events");
    }

    private static Measured command(List<AgentStatus> agents) {
        if (agents == null) {
            return none("no session is running");
        }
        for (AgentStatus a : agents) {
            if (a.id().equals(COMMAND)) {
                return a.calls() == 0 ? none("no command carried out yet")
                        : new Measured(a.p99Nanos(), a.id() + " over " + a.calls() + " commands");
            }
        }
        return none("not reported by the session");
    }
}
