// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.audio.internal.source;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.audio.testkit.TestInterface;

/**
 * Live capture. The build machines have no audio interface: the capture tests open {@link TestInterface}, a device
 * the JDK's {@code AudioSystem} lists through its service-provider interface, which delivers known 16-bit samples
 * at the hardware's pace.
 */
class CaptureSourceTest {

    private static short left(long frame) {
        if (frame % 1000 == 7) {
            return Short.MIN_VALUE; // full scale both ways, and every byte pattern in between
        }
        return frame % 1000 == 8 ? Short.MAX_VALUE : (short) (frame * 2731);
    }

    private static short right(long frame) {
        return (short) (12345 - frame * 977);
    }

    @Test
    void capturesAnInterfaceByNameSampleForSampleAtItsPace() throws Exception {
        TestInterface.feed = (frame, channel) -> channel == 0 ? left(frame) : right(frame);
        assertTrue(CaptureSource.captureDevices().contains(TestInterface.NAME), CaptureSource.captureDevices()
                .toString());
        CaptureSource source = new CaptureSource("test interface", 48000, 2);
        source.open(256);
        try {
            assertTrue(source.describe().contains("-> " + TestInterface.NAME), source.describe());
            float[] block = new float[256];
            int blocks = 94; // 24,064 frames: half a second at 48 kHz
            long started = System.nanoTime();
            long frame = 0;
            boolean extremes = false;
            for (int b = 0; b < blocks; b++) {
                assertEquals(256, source.read(block, 256));
                for (int i = 0; i < 256; i++, frame++) {
                    // the two channels of each little-endian frame, averaged to mono
                    double expected = (left(frame) + right(frame)) / 2.0 / 32768.0;
                    assertEquals(expected, block[i], 1e-7, "frame " + frame);
                    extremes |= left(frame) == Short.MIN_VALUE;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(extremes, "the feed reached full scale");
            assertTrue(seconds >= 0.49, "the interface is the clock: 0.5 s of audio came in " + seconds + " s");
        } finally {
            source.close();
        }
        assertEquals(-1, source.read(new float[256], 256), "closed");
    }

    @Test
    void closingWakesABlockedRead() throws Exception {
        TestInterface.feed = (frame, channel) -> (short) 1000;
        CaptureSource source = new CaptureSource(TestInterface.NAME, 8000, 1);
        source.open(8000); // one read of a whole second
        java.util.concurrent.CompletableFuture<Integer> read = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> source.read(new float[8000], 8000));
        Thread.sleep(100);
        long closing = System.nanoTime();
        source.close();
        int got = read.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - closing) / 1e9 < 0.5, "the read did not wait out its second");
        assertTrue(got <= 0, "nothing of the unfinished second: " + got);
        assertEquals(-1, source.read(new float[8000], 8000));
    }

    @Test
    void listingCaptureDevicesNeverThrows() {
        List<String> devices = assertDoesNotThrow(CaptureSource::captureDevices);
        assertNotNull(devices);
        System.out.println("capture devices on this machine: " + devices);
        for (String name : devices) {
            assertNotNull(name);
        }
    }

    @Test
    void anUnknownDeviceIsNamedInTheErrorWithTheDevicesThatExist() {
        String asked = "No Such Interface 7f3a";
        CaptureSource source = new CaptureSource(asked, 48000, 2);

        IOException e = assertThrows(IOException.class, () -> source.open(256));

        String message = e.getMessage();
        assertTrue(message.contains("\"" + asked + "\""), message);
        List<String> devices = CaptureSource.captureDevices();
        if (devices.isEmpty()) {
            assertTrue(message.contains("there are none"), message);
        } else {
            for (String device : devices) {
                assertTrue(message.contains("\"" + device + "\""), "lists " + device + ": " + message);
            }
        }
        assertThrows(IllegalStateException.class, () -> source.read(new float[256], 256), "never opened");
        assertDoesNotThrow(source::close);
    }

    @Test
    void describesItselfAndValidatesItsArguments() {
        CaptureSource source = new CaptureSource(" Scarlett ", 48000, 2);
        assertTrue(source.isLive());
        assertEquals(48000f, source.sampleRate());
        assertEquals("Scarlett", source.deviceName());
        assertEquals("capture \"Scarlett\" (48000 Hz, 2 ch, PCM_SIGNED 16 bit)", source.describe());
        assertEquals("capture default device (44100 Hz, 1 ch, PCM_SIGNED 16 bit)",
                new CaptureSource("", 44100, 1).describe());
        assertEquals("", new CaptureSource(null, 44100, 1).deviceName(), "null means the default device");
        assertThrows(IllegalArgumentException.class, () -> new CaptureSource("", 44100, 0));
        assertThrows(IllegalArgumentException.class, () -> new CaptureSource("", -1, 1));
        assertThrows(IllegalArgumentException.class, () -> source.open(0));
    }
}
