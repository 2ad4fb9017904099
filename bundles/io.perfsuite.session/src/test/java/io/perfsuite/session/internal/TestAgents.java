// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.NoteSink;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.ContextListener;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.output.NoteScheduler;

/** Test doubles of the plugin SPIs: simple bandmates, listeners and a recording note scheduler. */
final class TestAgents {

    private TestAgents() {
    }

    /** One planned window. */
    record Window(double from, double to, MusicalContext context) {
    }

    /** A bandmate that records its windows and plays one note at the start of each. */
    static class Player implements Bandmate {
        final String id;
        final Role role;
        final List<Window> windows = new CopyOnWriteArrayList<>();
        volatile int resets;

        Player(String id, Role role) {
            this.id = id;
            this.role = role;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public void plan(MusicalContext context, double fromBeat, double toBeat, NoteSink out) {
            windows.add(new Window(fromBeat, toBeat, context));
            out.note(fromBeat, 36, 100, 0.5);
        }

        @Override
        public void reset() {
            resets++;
        }

        /** @return the window starts, in order */
        List<Double> starts() {
            List<Double> out = new ArrayList<>();
            for (Window w : windows) {
                out.add(w.from());
            }
            return out;
        }
    }

    /** A bandmate that throws on every plan. */
    static final class Thrower extends Player {
        Thrower(String id) {
            super(id, Role.KEYS);
        }

        @Override
        public void plan(MusicalContext context, double fromBeat, double toBeat, NoteSink out) {
            windows.add(new Window(fromBeat, toBeat, context));
            out.note(fromBeat, 60, 90, 1);
            throw new IllegalStateException("broken plugin");
        }
    }

    /** A bandmate that busy-waits (a blocking or too heavy plugin). */
    static class Slow extends Player {
        volatile long busyNanos;

        Slow(String id, Role role, long busyNanos) {
            super(id, role);
            this.busyNanos = busyNanos;
        }

        @Override
        public void plan(MusicalContext context, double fromBeat, double toBeat, NoteSink out) {
            windows.add(new Window(fromBeat, toBeat, context));
            hold();
            out.note(fromBeat, 38, 100, 0.25);
        }

        /** Takes the call's time: computing. */
        void hold() {
            long until = System.nanoTime() + busyNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    /** A bandmate that sleeps in every call: it holds the session thread without computing. */
    static final class Sleeper extends Slow {
        Sleeper(String id, Role role, long sleepMillis) {
            super(id, role, sleepMillis * 1_000_000L);
        }

        @Override
        void hold() {
            try {
                Thread.sleep(busyNanos / 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A context listener that records what it hears. */
    static class Recorder implements ContextListener {
        final List<MusicalContext> contexts = new CopyOnWriteArrayList<>();
        final List<Set<ContextChange>> changes = new CopyOnWriteArrayList<>();

        @Override
        public void contextChanged(MusicalContext context, Set<ContextChange> what) {
            contexts.add(context);
            changes.add(what);
        }

        /** @return every change kind heard */
        Set<ContextChange> all() {
            EnumSet<ContextChange> all = EnumSet.noneOf(ContextChange.class);
            changes.forEach(all::addAll);
            return all;
        }

        /** @return the contexts that came with a BEAT */
        List<MusicalContext> beats() {
            List<MusicalContext> out = new ArrayList<>();
            for (int i = 0; i < contexts.size(); i++) {
                if (changes.get(i).contains(ContextChange.BEAT)) {
                    out.add(contexts.get(i));
                }
            }
            return out;
        }
    }

    /** A scheduled note. */
    record Note(String bandmate, double beat, int note, int velocity, double duration) {
    }

    /** A note scheduler that records everything. */
    static final class RecordingScheduler implements NoteScheduler {
        final List<Note> notes = new CopyOnWriteArrayList<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        volatile int releasedAll;

        @Override
        public void note(String bandmateId, double beat, int note, int velocity, double durationBeats) {
            notes.add(new Note(bandmateId, beat, note, velocity, durationBeats));
        }

        @Override
        public void control(String bandmateId, double beat, int controller, int value) {
        }

        @Override
        public void release(String bandmateId) {
            released.add(bandmateId);
        }

        @Override
        public void releaseAll() {
            releasedAll++;
        }

        List<Note> of(String id) {
            return notes.stream().filter(n -> n.bandmate().equals(id)).toList();
        }
    }
}
