// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.music.MusicalTime;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.api.session.SessionManager;
import io.perfsuite.api.session.SongFormatException;
import io.perfsuite.session.internal.song.SongSection;

/**
 * The session's commands in the Gogo shell: {@code perfsuite:status}, {@code do}, {@code queue}, {@code cancel},
 * {@code undo}, {@code redo}, {@code mode}, {@code load}, {@code replay}, {@code agents}, {@code commands}. Each
 * returns text for people; errors come back as one line starting with "error:" rather than a stack trace.
 *
 * <p><b>Threading:</b> called on the shell's thread; everything goes through the thread-safe {@link SessionManager},
 * so a command returns as soon as its work is handed to the session thread.
 */
@Component(service = SessionCommands.class, configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    "osgi.command.scope=perfsuite",
    "osgi.command.function=status",
    "osgi.command.function=do",
    "osgi.command.function=queue",
    "osgi.command.function=cancel",
    "osgi.command.function=undo",
    "osgi.command.function=redo",
    "osgi.command.function=mode",
    "osgi.command.function=load",
    "osgi.command.function=replay",
    "osgi.command.function=agents",
    "osgi.command.function=commands"
})
public class SessionCommands {

    private final SessionManager session;
    private final Path home;

    /**
     * @param context the bundle context, for the home folder
     * @param session the session
     */
    @Activate
    public SessionCommands(BundleContext context, @Reference SessionManager session) {
        this(session, homeOf(context.getProperty(DefaultSessionManager.PROP_HOME)));
    }

    SessionCommands(SessionManager session, Path home) {
        this.session = session;
        this.home = home;
    }

    private static Path homeOf(String configured) {
        return configured == null || configured.isBlank()
                ? Paths.get(System.getProperty("java.io.tmpdir"), "perfsuite") : Paths.get(configured.trim());
    }

    /** @return the context in a few readable lines */
    public String status() {
        MusicalContext c = session.context();
        StringBuilder b = new StringBuilder();
        String level = c.degradation().name();
        DefaultSessionManager impl = session instanceof DefaultSessionManager d ? d : null;
        if (impl != null) {
            level += impl.forcedDegradation() == null ? " (automatic)" : " (forced)";
        }
        b.append(String.format(Locale.ROOT, "Session %s, %s, degradation %s%n", c.mode(),
                c.playing() ? "playing" : "stopped", level));
        MusicalTime t = MusicalTime.of(c.beat(), c.meter());
        b.append(String.format(Locale.ROOT, "Position bar %d beat %d (beat %.2f), %s, %.1f BPM (confidence %.2f), "
                + "feel %s%s%n", t.bar(), t.beat(), c.beat(), c.meter(), c.tempo().bpm(), c.tempoConfidence(),
                c.feel(), c.cues().isEmpty() ? "" : ", cues " + c.cues()));
        b.append(String.format(Locale.ROOT, "Chord %s, next %s, key %s, intensity %.2f, level %s dBFS%n",
                c.chord(), c.nextChord(), c.key().map(Object::toString).orElse("unknown"), c.intensity(),
                Double.isInfinite(c.dynamics().rmsDbfs()) ? "-inf"
                        : String.format(Locale.ROOT, "%.1f", c.dynamics().rmsDbfs())));
        if (impl != null) {
            SessionEngine.SongView song = impl.songView();
            if (song.song() == null) {
                b.append("No song: the session follows the performer; sections change by command\n");
            } else {
                b.append(String.format(Locale.ROOT, "Song %d/%d \"%s\"%s, key %s%n", song.songIndex() + 1,
                        song.setlist().songs().size(), song.song().title(),
                        song.setlist().songs().size() > 1 ? " of \"" + song.setlist().title() + "\"" : "",
                        song.song().key() == null ? "from the performer" : song.song().key()));
                StringBuilder sections = new StringBuilder();
                List<SongSection> list = song.song().sections();
                for (int i = 0; i < list.size(); i++) {
                    String name = list.get(i).section().name() + " (" + (list.get(i).section().isOpenEnded() ? "open"
                            : list.get(i).section().lengthBars()) + ")";
                    sections.append(i == 0 ? "" : " | ").append(i == song.sectionIndex() ? "[" + name + "]" : name);
                }
                b.append("Sections ").append(sections).append('\n');
                Map<String, String> styles = list.get(Math.max(0, song.sectionIndex())).styles();
                if (!styles.isEmpty()) {
                    b.append("Styles ").append(styles).append('\n');
                }
            }
            if (!song.muted().isEmpty()) {
                b.append("Muted ").append(song.muted()).append('\n');
            }
        }
        b.append("Section ").append(c.section().name()).append(" (").append(c.section().kind()).append(')')
                .append(c.nextSection().map(s -> ", next " + s.name()).orElse("")).append('\n');
        List<QueuedCommand> queue = session.queue();
        b.append("Queue: ").append(queue.size()).append(queue.size() == 1 ? " command" : " commands").append('\n');
        if (impl != null) {
            b.append(impl.counters()).append('\n');
        }
        return b.toString();
    }

    /**
     * Submits a command: {@code do tempo-nudge bpm=+2 @now}.
     *
     * @param name the command's name
     * @param args {@code key=value} arguments and at most one {@code @now|@beat|@bar|@phrase|@section}
     * @return the queued entry, or the error
     */
    public String _do(String name, String... args) {
        try {
            Map<String, String> arguments = new LinkedHashMap<>();
            Quantization q = null;
            for (String arg : args) {
                if (arg.startsWith("@")) {
                    if (q != null) {
                        throw new IllegalArgumentException("more than one quantization: " + arg);
                    }
                    q = quantization(arg.substring(1));
                } else {
                    int eq = arg.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("argument \"" + arg + "\" is not key=value");
                    }
                    arguments.put(arg.substring(0, eq), arg.substring(eq + 1));
                }
            }
            Command command = session.create(name, arguments);
            QueuedCommand queued = q == null ? session.submit(command) : session.submit(command, q);
            return "queued " + describe(queued);
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }

