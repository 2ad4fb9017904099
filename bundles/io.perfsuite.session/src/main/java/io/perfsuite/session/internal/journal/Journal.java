// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.journal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.session.internal.Json;

/**
 * The session journal: an append-only file of JSON lines ({@code <dir>/session-YYYYMMDD-HHMMSS.jsonl}), one per
 * command event, written by a thread of its own so the session thread never does I/O. Each line goes to the file
 * with its own write (no user-space buffer), so a process killed with {@code kill -9} loses at most the line being
 * written; an fsync per line is not done, so a power cut may lose what the OS had not yet written.
 *
 * <p><b>Threading:</b> {@link #record} may be called from any thread and never blocks: a full queue drops the entry
 * and counts it. The journal thread is the only writer of the file.
 */
public final class Journal implements AutoCloseable {

    /** The journal format's version, written in the first line. */
    public static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final JournalEntry END = JournalEntry.session("end", 0, null, null);

    private final Path file;
    private final OutputStream out;
    // A lock-free queue the journal thread polls every 2 ms: recording an entry wakes no thread, so a command's
    // submission does not hand the CPU to the journal thread just when the session thread should run it (measured:
    // a blocking queue's signal put the journal thread in the session thread's way on a 2-core machine).
    private static final int CAPACITY = 16_384;
    private static final long POLL_NANOS = 2_000_000;
    private final ConcurrentLinkedQueue<JournalEntry> queue =
            new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile long written;

    private Journal(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
        this.thread = new Thread(this::run, "perfsuite-journal");
        this.thread.setDaemon(true);
    }

    /**
     * Opens a new journal file in a folder (created if needed) and starts the journal thread.
     *
     * @param dir the folder
     * @return the journal
     * @throws IOException if the folder or file cannot be created
     */
    public static Journal open(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stem = "session-" + LocalDateTime.now().format(FILE_TIME);
        Path file = dir.resolve(stem + ".jsonl");
        for (int i = 2; Files.exists(file); i++) {
            file = dir.resolve(stem + "-" + i + ".jsonl");
        }
        OutputStream out = new FileOutputStream(Files.createFile(file).toFile(), true);
        Journal journal = new Journal(file, out);
        journal.record(JournalEntry.session("start", System.nanoTime(), "format " + FORMAT, null));
        journal.thread.start();
        return journal;
    }

    /** @return the file written to */
    public Path file() {
        return file;
    }

    /** @return lines written so far */
    public long written() {
        return written;
    }

    /** @return entries dropped because the journal thread fell behind */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Queues one line. Never blocks.
     *
     * @param entry the entry
     */
    public void record(JournalEntry entry) {
        if (queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(entry);
    }

    /**
     * Waits until a number of lines are in the file (for tests and for a clean shutdown).
     *
     * @param lines         the count, the start line included
     * @param timeoutMillis how long to wait at most
     * @return whether that many lines were written
     */
    public boolean awaitWritten(long lines, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (written < lines) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void run() {
        try {
            while (true) {
                JournalEntry e = queue.poll();
                if (e == null) {
                    LockSupport.parkNanos(this, POLL_NANOS);
                    continue;
                }
                queued.decrementAndGet();
                if (e == END) {
                    break;
                }
                write(e);
            }
        } finally {
            JournalEntry e;
            while ((e = queue.poll()) != null) {
                if (e != END) {
                    write(e);
                }
            }
            try {
                out.close();
            } catch (IOException ex) {
                LOG.warn("Closing the journal {} failed: {}", file, ex.toString());
            }
        }
    }

    private void write(JournalEntry e) {
        try {
            out.write((format(e) + "\n").getBytes(StandardCharsets.UTF_8));
            written++;
        } catch (IOException | RuntimeException ex) {
            if (failed.getAndIncrement() == 0) {
                LOG.error("Cannot write the session journal {}: {} (further failures are counted only)", file,
                        ex.toString());
            }
        }
    }

    /**
     * Formats an entry as one JSON line (no newline).
     *
     * @param e the entry
     * @return the line
     */
    public static String format(JournalEntry e) {
        Json.Writer w = new Json.Writer().begin()
                .field("time", Instant.ofEpochMilli(e.wallMillis()).toString())
                .field("nanos", e.nanos())
                .field("event", e.event());
        if (e.id() >= 0) {
            w.field("id", e.id());
        }
        if (e.name() != null) {
            w.field("name", e.name());
        }
        if (e.arguments() != null) {
            Map<String, String> sorted = new TreeMap<>(e.arguments());
            w.field("args", sorted);
        }
        if (e.quantization() != null) {
            w.field("quantization", e.quantization());
        }
        if (!Double.isNaN(e.dueBeat())) {
            w.field("dueBeat", e.dueBeat());
        }
        if (!Double.isNaN(e.beat())) {
            w.field("beat", e.beat());
        }
        if (e.detail() != null) {
            w.field("detail", e.detail());
        }
        if (e.list() != null) {
            w.name("songs").beginArray();
            for (String s : e.list()) {
                w.value(s);
            }
            w.endArray();
        }
        return w.end().toString();
    }

    /** Writes what is queued, closes the file and stops the thread (waits up to two seconds). */
    @Override
    public void close() {
        try {
            queue.add(END);
            LockSupport.unpark(thread);
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
