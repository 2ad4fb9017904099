// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.control.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.perfsuite.api.command.Quantization;
import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.context.SystemMode;
import io.perfsuite.api.session.QueuedCommand;
import io.perfsuite.api.session.SessionManager;
import io.perfsuite.transport.osc.OscMessage;
import io.perfsuite.transport.osc.OscReceived;

/**
 * The {@value #ROOT} OSC address space: commands, cancel, undo and redo, the system mode, state queries and
 * subscriptions (the README has the table). Every request gets an answer to its sender: {@code /perfsuite/ack} or
 * {@code /perfsuite/error <address> <reason>}, except a button's release, which is ignored silently. Nothing a
 * surface sends makes an exception leave {@link #handle}.
 *
 * <p><b>Threading:</b> {@link #handle} runs on the OSC endpoint's receive thread and only hands commands to the
 * session, which queues them; counters may be read from any thread.
 */
final class ControlProtocol {

    /** The root of the address space. */
    static final String ROOT = "/perfsuite";
    static final String ACK = ROOT + "/ack";
    static final String ERROR = ROOT + "/error";

    /** The most queue entries a {@code /perfsuite/get/queue} answer lists. */
    static final int MAX_QUEUE_ITEMS = 32;

    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** What the protocol counts. */
    enum Counter {
        RECEIVED, COMMANDS, CANCELS, UNDOS, REDOS, MODES, QUERIES, SUBSCRIPTIONS, RELEASES_IGNORED,
        UNKNOWN_ADDRESS, UNKNOWN_COMMAND, WRONG_TYPE, BAD_ARGUMENTS, REFUSED, NO_SESSION, FAILED, REPLY_FAILED
    }

    /** What the configuration says. */
    record Settings(Map<String, List<String>> positional, int replyPort) {
        Settings {
            positional = Map.copyOf(positional);
        }
    }

    /** A request that cannot be carried out: the counter and the reason for the error reply. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final Counter counter;

        Refusal(Counter counter, String reason) {
            super(reason, null, false, false);
            this.counter = counter;
        }
    }

    private final Supplier<SessionManager> session;
    private final StatePublisher publisher;
    private final AtomicLongArray counters = new AtomicLongArray(Counter.values().length);
    private volatile Settings settings;

    /**
     * @param session   the session, or null when there is none at the moment
     * @param publisher where subscriptions go
     * @param settings  the configuration
     */
    ControlProtocol(Supplier<SessionManager> session, StatePublisher publisher, Settings settings) {
        this.session = session;
        this.publisher = publisher;
        this.settings = settings;
    }

    /** @param changed the new configuration */
    void settings(Settings changed) {
        settings = changed;
    }

    /** @return a counter's value */
    long count(Counter c) {
        return counters.get(c.ordinal());
    }

    private void count(Counter c, int n) {
        counters.addAndGet(c.ordinal(), n);
    }

    /**
     * Handles one message of the address space.
     *
     * @param r the message
     */
    void handle(OscReceived r) {
        count(Counter.RECEIVED, 1);
        String address = r.message().address();
        InetSocketAddress replyTo = replyAddress(r);
        try {
            route(r, address, replyTo);
        } catch (Refusal e) {
            count(e.counter, 1);
            reply(r, replyTo, ERROR, address, e.getMessage());
        } catch (RuntimeException e) { // a fault of ours or the session's: the surface still gets an answer
            count(Counter.FAILED, 1);
            reply(r, replyTo, ERROR, address, "internal error: " + e);
        }
    }

    private InetSocketAddress replyAddress(OscReceived r) {
        int port = settings.replyPort();
        return port == 0 ? r.sender() : new InetSocketAddress(r.sender().getAddress(), port);
    }

