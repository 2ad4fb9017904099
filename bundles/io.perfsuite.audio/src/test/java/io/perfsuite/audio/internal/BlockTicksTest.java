// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.audio.FileAnalysis;

/** An offline run says where each block ended, after that block's events: what a render steps a session on. */
class BlockTicksTest {

    @TempDir
    Path dir;

    @Test
    void eachBlockEndComesAfterItsEventsAndBeforeTheNextBlocksOnTheFilesClock() throws Exception {
        float rate = 44100;
        int frames = 44100 + 100; // not a whole number of blocks: the last block is short
        ByteBuffer b = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            boolean click = i % 11025 < 64; // a burst four times a second: onsets
            b.putShort((short) (click ? 20000 * Math.sin(i * 0.3) : 30 * Math.sin(i * 0.01)));
        }
        Path wav = dir.resolve("clicks.wav");
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(b.array()), format, frames),
                AudioFileFormat.Type.WAVE, wav.toFile());

        List<long[]> order = new ArrayList<>(); // {kind 0 event / 1 tick, frame, nanos}
        FileAnalysis.Result r = FileAnalysisComponent.run(wav, List.of(new TestAnalysers.Levels()),
                e -> order.add(new long[] {0, e.frame(), e.nanos(), e instanceof AnalysisEvent.Onset ? 1 : 0}),
                (endFrame, nanos) -> order.add(new long[] {1, endFrame, nanos, 0}), 256, 2048);

        long ticks = order.stream().filter(x -> x[0] == 1).count();
        assertEquals((frames + 255) / 256, ticks, "one tick per block");
        long lastEnd = 0;
        int onsets = 0;
        for (long[] x : order) {
            if (x[0] == 1) {
                assertEquals(Math.min(lastEnd + 256, frames), x[1], "blocks follow each other");
                assertEquals(x[1] * 1e9 / rate, x[2], 2, "the offline clock is the file's");
                lastEnd = x[1];
            } else {
                assertTrue(x[1] >= lastEnd && x[1] < lastEnd + 256, "an event of block " + lastEnd + " at " + x[1]
                        + " comes before that block's tick");
                onsets += (int) x[3];
            }
        }
        assertEquals(frames, lastEnd);
        assertEquals(frames, r.frames());
        assertTrue(onsets >= 4, "the bursts were heard: " + onsets);
    }
}
