// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.CommandTarget;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.Cue;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.api.context.Feel;
import io.perfsuite.api.music.Tempo;
import io.perfsuite.api.session.CommandFactory;

/**
 * The built-in commands and their factories. Each command is a small immutable value: its name, its arguments as
 * text (what the journal records and {@link CommandFactory#create} reads back), its default quantization, and what
 * it does. Commands that can be undone capture the value they replace when they execute.
 *
 * <p>Stateless and thread-safe; the commands' {@code execute} runs on the session thread.
 */
public final class Builtins {

    /** The factories, one per built-in command, in the order the README lists them. */
    private static final List<CommandFactory> FACTORIES = List.of(
            factory("next-section", "move to the next section (song order; free: verse/chorus)", Quantization.BAR,
                    Set.of(), a -> section("next-section", a, t -> t.nextSection())),
            factory("previous-section", "move back to the section before", Quantization.BAR,
                    Set.of(), a -> section("previous-section", a, t -> t.previousSection())),
            factory("goto-section", "name=<section>: move to a section (a name, or a kind such as chorus)",
                    Quantization.BAR, Set.of("name"), Builtins::gotoSection),
            factory("tap-tempo", "at=<nanoTime>: one tap; the tempo follows the taps' intervals", Quantization.NOW,
                    Set.of("at"), Builtins::tap),
            factory("tempo-nudge", "bpm=+2 | -2: nudge the tempo", Quantization.NOW, Set.of("bpm"), Builtins::nudge),
            factory("tempo", "bpm=<20..400>: set the tempo", Quantization.NOW, Set.of("bpm"), Builtins::tempo),
            factory("half-time", "the band plays in half time", Quantization.BAR, Set.of(),
                    a -> feel("half-time", a, Feel.HALF_TIME)),
            factory("double-time", "the band plays in double time", Quantization.BAR, Set.of(),
                    a -> feel("double-time", a, Feel.DOUBLE_TIME)),
            factory("normal-time", "back to the performer's time", Quantization.BAR, Set.of(),
                    a -> feel("normal-time", a, Feel.NORMAL)),
            factory("intensity-up", "by=<0..1>: play with more intensity (default step 0.1)", Quantization.BEAT,
                    Set.of("by"), a -> intensity("intensity-up", a, 1)),
            factory("intensity-down", "by=<0..1>: play with less intensity (default step 0.1)", Quantization.BEAT,
                    Set.of("by"), a -> intensity("intensity-down", a, -1)),
            factory("fill", "play a fill into the next bar line", Quantization.NOW, Set.of(),
                    a -> cue("fill", a, Cue.FILL)),
            factory("mute", "id=<bandmate>: mute a bandmate", Quantization.BEAT, Set.of("id"),
                    a -> mute("mute", a, true)),
            factory("unmute", "id=<bandmate>: unmute a bandmate", Quantization.BEAT, Set.of("id"),
                    a -> mute("unmute", a, false)),
            factory("hold", "state=on|off: hold the current chord (no argument: toggle)", Quantization.BEAT,
                    Set.of("state"), Builtins::hold),
            factory("stop", "stop the band (releases every note)", Quantization.BAR, Set.of(), Builtins::stop),
            factory("ending", "play this bar as the ending, then stop", Quantization.BAR, Set.of(),
                    a -> cue("ending", a, Cue.ENDING)),
            factory("count-in", "bars=<0..4>: start the band after a count-in (default 1 bar)", Quantization.NOW,
                    Set.of("bars"), Builtins::countIn),
            factory("next-song", "select the next song of the setlist (stops the band)", Quantization.NOW, Set.of(),
                    a -> song("next-song", a, t -> t.songIndex() + 1)),
            factory("previous-song", "select the song before (stops the band)", Quantization.NOW, Set.of(),
                    a -> song("previous-song", a, t -> t.songIndex() - 1)),
            factory("select-song", "index=<1..n>: select a song of the setlist by its number (stops the band)",
                    Quantization.NOW, Set.of("index"), Builtins::selectSong),
            factory("degrade", "level=FULL|NO_VISUAL_DETAIL|NO_MCP|NO_ANIMATION|MINIMAL|auto: force a level",
                    Quantization.NOW, Set.of("level"), Builtins::degrade));