    static Quantization quantization(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "now":
                return Quantization.NOW;
            case "beat":
                return Quantization.BEAT;
            case "bar":
                return Quantization.BAR;
            case "phrase":
                return Quantization.PHRASE;
            case "section", "section-end", "section_end", "end":
                return Quantization.SECTION_END;
            default:
                throw new IllegalArgumentException("unknown quantization @" + text
                        + " (use @now, @beat, @bar, @phrase or @section)");
        }
    }

    /** @return the pending commands with their ids */
    public String queue() {
        List<QueuedCommand> queue = session.queue();
        if (queue.isEmpty()) {
            return "Queue empty\n";
        }
        StringBuilder b = new StringBuilder();
        for (QueuedCommand q : queue) {
            b.append("  ").append(describe(q)).append('\n');
        }
        return b.toString();
    }

    /**
     * @param id a queued command's id
     * @return whether it was cancelled
     */
    public String cancel(long id) {
        return session.cancel(id) ? "cancelled " + id : "error: no queued command " + id + " (ran already?)";
    }

    /** @return what was undone */
    public String undo() {
        try {
            Optional<QueuedCommand> done = session.undo();
            return done.map(q -> "undone " + describe(q)).orElse("nothing to undo");
        } catch (IllegalStateException e) {
            return "error: " + e.getMessage();
        }
    }

    /** @return what was redone */
    public String redo() {
        try {
            Optional<QueuedCommand> done = session.redo();
            return done.map(q -> "redone " + describe(q)).orElse("nothing to redo");
        } catch (IllegalStateException e) {
            return "error: " + e.getMessage();
        }
    }

    /** @return the mode */
    public String mode() {
        // the mode as set, even before the session thread published it
        return "mode " + (session instanceof DefaultSessionManager d ? d.mode : session.context().mode());
    }

    /**
     * @param mode setup, rehearsal or performance
     * @return the new mode
     */
    public String mode(String mode) {
        try {
            SystemMode m = SystemMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
            session.setMode(m);
            return "mode " + m;
        } catch (IllegalArgumentException e) {
            return "error: unknown mode \"" + mode + "\" (setup, rehearsal or performance)";
        }
    }

    /**
     * @param file a song or setlist (relative: to the working folder, else to {@code <home>/setlists})
     * @return the songs loaded, or the error with its line
     */
    public String load(String file) {
        try {
            List<String> titles = session.load(resolve(file, "setlists"));
            StringBuilder b = new StringBuilder("loaded ").append(titles.size())
                    .append(titles.size() == 1 ? " song" : " songs").append('\n');
            for (int i = 0; i < titles.size(); i++) {
                b.append(String.format(Locale.ROOT, "  %2d %s%n", i + 1, titles.get(i)));
            }
            return b.toString();
        } catch (SongFormatException e) {
            return "error: " + file + ": " + e.getMessage() + " (the current song is kept)";
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }

    /**
     * @param file a journal (relative: to the working folder, else to {@code <home>/journal})
     * @return what was replayed, with warnings
     */
    public String replay(String file) {
        if (!(session instanceof DefaultSessionManager impl)) {
            return "error: this session cannot replay journals";
        }
        try {
            return impl.replay(resolve(file, "journal")).toString();
        } catch (IOException e) {
            return "error: cannot read " + file + ": " + e;
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }

    /** @return the agents' supervision figures */
    public String agents() {
        List<AgentStatus> agents = session.agents();
        if (agents.isEmpty()) {
            return "No agents\n";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-32s %-9s %8s %6s %8s %9s %9s %9s %9s%n",
                "agent", "kind", "calls", "faults", "overruns", "p50 us", "p99 us", "max us", "budget"));
        for (AgentStatus a : agents) {
            b.append(String.format(Locale.ROOT, "%-32s %-9s %8d %6d %8d %9.1f %9.1f %9.1f %9.1f%s%n", a.id(), a.kind(),
                    a.calls(), a.faults(), a.overruns(), a.p50Nanos() / 1e3, a.p99Nanos() / 1e3, a.maxNanos() / 1e3,
                    a.budgetNanos() / 1e3, a.degraded() ? "  DEGRADED" : ""));
        }
        return b.toString();
    }

    /** @return every command with its arguments */
    public String commands() {
        StringBuilder b = new StringBuilder();
        if (session instanceof DefaultSessionManager impl) {
            for (Map.Entry<String, String> e : impl.commandDescriptions().entrySet()) {
                b.append(String.format(Locale.ROOT, "  %-18s %s%n", e.getKey(), e.getValue()));
            }
        } else {
            session.commandNames().forEach(n -> b.append("  ").append(n).append('\n'));
        }
        return b.toString();
    }

    private Path resolve(String file, String folder) {
        Path p = Paths.get(file);
        if (p.isAbsolute() || Files.exists(p)) {
            return p;
        }
        Path inHome = home.resolve(folder).resolve(file);
        return Files.exists(inHome) ? inHome : p;
    }

    private static String describe(QueuedCommand q) {
        return String.format(Locale.ROOT, "#%d %s%s @%s%s", q.id(), q.name(),
                q.arguments().isEmpty() ? "" : " " + q.arguments(), q.quantization().name().toLowerCase(Locale.ROOT),
                Double.isNaN(q.dueBeat()) ? "" : String.format(Locale.ROOT, " (due at beat %.0f)", q.dueBeat()));
    }
}
