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

/** Live capture: only what can be checked without an audio interface (the build machines have none). */
class CaptureSourceTest {

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
