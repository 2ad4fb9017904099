// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.analysis.AnalysisEvent;
import io.perfsuite.api.analysis.AnalysisListener;
import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.command.Command;
import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.ContextChange;
import io.perfsuite.api.context.ContextListener;
import io.perfsuite.api.context.DegradationLevel;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.output.NoteScheduler;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.CommandFactory;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.api.session.SessionManager;
import io.perfsuite.api.session.SongFormatException;
import io.perfsuite.session.internal.command.Builtins;
import io.perfsuite.session.internal.journal.Journal;
import io.perfsuite.session.internal.journal.JournalEntry;
import io.perfsuite.session.internal.journal.JournalReader;
import io.perfsuite.session.internal.song.Setlist;
import io.perfsuite.session.internal.song.SongLoader;

/**
 * The session manager: one {@link MusicalContext}, the song and its sections, the system mode, the quantized command
 * queue with undo and the journal, and the supervision of the bandmates and listeners it calls. It also listens to
 * the analysers ({@link AnalysisListener}) to follow the performer.
 *
 * <p>This class is the thread-safe front: every public method may be called from any thread, hands its work to the
 * session thread through a lock-free queue, and returns at once. The session thread ({@code perfsuite-session})
 * runs {@link SessionEngine}: it parks until the next predicted beat or until woken by a hand-off. The journal has a
 * thread of its own. Tests construct the class directly with a manual clock and no thread, and call {@link #step()}.
 */
@Component(configurationPid = DefaultSessionManager.PID, service = {SessionManager.class, AnalysisListener.class},
        immediate = true)
