// SPDX-License-Identifier: GPL-3.0-or-later
package be.tarsos.dsp.wrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;

/**
 * Checks the wrapped bundle's manifest, and audits the one TarsosDSP class the audio engine runs on its real-time
 * thread: the FFT of the shared spectral front end must not allocate per block.
 */
class WrappedBundleTest {

    static Manifest manifest() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    @Test
    void exportsTarsosAtItsOwnVersionWithoutTheSwingUi() throws Exception {
        var main = manifest().getMainAttributes();
        assertEquals("be.tarsos.dsp", main.getValue("Bundle-SymbolicName"));
        assertEquals("2.4.1", main.getValue("Bundle-Version"));
        String exports = main.getValue("Export-Package");
        assertTrue(exports.contains("be.tarsos.dsp.pitch;version=\"2.4.1\""), exports);
        assertTrue(exports.contains("be.tarsos.dsp.onsets;version=\"2.4.1\""), exports);
        assertTrue(exports.contains("be.tarsos.dsp.util.fft;version=\"2.4.1\""), exports);
        assertFalse(exports.contains("be.tarsos.dsp.ui"), "the Swing UI is left out");
        String imports = main.getValue("Import-Package");
        if (imports != null && imports.contains("android")) {
            assertTrue(imports.matches(".*android[^,]*resolution:=optional.*"), imports);
        }
        assertTrue(main.getValue("Bundle-License").startsWith("GPL-3.0"));
    }

    @Test
    void fftOfTheSharedSpectrumAllocatesNothingPerBlock() {
        int size = 2048;
        FFT fft = new FFT(size, new HannWindow());
        float[] buffer = new float[size];
        float[] magnitudes = new float[size / 2];
        float[] signal = new float[size];
        for (int i = 0; i < size; i++) {
            signal[i] = (float) Math.sin(2 * Math.PI * 440 * i / 44100.0);
        }
        for (int i = 0; i < 20_000; i++) { // warm-up: let the JIT compile it
            System.arraycopy(signal, 0, buffer, 0, size);
            fft.forwardTransform(buffer);
            fft.modulus(buffer, magnitudes);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(signal, 0, buffer, 0, size);
            fft.forwardTransform(buffer);
            fft.modulus(buffer, magnitudes);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(0, allocated, "bytes allocated by 10,000 FFTs of 2048 samples");
        int peak = 0;
        for (int k = 1; k < magnitudes.length; k++) {
            if (magnitudes[k] > magnitudes[peak]) {
                peak = k;
            }
        }
        assertEquals(440.0, peak * 44100.0 / size, 44100.0 / size, "the spectrum peaks at 440 Hz");
    }
}
