// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.analysis.AnalysisListener;

/**
 * The audio engine in the framework: configured through ConfigAdmin to play the test signal in real time, its
 * results reach a whiteboard listener; the dynamics analyser's bundle is stopped and started while the audio runs,
 * and the engine carries on without it and picks it up again.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class AnalyserHotSwapTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 5000)
    ConfigurationAdmin configAdmin;

    @Test
    void anAnalyserBundleLeavesAndRejoinsWhileTheAudioRuns() throws Exception {
        AtomicLong levels = new AtomicLong();
        AtomicLong lastFrame = new AtomicLong(-1);
        ServiceRegistration<AnalysisListener> listener = context.registerService(AnalysisListener.class, e -> {
            if (e instanceof AnalysisEvent.Level level) {
                levels.incrementAndGet();
                lastFrame.set(level.frame());
            }
        }, new Hashtable<>());
        Configuration config = configAdmin.getConfiguration("io.perfsuite.audio", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("source", "test");
        props.put("realtime", Boolean.TRUE);
        config.update(props);
        Bundle dynamics = Arrays.stream(context.getBundles())
                .filter(b -> "io.perfsuite.analysis.dynamics".equals(b.getSymbolicName())).findFirst().orElseThrow();
        try {
            Plugins.await("levels from the dynamics analyser", WAIT, () -> levels.get() >= 50);
            assertThat(audio()).contains("running").contains("dynamics");

            dynamics.stop();
            long atStop = levels.get();
            long blocksAtStop = blocks();
            Thread.sleep(300);
            assertThat(levels.get() - atStop).as("no levels once the analyser left (at most one in flight)")
                    .isLessThanOrEqualTo(1);
            Plugins.await("the engine keeps running without it", WAIT, () -> blocks() > blocksAtStop + 20);
            assertThat(audio()).doesNotContain("dynamics");

            dynamics.start();
            long atStart = levels.get();
            Plugins.await("levels again after the analyser rejoined", WAIT, () -> levels.get() >= atStart + 50);
            assertThat(lastFrame.get()).as("frames keep counting from where the stream is").isGreaterThan(0);
        } finally {
            if (dynamics.getState() != Bundle.ACTIVE) {
                dynamics.start();
            }
            config.delete();
            listener.unregister();
        }
        Plugins.await("the engine goes idle when its configuration is deleted", WAIT,
                () -> audio().startsWith("Audio engine idle"));
    }

    private long blocks() {
        String text = audio();
        int i = text.indexOf(" blocks");
        if (!text.startsWith("Audio engine running") || i < 0) {
            return -1;
        }
        return Long.parseLong(text.substring(text.indexOf(':') + 2, i).trim());
    }

    private String audio() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=perfsuite)(osgi.command.function=audio))");
            assertThat(refs).as("the perfsuite:audio command").hasSize(1);
            Object service = context.getService(refs[0]);
            try {
                Method m = service.getClass().getMethod("audio");
                return (String) m.invoke(service);
            } finally {
                context.ungetService(refs[0]);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