    private void route(OscReceived r, String address, InetSocketAddress replyTo) throws Refusal {
        String path = address.length() > ROOT.length() ? address.substring(ROOT.length()) : "";
        List<Object> args = r.message().arguments();
        if (address.chars().anyMatch(ch -> "*?[]{}".indexOf(ch) >= 0)) {
            throw new Refusal(Counter.UNKNOWN_ADDRESS, "OSC address patterns are not supported: send the address");
        }
        if (path.startsWith("/cmd/")) {
            command(r, path.substring(5), args, replyTo);
            return;
        }
        switch (path) {
            case "/cancel" -> cancel(r, args, replyTo);
            case "/undo", "/redo" -> undoOrRedo(r, path.equals("/undo"), args, replyTo);
            case "/mode" -> mode(r, args, replyTo);
            case "/subscribe" -> {
                noArguments(args);
                StatePublisher.Subscriber dropped = publisher.subscribe(r.endpoint(), replyTo);
                count(Counter.SUBSCRIPTIONS, 1);
                reply(r, replyTo, ACK, -1, "subscribe");
                if (dropped != null) {
                    reply(r, dropped.address(), ERROR, address, "subscription dropped: too many subscribers");
                }
                SessionManager s = session.get();
                if (s != null) { // without a session the state comes once there is one
                    publisher.send(new StatePublisher.Subscriber(r.endpoint(), replyTo, 0),
                            StateMessages.of(s.context(), StateMessages.ALL));
                }
            }
            case "/unsubscribe" -> {
                noArguments(args);
                publisher.unsubscribe(replyTo);
                reply(r, replyTo, ACK, -1, "unsubscribe");
            }
            case "/ping" -> reply(r, replyTo, OscMessage.of(ROOT + "/pong", args.toArray()));
            case "/get/context" -> state(r, args, replyTo, StateMessages.ALL);
            case "/get/tempo" -> state(r, args, replyTo, StateMessages.TEMPO);
            case "/get/beat" -> state(r, args, replyTo, StateMessages.BEAT);
            case "/get/section" -> state(r, args, replyTo, StateMessages.SECTION);
            case "/get/chord" -> state(r, args, replyTo, StateMessages.CHORD);
            case "/get/mode" -> state(r, args, replyTo, StateMessages.MODE);
            case "/get/queue" -> queue(r, args, replyTo);
            case "/get/commands" -> {
                noArguments(args);
                count(Counter.QUERIES, 1);
                reply(r, replyTo, OscMessage.of(ROOT + "/commands", session().commandNames().toArray()));
            }
            default -> throw new Refusal(Counter.UNKNOWN_ADDRESS, "unknown address");
        }
    }

    private void command(OscReceived r, String rest, List<Object> args, InetSocketAddress replyTo)
            throws Refusal {
        String name = rest;
        Quantization fromAddress = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            name = rest.substring(0, slash);
            try {
                fromAddress = Commands.quantization(rest.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                throw new Refusal(Counter.UNKNOWN_ADDRESS, e.getMessage());
            }
        }
        if (!COMMAND_NAME.matcher(name).matches()) {
            throw new Refusal(Counter.UNKNOWN_COMMAND, "\"" + name + "\" is not a command name");
        }
        CommandArguments.Parsed parsed;
        try {
            parsed = CommandArguments.parse(name, args, settings.positional().getOrDefault(name, List.of()),
                    fromAddress);
        } catch (CommandArguments.Problem e) {
            throw new Refusal(e.wrongType ? Counter.WRONG_TYPE : Counter.BAD_ARGUMENTS, e.getMessage());
        }
        if (parsed.release()) {
            count(Counter.RELEASES_IGNORED, 1);
            return;
        }
        SessionManager s = session();
        if (!s.commandNames().contains(name)) {
            throw new Refusal(Counter.UNKNOWN_COMMAND, "unknown command " + name);
        }
        QueuedCommand queued;
        try {
            queued = Commands.submit(s, name, parsed.arguments(), parsed.quantization());
        } catch (IllegalArgumentException e) {
            throw new Refusal(Counter.BAD_ARGUMENTS, String.valueOf(e.getMessage()));
        } catch (IllegalStateException e) {
            throw new Refusal(Counter.REFUSED, String.valueOf(e.getMessage()));
        }
        count(Counter.COMMANDS, 1);
        reply(r, replyTo, ACK, id(queued.id()), queued.name(), Commands.label(queued.quantization()));
    }

    private void cancel(OscReceived r, List<Object> args, InetSocketAddress replyTo) throws Refusal {
        if (args.size() != 1) {
            throw new Refusal(Counter.BAD_ARGUMENTS, "cancel takes the command's id");
        }
        long id = integer(args.get(0));
        if (!session().cancel(id)) {
            throw new Refusal(Counter.REFUSED, "command " + id + " is not queued");
        }
        count(Counter.CANCELS, 1);
        reply(r, replyTo, ACK, id(id), "cancel");
    }

