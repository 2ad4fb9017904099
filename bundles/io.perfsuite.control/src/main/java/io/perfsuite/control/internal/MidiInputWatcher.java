// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Transmitter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one MIDI input connected to a receiver: the first JavaSound device with a transmitter whose name or
 * description contains the configured text (case-insensitive). Each {@link #check()} (the component calls it every
 * few seconds) connects the device when it appears and notices when it is gone (unplugged), so a controller plugged
 * in mid-show is picked up without touching the runtime. A missing device is logged once, not at every check.
 *
 * <p><b>Threading:</b> {@link #check()} and {@link #close()} are synchronized; JavaSound enumeration can be slow, so
 * they belong on a background thread, never on the session or audio thread.
 */
final class MidiInputWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MidiInputWatcher.class);

    /** Where devices come from: JavaSound's MidiSystem, or a test's own list. */
    interface Devices {
        MidiDevice.Info[] list();

        MidiDevice get(MidiDevice.Info info) throws MidiUnavailableException;
    }

    /** The system's devices. */
    static final Devices SYSTEM = new Devices() {
        @Override
        public MidiDevice.Info[] list() {
            return MidiSystem.getMidiDeviceInfo();
        }

        @Override
        public MidiDevice get(MidiDevice.Info info) throws MidiUnavailableException {
            return MidiSystem.getMidiDevice(info);
        }
    };

    private final String wanted;
    private final Receiver receiver;
    private final Devices devices;
    private MidiDevice device; // guarded by this
    private Transmitter transmitter; // guarded by this
    private boolean missingLogged; // guarded by this
    private volatile String state = "not checked yet";
    private volatile boolean closed;

    /**
     * @param wanted   text the device's name or description contains
     * @param receiver where its messages go
     * @param devices  where devices come from
     */
    MidiInputWatcher(String wanted, Receiver receiver, Devices devices) {
        this.wanted = Objects.requireNonNull(wanted, "wanted").trim();
        this.receiver = receiver;
        this.devices = devices;
    }

    /** Connects the device if it is there and not connected yet; lets go of it if it is gone. */
    synchronized void check() {
        if (closed) {
            return;
        }
        MidiDevice.Info[] infos;
        try {
            infos = devices.list();
        } catch (RuntimeException e) {
            state = "cannot list MIDI devices: " + e;
            return;
        }
        if (device != null) {
            if (listed(device.getDeviceInfo(), infos) && device.isOpen()) {
                return;
            }
            LOG.warn("MIDI input '{}' is gone; watching for it to come back", device.getDeviceInfo().getName());
            disconnect();
        }
        List<String> inputs = new ArrayList<>();
        for (MidiDevice.Info info : infos) {
            MidiDevice d;
            try {
                d = devices.get(info);
            } catch (MidiUnavailableException | RuntimeException e) {
                continue;
            }
            if (d.getMaxTransmitters() == 0 || d instanceof Synthesizer) {
                continue; // outputs only
            }
            inputs.add(info.getName());
            if (matches(info)) {
                connect(d);
                return;
            }
        }
        state = "waiting for a MIDI input matching '" + wanted + "'";
        if (!missingLogged) {
            LOG.warn("No MIDI input matches '{}' (inputs now: {}); looking again periodically", wanted, inputs);
            missingLogged = true;
        }
    }

    private boolean matches(MidiDevice.Info info) {
        String w = wanted.toLowerCase(Locale.ROOT);
        return !w.isEmpty() && (info.getName().toLowerCase(Locale.ROOT).contains(w)
                || info.getDescription().toLowerCase(Locale.ROOT).contains(w));
    }

    private void connect(MidiDevice d) {
        try {
            d.open();
            Transmitter t = d.getTransmitter();
            t.setReceiver(receiver);
            device = d;
            transmitter = t;
            missingLogged = false;
            state = "connected to '" + d.getDeviceInfo().getName() + "'";
            LOG.info("MIDI input '{}' connected", d.getDeviceInfo().getName());
        } catch (MidiUnavailableException | RuntimeException e) {
            d.close();
            state = "'" + d.getDeviceInfo().getName() + "' unavailable: " + e.getMessage();
            if (!missingLogged) {
                LOG.warn("MIDI input '{}' cannot be opened ({}); trying again periodically",
                        d.getDeviceInfo().getName(), e.getMessage());
                missingLogged = true;
            }
        }
    }

    /** JavaSound may hand out new Info objects on each listing: compare what they say, not their identity. */
    private static boolean listed(MidiDevice.Info info, MidiDevice.Info[] infos) {
        for (MidiDevice.Info i : infos) {
            if (i.getName().equals(info.getName()) && i.getVendor().equals(info.getVendor())
                    && i.getDescription().equals(info.getDescription()) && i.getVersion().equals(info.getVersion())) {
                return true;
            }
        }
        return false;
    }

    private void disconnect() {
        if (transmitter != null) {
            transmitter.close();
        }
        if (device != null) {
            device.close();
        }
        transmitter = null;
        device = null;
    }

    /** @return what the watcher is doing, for the shell */
    String state() {
        return state;
    }

    /** @return the connected device, or null; tests drive a software device through it */
    synchronized MidiDevice device() {
        return device;
    }

    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
        state = "closed";
    }
}
