// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.audio.internal.source.CaptureSource;
import io.perfsuite.audio.testkit.EngineTestKit;
import io.perfsuite.audio.testkit.TestInterface;

class AudioEngineTest {

    static final float RATE = 44100;

    static List<AnalysisEvent> run(AudioEngine engine, AudioSource source, AudioEngine.Clock clock)
            throws Exception {
        List<AnalysisEvent> events = new CopyOnWriteArrayList<>();
        engine.addListener(events::add);
        engine.start(source, clock);
        assertTrue(engine.awaitEnd(Duration.ofSeconds(30)), "the engine finished the source");
        return events;
    }

    @Test
    void analysesAFiniteSourceOfflineAndDeliversEveryEventInOrder() throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 4096);
        engine.addAnalyser(new TestAnalysers.PeakPitch());
        long length = 44100 * 2 + 100; // not a multiple of the block size: the last block is short
        List<AnalysisEvent> events = run(engine, new SineSource(RATE, 440, length, 0), AudioEngine.Clock.OFFLINE);

        long expectedBlocks = (length + 255) / 256;
        assertEquals(expectedBlocks, engine.blocks());
        assertEquals(length, engine.frames());
        assertEquals(expectedBlocks, events.size(), "one pitch event per block");
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).frame() > events.get(i - 1).frame(), "in order");
        }
        AnalysisEvent.Pitch late = (AnalysisEvent.Pitch) events.get(events.size() / 2);
        assertEquals(440, late.hz(), RATE / 2048, "the shared spectrum peaks at the sine");
        assertEquals((long) (late.frame() * 1e9 / RATE), late.nanos(), 1, "offline clock: frame time from 0");
        assertEquals(0, engine.droppedEvents());
        assertFalse(engine.isRunning());
    }

    @Test
    void theAudioThreadAllocatesNothingOverTenThousandBlocks() throws Exception {
        AudioEngine engine = new AudioEngine(256, 2048, 1 << 16);
        engine.addAnalyser(new TestAnalysers.PeakPitch());
        engine.addAnalyser(new TestAnalysers.Levels());
        List<AnalysisEvent> events = new CopyOnWriteArrayList<>();
        engine.addListener(e -> {
            if (events.size() < 1000) {
                events.add(e);
            }
        });
        engine.start(new SineSource(RATE, 440, -1, 0), AudioEngine.Clock.OFFLINE);
        try {
            EngineTestKit.Allocation a = EngineTestKit.audioThreadAllocation(engine);
            assertTrue(a.blocks() >= 10_000, "measured over " + a.blocks() + " blocks");
            assertEquals(0, a.bytes(), "bytes allocated by the audio thread over " + a.blocks() + " blocks");
        } finally {
            engine.stop();
        }
        assertEquals(1000, events.size(), "the results reached the listener");
    }

    @Test
    void anAudioInterfaceIsTheEnginesClock() throws Exception {
        // the test interface plays a 440 Hz tone into both inputs; the engine opens it by name, as `source=device`
        TestInterface.feed = (frame, channel) -> (short) Math.round(12000 * Math.sin(2 * Math.PI * 440 * frame
                / 48000.0));
        AudioEngine engine = new AudioEngine(256, 2048, 4096);
        engine.addAnalyser(new TestAnalysers.PeakPitch());
        List<AnalysisEvent> events = new CopyOnWriteArrayList<>();
        engine.addListener(events::add);
        long started = System.nanoTime();
        engine.start(new CaptureSource("test interface", 48000, 2), AudioEngine.Clock.REALTIME);
        try {
            Thread.sleep(600);
            double seconds = (System.nanoTime() - started) / 1e9;
            double heard = engine.frames() / 48000.0;
            assertTrue(heard <= seconds + 0.01 && heard > seconds - 0.2,
                    "the device paces the engine: " + heard + " s of audio in " + seconds + " s");
        } finally {
            engine.stop();
        }
        assertTrue(events.size() > 50, "analysed as it came in: " + events.size());
        AnalysisEvent.Pitch late = (AnalysisEvent.Pitch) events.get(events.size() - 1);
        assertEquals(440, late.hz(), 48000.0 / 2048, "the tone the interface heard");
    }

    @Test
    void anAnalyserThatThrowsIsTakenOutAndTheOthersRunOn() throws Exception {
        AudioEngine engine = new AudioEngine(256, 1024, 4096);
        TestAnalysers.PeakPitch good = new TestAnalysers.PeakPitch();
        TestAnalysers.Faulty faulty = new TestAnalysers.Faulty(10);
        engine.addAnalyser(faulty);
        engine.addAnalyser(good);
        List<AnalysisEvent> events = run(engine, new SineSource(RATE, 440, 256 * 100, 0), AudioEngine.Clock.OFFLINE);
        assertEquals(10, faulty.calls, "called until it threw, never again");
        assertEquals(100, good.calls, "the good analyser saw every block");
        assertEquals(100, events.size());
        AudioEngine.AnalyserStats faultyStats = engine.stats().stream().filter(s -> s.id().equals("test.faulty"))
                .findFirst().orElse(null);
        if (faultyStats != null) { // it may already be out of the chain
            assertNotNull(faultyStats.failure());
        }
    }

    @Test
    void realTimeClockPacesAFileLikeLiveInputAndGivesTheSameResultsAsOffline() throws Exception {
        long length = (long) (RATE * 0.5);
        AudioEngine offline = new AudioEngine(256, 2048, 4096);
        offline.addAnalyser(new TestAnalysers.PeakPitch());
        offline.addAnalyser(new TestAnalysers.Levels());
        List<AnalysisEvent> a = run(offline, new SineSource(RATE, 330, length, 4410), AudioEngine.Clock.OFFLINE);

        AudioEngine live = new AudioEngine(256, 2048, 4096);
        live.addAnalyser(new TestAnalysers.PeakPitch());
        live.addAnalyser(new TestAnalysers.Levels());
        long started = System.nanoTime();
        List<AnalysisEvent> b = run(live, new SineSource(RATE, 330, length, 4410), AudioEngine.Clock.REALTIME);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertTrue(seconds >= 0.48, "0.5 s of audio took " + seconds + " s: not paced");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getClass(), b.get(i).getClass());
            assertEquals(a.get(i).frame(), b.get(i).frame());
        }
        assertTrue(a.stream().anyMatch(e -> e instanceof AnalysisEvent.Onset o && o.frame() == 4352),
                "the onset of the sine after 4410 silent frames is in the block that contains it");
    }

    @Test
    void aLiveRunAsksForARealtimeThreadAndStillGivesTheOfflineResults() throws Exception {
        long length = (long) (RATE * 0.3);
        AudioEngine offline = new AudioEngine(256, 2048, 4096);
        offline.realtimePriority(13);
        offline.addAnalyser(new TestAnalysers.PeakPitch());
        List<AnalysisEvent> a = run(offline, new SineSource(RATE, 330, length, 4410), AudioEngine.Clock.OFFLINE);
        assertEquals("normal (offline clock)", offline.threadPolicy(), "offline runs flat out on a normal thread");

        AudioEngine live = new AudioEngine(256, 2048, 4096);
        live.realtimePriority(13);
        live.addAnalyser(new TestAnalysers.PeakPitch());
        List<AnalysisEvent> b = run(live, new SineSource(RATE, 330, length, 4410), AudioEngine.Clock.REALTIME);
        String policy = live.threadPolicy();
        System.out.println("live audio thread: " + policy);
        assertTrue(policy.equals("real-time (SCHED_RR 13)") || policy.startsWith("normal ("), policy);
        if ("1".equals(System.getenv("PERFSUITE_CI")) && System.getProperty("os.name", "").contains("Linux")) {
            assertEquals("real-time (SCHED_RR 13)", policy, "PERFSUITE_CI=1: the CI machine allows it");
        }
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).frame(), b.get(i).frame());
        }
        assertThrows(IllegalArgumentException.class, () -> live.realtimePriority(50));
        assertThrows(IllegalArgumentException.class, () -> live.realtimePriority(-1));
    }

    @Test
    void aRemovedAnalyserIsNeverCalledAgainAndAnAddedOneJoinsWhileRunning() throws Exception {
        AudioEngine engine = new AudioEngine(256, 1024, 1 << 14);
        TestAnalysers.PeakPitch first = new TestAnalysers.PeakPitch();
        engine.addAnalyser(first);
        engine.addListener(e -> { });
        engine.start(new SineSource(RATE, 440, -1, 0), AudioEngine.Clock.OFFLINE);
        try {
            EngineTestKit.awaitBlocks(engine, 1000);
            TestAnalysers.PeakPitch second = new TestAnalysers.PeakPitch();
            engine.addAnalyser(second);
            engine.removeAnalyser(first);
            long callsAtRemoval = first.calls;
            long blocks = engine.blocks();
            EngineTestKit.awaitBlocks(engine, blocks + 1000);
            assertEquals(callsAtRemoval, first.calls, "not called after removeAnalyser returned");
            assertTrue(second.calls >= 1000, "the new analyser runs: " + second.calls);
        } finally {
            engine.stop();
        }
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new AudioEngine(0, 2048, 1024));
        assertThrows(IllegalArgumentException.class, () -> new AudioEngine(256, 1000, 1024));
        assertThrows(IllegalArgumentException.class, () -> new AudioEngine(256, 2048, 1000));
    }
}