    /** Commands that select a song: refused in performance while the band plays. */
    public static final Set<String> SONG_COMMANDS = Set.of("next-song", "previous-song", "select-song");

    private Builtins() {
    }

    /** @return one factory per built-in command */
    public static List<CommandFactory> factories() {
        return FACTORIES;
    }

    /** What a command does; returns its undo or null. */
    @FunctionalInterface
    interface Action {
        Command.Undo run(CommandTarget target);
    }

    /**
     * A built-in command.
     *
     * @param name         its name
     * @param arguments    its arguments as text
     * @param quantization its default quantization
     * @param action       what it does
     */
    record Builtin(String name, Map<String, String> arguments, Quantization quantization, Action action)
            implements Command {

        Builtin {
            arguments = Map.copyOf(arguments);
        }

        @Override
        public Undo execute(CommandTarget target) {
            return action.run(target);
        }

        @Override
        public String toString() {
            return name + (arguments.isEmpty() ? "" : " " + new TreeMap<>(arguments));
        }
    }

    /** A factory of one built-in command. */
    private record Factory(String name, String description, Quantization quantization, Set<String> known,
            Function<Map<String, String>, Action> maker) implements CommandFactory {

        @Override
        public Command create(Map<String, String> arguments) {
            Objects.requireNonNull(arguments, "arguments");
            for (String key : arguments.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(name + ": unknown argument \"" + key + "\""
                            + (known.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ",
                                    known.stream().sorted().toList()) + ")"));
                }
            }
            Map<String, String> args = new TreeMap<>(arguments);
            if (name.equals("tap-tempo") && !args.containsKey("at")) {
                // the tap's time is part of the command, so the journal replays the same intervals
                args.put("at", Long.toString(System.nanoTime()));
            }
            return new Builtin(name, args, quantization, maker.apply(args));
        }
    }

    private static CommandFactory factory(String name, String description, Quantization q, Set<String> known,
            Function<Map<String, String>, Action> maker) {
        return new Factory(name, description, q, known, maker);
    }

    private static InternalTarget internal(CommandTarget target, String name) {
        if (target instanceof InternalTarget t) {
            return t;
        }
        throw new IllegalStateException(name + " needs the session's own target");
    }

    private static Action section(String name, Map<String, String> a, Consumer<InternalTarget> move) {
        return target -> {
            InternalTarget t = internal(target, name);
            Object before = t.sectionState();
            move.accept(t);
            return u -> internal(u, name).restoreSection(before);
        };
    }

    private static Action gotoSection(Map<String, String> a) {
        String section = required(a, "goto-section", "name");
        return target -> {
            InternalTarget t = internal(target, "goto-section");
            Object before = t.sectionState();
            t.goToSection(section);
            return u -> internal(u, "goto-section").restoreSection(before);
        };
    }

    private static Action tap(Map<String, String> a) {
        long at;
        try {
            at = Long.parseLong(a.get("at").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tap-tempo: at=\"" + a.get("at") + "\" is not a nanoTime value");
        }
        return target -> {
            Tempo before = target.context().tempo();
            internal(target, "tap-tempo").tap(at);
            return u -> u.setTempo(before);
        };
    }

    private static Action nudge(Map<String, String> a) {
        double delta = number(a, "tempo-nudge", "bpm", -100, 100);
        return target -> {
            Tempo before = target.context().tempo();
            target.setTempo(new Tempo(before.bpm() + delta));
            return u -> u.setTempo(before);
        };
    }

    private static Action tempo(Map<String, String> a) {
        double bpm = number(a, "tempo", "bpm", 20, 400);
        return target -> {
            Tempo before = target.context().tempo();
            target.setTempo(new Tempo(bpm));
            return u -> u.setTempo(before);
        };
    }

    private static Action feel(String name, Map<String, String> a, Feel feel) {
        return target -> {
            Feel before = target.context().feel();
            target.setFeel(feel);
            return u -> u.setFeel(before);
        };
    }

    private static Action intensity(String name, Map<String, String> a, int sign) {
        double by = a.containsKey("by") ? number(a, name, "by", 0, 1) : Double.NaN;
        return target -> {
            double before = target.context().intensity();
            double step = Double.isNaN(by) ? internal(target, name).intensityStep() : by;
            target.setIntensity(Math.max(0, Math.min(1, before + sign * step)));
            return u -> u.setIntensity(before);
        };
    }

    private static Action cue(String name, Map<String, String> a, Cue cue) {
        return target -> {
            boolean before = target.context().has(cue);
            target.setCue(cue, true);
            return u -> u.setCue(cue, before);
        };
    }

    private static Action mute(String name, Map<String, String> a, boolean muted) {
        String id = required(a, name, "id");
        return target -> {
            boolean before = target.isMuted(id);
            target.setMuted(id, muted);
            return u -> u.setMuted(id, before);
        };
    }

    private static Action hold(Map<String, String> a) {
        Boolean state = null;
        if (a.containsKey("state")) {
            String s = a.get("state").trim().toLowerCase(Locale.ROOT);
            switch (s) {
                case "on", "true", "1" -> state = Boolean.TRUE;
                case "off", "false", "0" -> state = Boolean.FALSE;
                default -> throw new IllegalArgumentException("hold: state=\"" + a.get("state")
                        + "\" must be on or off");
            }
        }
        Boolean wanted = state;
        return target -> {
            boolean before = target.context().has(Cue.HOLD);
            target.setCue(Cue.HOLD, wanted == null ? !before : wanted);
            return u -> u.setCue(Cue.HOLD, before);
        };
    }

    private static Action stop(Map<String, String> a) {
        return target -> {
            target.setPlaying(false);
            return null;
        };
    }

    private static Action countIn(Map<String, String> a) {
        int bars = a.containsKey("bars") ? (int) number(a, "count-in", "bars", 0, 4) : 1;
        if (a.containsKey("bars") && bars != Double.parseDouble(a.get("bars").trim())) {
            throw new IllegalArgumentException("count-in: bars=\"" + a.get("bars") + "\" must be a whole number");
        }
        return target -> {
            target.countIn(bars);
            return null;
        };
    }

    private static Action song(String name, Map<String, String> a,
            ToIntFunction<CommandTarget> index) {
        return target -> select(target, name, index.applyAsInt(target));
    }

    private static Action selectSong(Map<String, String> a) {
        double n = number(a, "select-song", "index", 1, 10_000);
        if (n != Math.rint(n)) {
            throw new IllegalArgumentException("select-song: index=\"" + a.get("index") + "\" must be a whole number");
        }
        return target -> select(target, "select-song", (int) n - 1);
    }

    private static Command.Undo select(CommandTarget target, String name, int index) {
        if (target.setlistSize() == 0) {
            throw new IllegalStateException(name + ": no setlist is loaded");
        }
        if (index < 0 || index >= target.setlistSize()) {
            throw new IllegalStateException(name + ": there is no song " + (index + 1) + " in a setlist of "
                    + target.setlistSize());
        }
        int before = target.songIndex();
        target.selectSong(index);
        return before < 0 ? null : u -> u.selectSong(before);
    }

    private static Action degrade(Map<String, String> a) {
        String text = required(a, "degrade", "level").trim();
        DegradationLevel level;
        if (text.equalsIgnoreCase("auto")) {
            level = null;
        } else {
            try {
                level = DegradationLevel.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("degrade: level=\"" + text + "\" must be auto or one of "
                        + Arrays.toString(DegradationLevel.values()));
            }
        }
        DegradationLevel wanted = level;
        return target -> {
            InternalTarget t = internal(target, "degrade");
            DegradationLevel before = t.forcedDegradation();
            t.setDegradation(wanted);
            return u -> internal(u, "degrade").setDegradation(before);
        };
    }

    private static String required(Map<String, String> a, String name, String key) {
        String v = a.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + ": missing argument " + key + "=");
        }
        return v.trim();
    }

    private static double number(Map<String, String> a, String name, String key, double min, double max) {
        String v = required(a, name, key);
        double d;
        try {
            d = Double.parseDouble(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + key + "=\"" + v + "\" is not a number");
        }
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException(name + ": " + key + "=" + v + " must be in " + fmt(min) + ".."
                    + fmt(max));
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