    private void undoOrRedo(OscReceived r, boolean undo, List<Object> args, InetSocketAddress replyTo)
            throws Refusal {
        noArguments(args);
        Optional<QueuedCommand> done;
        try {
            done = undo ? session().undo() : session().redo();
        } catch (IllegalStateException e) {
            throw new Refusal(Counter.REFUSED, String.valueOf(e.getMessage()));
        }
        if (done.isEmpty()) {
            throw new Refusal(Counter.REFUSED, "nothing to " + (undo ? "undo" : "redo"));
        }
        count(undo ? Counter.UNDOS : Counter.REDOS, 1);
        reply(r, replyTo, ACK, id(done.get().id()), undo ? "undo" : "redo", done.get().name());
    }

    private void mode(OscReceived r, List<Object> args, InetSocketAddress replyTo) throws Refusal {
        if (args.size() != 1) {
            throw new Refusal(Counter.BAD_ARGUMENTS, "mode takes one of setup, rehearsal, performance");
        }
        if (!(args.get(0) instanceof String text)) {
            throw new Refusal(Counter.WRONG_TYPE, "mode takes a string: setup, rehearsal or performance");
        }
        SystemMode mode;
        try {
            mode = SystemMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Counter.BAD_ARGUMENTS, "unknown mode \"" + text
                    + "\": use setup, rehearsal or performance");
        }
        try {
            session().setMode(mode);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new Refusal(Counter.REFUSED, String.valueOf(e.getMessage()));
        }
        count(Counter.MODES, 1);
        reply(r, replyTo, ACK, -1, "mode", mode.name().toLowerCase(Locale.ROOT));
    }

    private void state(OscReceived r, List<Object> args, InetSocketAddress replyTo, int parts) throws Refusal {
        noArguments(args);
        MusicalContext c = session().context();
        count(Counter.QUERIES, 1);
        for (OscMessage m : StateMessages.of(c, parts)) {
            reply(r, replyTo, m);
        }
    }

    private void queue(OscReceived r, List<Object> args, InetSocketAddress replyTo) throws Refusal {
        noArguments(args);
        List<QueuedCommand> queue = session().queue();
        count(Counter.QUERIES, 1);
        reply(r, replyTo, ROOT + "/queue", queue.size());
        for (QueuedCommand q : queue.subList(0, Math.min(queue.size(), MAX_QUEUE_ITEMS))) {
            reply(r, replyTo, ROOT + "/queue/item", id(q.id()), q.name(), Commands.label(q.quantization()),
                    (float) q.dueBeat());
        }
    }

    private SessionManager session() throws Refusal {
        SessionManager s = session.get();
        if (s == null) {
            throw new Refusal(Counter.NO_SESSION, "no session is running");
        }
        return s;
    }

    private static void noArguments(List<Object> args) throws Refusal {
        if (!args.isEmpty()) {
            throw new Refusal(Counter.BAD_ARGUMENTS, "takes no arguments");
        }
    }

    private static long integer(Object v) throws Refusal {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if ((v instanceof Float || v instanceof Double) && ((Number) v).doubleValue() == Math.rint(
                ((Number) v).doubleValue())) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new Refusal(Counter.BAD_ARGUMENTS, "\"" + s + "\" is not a command id");
            }
        }
        throw new Refusal(Counter.WRONG_TYPE, "a command id is an integer (i or h)");
    }

    /** @return an id as OSC int32 when it fits (TouchOSC reads no int64), else int64 */
    private static Object id(long id) {
        return id == (int) id ? (Object) (int) id : (Object) id;
    }

    private void reply(OscReceived r, InetSocketAddress to, String address, Object... args) {
        try {
            reply(r, to, OscMessage.of(address, args));
        } catch (RuntimeException e) { // e.g. an error reason no OSC string can hold: counted, never thrown
            count(Counter.REPLY_FAILED, 1);
        }
    }

    private void reply(OscReceived r, InetSocketAddress to, OscMessage m) {
        try {
            if (!r.endpoint().send(to, m)) {
                count(Counter.REPLY_FAILED, 1);
            }
        } catch (RuntimeException e) { // the endpoint closed under us: the request was handled all the same
            count(Counter.REPLY_FAILED, 1);
        }
    }

    /** @return the counters as name=value lines, for the shell */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Counter c : Counter.values()) {
            out.add(c.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + count(c));
        }
        return out;
    }
}