@Designate(ocd = DefaultSessionManager.Config.class)
public class DefaultSessionManager implements SessionManager, AnalysisListener {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.session";
    /** Framework (or system) property naming the home folder, as the platform reads it. */
    public static final String PROP_HOME = "perfsuite.home";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSessionManager.class);
    /** Longest park when nothing is due: the thread wakes anyway this often (mode and level changes). */
    private static final long IDLE_PARK_NANOS = 100_000_000L;

    /** The session's configuration. */
    @ObjectClassDefinition(name = "Performance Suite session",
            description = "The musical context, songs, modes, the command queue and the supervision of agents.")
    public @interface Config {
        /** @return the tempo without a song */
        @AttributeDefinition(name = "Tempo (BPM)", description = "Tempo before a song is loaded, 20..400.")
        double tempo() default 120;

        /** @return the meter without a song */
        @AttributeDefinition(name = "Meter", description = "Meter before a song is loaded, e.g. 4/4, 3/4, 6/8.")
        String meter() default "4/4";

        /** @return how far ahead bandmates plan */
        @AttributeDefinition(name = "Plan ahead (beats)", min = "0", max = "4",
                description = "At beat n the bandmates plan beat n + this: 1 plans every beat one beat ahead.")
        int planAheadBeats() default 1;

        /** @return bars per phrase */
        @AttributeDefinition(name = "Phrase (bars)", description = "Bars per phrase without a song saying otherwise.")
        int phraseBars() default 4;

        /** @return whether the grid follows the beat tracker */
        @AttributeDefinition(name = "Follow the performer",
                description = "Bend the beat grid towards the performer's detected beats.")
        boolean followPerformer() default true;

        /** @return confident beats after which a stopped band comes in by itself, 0 for never */
        @AttributeDefinition(name = "Start with the performer (beats)", min = "0", max = "64",
                description = "While the band is stopped, after this many confident beats heard in a row it comes "
                        + "in on the next beat, as a count-in of 0 bars would. 0: only a command starts it. A stop "
                        + "command or the end of a song disarms it until a song is loaded.")
        int autoStartBeats() default 0;

        /** @return the lowest beat confidence used */
        @AttributeDefinition(name = "Minimum beat confidence", description = "Beats below it are not followed.")
        double minBeatConfidence() default 0.3;

        /** @return the lowest chord confidence used */
        @AttributeDefinition(name = "Minimum chord confidence", description = "Chords below it are not taken.")
        double minChordConfidence() default 0.3;

        /** @return phase correction per beat */
        @AttributeDefinition(name = "Phase gain", description = "Fraction of a small phase error corrected per beat.")
        double phaseGain() default 0.3;

        /** @return tempo correction per beat */
        @AttributeDefinition(name = "Tempo gain", description = "Fraction of a small tempo difference taken per beat.")
        double tempoGain() default 0.05;

        /** @return tempo change per beat of phase error */
        @AttributeDefinition(name = "Drift gain", description = "Relative tempo change per beat of phase error: a "
                + "grid that keeps being early or late turns its error into tempo (0 to 0.5).")
        double driftGain() default 0.3;

        /** @return the phase correction per onset near a beat */
        @AttributeDefinition(name = "Onset phase gain", description = "Fraction of the phase error corrected by an "
                + "onset of the performer near a beat (0: onsets are not followed).")
        double onsetPhaseGain() default 0.5;

        /** @return how near a beat an onset must be */
        @AttributeDefinition(name = "Onset window (beats)", description = "An onset this near a beat of the grid is "
                + "taken as that beat (0.02 to 0.25).")
        double onsetWindowBeats() default 0.12;

        /** @return the large phase error */
        @AttributeDefinition(name = "Phase jump (beats)",
                description = "A phase error above this, confirmed by the next beat, moves the grid at once.")
        double phaseJumpBeats() default 0.25;

        /** @return the large tempo change */
        @AttributeDefinition(name = "Tempo jump ratio",
                description = "A relative tempo change above this, confirmed by the next beat, is taken whole.")
        double tempoJumpRatio() default 0.08;

        /** @return the analysis hand-off size */
        @AttributeDefinition(name = "Analysis queue", description = "Events waiting for the session thread; "
                + "more are dropped and counted (read at activation).")
        int analysisQueueSize() default 1024;

        /** @return a bandmate's plan budget */
        @AttributeDefinition(name = "Bandmate budget (us)", description = "Compute per plan call: the session "
                + "thread's CPU time during the call (time it was preempted by other threads does not count). "
                + "Four bandmates share the design's 1 ms for the agents; a plugin should aim for the API's 0.1 ms.")
        int bandmateBudgetMicros() default 250;

        /** @return a listener's budget */
        @AttributeDefinition(name = "Listener budget (us)",
                description = "Compute per context listener call (CPU time, as for bandmates).")
        int listenerBudgetMicros() default 250;

        /** @return the wall-clock limit of one agent call */
        @AttributeDefinition(name = "Agent call deadline (us)", description = "An agent call that holds the "
                + "session thread longer than this, on the wall clock, overruns even if it computed little: it "
                + "blocked, slept or waited on I/O. Well above the compute budgets, so that the session thread "
                + "being preempted for a millisecond on a busy machine is not held against the agent; well below "
                + "the beat of planning lead, so the others' notes are still on time.")
        int agentDeadlineMicros() default 5000;

        /** @return the step budget */
        @AttributeDefinition(name = "Agents budget per beat (us)",
                description = "All agent calls of one beat together; above it the beat is an overload.")
        int stepBudgetMicros() default 1000;

        /** @return faults in a row that degrade an agent */
        @AttributeDefinition(name = "Faults in a row", description = "How many faulty calls in a row (a throw, a "
                + "budget overrun or invalid output; 1 to 64) degrade an agent, so it is skipped until its retry.")
        int faultsInARow() default 3;

        /** @return faults among the last 16 calls that degrade an agent */
        @AttributeDefinition(name = "Faults in 16 calls", description = "How many faulty calls among an agent's "
                + "last 16, in a row or not, degrade it (1 to 16).")
        int faultsInWindow() default 5;

        /** @return calls of a new agent whose overruns are not held against it */
        @AttributeDefinition(name = "Warm-up calls", min = "0", max = "1000",
                description = "The first calls of a newly bound agent run while the JIT compiles it: an overrun "
                        + "among them is counted but is not a fault, and its notes are kept (they are planned a beat "
                        + "ahead, so a slow first call still lands in time). A throw or invalid notes still are.")
        int warmUpCalls() default 32;

        /** @return dry-run plan calls before a new bandmate plays */
        @AttributeDefinition(name = "Warm-up plans", min = "0", max = "100000",
                description = "A newly bound bandmate first plans this many windows of a made-up song into nowhere "
                        + "(a few per step, on the session thread), so the JIT has compiled it before its notes "
                        + "count; then it is reset and joins. 0: it joins at once, compiled or not.")
        int warmUpPlans() default 2000;

        /** @return bars before a degraded agent is retried */
        @AttributeDefinition(name = "Retry after (bars)", description = "Bars a degraded agent is skipped before "
                + "one call on probation (1 to 1024); each failed retry doubles the wait, up to eight times as long.")
        int retryBars() default 4;

        /** @return overloaded beats that step the level down */
        @AttributeDefinition(name = "Overloaded beats", description = "Overloads among the window to step down.")
        int overloadBeats() default 3;

        /** @return the overload window */
        @AttributeDefinition(name = "Overload window (beats)", description = "How many of the latest beats (1 to "
                + "64) the overloaded beats are counted over; not fewer than the overloaded beats that step down.")
        int overloadWindowBeats() default 8;

        /** @return quiet beats that step the level back up */
        @AttributeDefinition(name = "Quiet beats to recover", description = "How many beats in a row without an "
                + "overload (1 to 100000) step the level back up; doubled, up to 16 times, while it keeps "
                + "falling back.")
        int recoverBeats() default 32;

        /** @return roles that play in MINIMAL */
        @AttributeDefinition(name = "Essential roles", description = "Roles that still play at MINIMAL.")
        String[] essentialRoles() default {"DRUMS", "BASS", "CLICK"};

        /** @return the intensity step */
        @AttributeDefinition(name = "Intensity step", description = "Of intensity-up and intensity-down.")
        double intensityStep() default 0.1;

        /** @return whether to journal */
        @AttributeDefinition(name = "Journal", description = "Write the session journal.")
        boolean journal() default true;

        /** @return the journal folder */
        @AttributeDefinition(name = "Journal folder", required = false,
                description = "Empty: <home>/journal (home: the perfsuite.home property, else a temp folder).")
        String journalDir() default "";

        /** @return a setlist to load at start */
        @AttributeDefinition(name = "Setlist", required = false, description = "Song or setlist file loaded at start.")
        String setlist() default "";
    }

    private volatile Settings settings;
    private final LongSupplier clock;
    private final SessionEngine engine;
    private final Journal journal;
    private final AtomicLong ids = new AtomicLong();

    final ArrayBlockingQueue<AnalysisEvent> analysis;
    final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    final History history = new History();
    final AtomicLong analysisDropped = new AtomicLong();

    private final Object agentsLock = new Object();
    volatile BandmateSlot[] bandmates = new BandmateSlot[0];
    volatile ListenerSlot[] listeners = new ListenerSlot[0];
    private final Map<String, List<FactoryEntry>> factoryEntries = new TreeMap<>();
    private volatile Map<String, CommandFactory> factories = Map.of();
    volatile NoteScheduler scheduler;
    volatile SystemMode mode = SystemMode.SETUP;
    volatile DegradationLevel forcedDegradation;

    private volatile MusicalContext context;
    private volatile QuantView quantView;
    private volatile SessionEngine.SongView songView;
    private volatile Thread thread;
    private volatile boolean running;

    private record FactoryEntry(CommandFactory factory, int ranking, long serviceId) {
    }

    /**
     * Activates the component: reads the configuration, opens the journal and starts the session thread.
     *
     * @param bundleContext to read the home folder property
     * @param config        the configuration
     */
    @Activate
    public DefaultSessionManager(BundleContext bundleContext, Config config) {
        this(new Settings(config), System::nanoTime, journalDir(bundleContext.getProperty(PROP_HOME), config), true);
        String file = settings.setlist;
        if (!file.isEmpty()) {
            try {
                load(Paths.get(file));
            } catch (SongFormatException | RuntimeException e) {
                LOG.error("The configured setlist {} was not loaded: {}", file, e.getMessage());
            }
        }
    }

    /**
     * Builds a session (tests give a manual clock and no thread).
     *
     * @param settings    the configuration
     * @param clock       the session clock ({@link System#nanoTime()} in the show)
     * @param journalDir  where to write the journal, or null for none
     * @param startThread whether to start the session thread; without it, the caller calls {@link #step()}
     */
    DefaultSessionManager(Settings settings, LongSupplier clock, Path journalDir, boolean startThread) {
        this.settings = settings;
        this.clock = clock;
        this.analysis = new ArrayBlockingQueue<>(settings.analysisQueueSize);
        Journal j = null;
        if (journalDir != null) {
            try {
                j = Journal.open(journalDir);
                LOG.info("Session journal: {}", j.file());
            } catch (IOException | RuntimeException e) {
                LOG.error("No session journal: cannot open one in {}: {}", journalDir, e.toString());
            }
        }
        this.journal = j;
        this.engine = new SessionEngine(this, settings, clock.getAsLong(), System::nanoTime,
                ComputeClock.currentThread());
        for (CommandFactory f : Builtins.factories()) {
            addFactory(f, Map.of(CommandFactory.PROP_NAME, f.name(), Constants.SERVICE_RANKING, Integer.MIN_VALUE));
        }
        if (startThread) {
            running = true;
            Thread t = new Thread(this::loop, "perfsuite-session");
            t.setDaemon(true);
            t.setPriority(Math.min(Thread.MAX_PRIORITY, Thread.NORM_PRIORITY + 2));
            thread = t;
            t.start();
        }
    }

    static Path journalDir(String home, Config config) {
        if (!config.journal()) {
            return null;
        }
        String dir = config.journalDir() == null ? "" : config.journalDir().trim();
        if (!dir.isEmpty()) {
            return Paths.get(dir).toAbsolutePath().normalize();
        }
        Path base = home != null && !home.isBlank() ? Paths.get(home.trim())
                : Paths.get(System.getProperty("java.io.tmpdir"), "perfsuite");
        return base.resolve("journal").toAbsolutePath().normalize();
    }

    /**
     * Takes a changed configuration. The analysis queue size and the journal folder keep their activation values; a
     * configuration with a bad value is refused and logged, and the previous one stays.
     *
     * @param config the configuration
     */
    @Modified
    void modified(Config config) {
        try {
            settings = new Settings(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Session configuration refused, the previous one stays: {}", e.getMessage());
            return;
        }
        wake();
    }

    /** Stops the session thread, releases every note and closes the journal. */
    @Deactivate
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        NoteScheduler s = scheduler;
        if (s != null && context.playing()) {
            try {
                s.releaseAll(); // the session thread has ended: this thread is now the only caller
            } catch (RuntimeException e) {
                LOG.warn("Note scheduler failed to release: {}", e.toString());
            }
        }
        if (journal != null) {
            journal.close();
        }
    }

    private void loop() {
        while (running) {
            try {
                engine.step(clock.getAsLong());
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                    throw e;
                }
                LOG.error("Session step failed; the session goes on", e);
            }
            long wait = Math.min(engine.nextWakeNanos() - clock.getAsLong(), IDLE_PARK_NANOS);
            if (wait > 0 && running) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Runs one session step now, on the calling thread (tests, the benchmark; not with the thread running). */
    void step() {
        if (thread != null) {
            throw new IllegalStateException("the session thread is running");
        }
        engine.step(clock.getAsLong());
    }

    /** @return when the next step is due by the music, or {@link Long#MAX_VALUE} when stopped */
    long nextWakeNanos() {
        return engine.nextWakeNanos();
    }

    private void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    Settings settings() {
        return settings;
    }

    SessionEngine engine() {
        return engine;
    }

    /** Called by the session thread with each snapshot. */
    void publish(MusicalContext next, QuantView view, SessionEngine.SongView song) {
        quantView = view;
        songView = song;
        context = next;
    }

    SessionEngine.SongView songView() {
        return songView;
    }

    void journal(JournalEntry entry) {
        if (journal != null) {
            journal.record(entry);
        }
    }

    /** @return the journal, or null when there is none */
    Journal journal() {
        return journal;
    }

    // ---------------------------------------------------------------------------------------------- SessionManager

    @Override
    public MusicalContext context() {
        return context;
    }

    @Override
    public QueuedCommand submit(Command command) {
        Objects.requireNonNull(command, "command");
        Quantization q;
        try {
            q = command.quantization();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the command's quantization() failed: " + e, e);
        }
        return submit(command, q == null ? Quantization.NOW : q);
    }

    @Override
    public QueuedCommand submit(Command command, Quantization quantization) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(quantization, "quantization");
        long now = clock.getAsLong();
        Pending p = newPending(command, quantization, now);
        if (mode == SystemMode.PERFORMANCE && context.playing() && Builtins.SONG_COMMANDS.contains(p.name)) {
            throw new IllegalStateException(p.name + " is refused in performance while the band plays: it would stop "
                    + "the song (stop first, or change mode)");
        }
        MusicalContext ctx = context;
        p.dueBeat = quantView.due(quantization, ctx.playing() ? ctx.beatAt(now) : 0);
        pending.put(p.id, p);
        journal(JournalEntry.command("submit", now, p.id, p.name, p.arguments, quantization.name(), p.dueBeat,
                ctx.playing() ? ctx.beatAt(now) : ctx.beat(), null));
        requests.add(new Request.Submit(p));
        wake();
        return p.record();
    }

    Pending newPending(Command command, Quantization quantization, long now) {
        String name;
        Map<String, String> arguments;
        try {
            name = command.name();
            arguments = command.arguments();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the command's name() or arguments() failed: " + e, e);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a command needs a name, got \"" + name + "\"");
        }
        return new Pending(ids.incrementAndGet(), command, name, arguments == null ? Map.of() : arguments,
                quantization, now, Double.NaN);
    }

    @Override
    public Command create(String name, Map<String, String> arguments) {
        Objects.requireNonNull(name, "name");
        CommandFactory f = factories.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown command \"" + name + "\" (known: "
                    + String.join(", ", commandNames()) + ")");
        }
        Command c = f.create(arguments == null ? Map.of() : arguments);
        if (c == null) {
            throw new IllegalArgumentException("the factory of \"" + name + "\" made no command");
        }
        return c;
    }

    @Override
    public List<String> commandNames() {
        return List.copyOf(factories.keySet());
    }

    /** @return the description of every command, by name, sorted */
    public Map<String, String> commandDescriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, CommandFactory> e : factories.entrySet()) {
            String d;
            try {
                d = e.getValue().description();
            } catch (RuntimeException ex) {
                d = "(description failed: " + ex + ")";
            }
            out.put(e.getKey(), d);
        }
        return out;
    }

    @Override
    public boolean cancel(long id) {
        Pending p = pending.get(id);
        if (p == null || !p.state.compareAndSet(Pending.QUEUED, Pending.CANCELLED)) {
            return false;
        }
        pending.remove(id);
        journal(JournalEntry.command("cancel", clock.getAsLong(), p.id, p.name, p.arguments, p.quantization.name(),
                p.dueBeat, Double.NaN, null));
        wake();
        return true;
    }

    @Override
    public List<QueuedCommand> queue() {
        List<Pending> list = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (p.state.get() == Pending.QUEUED) {
                list.add(p);
            }
        }
        list.sort(Comparator.comparingDouble((Pending p) -> Double.isNaN(p.dueBeat) ? Double.NEGATIVE_INFINITY
                : p.dueBeat).thenComparingLong(p -> p.id));
        List<QueuedCommand> out = new ArrayList<>(list.size());
        for (Pending p : list) {
            out.add(p.record());
        }
        return out;
    }

    @Override
    public Optional<QueuedCommand> undo() {
        requireUndoAllowed("undo");
        History.Entry e = history.popUndo();
        if (e == null) {
            return Optional.empty();
        }
        requests.add(new Request.Undo(e));
        wake();
        return Optional.of(e.record);
    }

    @Override
    public Optional<QueuedCommand> redo() {
        requireUndoAllowed("redo");
        History.Entry e = history.popRedo();
        if (e == null) {
            return Optional.empty();
        }
        requests.add(new Request.Redo(e));
        wake();
        return Optional.of(e.record);
    }

    private void requireUndoAllowed(String what) {
        if (mode == SystemMode.PERFORMANCE) {
            throw new IllegalStateException(what + " is refused in performance mode (allowed in setup and "
                    + "rehearsal)");
        }
    }

    @Override
    public synchronized void setMode(SystemMode newMode) {
        Objects.requireNonNull(newMode, "mode");
        SystemMode old = mode;
        if (old == newMode) {
            return;
        }
        if (newMode == SystemMode.PERFORMANCE) {
            history.clear(); // what was rehearsed is kept; nothing done before the show can be undone on stage
        }
        mode = newMode;
        journal(JournalEntry.session("mode", clock.getAsLong(), newMode.name(), null));
        LOG.info("Mode {} -> {}", old, newMode);
        wake();
    }

    @Override
    public void setDegradation(DegradationLevel level) {
        forcedDegradation = level;
        journal(JournalEntry.session("degradation", clock.getAsLong(), level == null ? "auto" : level.name(),
                null));
        wake();
    }

    @Override
    public List<String> load(Path file) throws SongFormatException {
        Objects.requireNonNull(file, "file");
        if (mode == SystemMode.PERFORMANCE && context.playing()) {
            throw new IllegalStateException("loading a song in performance happens between songs: stop the band "
                    + "first");
        }
        Settings s = settings;
        Setlist setlist = new SongLoader(s.tempoBpm, s.phraseBars).load(file);
        requests.add(new Request.Load(setlist));
        journal(JournalEntry.session("load", clock.getAsLong(), setlist.source().toString(), setlist.titles()));
        wake();
        return setlist.titles();
    }

    /** @return the session clock now (System.nanoTime() in the show, the manual clock in tests) */
    long clockNanos() {
        return clock.getAsLong();
    }

    @Override
    public List<AgentStatus> agents() {
        List<AgentStatus> out = new ArrayList<>();
        for (BandmateSlot slot : bandmates) {
            out.add(slot.stats.status());
        }
        for (ListenerSlot slot : listeners) {
            out.add(slot.stats.status());
        }
        out.add(engine.commandStage.status());
        return out;
    }

    /**
     * What a replay handed to the session.
     *
     * @param file     the journal
     * @param commands commands re-created and executed
     * @param undos    undo steps
     * @param redos    redo steps
     * @param loads    setlists loaded again
     * @param warnings lines skipped, and why
     */
    public record ReplayReport(Path file, int commands, int undos, int redos, int loads, List<String> warnings) {

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append("Replayed ").append(file).append(": ").append(commands).append(" commands, ").append(undos)
                    .append(" undo, ").append(redos).append(" redo, ").append(loads).append(" loads\n");
            for (String w : warnings) {
                b.append("  warning: ").append(w).append('\n');
            }
            return b.toString();
        }
    }

    /**
     * Replays a journal: every executed command is re-created through its {@link CommandFactory} and executed, in
     * order and at once, with the undo and redo steps and the setlist loads between them. What time did by itself
     * (automatic section changes, the performer's tempo) is not replayed. Refused in performance.
     *
     * @param file the journal file
     * @return what was handed to the session thread, with warnings (a truncated last line, unknown commands)
     * @throws IOException           if the file cannot be read
     * @throws IllegalStateException in performance mode
     */
    public ReplayReport replay(Path file) throws IOException {
        if (mode == SystemMode.PERFORMANCE) {
            throw new IllegalStateException("replay is refused in performance mode");
        }
        JournalReader.Result read = JournalReader.read(file);
        List<String> warnings = new ArrayList<>(read.warnings());
        List<Request.Action> actions = new ArrayList<>();
        int commands = 0;
        int undos = 0;
        int redos = 0;
        int loads = 0;
        Settings s = settings;
        for (JournalReader.Line line : read.lines()) {
            String event = line.text("event");
            if (event == null) {
                warnings.add("line " + line.number() + " has no event: skipped");
                continue;
            }
            switch (event) {
                case "execute" -> {
                    String name = line.text("name");
                    try {
                        actions.add(new Request.Execute(create(name, arguments(line))));
                        commands++;
                    } catch (RuntimeException e) {
                        warnings.add("line " + line.number() + ": cannot re-create \"" + name + "\": "
                                + e.getMessage());
                    }
                }
                case "undo" -> {
                    actions.add(new Request.UndoTop());
                    undos++;
                }
                case "redo" -> {
                    actions.add(new Request.RedoTop());
                    redos++;
                }
                case "load" -> {
                    String f = line.text("detail");
                    try {
                        actions.add(new Request.LoadAgain(new SongLoader(s.tempoBpm, s.phraseBars)
                                .load(Paths.get(f))));
                        loads++;
                    } catch (SongFormatException | RuntimeException e) {
                        warnings.add("line " + line.number() + ": cannot load " + f + " again: " + e.getMessage());
                    }
                }
                case "degradation" -> {
                    String level = line.text("detail");
                    try {
                        actions.add(new Request.Degrade("auto".equals(level) ? null
                                : DegradationLevel.valueOf(level)));
                    } catch (RuntimeException e) {
                        warnings.add("line " + line.number() + ": unknown degradation level " + level);
                    }
                }
                default -> {
                    // submit, cancel, fail, mode, start, replay: nothing to re-run
                }
            }
        }
        requests.add(new Request.Replay(file, List.copyOf(actions)));
        wake();
        return new ReplayReport(file, commands, undos, redos, loads, List.copyOf(warnings));
    }

    private static Map<String, String> arguments(JournalReader.Line line) {
        Object args = line.fields().get("args");
        Map<String, String> out = new LinkedHashMap<>();
        if (args instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- analysis

    /**
     * Hands an event to the session thread. Never blocks: a full queue drops the event and counts it.
     *
     * @param event what was heard
     */
    @Override
    public void heard(AnalysisEvent event) {
        if (event == null) {
            return;
        }
        if (analysis.offer(event)) {
            wake();
        } else {
            analysisDropped.incrementAndGet();
        }
    }

    // ---------------------------------------------------------------------------------------------- whiteboard

    /**
     * A bandmate joined: it plays from the next beat boundary (on stage, from the next start). A bandmate whose
     * {@code id()} or {@code role()} throws, or whose id is taken, is left out and logged.
     *
     * @param bandmate   the service
     * @param properties its service properties
     */
    @Reference(service = Bandmate.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindBandmate")
    void bindBandmate(Bandmate bandmate, Map<String, Object> properties) {
        String id;
        Role role;
        try {
            id = bandmate.id();
            role = bandmate.role();
            if (id == null || id.isBlank() || role == null) {
                throw new IllegalArgumentException("id \"" + id + "\", role " + role);
            }
        } catch (RuntimeException e) {
            LOG.error("Bandmate service {} is left out of the session: {}", properties.get(Constants.SERVICE_ID),
                    e.toString());
            return;
        }
        synchronized (agentsLock) {
            for (BandmateSlot slot : bandmates) {
                if (slot.id.equals(id)) {
                    LOG.error("Bandmate {} (service {}) is left out: the id is taken by service {}", id,
                            properties.get(Constants.SERVICE_ID), slot.serviceId);
                    return;
                }
            }
            BandmateSlot[] next = Arrays.copyOf(bandmates, bandmates.length + 1);
            next[next.length - 1] = new BandmateSlot(bandmate, id, role, serviceId(properties),
                    settings.bandmateBudgetNanos);
            bandmates = next;
        }
        wake();
    }

    /**
     * A bandmate left: its notes are released on the session thread.
     *
     * @param bandmate the service
     */
    void unbindBandmate(Bandmate bandmate) {
        String removed = null;
        synchronized (agentsLock) {
            List<BandmateSlot> next = new ArrayList<>();
            for (BandmateSlot slot : bandmates) {
                if (slot.bandmate == bandmate) {
                    removed = slot.id;
                } else {
                    next.add(slot);
                }
            }
            bandmates = next.toArray(new BandmateSlot[0]);
        }
        if (removed != null) {
            requests.add(new Request.Release(removed));
            wake();
        }
    }

    /**
     * A context listener joined.
     *
     * @param listener   the service
     * @param properties its properties ({@link ContextListener#PROP_CHANGES} filters what it hears)
     */
    @Reference(service = ContextListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedContextListener", unbind = "unbindContextListener")
    void bindContextListener(ContextListener listener, Map<String, Object> properties) {
        Object name = properties.get("component.name");
        String id = (name != null ? name : listener.getClass().getName()) + "#" + serviceId(properties);
        synchronized (agentsLock) {
            ListenerSlot[] next = Arrays.copyOf(listeners, listeners.length + 1);
            next[next.length - 1] = new ListenerSlot(listener, id, serviceId(properties), filter(id, properties),
                    settings.listenerBudgetNanos);
            listeners = next;
        }
    }

    /**
     * A listener's properties changed: its filter is read again.
     *
     * @param listener   the service
     * @param properties its properties
     */
    void updatedContextListener(ContextListener listener, Map<String, Object> properties) {
        for (ListenerSlot slot : listeners) {
            if (slot.listener == listener) {
                slot.filter = filter(slot.id, properties);
            }
        }
    }

    /**
     * A listener left.
     *
     * @param listener the service
     */
    void unbindContextListener(ContextListener listener) {
        synchronized (agentsLock) {
            listeners = Arrays.stream(listeners).filter(l -> l.listener != listener).toArray(ListenerSlot[]::new);
        }
    }

    private static Set<ContextChange> filter(String id, Map<String, Object> properties) {
        Object value = properties.get(ContextListener.PROP_CHANGES);
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof String text) {
            names.addAll(Arrays.asList(text.split(",")));
        } else if (value instanceof String[] array) {
            names.addAll(Arrays.asList(array));
        } else if (value instanceof Collection<?> c) {
            c.forEach(o -> names.add(String.valueOf(o)));
        } else {
            names.add(String.valueOf(value));
        }
        EnumSet<ContextChange> set = EnumSet.noneOf(ContextChange.class);
        for (String n : names) {
            String t = n.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                set.add(ContextChange.valueOf(t.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                LOG.error("Context listener {}: unknown change \"{}\" in {} (known: {})", id, t,
                        ContextListener.PROP_CHANGES, Arrays.toString(ContextChange.values()));
            }
        }
        return Set.copyOf(set);
    }

    /**
     * A command factory joined (the built-in ones are always there, at the lowest ranking, so a plugin can replace
     * one by registering the same name).
     *
     * @param factory    the service
     * @param properties its properties
     */
    @Reference(service = CommandFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeFactory")
    void addFactory(CommandFactory factory, Map<String, Object> properties) {
        String name;
        try {
            name = factory.name();
        } catch (RuntimeException e) {
            LOG.error("Command factory service {} is left out: name() failed: {}",
                    properties.get(Constants.SERVICE_ID), e.toString());
            return;
        }
        if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            LOG.error("Command factory service {} is left out: bad name \"{}\" (lower case words and hyphens)",
                    properties.get(Constants.SERVICE_ID), name);
            return;
        }
        Object rank = properties.get(Constants.SERVICE_RANKING);
        int ranking = rank instanceof Integer r ? r : 0;
        synchronized (agentsLock) {
            for (List<FactoryEntry> list : factoryEntries.values()) {
                if (list.stream().anyMatch(e -> e.factory == factory)) {
                    return; // one of the built-ins, bound back from the registry
                }
            }
            List<FactoryEntry> list = factoryEntries.computeIfAbsent(name, n -> new ArrayList<>());
            list.add(new FactoryEntry(factory, ranking, serviceId(properties)));
            list.sort((a, b) -> a.ranking != b.ranking ? Integer.compare(b.ranking, a.ranking)
                    : Long.compare(a.serviceId, b.serviceId));
            publishFactories();
        }
    }

    /**
     * A command factory left.
     *
     * @param factory the service
     */
    void removeFactory(CommandFactory factory) {
        synchronized (agentsLock) {
            for (List<FactoryEntry> list : factoryEntries.values()) {
                list.removeIf(e -> e.factory == factory && e.ranking != Integer.MIN_VALUE);
            }
            factoryEntries.values().removeIf(List::isEmpty);
            publishFactories();
        }
    }

    private void publishFactories() {
        Map<String, CommandFactory> next = new TreeMap<>();
        for (Map.Entry<String, List<FactoryEntry>> e : factoryEntries.entrySet()) {
            next.put(e.getKey(), e.getValue().get(0).factory);
        }
        factories = java.util.Collections.unmodifiableMap(next);
    }

    /**
     * The note scheduler came.
     *
     * @param s the service
     */
    @Reference(service = NoteScheduler.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindNoteScheduler")
    void bindNoteScheduler(NoteScheduler s) {
        scheduler = s;
    }

    /**
     * The note scheduler left: planned notes are dropped until another one comes.
     *
     * @param s the service
     */
    void unbindNoteScheduler(NoteScheduler s) {
        if (scheduler == s) {
            scheduler = null;
        }
    }

    private static long serviceId(Map<String, Object> properties) {
        Object id = properties.get(Constants.SERVICE_ID);
        return id instanceof Long l ? l : -1;
    }

    // ---------------------------------------------------------------------------------------------- status

    /** @return counters for the status page */
    String counters() {
        SessionEngine e = engine;
        return String.format(Locale.ROOT, "analysis: %d used, %d ignored (bad values), %d stale, %d low confidence, "
                + "%d dropped (queue full)%ncommands: %d executed, %d failed, %d late; notes forwarded: %d; "
                + "scheduler faults: %d; undo %d / redo %d%s", e.analysisUsed, e.analysisIgnored, e.analysisStale,
                e.analysisLowConfidence, analysisDropped.get(), e.commandsExecuted, e.commandsFailed,
                e.commandsLate, e.notesForwarded, e.schedulerFaults, history.undoSize(), history.redoSize(),
                e.lastFailure.isEmpty() ? "" : "\nlast failure: " + e.lastFailure);
    }

    /** @return the forced degradation level, or null when automatic */
    DegradationLevel forcedDegradation() {
        return forcedDegradation;
    }
}
