// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.perfsuite.audio.AudioEngineStatus;
import io.perfsuite.midi.SchedulerStatus;

/**
 * The engines' figures for the Agents and Latency pages: from the audio engine's {@link AudioEngineStatus} and the
 * MIDI scheduler's {@link SchedulerStatus} services; their shell commands ({@code perfsuite:audio},
 * {@code perfsuite:midiout}, run through Gogo's command processor) are the fallback when an engine of another
 * version offers no status service.
 */
@Component(service = ShellReports.class, configurationPolicy = ConfigurationPolicy.IGNORE)
public class ShellReports {

    static final String AUDIO = "perfsuite:audio";
    static final String MIDI = "perfsuite:midiout";

    private final CommandProcessor processor;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AudioEngineStatus audioStatus;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SchedulerStatus schedulerStatus;

    /** @param processor Gogo's command processor */
    @Activate
    public ShellReports(@Reference CommandProcessor processor) {
        this.processor = processor;
    }

    /** @return the audio engine's report, or null if the command is not there or failed */
    EngineReports.Audio audio() {
        AudioEngineStatus status = audioStatus;
        if (status != null) {
            try {
                return EngineReports.audio(status.status());
            } catch (RuntimeException e) {
                return null; // the engine is going away
            }
        }
        String text = run(AUDIO);
        return text == null ? null : EngineReports.audio(text);
    }

    /** @return the MIDI scheduler's report, or null if the command is not there or failed */
    EngineReports.Midi midi() {
        SchedulerStatus status = schedulerStatus;
        if (status != null) {
            try {
                return EngineReports.midi(status.status());
            } catch (RuntimeException e) {
                return null; // the scheduler is going away
            }
        }
        String text = run(MIDI);
        return text == null ? null : EngineReports.midi(text);
    }

    /** @return what the command returned, as text, or null if it is not registered or failed */
    String run(String command) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), sink, sink)) {
            Object result = session.execute(command);
            return result == null ? null : result.toString();
        } catch (Exception e) {
            return null; // e.g. "Command not found": the bundle is not running
        }
    }
}
