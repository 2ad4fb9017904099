// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class PluginManagerTest {

    @Test
    void aComponentFailureIsCutToItsMessages() {
        Exception e = new IllegalStateException("could not make it",
                new IllegalArgumentException("metronome clickNote must be in [0, 127], was 999"));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertEquals("java.lang.IllegalStateException: could not make it / Caused by: "
                + "java.lang.IllegalArgumentException: metronome clickNote must be in [0, 127], was 999",
                PluginManager.withoutStack(trace.toString()));
        assertEquals("no reason given", PluginManager.withoutStack(null));
        assertEquals("java.lang.IllegalStateException: could not make it / java.lang.IllegalArgumentException: "
                + "metronome clickNote must be in [0, 127], was 999", PluginManager.messages(e));
    }
}
