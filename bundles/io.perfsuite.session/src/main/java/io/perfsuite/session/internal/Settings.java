// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.perfsuite.api.band.Role;
import io.perfsuite.api.music.Meter;

/**
 * The session's configuration, checked and copied out of the metatype proxy once, so the session thread reads plain
 * final fields instead of calling a reflective proxy on every step. Immutable; a {@code @Modified} configuration
 * swaps the whole object through one volatile reference.
 */
final class Settings {

    final double tempoBpm;
    final Meter meter;
    final int planAheadBeats;
    final int phraseBars;
    final boolean followPerformer;
    final int autoStartBeats;
    final double minBeatConfidence;
    final double minChordConfidence;
    final double phaseGain;
    final double tempoGain;
    final double driftGain;
    final double onsetPhaseGain;
    final double onsetWindowBeats;
    final double phaseJumpBeats;
    final double tempoJumpRatio;
    final int analysisQueueSize;
    final long bandmateBudgetNanos;
    final long listenerBudgetNanos;
    final long stepBudgetNanos;
    final long agentDeadlineNanos;
    final int faultsInARow;
    final int faultsInWindow;
    final int warmUpCalls;
    final int warmUpPlans;
    final int retryBars;
    final int overloadBeats;
    final int overloadWindowBeats;
    final int recoverBeats;
    final Set<Role> essentialRoles;
    final double intensityStep;
    final boolean journal;
    final String journalDir;
    final String setlist;

    Settings(DefaultSessionManager.Config c) {
        tempoBpm = range("tempo", c.tempo(), SessionLimits.MIN_BPM, SessionLimits.MAX_BPM);
        meter = Meter.parse(c.meter().trim());
        planAheadBeats = (int) range("planAheadBeats", c.planAheadBeats(), 0, 4);
        phraseBars = (int) range("phraseBars", c.phraseBars(), 1, 64);
        followPerformer = c.followPerformer();
        autoStartBeats = (int) range("autoStartBeats", c.autoStartBeats(), 0, 64);
        minBeatConfidence = range("minBeatConfidence", c.minBeatConfidence(), 0, 1);
        minChordConfidence = range("minChordConfidence", c.minChordConfidence(), 0, 1);
        phaseGain = range("phaseGain", c.phaseGain(), 0, 1);
        tempoGain = range("tempoGain", c.tempoGain(), 0, 1);
        driftGain = range("driftGain", c.driftGain(), 0, 0.5);
        onsetPhaseGain = range("onsetPhaseGain", c.onsetPhaseGain(), 0, 1);
        onsetWindowBeats = range("onsetWindowBeats", c.onsetWindowBeats(), 0.02, 0.25);
        phaseJumpBeats = range("phaseJumpBeats", c.phaseJumpBeats(), 0.05, 0.5);
        tempoJumpRatio = range("tempoJumpRatio", c.tempoJumpRatio(), 0.01, 0.5);
        analysisQueueSize = (int) range("analysisQueueSize", c.analysisQueueSize(), 16, 1 << 20);
        bandmateBudgetNanos = 1000L * (long) range("bandmateBudgetMicros", c.bandmateBudgetMicros(), 1, 1_000_000);
        listenerBudgetNanos = 1000L * (long) range("listenerBudgetMicros", c.listenerBudgetMicros(), 1, 1_000_000);
        stepBudgetNanos = 1000L * (long) range("stepBudgetMicros", c.stepBudgetMicros(), 1, 1_000_000);
        agentDeadlineNanos = 1000L * (long) range("agentDeadlineMicros", c.agentDeadlineMicros(), 1, 1_000_000);
        faultsInARow = (int) range("faultsInARow", c.faultsInARow(), 1, 64);
        faultsInWindow = (int) range("faultsInWindow", c.faultsInWindow(), 1, AgentStats.WINDOW);
        warmUpCalls = (int) range("warmUpCalls", c.warmUpCalls(), 0, 1000);
        warmUpPlans = (int) range("warmUpPlans", c.warmUpPlans(), 0, 100_000);
        retryBars = (int) range("retryBars", c.retryBars(), 1, 1024);
        overloadWindowBeats = (int) range("overloadWindowBeats", c.overloadWindowBeats(), 1, 64);
        overloadBeats = (int) range("overloadBeats", c.overloadBeats(), 1, overloadWindowBeats);
        recoverBeats = (int) range("recoverBeats", c.recoverBeats(), 1, 100_000);
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        // a console may store the list as one comma-separated string
        for (String role : String.join(",", c.essentialRoles()).split(",")) {
            if (!role.isBlank()) {
                try {
                    roles.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("essentialRoles: unknown role \"" + role + "\"", e);
                }
            }
        }
        essentialRoles = Set.copyOf(roles);
        intensityStep = range("intensityStep", c.intensityStep(), 0.001, 1);
        journal = c.journal();
        journalDir = c.journalDir() == null ? "" : c.journalDir().trim();
        setlist = c.setlist() == null ? "" : c.setlist().trim();
    }

    private static double range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
