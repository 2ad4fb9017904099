// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.util.List;

import io.perfsuite.api.session.AgentStatus;

/**
 * The design's end-to-end latency budget (ARCHITECTURE.md: 10 ms from the performer's sound to the band's sound and
 * picture) and, for each stage, what this runtime measures of it.
 */
final class LatencyBudget {

    /** One stage: its budget and how to find its live figure, if this runtime has one. */
    record Stage(String name, double budgetMs, String measuredBy) {
    }

    /** A stage's live figure: the 99th percentile in nanoseconds, or null with the reason. */
    record Measured(Long p99Nanos, String note) {
    }

    static final String AGENTS = "agents";
    static final String COMMAND = "session.command";

    static final List<Stage> STAGES = List.of(
            new Stage("audio in", 0.5, null),
            new Stage("analysis", 2.0, null),
            new Stage("agents", 1.0, AGENTS),
            new Stage("musical-AI MCP", 0.5, null),
            new Stage("MIDI generation", 1.0, null),
            new Stage("Ableton", 1.0, null),
            new Stage("audio out", 0.5, null),
            new Stage("network (out)", 0.5, null),
            new Stage("network (back)", 0.5, null),
            new Stage("OSC", 0.5, null),
            new Stage("animation MCP", 0.5, null),
            new Stage("animation", 1.0, null),
            new Stage("rendering", 0.5, null));

    /** The stage the performer's commands go through; not part of the 10 ms sound path, shown beside it. */
    static final Stage COMMAND_STAGE = new Stage("performer command (submit to effect)", Double.NaN, COMMAND);

    private LatencyBudget() {
    }

    /** @return the sum of the budgets, in milliseconds */
    static double totalMs() {
        return STAGES.stream().mapToDouble(Stage::budgetMs).sum();
    }

    /**
     * @param stage  a stage
     * @param agents what the session reports
     * @return the stage's live figure
     */
    static Measured measure(Stage stage, List<AgentStatus> agents) {
        if (stage.measuredBy() == null) {
            return new Measured(null, "not measured here");
        }
        if (stage.measuredBy().equals(AGENTS)) {
            // the bandmates plan one after another on the session thread: their p99s add up (an upper bound)
            long sum = 0;
            int n = 0;
            for (AgentStatus a : agents) {
                if (a.kind().equals("bandmate") && a.calls() > 0) {
                    sum += a.p99Nanos();
                    n++;
                }
            }
            return n == 0 ? new Measured(null, "no bandmate has played yet")
                    : new Measured(sum, "sum of " + n + " bandmate p99" + (n == 1 ? "" : "s"));
        }
        for (AgentStatus a : agents) {
            if (a.id().equals(stage.measuredBy())) {
                return a.calls() == 0 ? new Measured(null, "no calls yet")
                        : new Measured(a.p99Nanos(), a.id() + " p99 over " + a.calls() + " calls");
            }
        }
        return new Measured(null, "not reported by the session");
    }
}
